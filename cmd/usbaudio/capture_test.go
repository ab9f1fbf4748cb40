package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A capture of the demo tree scans exactly like the tree itself.
func TestCaptureDirScansTheSame(t *testing.T) {
	need(t, demoRoot)
	dst := filepath.Join(t.TempDir(), "capture")
	_, errOut, code := runLive(t, "capture", "--sysfs-root", demoRoot, "--all", "--keep-serials", dst)
	if code != 0 || !strings.Contains(errOut, "captured 1-1 46f4:0002 QEMU USB Audio") ||
		!strings.Contains(errOut, "captured 3-1 047f:c024") || !strings.Contains(errOut, "5 devices, ") || strings.Contains(errOut, "masked") {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
	orig := mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "--all", "--json")
	copied := mustRun(t, 0, "scan", "--sysfs-root", dst, "--all", "--json")
	if orig != copied {
		t.Errorf("scan of the capture differs from scan of the tree:\n%s", copied)
	}
	// exactly what scan reads: not the files it never opens
	for _, p := range []string{"sys/devices/pci0000:00/0000:00:01.0/usb1/1-1/bMaxPower", "proc/asound/cards", "SOURCE.md"} {
		if _, err := os.Lstat(filepath.Join(dst, p)); err == nil {
			t.Errorf("capture holds %s, which scan does not read", p)
		}
	}
}

// By default only the selected (audio) devices are captured, serials masked.
func TestCaptureMasksSerials(t *testing.T) {
	need(t, demoRoot)
	dst := t.TempDir()
	_, errOut, code := runLive(t, "capture", "--sysfs-root", demoRoot, "-d", "46f4:0002", dst)
	if code != 0 || !strings.Contains(errOut, "1 device, ") || !strings.Contains(errOut, "(serial numbers masked)") {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
	serial, err := os.ReadFile(filepath.Join(dst, "sys", "devices", "pci0000:00", "0000:00:01.0", "usb1", "1-1", "serial"))
	if err != nil || string(serial) != "(masked)\n" {
		t.Errorf("serial file %q %v", serial, err)
	}
	s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", dst, "--all", "--json"))
	if len(s.Devices) != 1 || s.Devices[0].Identity.Serial != "(masked)" || s.Devices[0].Live.ALSA == nil {
		t.Errorf("capture of the audio device alone: %+v", s.Devices)
	}
}

func TestCaptureTarToStdout(t *testing.T) {
	need(t, headsetRoot)
	out, errOut, code := runLive(t, "capture", "--sysfs-root", headsetRoot, "-d", "1209:0001", "-")
	if code != 0 || !strings.Contains(errOut, "into standard output") {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
	zr, err := gzip.NewReader(bytes.NewReader([]byte(out)))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	names := map[string]bool{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names[h.Name] = true
	}
	for _, want := range []string{
		"sys/bus/usb/devices/3-2",
		"sys/devices/pci0000:00/0000:00:14.0/usb3/3-2/descriptors",
		"sys/devices/pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.3/0003:1209:0001.0004/report_descriptor",
		"proc/asound/card1/usbmixer",
		"proc/asound/card1/stream0",
	} {
		if !names[want] {
			t.Errorf("tar lacks %s", want)
		}
	}
	for n := range names {
		if strings.Contains(n, "3-10") {
			t.Errorf("tar holds %s of the unselected device", n)
		}
	}
}

func TestCaptureTarFile(t *testing.T) {
	need(t, demoRoot)
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.tar.gz")
	mustRun(t, 0, "capture", "--sysfs-root", demoRoot, file)
	b, err := os.ReadFile(file)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("%s is not gzip: %v", file, err)
	}
}

func TestCaptureErrors(t *testing.T) {
	need(t, demoRoot)
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), []byte("x"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"capture", "--sysfs-root", demoRoot}, exitUsage},
		{[]string{"capture", "--sysfs-root", demoRoot, "a", "b"}, exitUsage},
		{[]string{"capture", "--sysfs-root", demoRoot, full}, exitUsage},
		{[]string{"capture", "--backend", "libusb", filepath.Join(t.TempDir(), "x.tar.gz")}, exitUsage},
		{[]string{"capture", "--sysfs-root", demoRoot, "-d", "046d:", filepath.Join(t.TempDir(), "none")}, exitNoDevice},
	} {
		if _, errOut, code := runLive(t, tc.args...); code != tc.code {
			t.Errorf("%q: exit %d, want %d; stderr %q", tc.args, code, tc.code, errOut)
		}
	}
}
