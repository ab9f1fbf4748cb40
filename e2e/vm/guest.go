package vm

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Module sets the scenarios load, in the order given (modprobe --show-depends
// adds their dependencies first). Names are those VM.md verified.
//
// The guest has no udev to load drivers by modalias, so HID drivers that
// Debian builds as modules and that claim headset vendors must be listed:
// hid-generic refuses a device whose vendor has a special driver compiled
// (hid-quirks.c hid_have_special_driver, e.g. every Plantronics 047f:*),
// so without hid-plantronics such a headset would get no hidraw node.
var (
	HeadsetHIDModules = []string{"hid-plantronics", "hid-jabra", "hid-logitech", "hid-steelseries", "hid-cmedia"}
	USBHostModules    = append([]string{"usbcore", "xhci-pci", "usbhid", "hid-generic"}, HeadsetHIDModules...)
	SoundModules      = []string{"snd-usb-audio"}
	USBIPModules      = []string{"vhci-hcd"}
	AllHostModules    = append(append(append([]string{}, USBHostModules...), SoundModules...), USBIPModules...)
	GadgetModules     = []string{"configfs", "libcomposite", "dummy_hcd", "usb_f_hid"}
	initScriptGuest   = "/init"
)

// Markers delimit a named section of guest output on the serial console.
// The init script's `begin NAME` and `end NAME` print them.
const (
	MarkerBegin = "@@E2E-BEGIN "
	MarkerEnd   = "@@E2E-END "
	MarkerExit  = "@@E2E-EXIT "
)

// initScript loads the modules listed in /modules.order, mounts the kernel
// filesystems, runs /scenario.sh with helper functions and powers off.
// Everything it prints goes to the serial console.
const initScript = `#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
# Keep kernel messages off the console so sections stay intact; dmesg keeps them.
dmesg -n 1
echo "@@E2E-BOOTED $(cut -d' ' -f1 /proc/uptime)"
while read m; do
  insmod "/lib/modules/$m" || echo "@@E2E-INSMOD-FAILED $m"
done < /modules.order
echo "@@E2E-MODULES $(cut -d' ' -f1 /proc/uptime)"
begin() { echo "@@E2E-BEGIN $1"; }
end() { echo "@@E2E-END $1"; }
# section NAME CMD...: run CMD with its output between markers.
section() { local _s="$1"; shift; begin "$_s"; "$@" 2>&1; echo "@@E2E-STATUS $_s $?"; end "$_s"; }
# wait_for PATH SECONDS: poll until PATH exists.
wait_for() { local i=0; while [ ! -e "$1" ] && [ $i -lt $(($2*10)) ]; do sleep 0.1; i=$((i+1)); done; [ -e "$1" ]; }
# wait_count GLOB N SECONDS: poll until the glob matches at least N paths.
wait_count() { local i=0; while [ $(ls -d $1 2>/dev/null | wc -l) -lt $2 ] && [ $i -lt $(($3*10)) ]; do sleep 0.1; i=$((i+1)); done; }
. /scenario.sh
echo "@@E2E-EXIT $?"
section dmesg dmesg
echo "@@E2E-DONE $(cut -d' ' -f1 /proc/uptime)"
sync
poweroff -f
`

// GuestSpec describes one initramfs.
type GuestSpec struct {
	Modules  []string          // module names; dependencies are added
	Scenario string            // shell sourced by /init (helpers: begin, end, section, wait_for, wait_count)
	Files    map[string]string // guest path -> host file (mode 0755)
	// Dynamic are host binaries linked against shared libraries: each is
	// copied like Files and its libraries (SharedLibraries) go to the same
	// absolute paths in the guest.
	Dynamic map[string]string
	Data    map[string][]byte // guest path -> content (mode 0644)
}

// BuildInitramfs writes a gzip'ed initramfs for spec to out.
func (k *Kernel) BuildInitramfs(ctx context.Context, spec GuestSpec, out string) error {
	r := NewInitramfs()
	r.AddHostFile("bin/busybox", BusyboxPath, 0o755)
	r.AddSymlink("bin/sh", "busybox")
	r.AddBytes("init", []byte(initScript), 0o755)
	r.AddBytes("scenario.sh", []byte(spec.Scenario), 0o755)
	files, err := k.ModuleFiles(ctx, spec.Modules...)
	if err != nil {
		return err
	}
	var order strings.Builder
	for _, f := range files {
		base := path.Base(f)
		r.AddHostFile("lib/modules/"+base, f, 0o644)
		fmt.Fprintln(&order, base)
	}
	r.AddBytes("modules.order", []byte(order.String()), 0o644)
	for g, h := range spec.Files {
		if _, err := os.Stat(h); err != nil {
			return err
		}
		r.AddHostFile(g, h, 0o755)
	}
	for g, h := range spec.Dynamic {
		r.AddHostFile(g, h, 0o755)
		libs, err := SharedLibraries(ctx, h)
		if err != nil {
			return err
		}
		for _, lib := range libs {
			// The kernel's initramfs unpacker wants file contents, not host
			// symlinks: copy what the path resolves to.
			r.AddHostFile(lib, lib, 0o755)
		}
	}
	for g, d := range spec.Data {
		r.AddBytes(g, d, 0o644)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return r.WriteFile(out)
}
