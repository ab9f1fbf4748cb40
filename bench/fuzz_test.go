package bench

import (
	"path/filepath"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// Profiles are edited by hand: whatever ParseProfile accepts must compare
// against any unit without panicking, and every check must name itself.
func FuzzCompareProfile(f *testing.F) {
	desc := readFile(f, filepath.Join(fixturesDir, "qemu/qemu-usb-audio/descriptors.bin"))
	d := buildDevice(f, desc, model.Strings{Manufacturer: "QEMU", Product: "QEMU\xffAudio"}, nil)
	golden, err := FromDevice(d).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte(`{"schema": "usbaudio-profile/v1", "paths": [{"direction": "capture", "channels": -1, "controls": [{"name": ""}]}], "strings": {"255": ""}}`))
	f.Add([]byte(`{"schema": "usbaudio-profile/v1", "paths": [{"direction": "playback", "volume_db": {"min": 1e308, "max": -1e308, "tolerance": 1e308}}]}`))
	empty := &model.Device{Verdict: model.Verdict{Function: 5}}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProfile(data)
		if err != nil {
			return
		}
		for _, dev := range []*model.Device{d, empty} {
			for _, r := range Compare(p, dev) {
				if r.Name == "" || r.Message() == "" {
					t.Fatalf("unnamed check %+v", r)
				}
			}
		}
	})
}
