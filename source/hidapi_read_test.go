//go:build cgo

package source

import (
	"errors"
	"testing"
	"time"

	hid "github.com/sstallion/go-hid"
)

// TestHIDAPIReadRetriesInterrupted: a read that poll(2) gave up on
// because a signal arrived (hidapi's "Interrupted system call") is made
// again, for what is left of the timeout, instead of reporting the
// device gone; a real error still does, and hidapi's timeout is ours.
func TestHIDAPIReadRetriesInterrupted(t *testing.T) {
	eintr := errors.New("Interrupted system call")
	var waits []time.Duration
	script := []func(buf []byte) (int, error){
		func([]byte) (int, error) { return -1, eintr },
		func([]byte) (int, error) { return -1, eintr },
		func(buf []byte) (int, error) { copy(buf, []byte{0x02, 0x01}); return 2, nil },
		func([]byte) (int, error) { return 0, hid.ErrTimeout },
		func([]byte) (int, error) {
			return -1, errors.New("hid_read_timeout: unexpected poll error (device disconnected)")
		},
	}
	r := &hidapiReader{path: "/dev/hidraw0", read: func(buf []byte, wait time.Duration) (int, error) {
		waits = append(waits, wait)
		f := script[0]
		script = script[1:]
		return f(buf)
	}}
	buf := make([]byte, 8)
	n, err := r.Read(buf, time.Second)
	if err != nil || n != 2 || buf[0] != 0x02 || buf[1] != 0x01 {
		t.Fatalf("Read = %d, %v (% x); want the report after two interrupted polls", n, err, buf[:2])
	}
	if len(waits) != 3 || waits[0] > time.Second || waits[2] > waits[0] || waits[2] < 0 {
		t.Errorf("waits %v: want three polls, each for what is left of 1s", waits)
	}
	if _, err := r.Read(buf, time.Second); !errors.Is(err, ErrTimeout) {
		t.Errorf("timeout: err = %v, want ErrTimeout", err)
	}
	if _, err := r.Read(buf, time.Second); !errors.Is(err, ErrGone) {
		t.Errorf("disconnect: err = %v, want ErrGone", err)
	}
	waits, script = nil, []func([]byte) (int, error){
		func([]byte) (int, error) { return -1, eintr },
		func([]byte) (int, error) { return 1, nil },
	}
	if n, err := r.Read(buf, -1); err != nil || n != 1 || len(waits) != 2 || waits[0] >= 0 || waits[1] >= 0 {
		t.Errorf("blocking read: %d, %v, waits %v; want both polls blocking (negative)", n, err, waits)
	}
}
