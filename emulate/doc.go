// Package emulate serves a USB device from its descriptors through the usbip
// protocol, so that a Linux kernel with vhci_hcd loaded enumerates it as if
// it were plugged in: the kernel's own drivers (usbcore, snd-usb-audio,
// usbhid) bind to it, and everything above them (ALSA, hidraw, udev) sees a
// real device. The device answers standard requests from its descriptors,
// UAC1/UAC2 volume, mute and clock requests from a small model, HID class
// requests, and interrupt IN transfers with reports queued by the caller.
//
// The wire format is the one in the kernel's
// Documentation/usb/usbip_protocol.rst: 48-byte big-endian headers, OUT data
// after a CMD_SUBMIT, IN data after a RET_SUBMIT, then iso packet descriptors.
//
// Typical use on a Linux host (or in the e2e guest) with vhci-hcd loaded:
//
//	dev := &emulate.Device{Descriptors: blob, Strings: strs, HIDReports: map[int][]byte{3: rd}}
//	dev.Speed = emulate.SpeedFromDescriptors(blob)
//	att, err := emulate.AttachVHCI("/sys", -1, dev.Speed) // -1: first free port
//	go dev.Serve(att.Conn)                                // returns after Detach
//	dev.SendInputReport(3, []byte{0x01, 0x02})            // e.g. volume down
//	att.Detach()
package emulate
