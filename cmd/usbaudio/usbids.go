package main

import "github.com/usbaudio/usbaudio/usbids"

// usbIDName is lsusb's "Vendor Product" name from gousb's usb.ids copy,
// compiled into package usbids so that no process pays for parsing it.
func usbIDName(vid, pid uint16) string { return usbids.Name(vid, pid) }
