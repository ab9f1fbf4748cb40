package render

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// The descriptor dump is checked against an independent decoder: genuine
// `lsusb -v` (usbutils) run on the same bytes through
// shared/tools/lsusb-oracle. Its output for every fixture is kept in
// testdata/oracle/ (regenerate with -oracle where the tool is installed;
// it takes seconds per device). The test asserts that every (field, value)
// pair our dump prints for a decoded descriptor appears, in order, in
// lsusb's output. lsusb prints more (bInCollection, bNrInPins and the
// video/DFU class descriptors that we keep as raw hex), so the check is
// one way.
var regenOracle = flag.Bool("oracle", false, "run shared/tools/lsusb-oracle for fixtures missing from testdata/oracle/")

// oracleSkip: fixtures lsusb reads differently on purpose.
var oracleSkip = map[string]string{
	// QEMU's AudioControl interface has bInterfaceProtocol 0x04; lsusb
	// then uses UAC3 subtype numbers, the kernel (and usbdesc) UAC1.
	"qemu-qemu-usb-audio":       "protocol 0x04",
	"qemu-qemu-usb-audio-multi": "protocol 0x04",
}

func TestDumpAgreesWithLsusb(t *testing.T) {
	oracle := filepath.Join("..", "..", "shared", "tools", "lsusb-oracle")
	checked := 0
	for _, fx := range loadFixtures(t) {
		path := filepath.Join("testdata", "oracle", fx.name+".lsusb")
		if _, err := os.Stat(path); err != nil && *regenOracle {
			runOracle(t, oracle, fx, path) // only missing ones: delete a file to redo it
		}
		want, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if why, skip := oracleSkip[fx.name]; skip {
			t.Logf("%s: not compared (%s)", fx.name, why)
			continue
		}
		t.Run(fx.name, func(t *testing.T) {
			d, _ := model.Build(fx.in)
			if d == nil {
				t.Fatal("nothing parsed")
			}
			var got bytes.Buffer
			if err := Dump(&got, d.Descriptors, nil); err != nil {
				t.Fatal(err)
			}
			theirs := lsusbPairs(string(want))
			if !strings.Contains(string(want), "Configuration Descriptor:") {
				t.Skip("lsusb printed no configuration (truncated blob)")
			}
			ours := ourPairs(got.String())
			if missing := unmatched(ours, theirs); len(missing) > 0 {
				t.Errorf("%d of %d dump fields not in lsusb's output (in order), first: %v", len(missing), len(ours), missing[:min(len(missing), 8)])
			}
		})
		checked++
	}
	if checked == 0 {
		t.Skip("no oracle outputs in testdata/oracle")
	}
}

func runOracle(t *testing.T, oracle string, fx fixture, out string) {
	t.Helper()
	if fx.in.Descriptors == nil || len(fx.in.Descriptors) < 18 || fx.in.Descriptors[1] != 1 {
		return
	}
	tmp := filepath.Join(t.TempDir(), "blob.bin")
	if err := os.WriteFile(tmp, fx.in.Descriptors, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(oracle, tmp).Output()
	if err != nil {
		t.Logf("%s: oracle: %v", fx.name, err)
		return
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var pairLine = regexp.MustCompile(`^\s*((?:bcd|bma|bm|ba|id|b|w|i|t)[A-Z]\w*(?:\(\s*\d+\)|\[\s*\d+\])?|MaxPower|iSerial)\s+(\S+)`)

// normalise makes both sides comparable: lsusb's names for the few fields
// it spells differently, numbers in decimal.
func normalise(name, val string) string {
	name = regexp.MustCompile(`\(\s*(\d+)\)`).ReplaceAllString(name, "($1)")
	name = regexp.MustCompile(`\[\s*(\d+)\]`).ReplaceAllString(name, "[$1]")
	switch name {
	case "bmControls(0)": // UAC1 processing/extension units: lsusb indexes the bitmap bytes
		name = "bmControls"
	case "iSerial":
		name = "iSerialNumber"
	case "MaxPower":
		// lsusb prints mA; compare in mA (ours: bMaxPower N, meaning "M mA").
		name = "bMaxPower"
	}
	val = strings.TrimSuffix(val, "mA")
	if n, err := strconv.ParseUint(strings.TrimPrefix(val, "0x"), map[bool]int{true: 16, false: 10}[strings.HasPrefix(val, "0x")], 64); err == nil {
		val = strconv.FormatUint(n, 10)
	}
	return name + "=" + val
}

func lsusbPairs(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if m := pairLine.FindStringSubmatch(l); m != nil {
			out = append(out, normalise(m[1], m[2]))
		}
	}
	return out
}

// ourPairs reads our dump, leaving out descriptors we keep undecoded and
// fields lsusb does not print as we name them.
func ourPairs(text string) []string {
	var out []string
	unknown := false
	for _, l := range strings.Split(text, "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "]") && strings.Contains(l, ":  [offset ") {
			// lsusb (through libusb) does not print SuperSpeed endpoint
			// companions of a device it sees at high speed.
			title := strings.TrimSpace(l)
			unknown = strings.HasPrefix(title, "Unknown") || strings.HasPrefix(title, "SuperSpeed Endpoint Companion")
			continue
		}
		m := pairLine.FindStringSubmatch(l)
		if m == nil || unknown || m[1] == "bmMixerControls" {
			continue
		}
		p := normalise(m[1], m[2])
		if m[1] == "bMaxPower" { // compare in mA, as lsusb prints
			f := strings.Fields(l)
			if len(f) >= 3 {
				p = "bMaxPower=" + f[2]
			}
		}
		out = append(out, p)
	}
	return out
}

// unmatched returns the pairs of ours that a longest common subsequence
// with theirs leaves out.
func unmatched(ours, theirs []string) []string {
	n, m := len(ours), len(theirs)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ours[i] == theirs[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var missing []string
	for i, j := 0, 0; i < n; {
		switch {
		case j < m && ours[i] == theirs[j]:
			i++
			j++
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			missing = append(missing, ours[i])
			i++
		}
	}
	return missing
}
