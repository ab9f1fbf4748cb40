package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// dumpFacts were read off each dump in shared/realdata by hand.
type dumpFacts struct {
	vid, pid      uint16
	header        bool  // has a "Bus ... ID" line
	configs       int   // configuration descriptors printed
	total         int   // wTotalLength of the first configuration
	interfaces    int   // distinct bInterfaceNumber values printed
	acTotal       int   // wTotalLength of the (first) AudioControl header
	uac2          bool  // AudioControl header is UAC2 (bcdADC 2.00)
	rates         []int // UAC1 format type I rates (sorted, distinct); nil: not checked
	terminalTypes []int // wTerminalType of the first input terminals, in order
	partial       bool  // paste is cut: a GapTruncated must be reported
	unavailable   bool  // "** UNAVAILABLE **" report descriptor
}

var realdataFacts = map[string]dumpFacts{
	"behringer-umc202hd":            {vid: 0x1397, pid: 0x0507, header: true, configs: 1, total: 0x011d, interfaces: 4, acTotal: 0x77, uac2: true},
	"behringer-uv1":                 {vid: 0x1397, pid: 0x0510, header: true, configs: 1, total: 0x011d, interfaces: 4, acTotal: 0x77, uac2: true},
	"edifier-hal0-2.0-se":           {vid: 0x2d99, pid: 0xa101, header: true, configs: 1, total: 0xb6, interfaces: 4, acTotal: 0x2f, rates: []int{48000}, terminalTypes: []int{0x0101}, unavailable: true},
	"gyrocom-digihug-usb-audio":     {vid: 0x1852, pid: 0x7022, configs: 1, total: 0x0182, interfaces: 4, acTotal: 0x3e, terminalTypes: []int{0x0605}, unavailable: true},
	"jieli-webcam-1224_2a25":        {vid: 0x1224, pid: 0x2a25, header: true, configs: 1, total: 0x0291, interfaces: 4, acTotal: 0x26, rates: []int{8000, 16000, 44100, 48000}},
	"logitech-h340":                 {vid: 0x046d, pid: 0x0a38, header: true, configs: 1, total: 0xeb, interfaces: 4, acTotal: 0x4f, rates: []int{44100}, terminalTypes: []int{0x0101, 0x0201}, unavailable: true},
	"logitech-webcam-pro-9000":      {vid: 0x046d, pid: 0x0809, header: true, configs: 1, total: 0x0a1d, interfaces: 4, acTotal: 0x26, rates: []int{16000, 24000, 32000, 48000}},
	"m-audio-micro":                 {vid: 0x0763, pid: 0x201a, header: true, configs: 1, total: 0x0186, interfaces: 3, acTotal: 0x7c, rates: []int{6400, 48000}, terminalTypes: []int{0x0201}},
	"msi-trx40-usb-audio-0db0_543d": {vid: 0x0db0, pid: 0x543d, header: true, configs: 1, total: 0x0c29, interfaces: 8, acTotal: 0x017b, uac2: true, terminalTypes: []int{0x0603}, unavailable: true},
	"plantronics-047f_c024":         {vid: 0x047f, pid: 0xc024, header: true, configs: 1, total: 288, interfaces: 4, acTotal: 114, terminalTypes: []int{0x0201}, unavailable: true},
	"razer-kraken-x-usb":            {vid: 0x1532, pid: 0x0526, header: true, configs: 1, total: 0xfa, interfaces: 4, acTotal: 0x4f, terminalTypes: []int{0x0201}, unavailable: true},
	"realtek-0bda_402e-usb-audio":   {vid: 0x0bda, pid: 0x402e, header: true, configs: 1, total: 0x0137, interfaces: 4, acTotal: 0x80, rates: []int{48000}, terminalTypes: []int{0x0201}},
	"schiit-hel":                    {vid: 0x30be, pid: 0x0101, header: true, configs: 1, total: 0x0198, interfaces: 4, acTotal: 0x0100, uac2: true, unavailable: true},
	"teufel-cinebar-one":            {vid: 0x2cc2, pid: 0x0005, header: true, configs: 1, total: 0x80, interfaces: 2, acTotal: 0x2b, terminalTypes: []int{0x0101}},
	"thesycon-topping-d50s":         {vid: 0x152a, pid: 0x8750, header: true, configs: 2, total: 0x011c, interfaces: 3, acTotal: 0x48, uac2: true, terminalTypes: []int{0x0101}},
	"via-usb-dongle-040d_3400":      {vid: 0x040d, pid: 0x3400, header: true, configs: 1, total: 0x0206, interfaces: 3, acTotal: 0x75, rates: []int{44100, 48000, 96000}, terminalTypes: []int{0x0101}, partial: true},
}

func TestRealdataFacts(t *testing.T) {
	dumps := realdataDumps(t)
	if len(dumps) != len(realdataFacts) {
		t.Errorf("%d dumps on disk, %d with facts", len(dumps), len(realdataFacts))
	}
	for _, path := range dumps {
		name := filepath.Base(filepath.Dir(path))
		t.Run(name, func(t *testing.T) {
			want, ok := realdataFacts[name]
			if !ok {
				t.Fatalf("no facts recorded for %s", name)
			}
			text, err := os.ReadFile(path)
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
			d := devs[0]
			blob := d.Descriptors
			if d.VendorID != want.vid || d.ProductID != want.pid {
				t.Errorf("ID %04x:%04x, want %04x:%04x", d.VendorID, d.ProductID, want.vid, want.pid)
			}
			if len(blob) < 18 || blob[8] != byte(want.vid) || blob[9] != byte(want.vid>>8) {
				t.Errorf("device descriptor does not carry idVendor %04x", want.vid)
			}
			if d.HasHeader != want.header {
				t.Errorf("HasHeader %v, want %v", d.HasHeader, want.header)
			}
			if len(d.Configs) != want.configs {
				t.Fatalf("%d configurations, want %d", len(d.Configs), want.configs)
			}
			if totals := configTotals(blob); totals[0] != want.total {
				t.Errorf("wTotalLength %d, want %d", totals[0], want.total)
			}
			if got := len(interfaceNumbers(blob)); got != want.interfaces {
				t.Errorf("%d interfaces, want %d", got, want.interfaces)
			}
			rebuiltAll := len(blob) == 18+want.configs*want.total
			if want.partial {
				if rebuiltAll || !hasGap(d, GapTruncated) || !hasGap(d, GapInterfaceCutOff) || !d.Missing() {
					t.Errorf("partial paste not reported: %d bytes, gaps %v", len(blob), d.Gaps)
				}
			} else {
				if !rebuiltAll {
					t.Errorf("rebuilt %d bytes, want 18 + %d×%d", len(blob), want.configs, want.total)
				}
				if d.Missing() {
					t.Errorf("complete dump reported missing data: %v", d.Gaps)
				}
			}
			if got := hasGap(d, GapReportDescriptorUnavailable); got != want.unavailable {
				t.Errorf("report-descriptor-unavailable gap %v, want %v", got, want.unavailable)
			}
			headers := audioControl(blob, 1)
			if len(headers) == 0 {
				t.Fatal("no AudioControl header")
			}
			h := headers[0]
			acTotal, isUAC2 := int(h[5])|int(h[6])<<8, h[4] == 0x02
			if isUAC2 {
				acTotal = int(h[6]) | int(h[7])<<8
			}
			if isUAC2 != want.uac2 || acTotal != want.acTotal {
				t.Errorf("AC header UAC2=%v wTotalLength %d, want UAC2=%v %d", isUAC2, acTotal, want.uac2, want.acTotal)
			}
			if want.rates != nil {
				rates := uac1SampleRates(blob)
				sort.Ints(rates)
				if rates = slices.Compact(rates); !slices.Equal(rates, want.rates) {
					t.Errorf("sample rates %v, want %v", rates, want.rates)
				}
			}
			var its []int
			for _, it := range audioControl(blob, 2) {
				if len(it) >= 6 {
					its = append(its, int(it[4])|int(it[5])<<8)
				}
			}
			if len(its) < len(want.terminalTypes) || !slices.Equal(its[:len(want.terminalTypes)], want.terminalTypes) {
				t.Errorf("input terminal types %#x, want prefix %#x", its, want.terminalTypes)
			}
		})
	}
}

func hasGap(d Device, k GapKind) bool {
	for _, g := range d.Gaps {
		if g.Kind == k {
			return true
		}
	}
	return false
}

// TestH340Details checks single fields of the Logitech H340 dump against what it prints.
func TestH340Details(t *testing.T) {
	realdataDumps(t)
	text, err := os.ReadFile(filepath.Join(realdataDir, "logitech-h340", "lsusb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	devs, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if d.Bus != 1 || d.Address != 94 || d.IDName != "Logitech, Inc. Headset H340" {
		t.Errorf("header: bus %d address %d name %q", d.Bus, d.Address, d.IDName)
	}
	if d.Manufacturer != "Logitech Inc." || d.Product != "Logitech USB Headset H340" || d.Serial != "" {
		t.Errorf("strings: %q %q %q", d.Manufacturer, d.Product, d.Serial)
	}
	if d.StringTable[2] != "Logitech USB Headset H340" {
		t.Errorf("string 2 = %q", d.StringTable[2])
	}
	// Device descriptor: bcdUSB 2.00, bcdDevice 1.15, bMaxPacketSize0 64.
	want := []byte{18, 1, 0x00, 0x02, 0, 0, 0, 64, 0x6d, 0x04, 0x38, 0x0a, 0x15, 0x01, 1, 2, 0, 1}
	if !bytes.Equal(d.Descriptors[:18], want) {
		t.Errorf("device descriptor % x, want % x", d.Descriptors[:18], want)
	}
	// Configuration: wTotalLength 0x00eb, 4 interfaces, bmAttributes 0x80, MaxPower 120mA = 60 units.
	if cfg := d.Descriptors[18:27]; !bytes.Equal(cfg, []byte{9, 2, 0xeb, 0, 4, 1, 0, 0x80, 60}) {
		t.Errorf("configuration % x", cfg)
	}
	// Feature unit 5: bControlSize 1, bmaControls 0x01 0x02 0x02 (master mute, per-channel volume).
	var fu5 []byte
	for _, fu := range audioControl(d.Descriptors, 6) {
		if fu[3] == 5 {
			fu5 = fu
		}
	}
	if !bytes.Equal(fu5, []byte{10, 0x24, 6, 5, 2, 1, 0x01, 0x02, 0x02, 0}) {
		t.Errorf("feature unit 5 = % x", fu5)
	}
	// Selector unit 10 with one input pin from unit 6.
	if sel := audioControl(d.Descriptors, 5); len(sel) != 1 || !bytes.Equal(sel[0], []byte{7, 0x24, 5, 10, 1, 6, 0}) {
		t.Errorf("selector units % x", sel)
	}
}

// TestToppingClockAndFeatureUnit checks UAC2 fields of the Topping D50s dump.
func TestToppingClockAndFeatureUnit(t *testing.T) {
	realdataDumps(t)
	text, err := os.ReadFile(filepath.Join(realdataDir, "thesycon-topping-d50s", "lsusb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	devs, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	blob := devs[0].Descriptors
	// Clock source 41: bmAttributes 3 (internal programmable), bmControls 0x07, iClockSource 9.
	cs := audioControl(blob, 0x0a)
	if len(cs) != 2 || !bytes.Equal(cs[0], []byte{8, 0x24, 0x0a, 41, 3, 0x07, 0, 9}) {
		t.Errorf("clock sources % x", cs)
	}
	// Feature unit 10 from 2: bmaControls(0) 0x0000000f, (1) and (2) zero, 4 bytes each.
	fu := audioControl(blob, 6)
	want := []byte{18, 0x24, 6, 10, 2, 0x0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if len(fu) == 0 || !bytes.Equal(fu[0], want) {
		t.Errorf("feature unit % x, want % x", fu, want)
	}
}

// TestConcatenatedDumps: one text with every real dump in a row (as `lsusb -v`
// of a whole machine is) splits into the same devices, byte for byte.
func TestConcatenatedDumps(t *testing.T) {
	dumps := realdataDumps(t)
	var all [][]byte
	var want []Device
	for _, path := range dumps {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		devs, err := Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, text)
		want = append(want, devs...)
	}
	got, err := Parse(bytes.Join(all, []byte("\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d devices, want %d", len(got), len(want))
	}
	for i := range got {
		if !bytes.Equal(got[i].Descriptors, want[i].Descriptors) || got[i].VendorID != want[i].VendorID {
			t.Errorf("device %d (%04x:%04x) differs", i, want[i].VendorID, want[i].ProductID)
		}
	}
}
