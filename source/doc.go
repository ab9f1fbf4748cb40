// Package source finds USB devices and reads their raw bytes and the
// kernel's view of them, without interpreting descriptors: that is the job
// of the pure parsers (usbdesc, hid). Backends:
//
//   - sysfs (default on Linux, no root): /sys/bus/usb/devices plus the
//     hidraw and ALSA entries below each interface, and /proc/asound.
//     Every path can be rooted at a captured tree (Options.Root).
//   - libusb through gousb (default elsewhere): standard GET_DESCRIPTOR
//     requests on the default control pipe; never claims an interface or
//     detaches a kernel driver.
//   - hidapi through go-hid, and a pure-Go hidraw reader, for HID report
//     descriptors and input reports (watch).
//
// A failure to read one file never stops a scan: it is recorded as a
// Problem on the device it belongs to.
package source
