//go:build !linux

package source

import "errors"

// OpenHID opens a HID device for input reports through hidapi (path as
// hidapi enumerates it).
func OpenHID(path string) (HIDReader, error) { return OpenHIDAPI(path) }

// OpenHIDRaw exists only on Linux.
func OpenHIDRaw(node string) (HIDReader, error) {
	return nil, errors.New("hidraw nodes exist only on Linux; use OpenHIDAPI")
}
