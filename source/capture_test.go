package source

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// stripForCompare drops what a capture changes on purpose.
func stripForCompare(devs []RawDevice) []RawDevice {
	out := append([]RawDevice(nil), devs...)
	for i := range out {
		out[i].Files = nil
		out[i].Serial = ""
	}
	return out
}

// TestCaptureRoundTrip: a capture of a scan scans the same.
func TestCaptureRoundTrip(t *testing.T) {
	for _, root := range []string{demoRoot, multiRoot, handRoot} {
		if _, err := os.Stat(root); err != nil {
			continue
		}
		devs := scanOK(t, Options{Root: root})
		dst := filepath.Join(t.TempDir(), "capture")
		if err := CaptureDir(Options{Root: root}, devs, dst, CaptureOptions{}); err != nil {
			t.Fatalf("%s: %v", root, err)
		}
		again := scanOK(t, Options{Root: dst})
		if !reflect.DeepEqual(stripForCompare(devs), stripForCompare(again)) {
			t.Errorf("%s: capture scans differently:\n%+v\n%+v", root, devs, again)
		}
		for _, d := range again {
			if d.Serial != "" && d.Serial != MaskedSerial {
				t.Errorf("%s %s: serial %q not masked", root, d.PortPath, d.Serial)
			}
		}
	}
}

func TestCaptureSelectedOnlyAndKeepSerial(t *testing.T) {
	needTree(t, demoRoot)
	opts := Options{Root: demoRoot, Select: func(id DeviceID) bool { return id.VendorID == 0x46f4 }}
	devs := scanOK(t, opts)
	dst := t.TempDir()
	if err := CaptureDir(opts, devs, dst, CaptureOptions{KeepSerials: true}); err != nil {
		t.Fatal(err)
	}
	again := scanOK(t, Options{Root: dst})
	if len(again) != 1 || again[0].Serial != "1-0000:00:01.0-1" || again[0].Sound == nil {
		t.Fatalf("captured = %+v", again)
	}
	// nothing of the keyboard was copied
	if _, err := os.Lstat(filepath.Join(dst, "sys/bus/usb/devices/1-2")); err == nil {
		t.Error("unselected device captured")
	}
}

func TestCaptureTar(t *testing.T) {
	devs := scanOK(t, Options{Root: handRoot})
	var buf bytes.Buffer
	if err := CaptureTar(Options{Root: handRoot}, devs, &buf, CaptureOptions{}); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	entries := map[string]*tar.Header{}
	contents := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		entries[h.Name] = h
		b, _ := io.ReadAll(tr)
		contents[h.Name] = string(b)
	}
	if h := entries["sys/bus/usb/devices/3-2"]; h == nil || h.Typeflag != tar.TypeSymlink || h.Linkname != "/sys/devices/pci0000:00/0000:00:14.0/usb3/3-2" {
		t.Errorf("device link entry = %+v", h)
	}
	if got := contents["proc/asound/card1/id"]; got != "Headset\n" {
		t.Errorf("card id = %q", got)
	}
	if h := entries["sys/devices/"]; h == nil || h.Typeflag != tar.TypeDir {
		t.Error("parent directories missing")
	}
	if len(entries) < 40 {
		t.Errorf("only %d entries", len(entries))
	}
}
