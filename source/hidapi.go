//go:build cgo

package source

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	hid "github.com/sstallion/go-hid"
)

var hidInit sync.Once

// hidStart initialises hidapi once and, on macOS, makes every open shared
// (see hidapi_darwin.go) so the OS keeps the device.
func hidStart() error {
	var err error
	hidInit.Do(func() {
		err = hid.Init()
		setHIDShared()
	})
	return err
}

// HIDAPIDevices lists HID interfaces, for systems without sysfs.
func HIDAPIDevices() ([]HIDAPIDevice, error) {
	if err := hidStart(); err != nil {
		return nil, err
	}
	var out []HIDAPIDevice
	err := hid.Enumerate(hid.VendorIDAny, hid.ProductIDAny, func(d *hid.DeviceInfo) error {
		out = append(out, HIDAPIDevice{Path: d.Path, VendorID: d.VendorID, ProductID: d.ProductID,
			Interface: d.InterfaceNbr, UsagePage: d.UsagePage, Usage: d.Usage,
			Manufacturer: d.MfrStr, Product: d.ProductStr, Serial: d.SerialNbr})
		return nil
	})
	return out, err
}

// maxReportDescriptor is the largest report descriptor hidapi (and the
// Linux HID core, HID_MAX_DESCRIPTOR_SIZE) hands out.
const maxReportDescriptor = 4096

// HIDAPIReportDescriptor reads a report descriptor through hidapi, where
// sysfs's report_descriptor is not available. On Windows hidapi rebuilds
// it from the parsed data, so it may differ from the device's bytes.
func HIDAPIReportDescriptor(path string) ([]byte, error) {
	d, err := openHIDAPIDevice(path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	buf := make([]byte, maxReportDescriptor)
	n, err := d.GetReportDescriptor(buf)
	if err != nil {
		return nil, fmt.Errorf("%s: report descriptor: %w", path, err)
	}
	if n < 0 || n > len(buf) {
		return nil, fmt.Errorf("%s: report descriptor: hidapi returned length %d", path, n)
	}
	return buf[:n], nil
}

func openHIDAPIDevice(path string) (*hid.Device, error) {
	if err := hidStart(); err != nil {
		return nil, err
	}
	d, err := hid.OpenPath(path)
	if err != nil {
		return nil, hidapiOpenError(path, err)
	}
	return d, nil
}

// hidapiOpenError turns hidapi's text errors into the package's: hidapi
// reports errno only as words inside its message.
func hidapiOpenError(path string, err error) error {
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "permission denied"), strings.Contains(msg, "access denied"),
		strings.Contains(msg, "not permitted"):
		vid, pid, ok := hidrawIDs("/", path)
		pe := hidrawPermission(path, vid, pid, ok && strings.HasPrefix(path, "/dev/hidraw"), err)
		pe.Why = "HID device, needed for input reports and report descriptors"
		return pe
	case strings.Contains(msg, "no such file"), strings.Contains(msg, "no such device"):
		return fmt.Errorf("%s: %w (%v)", path, ErrGone, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

type hidapiReader struct {
	d    *hid.Device
	path string
	// read is d.ReadWithTimeout (a test puts its own in its place).
	read func(buf []byte, timeout time.Duration) (int, error)
}

// OpenHIDAPI opens a device through hidapi for input reports; never
// exclusively, and without detaching any kernel driver.
func OpenHIDAPI(path string) (HIDReader, error) {
	d, err := openHIDAPIDevice(path)
	if err != nil {
		return nil, err
	}
	return &hidapiReader{d: d, path: path, read: d.ReadWithTimeout}, nil
}

// Read waits up to timeout for a report. hidapi waits in poll(2) and
// gives up when a signal interrupts it (EINTR): the Go runtime signals
// its own threads (preemption, profiling), so that is no unplug. The
// read is then made again for what is left of the timeout.
func (r *hidapiReader) Read(buf []byte, timeout time.Duration) (int, error) {
	if len(buf) == 0 {
		return 0, errors.New("hidapi read: empty buffer")
	}
	deadline := time.Now().Add(timeout)
	for {
		wait := -time.Millisecond // hid_read_timeout's -1: block
		if timeout >= 0 {
			wait = max(time.Until(deadline), 0)
		}
		n, err := r.read(buf, wait)
		switch {
		case errors.Is(err, hid.ErrTimeout):
			return 0, ErrTimeout
		case err != nil && interrupted(err):
			continue
		case err != nil:
			return 0, fmt.Errorf("%s: %w (%v)", r.path, ErrGone, err)
		}
		return n, nil
	}
}

// interrupted reports hidapi's error for EINTR. hidapi gives errno only
// as strerror's words.
func interrupted(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "interrupted system call")
}

func (r *hidapiReader) Close() error { return r.d.Close() }
