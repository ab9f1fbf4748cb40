package usbdesc

import "testing"

// BenchmarkAnalyzeUAC1Headset: topology and classification of a typical
// UAC1 headset function (8 entities, sidetone mixer, 2 streams).
func BenchmarkAnalyzeUAC1Headset(b *testing.B) {
	f := uac1Headset(TermSpeaker)
	b.ReportAllocs()
	for b.Loop() {
		f.Warnings = f.Warnings[:0]
		f.Analyze()
	}
	if f.Classification.FormFactor != FormHeadset {
		b.Fatal(f.Classification.FormFactor)
	}
}

// BenchmarkAnalyzeBADDHeadset includes building the function, since BADD
// inference only runs on a function without entities.
func BenchmarkAnalyzeBADDHeadset(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := baddFunction(BADDHeadset, baddStream(1, false, 0xc0, 0x120), baddStream(2, true, 0x62, 0x93))
		f.Analyze()
	}
}

// BenchmarkTopologyLongChain: the worst chain a function can hold (255
// entities).
func BenchmarkTopologyLongChain(b *testing.B) {
	f := longChain(false)
	b.ReportAllocs()
	for b.Loop() {
		buildTopology(f, nil)
	}
}
