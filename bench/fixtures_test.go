package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/model"
)

// Inputs shared by the tests: descriptor files from fixtures/ and the real
// dumps in shared/realdata, which sits beside the repository.

var (
	fixturesDir = filepath.Join("..", "fixtures")
	realdataDir = filepath.Join("..", "..", "shared", "realdata")
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// realdata returns a file from shared/realdata, skipping when it is absent.
func realdata(t testing.TB, parts ...string) []byte {
	t.Helper()
	if _, err := os.Stat(realdataDir); err != nil {
		t.Skipf("no real data at %s", realdataDir)
	}
	return readFile(t, filepath.Join(append([]string{realdataDir}, parts...)...))
}

// buildDevice joins descriptor bytes (and HID report descriptors by
// interface) into the model, as a command does.
func buildDevice(t testing.TB, desc []byte, s model.Strings, reports map[uint8][]byte) *model.Device {
	t.Helper()
	d, err := model.Build(model.Input{Descriptors: desc, Strings: s, HIDReports: reports})
	if d == nil {
		t.Fatalf("nothing built: %v", err)
	}
	return d
}

// lsusbDevice rebuilds the one device of an lsusb -v text with its strings.
func lsusbDevice(t testing.TB, text []byte) (desc []byte, s model.Strings) {
	t.Helper()
	devs, err := lsusbtext.Parse(text)
	if err != nil || len(devs) != 1 {
		t.Fatalf("lsusbtext: %d devices, %v", len(devs), err)
	}
	d := devs[0]
	return d.Descriptors, model.Strings{Manufacturer: d.Manufacturer, Product: d.Product, Serial: d.Serial, Table: d.StringTable}
}
