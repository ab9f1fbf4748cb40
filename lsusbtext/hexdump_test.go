package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestUsbTreeView imports a real UsbTreeView dump (an excerpt, see SOURCE.md)
// and must give the bytes the same device's C arrays hold.
func TestUsbTreeView(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(fixtureDir, "anker-powerconf-c200.usbtreeview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(fixtureDir, "anker-powerconf-c200.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if !Detect(text) {
		t.Error("not detected")
	}
	for how, f := range map[string]func(string) string{
		"as found":         func(s string) string { return s },
		"collapsed spaces": damage["collapsed spaces"],
		"quoted crlf":      func(s string) string { return damage["crlf"](damage["quoted"](s)) },
	} {
		devs, err := Parse([]byte(f(string(text))))
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if len(devs) != 1 {
			t.Fatalf("%s: %d devices", how, len(devs))
		}
		d := devs[0]
		if d.Format != FormatHexDump || d.VendorID != 0x291a || d.ProductID != 0x3369 {
			t.Errorf("%s: format %v ID %04x:%04x", how, d.Format, d.VendorID, d.ProductID)
		}
		if !bytes.Equal(d.Descriptors, want) {
			t.Errorf("%s: %d bytes, want %d: %s", how, len(d.Descriptors), len(want), firstDiff(d.Descriptors, want))
		}
		if d.Manufacturer != "Anker PowerConf C200" || d.Serial != "ACNV9P0D12366611" || d.StringTable[4] != "Anker PowerConf C200" {
			t.Errorf("%s: strings %q %q %v", how, d.Manufacturer, d.Serial, d.StringTable)
		}
		if len(d.Gaps) != 0 {
			t.Errorf("%s: gaps %v", how, d.Gaps)
		}
	}
}

// TestUsbTreeViewShortConfig: a dump whose configuration section shows only
// its own 9 bytes is completed from the following descriptor sections; a dump
// that stops early is reported.
func TestUsbTreeViewShortConfig(t *testing.T) {
	text, _ := os.ReadFile(filepath.Join(fixtureDir, "anker-powerconf-c200.usbtreeview.txt"))
	// Keep only the first row of the configuration dump (16 bytes: config + IAD... cut to 9).
	re := regexp.MustCompile(`(?s)(Data \(HexDump\)           : 09 02 49 03 05 01 00 C0 64) 08 0B.*?\n\n`)
	short := re.ReplaceAll(text, []byte("$1\n\n"))
	devs, err := Parse(short)
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	// 9 + IAD 8 + interface 9 + VC header 13 bytes are in the excerpt.
	if got := len(d.Descriptors); got != 18+9+8+9+13 {
		t.Errorf("%d bytes", got)
	}
	if !hasGap(d, GapTruncated) {
		t.Errorf("gaps %v", d.Gaps)
	}
	want, _ := os.ReadFile(filepath.Join(fixtureDir, "anker-powerconf-c200.bin"))
	if !bytes.Equal(d.Descriptors, want[:len(d.Descriptors)]) {
		t.Error("prefix differs")
	}
}
