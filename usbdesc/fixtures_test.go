package usbdesc

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// testFixture is one real or spec descriptor blob (a sysfs `descriptors`
// file: device descriptor + configurations) with lsusb's decode of it.
type testFixture struct {
	name  string
	blob  []byte
	lsusb string // path of the lsusb-oracle output for the blob
}

var (
	realDataDir = filepath.Join("..", "..", "shared", "realdata")
	fixturesDir = filepath.Join("..", "fixtures")
)

// Real captures: webcam blobs from UsbTreeView dumps (device + config as hex).
var realDataBlobs = []string{"anker-powerconf-c200", "logitech-c270-webcam", "logitech-streamcam"}

// loadFixtures returns every fixture blob that is present: the real data
// (skipped when ../shared/realdata is absent), the QEMU captures and the
// hand-built spec cases.
func loadFixtures(tb testing.TB) []testFixture {
	tb.Helper()
	var out []testFixture
	if _, err := os.Stat(realDataDir); err == nil {
		for _, name := range realDataBlobs {
			var blob []byte
			for _, f := range []string{"device_descriptor.hex", "config_descriptor.hex"} {
				blob = append(blob, readHexFile(tb, filepath.Join(realDataDir, name, f))...)
			}
			out = append(out, testFixture{name: name, blob: blob, lsusb: filepath.Join("testdata", name+".lsusb.txt")})
		}
	}
	qemu, _ := filepath.Glob(filepath.Join(fixturesDir, "qemu", "*", "descriptors.bin"))
	for _, path := range qemu {
		name := filepath.Base(filepath.Dir(path))
		out = append(out, testFixture{name: name, blob: readFile(tb, path), lsusb: filepath.Join("testdata", name+".lsusb.txt")})
	}
	// Blobs rebuilt from a real device's lsusb text (testdata/README.md).
	rebuilt, _ := filepath.Glob(filepath.Join("testdata", "*.descriptors.bin"))
	for _, path := range rebuilt {
		name := strings.TrimSuffix(filepath.Base(path), ".descriptors.bin")
		out = append(out, testFixture{name: name, blob: readFile(tb, path), lsusb: filepath.Join("testdata", name+".lsusb.txt")})
	}
	spec, _ := filepath.Glob(filepath.Join(fixturesDir, "spec", "*", "descriptors.bin"))
	for _, path := range spec {
		dir := filepath.Dir(path)
		out = append(out, testFixture{name: "spec-" + filepath.Base(dir), blob: readFile(tb, path), lsusb: filepath.Join(dir, "lsusb.txt")})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(out) == 0 {
		tb.Skip("no fixtures present")
	}
	return out
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func readHexFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(string(readFile(tb, path))), ""))
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return b
}

// fixtureByName finds one fixture or skips the test.
func fixtureByName(tb testing.TB, name string) []byte {
	tb.Helper()
	for _, f := range loadFixtures(tb) {
		if f.name == name {
			return f.blob
		}
	}
	tb.Skipf("fixture %s not present", name)
	return nil
}

// mustParse parses a blob that must decode without error or warning.
func mustParse(tb testing.TB, b []byte) *Blob {
	tb.Helper()
	blob, err := Parse(b)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return blob
}

// walkDescriptors lists every descriptor in the blob in offset order.
func walkDescriptors(b *Blob) []Descriptor {
	var out []Descriptor
	if b.Device != nil {
		out = append(out, b.Device)
	}
	for _, c := range b.Configurations {
		out = append(out, c)
		out = append(out, c.Extra...)
		for _, a := range c.Associations {
			out = append(out, a)
		}
		for _, in := range c.Interfaces {
			for _, alt := range in.AltSettings {
				out = append(out, alt)
				out = append(out, alt.ClassSpecific...)
				for _, e := range alt.Endpoints {
					out = append(out, e)
					if e.Companion != nil {
						out = append(out, e.Companion)
					}
					out = append(out, e.ClassSpecific...)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Head().Offset < out[j].Head().Offset })
	return out
}
