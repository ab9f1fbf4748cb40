package source

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Backend names, as accepted by Options.Backend and recorded in RawDevice.
const (
	BackendSysfs  = "sysfs"
	BackendLibusb = "libusb"
)

// RawDevice is one USB device as a backend saw it: exact descriptor bytes
// and strings as read, plus what the host kernel bound to it. Nothing here is
// decoded beyond what is needed to find the files.
type RawDevice struct {
	Backend  string `json:"backend"`
	Bus      int    `json:"bus"`
	Dev      int    `json:"dev"`       // device address on the bus (lsusb's "Device NNN")
	PortPath string `json:"port_path"` // "1-1.4": bus 1, root port 1, hub port 4
	// SysPath is the device directory inside the tree with symlinks
	// resolved ("/sys/devices/pci0000:00/.../1-1"); empty for libusb.
	SysPath string `json:"sys_path,omitempty"`
	// Speed in Mb/s as the kernel prints it: "1.5", "12", "480", "5000".
	Speed string `json:"speed,omitempty"`
	// VendorID and ProductID come from idVendor/idProduct (sysfs) or the
	// device descriptor, so they are known even when Descriptors is short.
	VendorID  uint16 `json:"vendor_id"`
	ProductID uint16 `json:"product_id"`
	// Descriptors holds the device descriptor followed by every
	// configuration's full wTotalLength bytes, exactly as read.
	Descriptors []byte `json:"descriptors"`
	// Strings are kept byte for byte (they may not be UTF-8); only the
	// newline sysfs appends is removed.
	Manufacturer string         `json:"manufacturer,omitempty"`
	Product      string         `json:"product,omitempty"`
	Serial       string         `json:"serial,omitempty"`
	Interfaces   []RawInterface `json:"interfaces,omitempty"`
	// Sound is the ALSA card snd-usb-audio created for this device, if any.
	Sound *ALSACard `json:"sound,omitempty"`
	// Gone is set when the device disappeared while it was being read
	// (unplugged mid-scan); what was read before is kept.
	Gone     bool      `json:"gone,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
	// Files lists every tree path read or traversed for this device, in
	// order, so a capture can copy exactly what a scan needs.
	Files []string `json:"-"`
}

// RawInterface is one interface of the active configuration as the kernel
// lists it (sysfs shows only the current alternate setting).
type RawInterface struct {
	Number     uint8  `json:"number"`
	AltSetting uint8  `json:"alt_setting"`
	Class      uint8  `json:"class"`
	SubClass   uint8  `json:"subclass"`
	Protocol   uint8  `json:"protocol"`
	Driver     string `json:"driver,omitempty"` // "usbhid", "snd-usb-audio"; empty if unbound
	// SysName is the interface's sysfs name, "1-1:1.0".
	SysName string    `json:"sys_name,omitempty"`
	HIDRaw  []HIDNode `json:"hidraw,omitempty"`
}

// HIDNode is one HID device the kernel created on an interface.
type HIDNode struct {
	// Node is the character device ("/dev/hidraw0") and Name its sysfs
	// name ("hidraw0"); both are empty when hidraw is not bound.
	Node string `json:"node,omitempty"`
	Name string `json:"name,omitempty"`
	// HIDID is the HID core's device name, "0003:046D:0A38.0001"
	// (bus:vendor:product.instance).
	HIDID            string `json:"hid_id,omitempty"`
	Driver           string `json:"driver,omitempty"` // "hid-generic", "sony"...
	ReportDescriptor []byte `json:"report_descriptor,omitempty"`
}

// ALSACard is the kernel's view of an audio function: snd-usb-audio's own
// dumps, raw and parsed.
type ALSACard struct {
	Index     int            `json:"index"`
	ID        string         `json:"id,omitempty"` // /proc/asound/cardN/id, e.g. "Headset"
	Interface int            `json:"interface"`    // interface the card hangs off (the control interface)
	USBMixer  string         `json:"usbmixer,omitempty"`
	Stream0   string         `json:"stream0,omitempty"`
	Mixer     []MixerControl `json:"mixer,omitempty"`
	// Streams holds every format of every PCM (stream0, stream1...).
	Streams []KernelStream `json:"streams,omitempty"`
}

// Problem is a file that could not be read. Err wraps fs.ErrNotExist,
// *PermissionError, ErrGone, ErrTooLarge or *TruncatedError.
type Problem struct {
	Path string `json:"path"`
	Err  error  `json:"-"`
}

func (p Problem) Error() string { return p.Path + ": " + p.Err.Error() }

// Unwrap lets errors.As find a *PermissionError inside a problem.
func (p Problem) Unwrap() error { return p.Err }

// MarshalText keeps problems readable in JSON.
func (p Problem) MarshalText() ([]byte, error) { return []byte(p.Error()), nil }

// ErrGone reports a device that went away while it was being read.
var ErrGone = errors.New("device gone (unplugged while reading)")

// ErrTooLarge reports a file longer than the read cap; the bytes up to the
// cap are kept.
var ErrTooLarge = errors.New("file larger than read limit")

// TruncatedError says a descriptors blob ends before a length it declares.
type TruncatedError struct {
	Offset int // where the cut-short descriptor starts
	Want   int // bytes it declares
	Have   int // bytes present from Offset
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("descriptors cut short at offset %d: declares %d bytes, %d present", e.Offset, e.Want, e.Have)
}

// ID is "vvvv:pppp" as lsusb prints it.
func (d *RawDevice) ID() string { return fmt.Sprintf("%04x:%04x", d.VendorID, d.ProductID) }

// PermissionErr returns the first permission problem of the device, if any,
// so a command can map it to its exit code and print the fix.
func (d *RawDevice) PermissionErr() *PermissionError {
	for _, p := range d.Problems {
		var pe *PermissionError
		if errors.As(p.Err, &pe) {
			return pe
		}
	}
	return nil
}

// checkDescriptors walks the device descriptor and each configuration's
// wTotalLength (USB 2.0 §9.6.1, §9.6.3) and reports the first one that
// the blob does not hold in full. It never indexes past len(b).
func checkDescriptors(b []byte) error {
	const devLen, cfgHdr = 18, 9
	if len(b) < devLen {
		return &TruncatedError{Offset: 0, Want: devLen, Have: len(b)}
	}
	numConfigs := int(b[17])
	off := devLen
	for i := 0; i < numConfigs; i++ {
		rest := len(b) - off
		if rest < cfgHdr {
			return &TruncatedError{Offset: off, Want: cfgHdr, Have: rest}
		}
		total := int(binary.LittleEndian.Uint16(b[off+2:]))
		if total < cfgHdr {
			total = cfgHdr // a lying wTotalLength still occupies its header
		}
		if rest < total {
			return &TruncatedError{Offset: off, Want: total, Have: rest}
		}
		off += total
	}
	return nil
}

// idsFromDescriptor reads idVendor/idProduct from a device descriptor.
func idsFromDescriptor(b []byte) (vid, pid uint16, ok bool) {
	if len(b) < 12 {
		return 0, 0, false
	}
	return binary.LittleEndian.Uint16(b[8:]), binary.LittleEndian.Uint16(b[10:]), true
}
