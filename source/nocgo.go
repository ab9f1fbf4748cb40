//go:build !cgo

package source

import "errors"

// Without cgo only the sysfs backend and the hidraw reader exist; these
// stand-ins say so instead of failing the build.

var errNoCgo = errors.New("built without cgo: libusb and hidapi are unavailable (rebuild with CGO_ENABLED=1)")

func scanLibusb(Options) ([]RawDevice, error) { return nil, errNoCgo }

// HIDAPIDevice is one HID interface as hidapi enumerates it.
type HIDAPIDevice struct {
	Path                  string
	VendorID, ProductID   uint16
	Interface             int
	UsagePage, Usage      uint16
	Manufacturer, Product string
	Serial                string
}

func HIDAPIDevices() ([]HIDAPIDevice, error)        { return nil, errNoCgo }
func HIDAPIReportDescriptor(string) ([]byte, error) { return nil, errNoCgo }
func OpenHIDAPI(string) (HIDReader, error)          { return nil, errNoCgo }
