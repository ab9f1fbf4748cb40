//go:build cgo && darwin

package source

import hid "github.com/sstallion/go-hid"

// setHIDShared stops hidapi's macOS backend from seizing devices
// (kIOHIDOptionsTypeSeizeDevice), which would take them from the OS.
func setHIDShared() { hid.SetOpenExclusive(false) }
