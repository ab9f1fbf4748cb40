package usbids

import (
	"testing"

	"github.com/google/gousb"
	"github.com/google/gousb/usbid"
)

// Every vendor and product in gousb's database gives the same name here,
// and nothing else is found: the table is usbid, compiled.
func TestTableEqualsUsbid(t *testing.T) {
	n := 0
	for vid, v := range usbid.Vendors {
		if got := Vendor(uint16(vid)); got != v.Name {
			t.Fatalf("Vendor(%04x) = %q, want %q", uint16(vid), got, v.Name)
		}
		for pid, p := range v.Product {
			if got := Product(uint16(vid), uint16(pid)); got != p.Name {
				t.Fatalf("Product(%04x, %04x) = %q, want %q", uint16(vid), uint16(pid), got, p.Name)
			}
			n++
		}
	}
	if n != len(products) || len(usbid.Vendors) != len(vendors) {
		t.Errorf("table has %d vendors/%d products, usbid %d/%d", len(vendors), len(products), len(usbid.Vendors), n)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		vid, pid uint16
		want     string
	}{
		{0x046d, 0x0825, "Logitech, Inc. Webcam C270"},
		{0x046d, 0xffff, "Logitech, Inc."}, // vendor known, product not
		{0x46f4, 0x0002, ""},               // QEMU's vendor ID is not in usb.ids
		{0x0000, 0x0000, ""},
	} {
		if got := Name(c.vid, c.pid); got != c.want {
			t.Errorf("Name(%04x:%04x) = %q, want %q", c.vid, c.pid, got, c.want)
		}
	}
	if _, ok := usbid.Vendors[gousb.ID(0x046d)]; !ok {
		t.Fatal("usbid lacks Logitech: the test data is wrong")
	}
}

func BenchmarkName(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if Name(0x046d, 0x0a38) == "" {
			b.Fatal("no name")
		}
	}
}
