package lsusbtext

import "fmt"

// Format says which kind of text a device was imported from.
type Format int

const (
	// FormatLsusb is the verbose output of usbutils' `lsusb -v`.
	FormatLsusb Format = iota
	// FormatHexDump is descriptor-dumper text (Windows UsbTreeView style)
	// whose descriptors carry "Data (HexDump)" lines.
	FormatHexDump
	// FormatUsbView is the text of Microsoft's USB Device Viewer (usbview):
	// "===>Endpoint Descriptor<===" titles and "name: 0xVALUE" fields.
	FormatUsbView
)

var formatNames = [...]string{FormatLsusb: "lsusb -v", FormatHexDump: "hex dump", FormatUsbView: "usbview"}

func (f Format) String() string {
	if int(f) >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Device is one device rebuilt from text.
type Device struct {
	Format Format
	// Line is the 1-based text line where the device starts.
	Line int

	// From the "Bus 001 Device 002: ID 046d:0a38 Logitech, Inc. ..." header,
	// when the text has one (HasHeader).
	HasHeader bool
	Bus       int
	Address   int
	VendorID  uint16
	ProductID uint16
	// IDName is the text after "ID vvvv:pppp" (lsusb's name from usb.ids).
	IDName string

	// Descriptors is the device descriptor followed by every configuration
	// (the layout of a Linux sysfs `descriptors` file).
	Descriptors []byte

	// ReportDescriptors are HID report descriptors rebuilt from the items lsusb
	// printed (only when it ran as root); they are not part of Descriptors.
	ReportDescriptors []ReportDescriptor

	// Configs locates each configuration inside Descriptors.
	Configs []ConfigSpan

	// Strings lsusb printed after string-descriptor indexes (iManufacturer 1 Foo).
	Manufacturer, Product, Serial string
	// StringTable maps every non-zero string index to the text lsusb printed for it.
	StringTable map[uint8]string

	// Gaps lists what the text lacked or what could not be rebuilt exactly.
	Gaps []Gap
}

// Missing reports whether any gap means bytes are absent from Descriptors
// (as opposed to warnings about values that were rebuilt anyway).
func (d *Device) Missing() bool {
	for _, g := range d.Gaps {
		if g.Kind.losesData() {
			return true
		}
	}
	return false
}

// HeaderOnly reports whether only the "Bus ... ID" line of the device was
// printed (plain `lsusb` output listed next to a verbose block).
func (d *Device) HeaderOnly() bool {
	return d.HasHeader && len(d.Descriptors) == 0
}

// GapKind classifies a Gap.
type GapKind int

const (
	// GapTruncated: the text ends (or the next device starts) before the
	// configuration's wTotalLength bytes were printed.
	GapTruncated GapKind = iota
	// GapInterfaceCutOff: fewer interfaces or endpoints were printed than
	// bNumInterfaces / bNumEndpoints announce.
	GapInterfaceCutOff
	// GapDeviceNotOpened: lsusb said "Couldn't open device, some information
	// will be missing" (strings, report descriptors, BOS and status).
	GapDeviceNotOpened
	// GapReportDescriptorUnavailable: "Report Descriptors: ** UNAVAILABLE **".
	GapReportDescriptorUnavailable
	// GapNoDeviceDescriptor: descriptors were printed without a device descriptor.
	GapNoDeviceDescriptor
	// GapLengthMismatch: a descriptor's printed fields run past its bLength
	// (lsusb decoded a longer layout; the bytes were cut to bLength), or a
	// configuration's rebuilt size exceeds wTotalLength.
	GapLengthMismatch
	// GapBadField: a field value could not be read or does not fit its width.
	GapBadField
	// GapLsusbWarning: lsusb itself printed a warning about the descriptor.
	GapLsusbWarning
	// GapConfigMissing: lsusb could not read a configuration descriptor.
	GapConfigMissing
	// GapInferred: lsusb does not print these bytes at all; they were rebuilt
	// from what the specification requires and devices do in practice.
	GapInferred
	// GapPadded: a descriptor's printed fields fell short of its bLength and
	// the rest was filled with zeros: those bytes are unknown.
	GapPadded
)

var gapKindNames = [...]string{
	GapTruncated:                   "truncated",
	GapInterfaceCutOff:             "interface cut off",
	GapDeviceNotOpened:             "device not opened",
	GapReportDescriptorUnavailable: "report descriptor unavailable",
	GapNoDeviceDescriptor:          "no device descriptor",
	GapLengthMismatch:              "length mismatch",
	GapBadField:                    "bad field",
	GapLsusbWarning:                "lsusb warning",
	GapConfigMissing:               "configuration missing",
	GapInferred:                    "inferred",
	GapPadded:                      "padded",
}

func (k GapKind) String() string {
	if int(k) >= 0 && int(k) < len(gapKindNames) {
		return gapKindNames[k]
	}
	return fmt.Sprintf("GapKind(%d)", int(k))
}

// losesData is true for kinds where the rebuilt bytes are known to be incomplete.
func (k GapKind) losesData() bool {
	switch k {
	case GapTruncated, GapInterfaceCutOff, GapNoDeviceDescriptor, GapConfigMissing, GapPadded:
		return true
	}
	return false
}

// Gap is one thing the text lacked, or one value that could not be rebuilt exactly.
type Gap struct {
	Line   int // 1-based line in the input text (0 when it concerns the whole device)
	Kind   GapKind
	Detail string
}

func (g Gap) String() string {
	if g.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", g.Line, g.Kind, g.Detail)
	}
	return fmt.Sprintf("%s: %s", g.Kind, g.Detail)
}

// ConfigSpan is where one configuration lies in Device.Descriptors.
type ConfigSpan struct {
	Line        int // text line of "Configuration Descriptor:"
	Offset      int // byte offset of the configuration descriptor
	Length      int // bytes rebuilt from the text
	TotalLength int // wTotalLength as printed
}

// RepairedDescriptors returns a copy of Descriptors in which each
// configuration's wTotalLength and bNumInterfaces, and each interface's
// bNumEndpoints, are set to what the text actually gave, so that strict
// readers (libusb, the kernel) accept a partial paste. Use it only together
// with the Gaps that say what is missing.
func (d *Device) RepairedDescriptors() []byte {
	out := append([]byte(nil), d.Descriptors...)
	for _, c := range d.Configs {
		end := c.Offset + c.Length
		if c.Offset+5 > len(out) || end > len(out) || c.Length > 0xffff {
			continue
		}
		out[c.Offset+2] = byte(c.Length)
		out[c.Offset+3] = byte(c.Length >> 8)
		interfaces := map[byte]bool{}
		iface := -1 // offset of the interface descriptor whose endpoints are being counted
		endpoints := 0
		closeIface := func() {
			if iface >= 0 && int(out[iface+4]) > endpoints {
				out[iface+4] = byte(endpoints)
			}
		}
		for off := c.Offset + int(out[c.Offset]); off+2 <= end; {
			l := int(out[off])
			if l < 2 || off+l > end {
				break
			}
			switch out[off+1] {
			case 4: // interface
				if l >= 5 {
					closeIface()
					interfaces[out[off+2]] = true
					iface, endpoints = off, 0
				}
			case 5: // endpoint
				endpoints++
			}
			off += l
		}
		closeIface()
		if int(out[c.Offset+4]) > len(interfaces) {
			out[c.Offset+4] = byte(len(interfaces))
		}
	}
	return out
}
