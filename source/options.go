package source

import (
	"fmt"
	"runtime"
)

// Options chooses a backend and where it reads from.
type Options struct {
	// Backend is BackendSysfs or BackendLibusb; empty picks DefaultBackend.
	Backend string
	// Root stands for "/" (sysfs backend): files are read from
	// Root/sys/... and Root/proc/...; empty means the live system.
	Root string
	// ProcRoot, when set, stands for /proc instead of Root/proc
	// (ProcRoot/asound/card0/usbmixer).
	ProcRoot string
	// IncludeRootHubs lists the host controllers' root hubs (usbN) too.
	IncludeRootHubs bool
	// Select, when set, is asked before a device is read in full; devices
	// it rejects are skipped without opening anything more.
	Select func(DeviceID) bool
	// FS replaces file access (tests); nil is the real file system.
	FS FS
}

// DeviceID is what is known of a device before it is read: enough for
// lsusb-style filters (-d VID:PID, -s BUS:DEV).
type DeviceID struct {
	Bus, Dev   int
	PortPath   string
	VendorID   uint16
	ProductID  uint16
	HaveVIDPID bool // false if idVendor/idProduct could not be read
}

// DefaultBackend is sysfs on Linux, where it needs no privileges, and
// libusb elsewhere.
func DefaultBackend() string {
	if runtime.GOOS == "linux" {
		return BackendSysfs
	}
	return BackendLibusb
}

// Scan lists the devices of the chosen backend. Per-file failures are
// recorded on each device; the error is for failures that stop the whole
// listing (no sysfs, libusb cannot initialise).
func Scan(opts Options) ([]RawDevice, error) {
	backend := opts.Backend
	if backend == "" {
		backend = DefaultBackend()
	}
	switch backend {
	case BackendSysfs:
		return scanSysfs(opts)
	case BackendLibusb:
		return scanLibusb(opts)
	}
	return nil, fmt.Errorf("unknown backend %q (want %s or %s)", backend, BackendSysfs, BackendLibusb)
}

func (o Options) trees() (sys, proc tree) {
	fsys := o.FS
	if fsys == nil {
		fsys = OSFS{}
	}
	root := o.Root
	if root == "" {
		root = "/"
	}
	sys = tree{root: root, fs: fsys}
	proc = sys
	if o.ProcRoot != "" {
		// ProcRoot stands for /proc, so its tree's "/" is one level up in
		// name only: paths are rewritten by procPath.
		proc = tree{root: o.ProcRoot, fs: fsys, shown: "/proc"}
	}
	return sys, proc
}
