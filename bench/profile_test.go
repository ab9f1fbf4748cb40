package bench

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// roundTrip writes a device's profile as JSON, reads it back and checks
// the same device against it: a golden unit must pass its own profile.
func roundTrip(t *testing.T, d *model.Device) (*Profile, []Result) {
	t.Helper()
	data, err := FromDevice(d).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseProfile(data)
	if err != nil {
		t.Fatalf("profile does not read back: %v\n%s", err, data)
	}
	results := Compare(p, d)
	for _, r := range results {
		if !r.Pass {
			t.Errorf("own profile fails: %s", r)
		}
	}
	return p, results
}

// names lists the result names.
func names(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

func TestOwnProfilePassesFixtures(t *testing.T) {
	cases := []struct {
		file string
		// checks every profile of this device must hold, by name
		want []string
	}{
		{"qemu/qemu-usb-audio/descriptors.bin", []string{"vendor id", "product id", "form factor",
			"playback paths", "capture paths", "playback 1 channels", "playback 1 sample rates",
			"playback 1 control mute", "playback 1 control volume"}},
		{"qemu/qemu-usb-audio-multi/descriptors.bin", []string{"playback 1 channels", "playback 1 control volume"}},
		{"qemu/qemu-usb-kbd/descriptors.bin", []string{"vendor id", "product id"}},
		{"spec/uac2-headset/descriptors.bin", []string{"capture 1 from terminal", "playback 1 to terminal",
			"capture 1 control volume", "playback 1 bit depths"}},
		{"spec/uac3-badd-headset/descriptors.bin", []string{"uac version", "capture 1 channels", "playback 1 sample rates"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d := buildDevice(t, readFile(t, filepath.Join(fixturesDir, c.file)), model.Strings{}, nil)
			_, results := roundTrip(t, d)
			have := map[string]bool{}
			for _, n := range names(results) {
				have[n] = true
			}
			for _, w := range c.want {
				if !have[w] {
					t.Errorf("no %q check among %q", w, names(results))
				}
			}
		})
	}
}

// Every real lsusb dump, through the same path as a FILE input.
func TestOwnProfilePassesRealLsusb(t *testing.T) {
	realdata(t, "INDEX.md")
	files, err := filepath.Glob(filepath.Join(realdataDir, "*", "lsusb.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no lsusb dumps: %v", err)
	}
	paths := 0
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f))
		t.Run(name, func(t *testing.T) {
			desc, s := lsusbDevice(t, readFile(t, f))
			d := buildDevice(t, desc, s, nil)
			p, results := roundTrip(t, d)
			if len(results) < 4 {
				t.Errorf("only %d checks: %q", len(results), names(results))
			}
			paths += len(p.Paths)
		})
	}
	if paths < len(files) {
		t.Errorf("%d paths over %d audio devices", paths, len(files))
	}
}

func TestProfileContentQEMU(t *testing.T) {
	d := buildDevice(t, readFile(t, filepath.Join(fixturesDir, "qemu/qemu-usb-audio/descriptors.bin")),
		model.Strings{Manufacturer: "QEMU", Product: "QEMU USB Audio", Serial: "1-0000:00:01.0-1"}, nil)
	p := FromDevice(d)
	if got := p.VIDPID(); got != "46f4:0002" {
		t.Errorf("VIDPID %q", got)
	}
	if p.Unit == nil || p.Unit.Serial != "****.0-1" {
		t.Errorf("unit %+v: want the masked serial recorded", p.Unit)
	}
	if *p.Classification.FormFactor != "speaker" || p.Classification.MinScore != nil {
		t.Errorf("classification %+v", p.Classification)
	}
	if len(p.Paths) != 1 {
		t.Fatalf("%d paths", len(p.Paths))
	}
	want := Path{Direction: "playback", From: &Terminal{"0x0101", "USB Streaming"}, To: &Terminal{"0x0301", "Speaker"},
		Channels: ptr(2), BitDepths: []int{16}, SampleRates: []uint32{48000},
		Controls: []Control{{"mute", []int{0}, "read-write"}, {"volume", []int{1, 2}, "read-write"}}}
	if !reflect.DeepEqual(p.Paths[0], want) {
		t.Errorf("path\n got %+v\nwant %+v", p.Paths[0], want)
	}
	data, _ := p.Marshal()
	for _, s := range []string{`"schema": "usbaudio-profile/v1"`, `"channels": [1, 2]`, `"sample_rates": [48000]`, `"vid": "46f4"`} {
		if !strings.Contains(string(data), s) {
			t.Errorf("profile lacks %s:\n%s", s, data)
		}
	}
}

func TestParseProfileRefusesMistakes(t *testing.T) {
	cases := map[string]string{
		`{"schema": "usbaudio-profile/v2"}`:                                                                                           "schema",
		`{"schema": "usbaudio-profile/v1", "identiy": {}}`:                                                                            "unknown field",
		`{"schema": "usbaudio-profile/v1", "paths": [{"direction": "up"}]}`:                                                           "direction",
		`{"schema": "usbaudio-profile/v1", "strings": {"x": "a"}}`:                                                                    "string index",
		`{"schema": "usbaudio-profile/v1", "paths": [{"direction": "playback", "volume_db": {"min": 0, "max": 1, "tolerance": -1}}]}`: "negative",
	}
	for in, want := range cases {
		if _, err := ParseProfile([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", in, err, want)
		}
	}
}

// The example profiles in fixtures/profiles are kept in step with the
// fixtures they were made from.
func TestExampleProfilesPass(t *testing.T) {
	cases := map[string]string{
		"qemu-usb-audio.json": "qemu/qemu-usb-audio/descriptors.bin",
		"uac2-headset.json":   "spec/uac2-headset/descriptors.bin",
	}
	for profile, desc := range cases {
		data, err := os.ReadFile(filepath.Join(fixturesDir, "profiles", profile))
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseProfile(data)
		if err != nil {
			t.Fatalf("%s: %v", profile, err)
		}
		d := buildDevice(t, readFile(t, filepath.Join(fixturesDir, desc)), model.Strings{}, nil)
		results := Compare(p, d)
		if len(results) == 0 || Failed(results) != 0 {
			t.Errorf("%s: %d checks, %d failed", profile, len(results), Failed(results))
			for _, r := range results {
				if !r.Pass {
					t.Log(r)
				}
			}
		}
	}
}

// Device strings that are not UTF-8 survive the JSON round trip escaped,
// so the unit passes its own profile.
func TestProfileTextNonUTF8(t *testing.T) {
	for in, want := range map[string]string{"Acme\xff": `Acme\xff`, "Jabra": "Jabra", "Müller\x80x": `Müller\x80x`} {
		if got := ProfileText(in); got != want {
			t.Errorf("ProfileText(%q) = %q, want %q", in, got, want)
		}
	}
	d := buildDevice(t, readFile(t, filepath.Join(fixturesDir, "qemu/qemu-usb-audio/descriptors.bin")),
		model.Strings{Manufacturer: "Acme\xff", Product: "Head\xfeset"}, nil)
	p, _ := roundTrip(t, d)
	if *p.Identity.Manufacturer != `Acme\xff` || *p.Identity.Product != `Head\xfeset` {
		t.Errorf("identity %q %q", *p.Identity.Manufacturer, *p.Identity.Product)
	}
}
