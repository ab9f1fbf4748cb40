package lsusbtext

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// oraclePath is shared/tools/lsusb-oracle beside the repository (as laid out
// for developers and CI); lsusb-oracle on PATH wins.
var oraclePath = filepath.Join("..", "..", "shared", "tools", "lsusb-oracle")

// oracle returns the path of lsusb-oracle, or skips the test when it is absent.
func oracle(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not running lsusb-oracle")
	}
	path := oraclePath
	if p, err := exec.LookPath("lsusb-oracle"); err == nil {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		t.Skip("lsusb-oracle not available")
	}
	if _, err := exec.LookPath("umockdev-run"); err != nil {
		t.Skip("umockdev not installed: lsusb-oracle would need to install it")
	}
	return path
}

// renderWithOracle prints genuine `lsusb -v` for a descriptor blob.
func renderWithOracle(t *testing.T, blob []byte) []byte {
	t.Helper()
	path := oracle(t)
	f := filepath.Join(t.TempDir(), "descriptors.bin")
	if err := os.WriteFile(f, blob, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, f).Output()
	if err != nil {
		t.Fatalf("lsusb-oracle: %v", err)
	}
	return out
}

// fieldSequence reduces lsusb text to the descriptor fields it printed, in
// order, as "name=value": string texts, names from usb.ids, decoded lines and
// whitespace are dropped and numbers compared by value, so two lsusb runs on
// the same bytes agree even across mailer damage.
func fieldSequence(text []byte) []string {
	var out []string
	inReport := false
	controlSize := 0
	var split []string // bytes of one control that old lsusb printed one per line
	for _, l := range splitLines(text) {
		s := l.text
		if s == "" {
			continue
		}
		after := false
		for _, h := range afterHeaders {
			if strings.HasPrefix(s, h) {
				after = true
			}
		}
		if after {
			break
		}
		if strings.HasPrefix(s, "Report Descriptor") {
			inReport = true
			continue
		}
		f, ok := parseField(s)
		if !ok {
			if strings.HasSuffix(s, ":") {
				inReport = false
			}
			continue
		}
		if inReport {
			continue
		}
		name := f.name
		if alias, ok := renamedFields[name]; ok {
			name = alias
		}
		switch {
		case name == "bLength":
			controlSize = 0
		case name == "bControlSize":
			controlSize, _ = strconv.Atoi(f.value)
		case name == "bmaControls" && controlSize > 1 && len(f.value) == 4:
			// lsusb of 2002 printed each byte of a multi-byte control on its own line.
			split = append(split, strings.TrimPrefix(f.value, "0x"))
			if len(split) < controlSize {
				continue
			}
			slices.Reverse(split)
			f.value = "0x" + strings.Join(split, "")
			split = nil
		}
		out = append(out, name+"="+normalValue(f.value))
	}
	return out
}

// renamedFields maps field names of older usbutils releases to today's.
var renamedFields = map[string]string{
	"bNumControl":      "bNumControls",
	"bNrPins":          "bNrInPins",
	"bEndPointAddress": "bEndpointAddress",
	"baSource":         "baSourceID",
}

func normalValue(v string) string {
	if h, ok := strings.CutPrefix(strings.ToLower(v), "0x"); ok {
		if n, err := strconv.ParseUint(h, 16, 64); err == nil {
			return strconv.FormatUint(n, 10)
		}
	}
	return strings.ToLower(v)
}

// TestRerenderRealdata renders the bytes rebuilt from each real lsusb dump
// with genuine lsusb and compares the two texts field by field.
func TestRerenderRealdata(t *testing.T) {
	dumps := realdataDumps(t)
	// Dumps other helpers add to the device corpus count too.
	corpus, _ := filepath.Glob(filepath.Join("..", "fixtures", "devices", "*", "lsusb.txt"))
	dumps = append(dumps, corpus...)
	oracle(t)
	for _, path := range dumps {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each oracle run is a separate umockdev testbed
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			devs, err := Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			blob := devs[0].Descriptors
			partial := devs[0].Missing()
			if partial {
				// libusb refuses a configuration shorter than its wTotalLength:
				// render what the text gave, and compare all but that field.
				blob = devs[0].RepairedDescriptors()
			}
			rendered := renderWithOracle(t, blob)
			// Importing lsusb's own rendering of the rebuilt bytes gives them back.
			if back, err := Parse(rendered); err != nil || len(back) != 1 || !bytes.Equal(back[0].Descriptors, blob) {
				t.Errorf("re-importing the oracle's text does not give the rebuilt bytes back (err %v)", err)
			}
			orig := fieldSequence(text)
			again := fieldSequence(rendered)
			if hasGap(devs[0], GapInferred) && !slices.ContainsFunc(orig, func(s string) bool {
				return strings.HasPrefix(s, "bNumConfigurations=")
			}) {
				// The paste lacked bNumConfigurations and it was inferred.
				again = slices.DeleteFunc(again, func(s string) bool { return strings.HasPrefix(s, "bNumConfigurations=") })
			}
			diffs := 0
			n := max(len(orig), len(again))
			if partial {
				// A descriptor the paste cut off was padded with zeros:
				// what lsusb prints for the padding was never in the text.
				n = len(orig)
			}
			for i := 0; i < n && diffs < 10; i++ {
				var a, b string
				if i < len(orig) {
					a = orig[i]
				}
				if i < len(again) {
					b = again[i]
				}
				if partial && sameField(a, b, "wTotalLength=", "bNumInterfaces=", "bNumEndpoints=") {
					continue // repaired for libusb
				}
				if a != b {
					diffs++
					t.Errorf("field %d: original %q, re-rendered %q", i, a, b)
				}
			}
			t.Logf("%d fields compared", len(orig))
		})
	}
}

func sameField(a, b string, names ...string) bool {
	for _, n := range names {
		if strings.HasPrefix(a, n) && strings.HasPrefix(b, n) {
			return true
		}
	}
	return false
}
