package usbdesc_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// The classifier against every device fixture whose expected.json was
// written by hand from the product and its descriptors: fixtures/devices
// (lsusb -v text, or descriptor hex) and fixtures/realdata-expected (for
// the captures in ../shared/realdata).

type corpusCase struct {
	name     string
	blob     []byte
	expected string // expected.json "classification"
	// known is expected.json "known_disagreement": the classification we
	// give and keep although the hand reading differs (reason recorded there).
	known string
	// product is the iProduct string the lsusb text printed, for rule 7.
	product string
}

func corpus(t *testing.T) []corpusCase {
	t.Helper()
	var out []corpusCase
	add := func(name, expectedPath string, sources ...string) {
		var exp struct {
			Classification    string `json:"classification"`
			KnownDisagreement struct {
				Classification string `json:"classification"`
			} `json:"known_disagreement"`
		}
		raw, err := os.ReadFile(expectedPath)
		if err != nil {
			return
		}
		if err := json.Unmarshal(raw, &exp); err != nil {
			t.Errorf("%s: %v", expectedPath, err)
			return
		}
		for _, src := range sources {
			text, err := os.ReadFile(src)
			if err != nil {
				continue
			}
			var blob []byte
			var product string
			if strings.HasSuffix(src, ".hex") {
				blob, err = hex.DecodeString(strings.Join(strings.Fields(string(text)), ""))
				if err != nil {
					t.Errorf("%s: %v", src, err)
					return
				}
			} else {
				devs, err := lsusbtext.Parse(text)
				if err != nil || len(devs) == 0 {
					t.Errorf("%s: lsusbtext: %v", src, err)
					return
				}
				blob, product = devs[0].Descriptors, devs[0].Product
			}
			out = append(out, corpusCase{name: name, blob: blob, expected: exp.Classification,
				known: exp.KnownDisagreement.Classification, product: product})
			return
		}
	}
	devDirs, _ := filepath.Glob(filepath.Join("..", "fixtures", "devices", "*"))
	for _, d := range devDirs {
		add(filepath.Base(d), filepath.Join(d, "expected.json"),
			filepath.Join(d, "descriptors.hex"), filepath.Join(d, "lsusb.txt"))
	}
	realDirs, _ := filepath.Glob(filepath.Join("..", "fixtures", "realdata-expected", "*"))
	for _, d := range realDirs {
		src := filepath.Join("..", "..", "shared", "realdata", filepath.Base(d))
		add("realdata/"+filepath.Base(d), filepath.Join(d, "expected.json"),
			filepath.Join(src, "lsusb.txt"))
	}
	if len(out) == 0 {
		t.Skip("no device fixtures")
	}
	return out
}

func TestClassifyCorpus(t *testing.T) {
	agree, checked := 0, 0
	for _, c := range corpus(t) {
		b, err := usbdesc.Parse(c.blob)
		if b == nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		fs := b.AudioFunctions()
		if c.expected == "" || len(fs) == 0 {
			continue // the expectation names no kind, or there is no audio function
		}
		f := fs[0]
		f.Reclassify(usbdesc.ClassifyHints{Product: c.product})
		for _, e := range f.Classification.Evidence {
			if strings.Contains(e.Reason, "%!") { // an appendf verb without its argument
				t.Errorf("%s: malformed evidence %q", c.name, e.Reason)
			}
		}
		got := string(f.Classification.FormFactor)
		checked++
		if got == c.expected {
			agree++
			continue
		}
		if c.known != "" && c.known == got {
			t.Logf("%s: %s (score %d), expected %s: known disagreement", c.name, got, f.Classification.Score, c.expected)
			continue
		}
		t.Errorf("%s: classified %s (score %d), expected %s; evidence:", c.name, got, f.Classification.Score, c.expected)
		for _, e := range f.Classification.Evidence {
			t.Logf("    %+4d %-12s %s", e.Points, e.For, e.Reason)
		}
	}
	t.Logf("%d of %d fixtures classified as expected", agree, checked)
	if checked < 40 {
		t.Errorf("only %d fixtures checked; the corpus went missing?", checked)
	}
}

// The Line 6 HELIX links its OUT stream to a microphone input terminal and
// its IN stream to a speaker output terminal (fixtures/devices/line6-helix
// notes): the analysis must say so rather than invent host paths.
func TestStreamLinksLine6Helix(t *testing.T) {
	var blob []byte
	for _, c := range corpus(t) {
		if c.name == "line6-helix" {
			blob = c.blob
		}
	}
	if blob == nil {
		t.Skip("line6-helix fixture absent")
	}
	b, _ := usbdesc.Parse(blob)
	if b == nil || len(b.AudioFunctions()) == 0 {
		t.Fatal("no audio function")
	}
	var f *usbdesc.AudioFunction
	for _, fn := range b.AudioFunctions() {
		if len(fn.Entities) > 0 {
			f = fn
		}
	}
	if f == nil {
		t.Fatal("no function with entities")
	}
	n := 0
	for _, w := range f.Warnings {
		if strings.Contains(w.Msg, "not a USB streaming terminal") {
			n++
		}
	}
	if n != 2 || len(f.PlaybackPaths()) != 0 || len(f.CapturePaths()) != 0 {
		t.Errorf("%d link warnings, %d playback, %d capture paths; warnings %v", n, len(f.PlaybackPaths()), len(f.CapturePaths()), f.Warnings)
	}
}
