package source

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// PermissionError names a device node the user may not open and the udev
// rule that grants access. Commands map it to exit code 4.
type PermissionError struct {
	Node string // "/dev/hidraw3", "/dev/bus/usb/001/004", or the sysfs file
	// Why says what the node was needed for.
	Why string
	// Rule is a udev rule line that grants the seated user access (same
	// form as udev/70-usbaudio.rules); empty when the IDs are unknown.
	Rule string
	Err  error
}

func (e *PermissionError) Error() string {
	msg := fmt.Sprintf("permission denied opening %s", e.Node)
	if e.Why != "" {
		msg += " (" + e.Why + ")"
	}
	if e.Rule != "" {
		msg += "; usbaudio's udev/70-usbaudio.rules (make install-udev) grants the seated user access to" +
			" audio devices, or allow this device alone with a line in /etc/udev/rules.d/70-usbaudio-local.rules:\n  " +
			e.Rule + "\nthen run: sudo udevadm control --reload && sudo udevadm trigger (or replug the device)"
	}
	return msg
}

func (e *PermissionError) Unwrap() error { return e.Err }

// HIDRawRule is the udev line granting access to a device's hidraw nodes:
// uaccess for the logged-in seat, plugdev for everyone else who is trusted.
func HIDRawRule(vid, pid uint16) string {
	return fmt.Sprintf(`KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="%04x", ATTRS{idProduct}=="%04x", TAG+="uaccess", MODE="0660", GROUP="plugdev"`, vid, pid)
}

// USBRule is the udev line granting access to a device's usbfs node, which
// libusb opens to send control requests.
func USBRule(vid, pid uint16) string {
	return fmt.Sprintf(`SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="%04x", ATTR{idProduct}=="%04x", TAG+="uaccess", MODE="0660", GROUP="plugdev"`, vid, pid)
}

// isPermission reports EACCES/EPERM however wrapped.
func isPermission(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// hidrawPermission wraps err for a hidraw node of device vid:pid.
func hidrawPermission(node string, vid, pid uint16, known bool, err error) *PermissionError {
	pe := &PermissionError{Node: node, Why: "hidraw node, needed for HID input reports", Err: err}
	if known {
		pe.Rule = HIDRawRule(vid, pid)
	}
	return pe
}
