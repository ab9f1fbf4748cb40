package source

import (
	"fmt"
)

// HIDAPIDevice is one HID interface as hidapi enumerates it; Path is what
// OpenHIDAPI and HIDAPIReportDescriptor take.
type HIDAPIDevice struct {
	Path         string
	VendorID     uint16
	ProductID    uint16
	Interface    int // USB interface number; -1 when not USB
	UsagePage    uint16
	Usage        uint16
	Manufacturer string
	Product      string
	Serial       string
}

// interfacesFromDescriptors lists alternate setting 0 of each interface of
// the first configuration (USB 2.0 §9.6.5), for backends that have no
// sysfs to ask. It walks by bLength and stops at anything malformed.
func interfacesFromDescriptors(b []byte) []RawInterface {
	const ifaceType, ifaceLen = 0x04, 9
	if len(b) < 18+9 || b[18+1] != 0x02 {
		return nil
	}
	end := 18 + (int(b[18+2]) | int(b[18+3])<<8)
	if end > len(b) {
		end = len(b)
	}
	var out []RawInterface
	for off := 18; off+2 <= end; {
		l := int(b[off])
		if l < 2 || off+l > end {
			break
		}
		if b[off+1] == ifaceType && l >= ifaceLen && b[off+3] == 0 {
			out = append(out, RawInterface{Number: b[off+2], AltSetting: 0,
				Class: b[off+5], SubClass: b[off+6], Protocol: b[off+7]})
		}
		off += l
	}
	return out
}

// attachHID adds hidapi's HID interfaces to libusb-read devices, matched
// by vendor, product and (when several devices share them) serial number.
// readRD fetches a report descriptor; a failure becomes a Problem.
func attachHID(devs []RawDevice, hids []HIDAPIDevice, readRD func(path string) ([]byte, error)) {
	for i := range devs {
		d := &devs[i]
		same := 0
		for j := range devs {
			if devs[j].VendorID == d.VendorID && devs[j].ProductID == d.ProductID {
				same++
			}
		}
		for _, h := range hids {
			if h.VendorID != d.VendorID || h.ProductID != d.ProductID {
				continue
			}
			if same > 1 && (h.Serial == "" || h.Serial != d.Serial) {
				if h.Serial == "" {
					d.Problems = append(d.Problems, Problem{Path: h.Path,
						Err: fmt.Errorf("HID interface not matched: %d devices are %s and it has no serial number", same, d.ID())})
				}
				continue
			}
			node := HIDNode{Node: h.Path}
			if rd, err := readRD(h.Path); err != nil {
				d.Problems = append(d.Problems, Problem{Path: h.Path, Err: err})
			} else {
				node.ReportDescriptor = rd
			}
			attached := false
			for k := range d.Interfaces {
				if int(d.Interfaces[k].Number) == h.Interface {
					d.Interfaces[k].HIDRaw = append(d.Interfaces[k].HIDRaw, node)
					attached = true
					break
				}
			}
			if !attached {
				num := uint8(0)
				if h.Interface >= 0 && h.Interface < 256 {
					num = uint8(h.Interface)
				}
				d.Interfaces = append(d.Interfaces, RawInterface{Number: num, Class: 0x03, HIDRaw: []HIDNode{node}})
			}
		}
	}
}
