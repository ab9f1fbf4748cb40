package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsbView imports a real usbview dump of a UAC2 board (see SOURCE.md).
// usbview decodes UAC2 descriptors with UAC1 layouts, so some are cut short;
// the facts below were read off the dump.
func TestUsbView(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(fixtureDir, "nxp-lpc43s67-uac2-demo.usbview.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !Detect(text) {
		t.Error("not detected")
	}
	for how, f := range map[string]func(string) string{
		"as found":     func(s string) string { return s },
		"quoted crlf":  func(s string) string { return damage["crlf"](damage["quoted"](s)) },
		"prose around": damage["prose around"],
	} {
		devs, err := Parse([]byte(f(string(text))))
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if len(devs) != 1 {
			t.Fatalf("%s: %d devices", how, len(devs))
		}
		d := devs[0]
		blob := d.Descriptors
		if d.Format != FormatUsbView || d.VendorID != 0x1fc9 || d.ProductID != 0x2046 {
			t.Errorf("%s: format %v ID %04x:%04x", how, d.Format, d.VendorID, d.ProductID)
		}
		if d.Manufacturer != "Acme Co." || d.Product != "Audio Output Demo" || d.Serial != "000001" {
			t.Errorf("%s: strings %q %q %q", how, d.Manufacturer, d.Product, d.Serial)
		}
		wantDev := []byte{0x12, 1, 0, 2, 0xef, 2, 1, 0x40, 0xc9, 0x1f, 0x46, 0x20, 1, 0, 1, 2, 3, 1}
		if len(blob) != 18+0x94 || !bytes.Equal(blob[:18], wantDev) {
			t.Fatalf("%s: %d bytes, device % x", how, len(blob), blob[:min(18, len(blob))])
		}
		// The open pipes listed before the configuration are not repeated in it;
		// MaxPower 0x32 stays 0x32.
		if !bytes.Equal(blob[18:27], []byte{9, 2, 0x94, 0, 2, 1, 0, 0xc0, 0x32}) {
			t.Errorf("%s: configuration % x", how, blob[18:27])
		}
		// The hex-dumped clock source and input terminal follow the 9-byte AC header.
		cs := []byte{0x08, 0x24, 0x0a, 0x10, 0x01, 0x07, 0x00, 0x00}
		it := []byte{0x11, 0x24, 0x02, 0x20, 0x01, 0x01, 0x00, 0x10, 0x02, 0x03, 0, 0, 0, 0, 0, 0, 0}
		if off := 18 + 9 + 8 + 9 + 9; !bytes.Equal(blob[off:off+8], cs) || !bytes.Equal(blob[off+8:off+25], it) {
			t.Errorf("%s: clock source/input terminal % x", how, blob[off:off+25])
		}
		// The UAC2 format type I descriptor is 6 bytes; usbview read five
		// "tSamFreq" past its end, which are cut off again.
		fmtOff := bytes.Index(blob, []byte{0x06, 0x24, 0x02, 0x01, 0x02, 0x10})
		if fmtOff < 0 || blob[fmtOff+6] != 0x07 || blob[fmtOff+7] != 0x05 {
			t.Errorf("%s: format type descriptor not followed by the endpoint", how)
		}
		// The feature unit usbview printed only to bControlSize is padded and reported.
		var padded bool
		for _, g := range d.Gaps {
			if g.Kind == GapPadded && strings.Contains(g.Detail, "Feature Unit") {
				padded = true
				if how == "as found" && g.Line != 114 {
					t.Errorf("feature unit gap on line %d, want 114", g.Line)
				}
			}
		}
		if !padded || !d.Missing() {
			t.Errorf("%s: gaps %v", how, d.Gaps)
		}
	}
}
