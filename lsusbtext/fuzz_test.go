package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// maxSeed keeps the fuzzer fast: mutating the 120 KB TRX40 dump costs more than it finds.
const maxSeed = 32 << 10

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(fixtureDir, "*.txt"))
	real, _ := filepath.Glob(filepath.Join(realdataDir, "*", "lsusb.txt"))
	corpus, _ := filepath.Glob(filepath.Join("..", "fixtures", "devices", "*", "lsusb.txt"))
	for _, path := range append(append(seeds, real...), corpus...) {
		if b, err := os.ReadFile(path); err == nil && len(b) <= maxSeed {
			f.Add(b)
		}
	}
	f.Add([]byte("Device Descriptor:\n bLength 255\n ** UNRECOGNIZED: ff 24\n wTotalLength 0xffffffffffffffff\n"))
	f.Add([]byte("Configuration Descriptor:\nbLength 9\nbMaxBurst 3\nMaxStreams 99999999999\nMult 7\n"))
	f.Fuzz(checkParse)
}

// checkParse asserts what must hold for any text.
func checkParse(t *testing.T, text []byte) {
	{
		devs, err := Parse(text)
		if err != nil {
			if len(devs) != 0 {
				t.Fatal("devices returned with an error")
			}
			return
		}
		for _, d := range devs {
			// Output is bounded by the format, never by a number in the text.
			if len(d.Descriptors) > maxDescriptor+len(d.Configs)*maxConfiguration {
				t.Fatalf("%d bytes for %d configurations", len(d.Descriptors), len(d.Configs))
			}
			end := 0
			for _, c := range d.Configs {
				if c.Offset < end || c.Offset+c.Length > len(d.Descriptors) {
					t.Fatalf("config span %+v outside %d bytes", c, len(d.Descriptors))
				}
				end = c.Offset + c.Length
			}
			if r := d.RepairedDescriptors(); len(r) != len(d.Descriptors) {
				t.Fatal("repair changed the length")
			}
			for _, g := range d.Gaps {
				_ = g.String()
			}
		}
		again, _ := Parse(text)
		for i := range devs {
			if !bytes.Equal(devs[i].Descriptors, again[i].Descriptors) {
				t.Fatal("Parse is not deterministic")
			}
		}
		_ = Detect(text)
	}
}
