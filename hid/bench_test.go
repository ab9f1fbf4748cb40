package hid

import "testing"

// BenchmarkParseHeadset parses a 332-byte telephony headset descriptor.
func BenchmarkParseHeadset(b *testing.B) {
	desc := loadReal(b, "jabra-biz-2400-ii")
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(desc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLargeHeadset parses the largest real descriptor (911 bytes).
func BenchmarkParseLargeHeadset(b *testing.B) {
	desc := loadReal(b, "plantronics-poly-voyager-base-cd")
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(desc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeReport decodes one input report into events, alternating
// press and release so every call emits.
func BenchmarkDecodeReport(b *testing.B) {
	d := mustParse(b, loadReal(b, "jabra-biz-2400-ii"))
	dec := NewDecoder(d)
	reports := [2][]byte{{0x02, 0x05, 0x00}, {0x02, 0x00, 0x00}}
	n := 0
	emit := func(Event) { n++ }
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := dec.Decode(reports[i&1], emit); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if n == 0 {
		b.Fatal("no events")
	}
}
