package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestHIDRawIDs(t *testing.T) {
	vid, pid, ok := hidrawIDs(handRoot, "/dev/hidraw5")
	if !ok || vid != 0x1209 || pid != 0x0001 {
		t.Errorf("hidrawIDs = %04x:%04x %v", vid, pid, ok)
	}
	if _, _, ok := hidrawIDs(handRoot, "/dev/hidraw9"); ok {
		t.Error("found IDs for a node that does not exist")
	}
	for name, want := range map[string][3]int{
		"0003:046D:0A38.0001": {0x046d, 0x0a38, 1},
		"0005:054C:0CE6.0002": {0x054c, 0x0ce6, 1},
		"0003:046D:0A38":      {0, 0, 0},
		"hidraw0":             {0, 0, 0},
	} {
		v, p, ok := parseHIDID(name)
		if int(v) != want[0] || int(p) != want[1] || ok != (want[2] == 1) {
			t.Errorf("parseHIDID(%s) = %04x %04x %v", name, v, p, ok)
		}
	}
}

func TestPermissionErrorText(t *testing.T) {
	pe := hidrawPermission("/dev/hidraw5", 0x1209, 0x0001, true, syscall.EACCES)
	msg := pe.Error()
	for _, want := range []string{"/dev/hidraw5", `ATTRS{idVendor}=="1209"`, `ATTRS{idProduct}=="0001"`,
		`TAG+="uaccess"`, `MODE="0660"`, `GROUP="plugdev"`, "udevadm"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if !errors.Is(pe, syscall.EACCES) {
		t.Error("PermissionError does not unwrap to EACCES")
	}
	if r := USBRule(0x046d, 0x0a38); !strings.Contains(r, `SUBSYSTEM=="usb"`) || !strings.Contains(r, `ATTR{idVendor}=="046d"`) {
		t.Errorf("USBRule = %s", r)
	}
	if unknown := hidrawPermission("/dev/hidraw9", 0, 0, false, syscall.EACCES); unknown.Rule != "" {
		t.Errorf("rule invented for unknown IDs: %s", unknown.Rule)
	}
}

// TestHIDRawReader drives the hidraw reader through a FIFO, which polls
// like a hidraw node: reports arrive whole, silence times out, and the
// writer going away reads as the device being gone.
func TestHIDRawReader(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "hidraw0")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	r, err := OpenHIDRaw(fifo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	if n, err := r.Read(buf, 20*time.Millisecond); !errors.Is(err, ErrTimeout) || n != 0 {
		t.Errorf("idle read = %d, %v; want ErrTimeout", n, err)
	}
	w.Write([]byte{0x01, 0x02, 0x00})
	if n, err := r.Read(buf, time.Second); err != nil || n != 3 || buf[0] != 1 || buf[1] != 2 {
		t.Errorf("read = %d % x, %v", n, buf[:n], err)
	}
	w.Close()
	if _, err := r.Read(buf, time.Second); !errors.Is(err, ErrGone) {
		t.Errorf("read after writer left = %v, want ErrGone", err)
	}
	if _, err := r.Read(nil, 0); err == nil {
		t.Error("empty buffer accepted")
	}
}

func TestOpenHIDRawMissing(t *testing.T) {
	_, err := OpenHIDRaw(filepath.Join(t.TempDir(), "hidraw7"))
	if !errors.Is(err, ErrGone) {
		t.Errorf("err = %v, want ErrGone", err)
	}
}
