//go:build cgo

package source

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/google/gousb"
)

// fakeDevice answers GET_DESCRIPTOR from a descriptor blob laid out as
// sysfs's descriptors file, and records every request.
type fakeDevice struct {
	blob     []byte
	requests []string
	failAt   int // fail the n-th request (1-based) with failErr
	failErr  error
	short    bool // return one byte less than asked for configurations
}

func (f *fakeDevice) control(request uint8, value, index uint16, buf []byte) (int, error) {
	f.requests = append(f.requests, fmt.Sprintf("%02x %04x %04x %d", request, value, index, len(buf)))
	if f.failAt == len(f.requests) {
		return 0, f.failErr
	}
	if request != reqGetDescriptor {
		return 0, gousb.ErrorPipe
	}
	typ, idx := uint8(value>>8), int(value&0xff)
	var src []byte
	switch typ {
	case descTypeDevice:
		src = f.blob[:18]
	case descTypeConfig:
		off := 18
		for i := 0; ; i++ {
			if off+4 > len(f.blob) {
				return 0, gousb.ErrorPipe
			}
			total := int(f.blob[off+2]) | int(f.blob[off+3])<<8
			if i == idx {
				src = f.blob[off : off+total]
				break
			}
			off += total
		}
		if f.short && len(buf) > 9 {
			src = src[:len(src)-1]
		}
	default:
		return 0, gousb.ErrorPipe
	}
	return copy(buf, src), nil
}

// twoConfigs is a device with two configurations (bNumConfigurations 2).
var twoConfigs = func() []byte {
	dev := []byte{0x12, 0x01, 0x00, 0x02, 0, 0, 0, 0x40, 0x09, 0x12, 0x01, 0x00, 0x00, 0x01, 1, 2, 3, 2}
	cfg1 := []byte{0x09, 0x02, 0x12, 0x00, 0x01, 0x01, 0, 0x80, 0x32, 0x09, 0x04, 0, 0, 0, 0x01, 0x01, 0, 0}
	cfg2 := []byte{0x09, 0x02, 0x09, 0x00, 0x00, 0x02, 0, 0x80, 0x32}
	return append(append(dev, cfg1...), cfg2...)
}()

func TestReadRawDescriptors(t *testing.T) {
	f := &fakeDevice{blob: twoConfigs}
	got, err := readRawDescriptors(f.control)
	if err != nil || !bytes.Equal(got, twoConfigs) {
		t.Fatalf("got % x, %v", got, err)
	}
	// exactly the standard requests, header first then wTotalLength
	want := []string{"06 0100 0000 18", "06 0200 0000 9", "06 0200 0000 18", "06 0201 0000 9", "06 0201 0000 9"}
	if fmt.Sprint(f.requests) != fmt.Sprint(want) {
		t.Errorf("requests = %v, want %v", f.requests, want)
	}
}

func TestReadRawDescriptorsFailures(t *testing.T) {
	f := &fakeDevice{blob: twoConfigs, failAt: 4, failErr: gousb.ErrorNoDevice}
	got, err := readRawDescriptors(f.control)
	if !errors.Is(err, gousb.ErrorNoDevice) || !bytes.Equal(got, twoConfigs[:36]) {
		t.Errorf("unplug at config 1: kept %d bytes, err %v", len(got), err)
	}
	if e := libusbError(err, 1, 4, 0x1209, 1); !errors.Is(e, ErrGone) {
		t.Errorf("no-device maps to %v", e)
	}
	f = &fakeDevice{blob: twoConfigs, short: true}
	_, err = readRawDescriptors(f.control)
	var te *TruncatedError
	if !errors.As(err, &te) || te.Offset != 18 || te.Want != 18 || te.Have != 17 {
		t.Errorf("short config: %v", err)
	}
	f = &fakeDevice{blob: twoConfigs[:10]}
	if _, err := readRawDescriptors(func(r uint8, v, i uint16, b []byte) (int, error) { return copy(b, f.blob), nil }); !errors.As(err, &te) {
		t.Errorf("short device descriptor: %v", err)
	}
}

func TestLibusbErrors(t *testing.T) {
	e := libusbError(gousb.ErrorAccess, 1, 4, 0x046d, 0x0a38)
	var pe *PermissionError
	if !errors.As(e, &pe) || pe.Node != "/dev/bus/usb/001/004" || pe.Rule != USBRule(0x046d, 0x0a38) {
		t.Fatalf("access error = %v", e)
	}
	if !errors.Is(e, gousb.ErrorAccess) {
		t.Error("permission error hides the libusb error")
	}
	if e := libusbError(gousb.ErrorTimeout, 1, 4, 0, 0); !errors.Is(e, gousb.ErrorTimeout) || errors.Is(e, ErrGone) {
		t.Errorf("timeout = %v", e)
	}
	for _, c := range []struct {
		bus  int
		path []int
		want string
	}{{1, nil, "usb1"}, {1, []int{1}, "1-1"}, {3, []int{1, 4, 2}, "3-1.4.2"}} {
		if got := libusbPortPath(c.bus, c.path); got != c.want {
			t.Errorf("libusbPortPath(%d, %v) = %s", c.bus, c.path, got)
		}
	}
}

func TestHIDAPIOpenErrors(t *testing.T) {
	e := hidapiOpenError("/dev/hidraw5", errors.New("Failed to open a device with path '/dev/hidraw5': Permission denied"))
	var pe *PermissionError
	if !errors.As(e, &pe) || pe.Node != "/dev/hidraw5" {
		t.Errorf("permission = %v", e)
	}
	if e := hidapiOpenError("/dev/hidraw5", errors.New("open: No such file or directory")); !errors.Is(e, ErrGone) {
		t.Errorf("missing = %v", e)
	}
	if e := hidapiOpenError("x", errors.New("odd")); errors.Is(e, ErrGone) || errors.As(e, &pe) {
		t.Errorf("other = %v", e)
	}
}

// TestLibusbScanBuilds runs the libusb backend where it can: with no USB
// bus in the sandbox it must return cleanly (an error or an empty list),
// never panic.
func TestLibusbScanBuilds(t *testing.T) {
	devs, err := Scan(Options{Backend: BackendLibusb})
	t.Logf("libusb: %d devices, err %v", len(devs), err)
	for _, d := range devs {
		if d.Backend != BackendLibusb {
			t.Errorf("backend = %s", d.Backend)
		}
	}
}

// FuzzReadRawDescriptors serves GET_DESCRIPTOR from arbitrary bytes: the
// device descriptor is the first 18, each configuration request answers
// from offset 18 whatever length is asked. No input may panic or make the
// reader ask for more than one wTotalLength per configuration.
func FuzzReadRawDescriptors(f *testing.F) {
	f.Add(twoConfigs)
	f.Add([]byte{18, 1, 0, 2, 0, 0, 0, 64, 0, 0, 0, 0, 0, 1, 0, 0, 0, 255, 9, 2, 255, 255})
	f.Fuzz(func(t *testing.T, blob []byte) {
		requests := 0
		ctrl := func(request uint8, value, index uint16, buf []byte) (int, error) {
			requests++
			if len(buf) > 0xffff {
				t.Fatalf("asked for %d bytes", len(buf))
			}
			src := blob
			if value>>8 == descTypeConfig && len(blob) > 18 {
				src = blob[18:]
			}
			return copy(buf, src), nil
		}
		out, _ := readRawDescriptors(ctrl)
		if requests > 1+2*255 {
			t.Fatalf("%d requests", requests)
		}
		if len(out) > 18+255*0xffff {
			t.Fatalf("%d bytes", len(out))
		}
	})
}
