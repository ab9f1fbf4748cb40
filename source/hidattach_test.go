package source

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestInterfacesFromDescriptors(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(handRoot, handDev, "descriptors"))
	if err != nil {
		t.Fatal(err)
	}
	got := interfacesFromDescriptors(b)
	if len(got) != 4 {
		t.Fatalf("interfaces = %+v", got)
	}
	if got[0].Class != 1 || got[0].SubClass != 1 || got[3].Number != 3 || got[3].Class != 3 {
		t.Errorf("interfaces = %+v", got)
	}
	// a blob cut inside the config keeps the interfaces before the cut
	if cut := interfacesFromDescriptors(b[:18+9+9+5]); len(cut) != 1 {
		t.Errorf("cut blob: %+v", cut)
	}
	for _, bad := range [][]byte{nil, b[:20], append(append([]byte{}, b[:18]...), 0, 2, 0xff, 0xff)} {
		if got := interfacesFromDescriptors(bad); len(got) != 0 {
			t.Errorf("% x: %+v", bad, got)
		}
	}
}

func TestAttachHID(t *testing.T) {
	devs := []RawDevice{
		{VendorID: 0x1209, ProductID: 1, Serial: "A", Interfaces: []RawInterface{{Number: 0, Class: 1}, {Number: 3, Class: 3}}},
		{VendorID: 0x1209, ProductID: 1, Serial: "B"},
		{VendorID: 0x046d, ProductID: 0x0a38},
	}
	hids := []HIDAPIDevice{
		{Path: "p-a", VendorID: 0x1209, ProductID: 1, Serial: "A", Interface: 3},
		{Path: "p-b", VendorID: 0x1209, ProductID: 1, Serial: "B", Interface: 2},
		{Path: "p-x", VendorID: 0x1209, ProductID: 1, Interface: 2},
		{Path: "p-lg", VendorID: 0x046d, ProductID: 0x0a38, Interface: 3},
	}
	read := func(p string) ([]byte, error) {
		if p == "p-lg" {
			return nil, hidrawPermission(p, 0x046d, 0x0a38, true, syscall.EACCES)
		}
		return []byte(p), nil
	}
	attachHID(devs, hids, read)
	a, b, lg := devs[0], devs[1], devs[2]
	if len(a.Interfaces[1].HIDRaw) != 1 || string(a.Interfaces[1].HIDRaw[0].ReportDescriptor) != "p-a" {
		t.Errorf("device A = %+v", a.Interfaces)
	}
	if len(b.Interfaces) != 1 || b.Interfaces[0].Number != 2 || b.Interfaces[0].HIDRaw[0].Node != "p-b" {
		t.Errorf("device B = %+v", b.Interfaces)
	}
	// the serial-less interface cannot be placed between A and B
	if len(a.Problems) != 1 || len(b.Problems) != 1 {
		t.Errorf("ambiguity problems = %v / %v", a.Problems, b.Problems)
	}
	var pe *PermissionError
	if lg.PermissionErr() == nil || !errors.As(lg.Problems[0].Err, &pe) || len(lg.Interfaces) != 1 || lg.Interfaces[0].HIDRaw[0].Node != "p-lg" {
		t.Errorf("logitech = %+v", lg)
	}
}
