//go:build !cgo

package main

// usbIDName has no database without cgo: gousb's usbid package imports
// gousb, which needs libusb through cgo. Reports then name devices by
// their strings alone.
func usbIDName(vid, pid uint16) string { return "" }
