package lsusbtext

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureDir = "../fixtures/lsusb"

// TestRoundTrip: every fixtures/lsusb/NAME.bin was rendered by genuine lsusb
// (lsusb-oracle) into NAME.lsusb.txt; importing that text must give the bytes back.
func TestRoundTrip(t *testing.T) {
	bins, err := filepath.Glob(filepath.Join(fixtureDir, "*.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bins) < 3 {
		t.Fatalf("only %d round-trip fixtures in %s", len(bins), fixtureDir)
	}
	for _, bin := range bins {
		name := strings.TrimSuffix(filepath.Base(bin), ".bin")
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(filepath.Join(fixtureDir, name+".lsusb.txt"))
			if err != nil {
				t.Fatal(err)
			}
			devs, err := Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			if len(devs) != 1 {
				t.Fatalf("got %d devices, want 1", len(devs))
			}
			got := devs[0].Descriptors
			if !bytes.Equal(got, want) {
				t.Errorf("rebuilt %d bytes, want %d; first difference: %s", len(got), len(want), firstDiff(got, want))
			}
			if devs[0].Missing() {
				t.Errorf("complete lsusb output reported as missing data: %v", devs[0].Gaps)
			}
			for _, g := range devs[0].Gaps {
				t.Logf("gap: %v", g)
			}
		})
	}
}

// firstDiff describes where two descriptor blobs part, walking descriptors.
func firstDiff(got, want []byte) string {
	for off := 0; off < len(got) && off < len(want); {
		l := int(want[off])
		if l == 0 {
			l = 1
		}
		end := min(off+l, len(want))
		gend := min(off+l, len(got))
		if !bytes.Equal(got[off:gend], want[off:end]) {
			return fmt.Sprintf("descriptor at offset %d:\n got % x\nwant % x", off, got[off:gend], want[off:end])
		}
		off = end
	}
	return fmt.Sprintf("length only (got %d, want %d)", len(got), len(want))
}
