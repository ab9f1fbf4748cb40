package source

import (
	"errors"
	"path"
	"strconv"
	"strings"
	"time"
)

// HIDReader delivers a HID device's input reports, one per Read, with the
// report ID first when the device uses report IDs (HID 1.11 §5.6).
type HIDReader interface {
	// Read waits up to timeout for one input report (timeout < 0 waits
	// for ever). It returns ErrTimeout when none arrived and an error
	// wrapping ErrGone when the device was unplugged.
	Read(buf []byte, timeout time.Duration) (int, error)
	Close() error
}

// ErrTimeout reports a Read that saw no input report in time.
var ErrTimeout = errors.New("no input report before the timeout")

// hidrawIDs finds the vendor and product of a hidraw node ("/dev/hidraw3"
// or "hidraw3") from sysfs without opening it: /sys/class/hidraw/hidrawN
// links into the HID device directory, named bus:vendor:product.instance.
func hidrawIDs(root, node string) (vid, pid uint16, ok bool) {
	t := tree{root: root, fs: OSFS{}}
	p, _, err := t.resolve(path.Join("/sys/class/hidraw", path.Base(node)))
	if err != nil {
		return 0, 0, false
	}
	// .../0003:1209:0001.0004/hidraw/hidraw5
	return parseHIDID(path.Base(path.Dir(path.Dir(p))))
}

// parseHIDID reads vendor and product from "0003:046D:0A38.0001".
func parseHIDID(name string) (vid, pid uint16, ok bool) {
	if !hidDeviceName.MatchString(name) {
		return 0, 0, false
	}
	f := strings.Split(strings.Split(name, ".")[0], ":")
	v, err1 := strconv.ParseUint(f[1], 16, 16)
	p, err2 := strconv.ParseUint(f[2], 16, 16)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uint16(v), uint16(p), true
}
