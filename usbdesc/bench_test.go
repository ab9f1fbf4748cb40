package usbdesc

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/lsusbtext"
)

// BenchmarkParse decodes every fixture blob: `go test -bench . -benchmem`.
// The goal (issue 2) is under 5 µs for a ~400-byte headset blob, with
// allocations only for the model itself. Besides wall-clock ns/op it
// reports cpu-ns/op (process CPU time per op, from getrusage), which stays
// meaningful when the machine is shared and the benchmark is descheduled.
func BenchmarkParse(b *testing.B) {
	for _, fx := range loadFixtures(b) {
		b.Run(fx.name, func(b *testing.B) { benchParse(b, fx.blob, true, nil) })
	}
}

// BenchmarkDecode is BenchmarkParse without the analysis (BADD inference,
// topology, classification): the cost of decoding descriptors alone.
func BenchmarkDecode(b *testing.B) {
	for _, fx := range loadFixtures(b) {
		b.Run(fx.name, func(b *testing.B) { benchParse(b, fx.blob, false, nil) })
	}
}

// realHeadsets are typical real USB headsets from fixtures/devices (their
// public lsusb -v text, rebuilt into bytes by lsusbtext), 270 to 490 bytes
// with the device descriptor: the "typical headset blob" of issue 2.
var realHeadsets = []string{
	"jabra-evolve-20-se-ms", "plantronics-blackwire-3220", "razer-kraken-tournament-edition",
	"steelseries-arctis-7", "samsung-usb-c-headset-04e8_a051",
}

// BenchmarkParseRealHeadset is BenchmarkParse over realHeadsets.
func BenchmarkParseRealHeadset(b *testing.B) { benchRealHeadsets(b, true, false) }

// BenchmarkDecodeRealHeadset is BenchmarkParseRealHeadset without the
// analysis: what decoding the descriptors into the model costs, the
// rest of BenchmarkParseRealHeadset being topology and classification.
func BenchmarkDecodeRealHeadset(b *testing.B) { benchRealHeadsets(b, false, false) }

// BenchmarkParseRealHeadsetWarm is BenchmarkParseRealHeadset decoding
// into one block that each iteration zeroes and reuses: the same work
// with the model's memory already in cache, so the collector has only
// the 320-byte Blob to reclaim. What it saves against
// BenchmarkParseRealHeadset is what fresh memory and the collector cost;
// what it takes is the floor any allocation scheme for this model could
// reach on the host.
func BenchmarkParseRealHeadsetWarm(b *testing.B) { benchRealHeadsets(b, true, true) }

// BenchmarkDecodeRealHeadsetWarm is BenchmarkParseRealHeadsetWarm
// without the analysis.
func BenchmarkDecodeRealHeadsetWarm(b *testing.B) { benchRealHeadsets(b, false, true) }

// benchRealHeadsets runs benchParse on each of realHeadsets, with a
// reused block of its own for each when warm.
func benchRealHeadsets(b *testing.B, analyze, warm bool) {
	for _, name := range realHeadsets {
		blob := realHeadsetBlob(b, name)
		b.Run(name, func(b *testing.B) {
			var blk *block
			if warm {
				blk = new(block)
			}
			benchParse(b, blob, analyze, blk)
		})
	}
}

// realHeadsetBlob is the descriptor blob of one of realHeadsets, rebuilt
// from its lsusb text.
func realHeadsetBlob(tb testing.TB, name string) []byte {
	tb.Helper()
	text, err := os.ReadFile(filepath.Join(fixturesDir, "devices", name, "lsusb.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	devs, err := lsusbtext.Parse(text)
	if err != nil || len(devs) == 0 {
		tb.Fatalf("%s: lsusbtext: %v", name, err)
	}
	return devs[0].Descriptors
}

// benchParse times parse of blob, or, with warm, parseInto warm zeroed
// at each iteration.
func benchParse(b *testing.B, blob []byte, analyze bool, warm *block) {
	b.SetBytes(int64(len(blob)))
	b.ReportAllocs()
	start := cpuTime()
	n := 0
	for b.Loop() {
		if warm != nil {
			*warm = block{}
		}
		if _, err := parseInto(blob, analyze, warm); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
	}
}

// cpuTime is the user+system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
