package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/usbaudio/usbaudio/source"
	"github.com/usbaudio/usbaudio/udev"
)

func init() {
	register(&command{name: "udev", summary: "print KEY=VALUE properties for udev's IMPORT{program}", run: runUdev})
}

const udevExamples = `  # what udev runs (see udev/70-usbaudio.rules); %p is the device path
  usbaudio udev /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.3/0003:046D:0A38.0001/hidraw/hidraw0
  # the same path with /sys in front works too; with no argument, $DEVPATH is used
  DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-1 usbaudio udev
  # on a captured tree
  usbaudio udev --sysfs-root fixtures/sysfs/demo /devices/pci0000:00/0000:00:1d.0/usb2/2-1
`

// runUdev prints the properties of the USB device that DEVPATH (a USB
// device, one of its interfaces, or anything below one: a hidraw node, a
// sound card) belongs to. A path that is not on a USB device prints nothing
// and succeeds: the rules run it on every hidraw node and must stay quiet.
func runUdev(args []string, stdout, stderr io.Writer) error {
	var df deviceFlags
	fs := newFlagSet("udev", "udev [--sysfs-root DIR] [DEVPATH|SYSPATH]", udevExamples, stderr)
	fs.StringVar(&df.sysfsRoot, "sysfs-root", "", sysfsRootHelp)
	fs.StringVar(&df.procfsRoot, "procfs-root", "", "read /proc/asound from this directory (stands for /proc)")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	devpath := os.Getenv("DEVPATH")
	switch fs.NArg() {
	case 0:
		if devpath == "" {
			return exitf(exitUsage, "no device: give a DEVPATH or SYSPATH argument, or set $DEVPATH (udev does)")
		}
	case 1:
		devpath = fs.Arg(0)
	default:
		return exitf(exitUsage, "one device path at a time, got %d", fs.NArg())
	}

	root := df.sysfsRoot
	port, ok := usbDeviceOf(root, devpath)
	if !ok {
		return nil
	}
	raw, err := source.ScanDevice(source.Options{Backend: source.BackendSysfs, Root: root, ProcRoot: df.procfsRoot}, port)
	if errors.Is(err, source.ErrGone) {
		return exitf(exitNoDevice, "%s: device %s is gone (unplugged while reading)", devpath, port)
	}
	if err != nil {
		return err
	}
	d := buildLiveModel(&raw, false)
	out := bufio.NewWriter(stdout)
	if err := udev.Write(out, udev.Properties(d)); err != nil {
		return err
	}
	return out.Flush()
}

// usbDeviceOf walks up from devpath to the USB device directory that holds
// it (the first ancestor with a `descriptors` and an `idVendor` file) and
// returns its sysfs name ("1-1.4"). Root hubs are not devices of ours.
func usbDeviceOf(root, devpath string) (string, bool) {
	p := path.Clean("/" + devpath) // no ".." can climb out of /sys
	p = strings.TrimPrefix(p, "/sys")
	if !strings.HasPrefix(p, "/devices/") {
		return "", false
	}
	for ; p != "/devices" && p != "/"; p = path.Dir(p) {
		dir := filepath.Join(root, "sys", filepath.FromSlash(p))
		if isFile(filepath.Join(dir, "descriptors")) && isFile(filepath.Join(dir, "idVendor")) {
			name := path.Base(p)
			if strings.HasPrefix(name, "usb") {
				return "", false
			}
			return name, true
		}
	}
	return "", false
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
