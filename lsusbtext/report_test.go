package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReportItems: the BeyondTel handset dump (fixtures/devices) prints its
// 45-byte keyboard report descriptor item by item.
func TestReportItems(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "fixtures", "devices", "beyondtel-usb-phone-sk04", "lsusb.txt"))
	if err != nil {
		t.Skip("beyondtel fixture not present")
	}
	devs, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if len(d.ReportDescriptors) != 1 {
		t.Fatalf("%d report descriptors", len(d.ReportDescriptors))
	}
	r := d.ReportDescriptors[0]
	// Items as printed: Usage Page 1, Usage 6, Collection 1, Usage Page 7, Usage Min 0xe0, Max 0xe7,
	// Logical Min 0, Max 1, Report Size 1, Count 8, Input 2, Count 1, Size 8, Input 3, Count 6,
	// Size 8, Logical Min 0, Max 0x65, Usage Page 7, Usage Min 0, Max 0x65, Input 0, End Collection.
	want := []byte{
		0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7, 0x15, 0x00, 0x25, 0x01,
		0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x03, 0x95, 0x06, 0x75, 0x08,
		0x15, 0x00, 0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xc0,
	}
	if r.Length != 45 || r.Line != 215 || !bytes.Equal(r.Bytes, want) {
		t.Errorf("report: length %d line %d\n got % x\nwant % x", r.Length, r.Line, r.Bytes, want)
	}
	if r.Interface < 0 {
		t.Error("interface unknown")
	}
	if hasGap(d, GapTruncated) {
		t.Errorf("gaps %v", d.Gaps)
	}
}

func TestReportItemsMultiByte(t *testing.T) {
	text := "Device Descriptor:\n bLength 18\n bDescriptorType 1\n" +
		"Report Descriptor: (length is 9)\n" +
		"Item(Global): Usage Page, data= [ 0x0b ] 11\n" +
		"Item(Global): Logical Maximum, data= [ 0xff 0x7f ] 32767\n" +
		"Item(Global): Unit, data= [ 0x01 0x00 0x00 0x00 ] 1\n" +
		"Item(Main  ): Bogus, data= [ 0x01 ] 1\n" +
		"Endpoint Descriptor:\n"
	devs, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	want := []byte{0x05, 0x0b, 0x26, 0xff, 0x7f, 0x67, 1, 0, 0, 0}
	if len(d.ReportDescriptors) != 1 || !bytes.Equal(d.ReportDescriptors[0].Bytes, want) {
		t.Fatalf("reports %+v", d.ReportDescriptors)
	}
	if !hasGap(d, GapBadField) || !hasGap(d, GapTruncated) {
		t.Errorf("gaps %v", d.Gaps)
	}
}
