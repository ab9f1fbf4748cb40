//go:build corpus

package usbdesc

// Cross-check over the lsusb corpus: every `lsusb -v` text in
// ../shared/realdata and fixtures/devices is rebuilt into descriptor bytes
// by lsusbtext, decoded by Parse, and the decode compared with the numbers
// in the original text (as TestOracleCrossCheck does for the oracle's own
// output). Behind the `corpus` build tag because it depends on another
// package under active development: go test -tags corpus -run Corpus ./usbdesc/

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
)

func TestCorpusCrossCheck(t *testing.T) {
	var paths []string
	for _, pattern := range []string{
		filepath.Join(realDataDir, "*", "lsusb.txt"),
		filepath.Join(fixturesDir, "devices", "*", "lsusb.txt"),
	} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		t.Skip("no lsusb corpus")
	}
	total := 0
	for _, path := range paths {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			devs, err := lsusbtext.Parse(text)
			if err != nil || len(devs) == 0 {
				t.Skipf("lsusbtext: %v", err)
			}
			blob, err := Parse(devs[0].Descriptors)
			if err != nil {
				t.Errorf("Parse: %v", err)
			}
			for _, w := range blob.Warnings {
				t.Logf("warning: %v", w)
			}
			// Old lsusb versions call AS descriptors "AudioControl
			// Interface Descriptor": compare AC and AS as one sequence.
			want := groupFields(mergeAudioBlocks(parseLsusb(string(text))))
			got := groupFields(mergeAudioBlocks(oracleFields(blob)))
			compared := 0
			for key, gotValues := range got {
				wantValues := want[key]
				if len(wantValues) == 0 {
					continue // the paste lacks the field (e.g. linuxhw dumps without bNumConfigurations)
				}
				if key.name == "bmaControls" {
					wantValues = joinControlBytes(wantValues, len(gotValues))
				}
				if len(wantValues) > len(gotValues) {
					wantValues = wantValues[:len(gotValues)] // text may hold several devices
				}
				if hexList(gotValues) != hexList(wantValues) {
					t.Errorf("%s %s: ours %v, lsusb %v", key.block, key.name, hexList(gotValues), hexList(wantValues))
				}
				compared += len(gotValues)
			}
			total += compared
			t.Logf("%d field values agree with lsusb", compared)
		})
	}
	t.Logf("%d devices, %d field values compared", len(paths), total)
}

func mergeAudioBlocks(fields []fieldValue) []fieldValue {
	for i := range fields {
		if fields[i].block == blkAS {
			fields[i].block = blkAC
		}
	}
	return fields
}

// joinControlBytes undoes the oldest lsusb format, which prints each byte
// of a multi-byte UAC1 bmaControls on its own line (indexed by byte):
// when lsusb has k values for each of ours, join each k little-endian.
func joinControlBytes(values []uint64, want int) []uint64 {
	for k := 2; k <= 4; k++ {
		if want == 0 || len(values) != k*want {
			continue
		}
		out := make([]uint64, want)
		for i := range out {
			for j := 0; j < k; j++ {
				out[i] |= values[i*k+j] << (8 * j)
			}
		}
		return out
	}
	return values
}
