package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// OpenHID opens a HID device for input reports. On Linux it reads the
// hidraw node directly (node is "/dev/hidrawN"), which needs no cgo and
// shares the device with every other reader; elsewhere it uses hidapi.
func OpenHID(node string) (HIDReader, error) { return OpenHIDRaw(node) }

// hidrawReader reads a hidraw node; each read(2) returns one report.
type hidrawReader struct {
	f    *os.File
	node string
}

// OpenHIDRaw opens a Linux hidraw node read-only and non-blocking, so Read
// can time out through the runtime poller. hidraw has no exclusive mode:
// the kernel's own input handling keeps working.
func OpenHIDRaw(node string) (HIDReader, error) {
	f, err := os.OpenFile(node, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if isPermission(err) {
			vid, pid, ok := hidrawIDs("/", node)
			return nil, hidrawPermission(node, vid, pid, ok, err)
		}
		if isGoneErr(err) {
			return nil, fmt.Errorf("%s: %w", node, ErrGone)
		}
		return nil, err
	}
	return &hidrawReader{f: f, node: node}, nil
}

func (r *hidrawReader) Read(buf []byte, timeout time.Duration) (int, error) {
	if len(buf) == 0 {
		return 0, errors.New("hidraw read: empty buffer")
	}
	var deadline time.Time
	if timeout >= 0 {
		deadline = time.Now().Add(timeout)
	}
	if err := r.f.SetReadDeadline(deadline); err != nil {
		return 0, err
	}
	n, err := r.f.Read(buf)
	switch {
	case err == nil && n == 0, errors.Is(err, io.EOF):
		// end of file: nothing more will come (the writer of a test
		// FIFO closed; hidraw itself reports EIO/ENODEV on unplug)
		return 0, fmt.Errorf("%s: %w", r.node, ErrGone)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return 0, ErrTimeout
	case errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.EIO), errors.Is(err, syscall.EPIPE):
		// hidraw returns these once the device is disconnected
		return n, fmt.Errorf("%s: %w (%v)", r.node, ErrGone, err)
	}
	return n, err
}

func (r *hidrawReader) Close() error { return r.f.Close() }
