package source

import (
	"encoding/json"
	"errors"
	"strings"
	"syscall"
	"testing"
)

func TestCheckDescriptors(t *testing.T) {
	dev := []byte{18, 1, 0, 2, 0, 0, 0, 64, 0x09, 0x12, 0x01, 0x00, 0, 1, 0, 0, 0, 2}
	cfg := func(total uint16) []byte { return []byte{9, 2, byte(total), byte(total >> 8), 1, 1, 0, 0x80, 50} }
	whole := append(append(append([]byte{}, dev...), cfg(9)...), cfg(9)...)
	if err := checkDescriptors(whole); err != nil {
		t.Errorf("whole blob: %v", err)
	}
	var te *TruncatedError
	for _, c := range []struct {
		blob            []byte
		off, want, have int
	}{
		{dev[:7], 0, 18, 7},
		{append(append([]byte{}, dev...), cfg(9)...), 27, 9, 0},                        // second config missing
		{append(append([]byte{}, dev...), cfg(300)...), 18, 300, 9},                    // lying wTotalLength
		{append(append(append([]byte{}, dev...), cfg(9)...), cfg(9)[:5]...), 27, 9, 5}, // header cut
	} {
		err := checkDescriptors(c.blob)
		if !errors.As(err, &te) || te.Offset != c.off || te.Want != c.want || te.Have != c.have {
			t.Errorf("% x: err = %v, want offset %d want %d have %d", c.blob, err, c.off, c.want, c.have)
		}
	}
	if vid, pid, ok := idsFromDescriptor(dev); !ok || vid != 0x1209 || pid != 0x0001 {
		t.Errorf("ids = %04x:%04x %v", vid, pid, ok)
	}
	if _, _, ok := idsFromDescriptor(dev[:11]); ok {
		t.Error("ids from 11 bytes")
	}
}

func TestProblemJSONAndPermissionErr(t *testing.T) {
	d := RawDevice{VendorID: 0x46f4, ProductID: 2, Problems: []Problem{
		{Path: "/sys/x/descriptors", Err: &TruncatedError{Offset: 18, Want: 45, Have: 22}},
		{Path: "/dev/hidraw0", Err: hidrawPermission("/dev/hidraw0", 0x46f4, 2, true, syscall.EACCES)},
	}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"problems":["/sys/x/descriptors: descriptors cut short at offset 18: declares 45 bytes, 22 present"`) {
		t.Errorf("json = %s", b)
	}
	if pe := d.PermissionErr(); pe == nil || pe.Node != "/dev/hidraw0" {
		t.Errorf("PermissionErr = %v", pe)
	}
	if d.ID() != "46f4:0002" {
		t.Errorf("ID = %s", d.ID())
	}
}

func FuzzCheckDescriptors(f *testing.F) {
	f.Add([]byte{18, 1, 0, 2, 0, 0, 0, 64, 0, 0, 0, 0, 0, 1, 0, 0, 0, 255, 9, 2, 255, 255})
	f.Fuzz(func(t *testing.T, b []byte) {
		err := checkDescriptors(b)
		var te *TruncatedError
		if errors.As(err, &te) && (te.Offset > len(b) || te.Have < 0) {
			t.Fatalf("offset %d have %d in %d bytes", te.Offset, te.Have, len(b))
		}
	})
}
