package source

import (
	"bytes"
	"strings"
)

// uevent is one kernel hotplug message: "ACTION@DEVPATH" then KEY=VALUE
// fields, NUL-separated (lib/kobject_uevent.c).
type uevent struct {
	Action  string
	DevPath string
	Env     map[string]string
}

// parseUevent reads a kernel uevent datagram; ok is false for anything
// else (udevd's "libudev" messages, garbage).
func parseUevent(msg []byte) (uevent, bool) {
	fields := bytes.Split(msg, []byte{0})
	head := string(fields[0])
	action, devpath, ok := strings.Cut(head, "@")
	if !ok || action == "" || !strings.HasPrefix(devpath, "/") {
		return uevent{}, false
	}
	ev := uevent{Action: action, DevPath: devpath, Env: map[string]string{}}
	for _, f := range fields[1:] {
		if k, v, ok := strings.Cut(string(f), "="); ok {
			ev.Env[k] = v
		}
	}
	return ev, true
}

// isUSBDeviceEvent says whether a uevent concerns a whole USB device (not
// one of its interfaces or endpoints), the only kind Watch reports.
func (e uevent) isUSBDeviceEvent() bool {
	return e.Env["SUBSYSTEM"] == "usb" && e.Env["DEVTYPE"] == "usb_device" &&
		(e.Action == "add" || e.Action == "remove" || e.Action == "bind" || e.Action == "unbind")
}
