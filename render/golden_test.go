package render

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// Golden files: render/testdata/<fixture>.txt (the verbose text report) and
// <fixture>.json, for every fixture in fixtures/qemu, fixtures/spec,
// fixtures/devices and the raw and lsusb dumps in shared/realdata.
//
// How they were checked: the descriptor dump part was compared, field by
// field and value by value, with the output of the independent decoder
// (shared/tools/lsusb-oracle, genuine `lsusb -v`) on the same bytes, for all
// 28 lsusb/raw devices: every standard and UAC field agrees except where
// usbdesc does not model a field lsusb prints (bInCollection, bNrInPins,
// UAC1 processing units' bControlSize) or names it differently
// (bmMixerControls for lsusb's bmControls(0)); UVC and DFU descriptors are
// kept as raw hex. The summary part (paths, channels, rates, controls) was
// read against the lsusb text for the H340, Plantronics c024, Arctis 7,
// Schiit Hel, HP handset, KC Technology, Logitech H390, Plantronics BT600
// and the QEMU devices (whose usbmixer dumps confirm the controls). The
// verdict lines come from the usbdesc classifier and are not compared (see
// compareGolden); when the rendering changes, rerun with -update and read
// the diff.
//
//	go test ./render -run TestGolden -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

type fixture struct {
	name string
	in   model.Input
}

var (
	realdata = filepath.Join("..", "..", "shared", "realdata")
	fixtures = filepath.Join("..", "fixtures")
)

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	var out []fixture
	for _, group := range []string{"qemu", "spec"} {
		dirs, _ := filepath.Glob(filepath.Join(fixtures, group, "*", "descriptors.bin"))
		for _, p := range dirs {
			dir := filepath.Dir(p)
			b := mustRead(t, p)
			in := model.Input{Descriptors: b, Origin: group + "/" + filepath.Base(dir)}
			if rd, err := os.ReadFile(filepath.Join(dir, "report_descriptor.bin")); err == nil {
				in.HIDReports = map[uint8][]byte{firstHIDInterface(b): rd}
			}
			out = append(out, fixture{group + "-" + filepath.Base(dir), in})
		}
	}
	texts, _ := filepath.Glob(filepath.Join(fixtures, "devices", "*", "lsusb.txt"))
	for _, p := range texts {
		out = append(out, lsusbFixture(t, "device-"+filepath.Base(filepath.Dir(p)), p))
	}
	if _, err := os.Stat(realdata); err == nil {
		raws, _ := filepath.Glob(filepath.Join(realdata, "*", "config_descriptor.hex"))
		for _, p := range raws {
			dir := filepath.Dir(p)
			b := append(hexBytes(t, filepath.Join(dir, "device_descriptor.hex")), hexBytes(t, p)...)
			out = append(out, fixture{"realdata-" + filepath.Base(dir), model.Input{Descriptors: b, Origin: "realdata/" + filepath.Base(dir)}})
		}
		texts, _ := filepath.Glob(filepath.Join(realdata, "*", "lsusb.txt"))
		for _, p := range texts {
			out = append(out, lsusbFixture(t, "realdata-"+filepath.Base(filepath.Dir(p))+"-lsusb", p))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func lsusbFixture(t *testing.T, name, path string) fixture {
	devs, err := lsusbtext.Parse(mustRead(t, path))
	if err != nil || len(devs) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	d := devs[0]
	return fixture{name, model.Input{Descriptors: d.Descriptors, IDName: d.IDName, Origin: name,
		Strings: model.Strings{Manufacturer: d.Manufacturer, Product: d.Product, Serial: d.Serial, Table: d.StringTable}}}
}

func firstHIDInterface(b []byte) uint8 {
	blob, _ := usbdesc.Parse(b)
	if blob != nil {
		for _, c := range blob.Configurations {
			for _, in := range c.Interfaces {
				if len(in.AltSettings) > 0 && in.AltSettings[0].Class == usbdesc.ClassHID {
					return in.Number
				}
			}
		}
	}
	return 0
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hexBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(string(mustRead(t, p))), ""))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return b
}

func TestGolden(t *testing.T) {
	fxs := loadFixtures(t)
	if len(fxs) == 0 {
		t.Skip("no fixtures found")
	}
	// Every golden file must still have its fixture.
	have := map[string]bool{}
	for _, fx := range fxs {
		have[fx.name] = true
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, g := range goldens {
		name := strings.TrimSuffix(filepath.Base(g), ".txt")
		if _, err := os.Stat(realdata); err != nil && strings.HasPrefix(name, "realdata-") {
			continue // shared/realdata is not on this machine
		}
		if !have[name] {
			t.Errorf("golden %s has no fixture any more", g)
		}
	}
	for _, fx := range fxs {
		t.Run(fx.name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join("testdata", fx.name+".txt")); err != nil && !*update {
				// The corpus grows while goldens are checked by hand: a
				// new fixture is reported, not failed, until someone
				// runs -update and reads the output.
				t.Skipf("no golden file yet for %s: run go test ./render -update and check it by hand", fx.name)
			}
			d, err := model.Build(fx.in)
			if d == nil {
				t.Fatalf("nothing parsed: %v", err)
			}
			var txt, js bytes.Buffer
			if err := Text(&txt, d, Options{Verbose: true}); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&js, d); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", fx.name+".txt"), txt.Bytes(), withoutVerdictText)
			compareGolden(t, filepath.Join("testdata", fx.name+".json"), js.Bytes(), withoutVerdictJSON)
		})
	}
}

// compareGolden compares got with the golden file after norm. The files
// hold the whole output; the comparison leaves out the classifier's verdict
// and scores (see withoutVerdictText), which usbdesc's own tests and the
// corpus expectations check, so that tuning the classifier does not
// invalidate every rendering golden.
func compareGolden(t *testing.T, path string, got []byte, norm func(*testing.T, []byte) []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := norm(t, got), norm(t, want); !bytes.Equal(got, want) {
		t.Errorf("%s differs; first difference:\n%s", path, firstDiff(string(want), string(got)))
	}
}

var (
	scoreSuffix   = regexp.MustCompile(`\): [A-Z][a-z -]*(with monitor output )?\(score -?\d+\)$`)
	verdictHeader = regexp.MustCompile(`^Verdict: `)
)

// withoutVerdictText drops the verdict block (the "Verdict:" line and its
// evidence lines, up to the blank line) and the form factor and score after
// each audio function heading.
func withoutVerdictText(_ *testing.T, b []byte) []byte {
	var out []string
	inVerdict := false
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case verdictHeader.MatchString(l):
			inVerdict = true
			out = append(out, "Verdict: (classifier)")
			continue
		case inVerdict && l == "":
			inVerdict = false
		case inVerdict:
			continue
		}
		out = append(out, scoreSuffix.ReplaceAllString(l, "): (classifier)"))
	}
	return []byte(strings.Join(out, "\n"))
}

// withoutVerdictJSON drops "verdict" and every "classification" object,
// and the "descriptors" tree: that is usbdesc's own JSON encoding of the
// parse (its struct tags), tested there; the text dump covers the parse
// here.
func withoutVerdictJSON(t *testing.T, b []byte) []byte {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("golden JSON: %v", err)
	}
	if m, ok := v.(map[string]any); ok {
		delete(m, "descriptors")
	}
	var strip func(any)
	strip = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			delete(x, "verdict")
			delete(x, "classification")
			for _, e := range x {
				strip(e)
			}
		case []any:
			for _, e := range x {
				strip(e)
			}
		}
	}
	strip(v)
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(lengths differ)"
}
