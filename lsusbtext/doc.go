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
// What lsusb leaves out is rebuilt and reported as GapInferred: the
// wBytesPerInterval of SuperSpeed endpoint companions (lsusb folds them into
// the endpoint as "bMaxBurst"), the UVC class-specific interrupt endpoint, and
// the bLength/type/subtype of CDC functional descriptors. HID report
// descriptors printed item by item (lsusb run as root) are rebuilt separately
// into Device.ReportDescriptors.
//
// Two Windows formats are read as well: UsbTreeView text, whose "Data
// (HexDump)" lines are taken as they stand, and Microsoft usbview text
// ("===>Endpoint Descriptor<===" titles, "name: 0xVALUE" fields).
//
// The package is pure: bytes in, values out, no I/O.
package lsusbtext
