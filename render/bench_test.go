package render

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// BenchmarkDecodeReport is what `usbaudio decode` does per device once the
// bytes are read: parse and join (model.Build), then the summary, the
// reflection-driven dump, and JSON.
func BenchmarkDecodeReport(b *testing.B) {
	desc, err := os.ReadFile(filepath.Join("..", "fixtures", "spec", "uac2-headset", "descriptors.bin"))
	if err != nil {
		b.Skip("fixture not present")
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := model.Build(model.Input{Descriptors: desc}); err != nil {
				b.Fatal(err)
			}
		}
	})
	d, _ := model.Build(model.Input{Descriptors: desc})
	b.Run("text", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Text(io.Discard, d, Options{Verbose: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := JSON(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
