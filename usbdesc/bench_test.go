package usbdesc

import "testing"

// BenchmarkParse decodes every fixture blob: `go test -bench . -benchmem`.
// The goal (issue 2) is under 5 µs for a ~400-byte headset blob, with
// allocations only for the model itself.
func BenchmarkParse(b *testing.B) {
	for _, fx := range loadFixtures(b) {
		b.Run(fx.name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.blob)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(fx.blob); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecode is BenchmarkParse without the analysis (BADD inference,
// topology, classification): the cost of decoding descriptors alone.
func BenchmarkDecode(b *testing.B) {
	for _, fx := range loadFixtures(b) {
		b.Run(fx.name, func(b *testing.B) {
			b.SetBytes(int64(len(fx.blob)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parse(fx.blob, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
