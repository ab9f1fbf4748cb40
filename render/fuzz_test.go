package render

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// FuzzRender: whatever the parser makes of the bytes, the renderers must
// not panic (the dump walks the model by reflection) and JSON must encode.
func FuzzRender(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", "*", "descriptors.bin"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, []byte{0x05, 0x0c, 0x09, 0x01, 0xa1, 0x01, 0x09, 0xe9, 0x09, 0xea, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02, 0xc0})
		}
	}
	f.Add([]byte{0x12, 0x01}, []byte{})
	f.Fuzz(func(t *testing.T, desc, report []byte) {
		d, _ := model.Build(model.Input{Descriptors: desc, HIDReports: map[uint8][]byte{0: report}})
		if d == nil {
			return
		}
		if err := Text(io.Discard, d, Options{Verbose: true}); err != nil {
			t.Fatal(err)
		}
		if err := JSON(io.Discard, d); err != nil {
			t.Fatal(err)
		}
		if err := DOT(io.Discard, d); err != nil {
			t.Fatal(err)
		}
	})
}
