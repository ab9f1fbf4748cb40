// Package lsusbtext rebuilds raw USB descriptor bytes from the text of `lsusb -v`
// (usbutils) as people paste it into bug reports and mailing lists.
//
// lsusb prints every descriptor field in wire order, one per line, with a
// Hungarian-notation name (bLength, wTotalLength, dwClockFrequency, tSamFreq,
// bcdUSB, guidFormat ...). The prefix and the printed value give each field's
// width, so the importer needs no per-class tables: the bytes of a descriptor are
// its printed fields in order, cut or padded to the printed bLength. The few
// fields lsusb prints in converted units are converted back (bcd versions,
// MaxPower in mA, the UVC clock in MHz, GUIDs).
//
// The result for each device is the layout of a Linux sysfs `descriptors` file:
// the device descriptor followed by every configuration with all its interface,
// endpoint and class-specific descriptors. Whatever the text lacks (a truncated
// paste, "Couldn't open device", an unavailable HID report descriptor, an
// interface cut off) is reported as a Gap naming the text line.
//
// The package is pure: bytes in, values out, no I/O.
package lsusbtext
