//go:build e2e

package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// TestQEMUDevicesMatchFixtures boots QEMU's usb-audio, usb-kbd, usb-mouse
// and usb-tablet and checks that the kernel still shows exactly what
// fixtures/qemu and fixtures/sysfs/demo hold: the descriptor bytes, report
// descriptors and the kernel's usbmixer/stream0 view of the audio card.
func TestQEMUDevicesMatchFixtures(t *testing.T) {
	spec := vm.GuestSpec{
		Modules: append(append([]string{}, vm.USBHostModules...), vm.SoundModules...),
		Scenario: `
wait_for /proc/asound/card0/stream0 90 || echo "@@E2E-NOTE timeout waiting for the sound card"
wait_count "/sys/class/hidraw/hidraw*" 3 90
[ $(ls -d /sys/class/hidraw/hidraw* 2>/dev/null | wc -l) -ge 3 ] || echo "@@E2E-NOTE timeout waiting for 3 hidraw nodes"
sleep 2
section cards cat /proc/asound/cards
section capture sh -c '/bin/sysfscapture 2>/tmp/capture.err'
`,
	}
	devices := []string{"-device", "qemu-xhci,p2=8,p3=8",
		"-audiodev", "none,id=snd0", "-device", "usb-audio,audiodev=snd0",
		"-device", "usb-kbd", "-device", "usb-mouse", "-device", "usb-tablet"}
	res := boot(t, "qemu-devices", spec, devices, 4*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\nkernel:\n%s", notes, kernelLines(res, "usb", "hid", "snd"))
	}
	if cards := section(t, res, "cards"); !bytes.Contains([]byte(cards), []byte("QEMU USB Audio")) {
		t.Fatalf("/proc/asound/cards does not list QEMU USB Audio:\n%s", cards)
	}
	tarBytes, err := vm.DecodeArchive(section(t, res, "capture"))
	if err != nil {
		t.Fatal(err)
	}
	tree := t.TempDir()
	if err := vm.ExtractTar(tarBytes, tree); err != nil {
		t.Fatal(err)
	}
	usb := filepath.Join(tree, "sys", "bus", "usb", "devices")
	for port, name := range map[string]string{"1-1": "qemu-usb-audio", "1-2": "qemu-usb-kbd", "1-3": "qemu-usb-mouse", "1-4": "qemu-usb-tablet"} {
		want := readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", name, "descriptors.bin"))
		got, err := os.ReadFile(filepath.Join(usb, port, "descriptors"))
		if err != nil {
			t.Errorf("%s: no descriptors at port %s: %v", name, port, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: sysfs descriptors (%d bytes) differ from fixtures/qemu/%s/descriptors.bin (%d bytes): re-run e2e/capture-fixtures.sh if QEMU changed", name, len(got), name, len(want))
		}
		rdWant, err := os.ReadFile(filepath.Join(repoRoot, "fixtures", "qemu", name, "report_descriptor.bin"))
		if err != nil {
			continue // not a HID device
		}
		rds, _ := filepath.Glob(filepath.Join(usb, port+":1.0", "*:*:*.*", "report_descriptor"))
		if len(rds) != 1 {
			t.Errorf("%s: want one HID device under %s:1.0, found %d", name, port, len(rds))
			continue
		}
		if got := readFile(t, rds[0]); !bytes.Equal(got, rdWant) {
			t.Errorf("%s: report descriptor differs from the fixture:\n got % x\nwant % x", name, got, rdWant)
		}
	}
	for _, f := range []string{"usbmixer", "stream0"} {
		got := readFile(t, filepath.Join(tree, "proc", "asound", "card0", f))
		want := readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-audio", f+".txt"))
		if !bytes.Equal(got, want) {
			t.Errorf("/proc/asound/card0/%s differs from fixtures/qemu/qemu-usb-audio/%s.txt:\n--- got\n%s--- want\n%s", f, f, got, want)
		}
	}
}
