//go:build !cgo

package source

import "errors"

// Without cgo only the sysfs backend and the hidraw reader exist; these
// stand-ins say so instead of failing the build.

var errNoCgo = errors.New("built without cgo: libusb and hidapi are unavailable (rebuild with CGO_ENABLED=1)")

func scanLibusb(Options) ([]RawDevice, error) { return nil, errNoCgo }

func HIDAPIDevices() ([]HIDAPIDevice, error)        { return nil, errNoCgo }
func HIDAPIReportDescriptor(string) ([]byte, error) { return nil, errNoCgo }
func OpenHIDAPI(string) (HIDReader, error)          { return nil, errNoCgo }
