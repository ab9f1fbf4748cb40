//go:build e2e

package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// TestScanQEMUDevices runs `usbaudio scan --json` in a guest with QEMU's
// usb-audio (plain and multi=on), usb-kbd and usb-mouse, through both
// backends: sysfs (the static build) and libusb (the cgo build, with
// libusb and its libraries carried into the guest; usbfs nodes come from
// devtmpfs at /dev/bus/usb). Both must find the two audio devices as
// speakers with QEMU's formats, and with --all the two HID devices too.
func TestScanQEMUDevices(t *testing.T) {
	spec := vm.GuestSpec{
		Modules: append(append([]string{}, vm.USBHostModules...), vm.SoundModules...),
		Dynamic: map[string]string{strings.TrimPrefix(guestUsbaudioCgo, "/"): env.cgoBin},
		Scenario: `
wait_count "/proc/asound/card[0-9]*" 2 90
wait_for /proc/asound/card1/stream0 90 || echo "@@E2E-NOTE timeout waiting for two sound cards"
wait_count "/sys/class/hidraw/hidraw*" 2 90
sleep 1
section usbfs sh -c 'ls -R /dev/bus/usb'
section sysfs-audio /usr/local/bin/usbaudio scan --json
section sysfs-all /usr/local/bin/usbaudio scan --all --json
section libusb-audio /usr/local/bin/usbaudio-cgo scan --backend libusb --json
section libusb-all /usr/local/bin/usbaudio-cgo scan --backend libusb --all --json
`,
	}
	devices := []string{"-device", "qemu-xhci,p2=8,p3=8",
		"-audiodev", "none,id=snd0", "-device", "usb-audio,audiodev=snd0",
		"-audiodev", "none,id=snd1", "-device", "usb-audio,audiodev=snd1,multi=on",
		"-device", "usb-kbd", "-device", "usb-mouse"}
	res := boot(t, "scan-qemu-devices", spec, devices, 4*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\nkernel:\n%s", notes, kernelLines(res, "usb", "hid", "snd"))
	}
	for _, backend := range []string{"sysfs", "libusb"} {
		t.Run(backend, func(t *testing.T) {
			audio := parseScan(t, res, backend+"-audio")
			checkQEMUAudio(t, backend, audio.Devices)
			all := parseScan(t, res, backend+"-all")
			if len(all.Devices) < 4 {
				t.Fatalf("%s: scan --all lists %d devices, want the 2 audio devices, keyboard and mouse", backend, len(all.Devices))
			}
			var hid []string
			for _, d := range all.Devices {
				if d.id() == "0627:0001" { // QEMU's HID devices
					if d.Verdict.FormFactor != "other" || len(d.HIDInterfaces) != 1 {
						t.Errorf("%s: %s (%s) classified %q with %d HID interfaces, want other with 1", backend, d.Identity.Product, d.id(), d.Verdict.FormFactor, len(d.HIDInterfaces))
					}
					hid = append(hid, d.Identity.Product)
				}
			}
			sort.Strings(hid)
			if got := strings.Join(hid, ","); got != "QEMU USB Keyboard,QEMU USB Mouse" {
				t.Errorf("%s: scan --all HID devices = %q, want QEMU USB Keyboard and QEMU USB Mouse", backend, got)
			}
			if backend == "libusb" && !strings.Contains(section(t, res, "usbfs"), "001") {
				t.Errorf("no usbfs nodes under /dev/bus/usb")
			}
		})
	}
}

// checkQEMUAudio: QEMU's usb-audio is a 2-channel 16-bit 48 kHz speaker;
// multi=on adds alternate settings with 6 and 8 channels.
func checkQEMUAudio(t *testing.T, backend string, devs []scanDevice) {
	t.Helper()
	if len(devs) != 2 {
		t.Fatalf("%s: scan lists %d audio devices, want QEMU's usb-audio and usb-audio multi=on", backend, len(devs))
	}
	var layouts []string
	for _, d := range devs {
		if d.id() != "46f4:0002" || d.Verdict.FormFactor != "speaker" || !d.Verdict.HasPlayback || d.Verdict.HasCapture {
			t.Errorf("%s: %s %q: form factor %q playback %v capture %v, want 46f4:0002 speaker, playback only",
				backend, d.id(), d.Identity.Product, d.Verdict.FormFactor, d.Verdict.HasPlayback, d.Verdict.HasCapture)
		}
		if d.Live == nil || d.Live.Source != backend {
			t.Errorf("%s: device %s: live source is not %s", backend, d.id(), backend)
		}
		var alts []string
		for _, p := range d.paths() {
			for _, f := range p.Formats {
				alts = append(alts, fmt.Sprintf("alt%d:%dch/%dbit/%v", f.Alternate, f.Channels, f.BitDepth, f.SampleRates))
			}
		}
		layouts = append(layouts, strings.Join(alts, " "))
	}
	sort.Strings(layouts)
	want := []string{
		"alt1:2ch/16bit/[48000]",
		"alt1:2ch/16bit/[48000] alt2:6ch/16bit/[48000] alt3:8ch/16bit/[48000]",
	}
	if strings.Join(layouts, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: formats of the two usb-audio devices:\n%s\nwant (plain, multi=on):\n%s", backend, strings.Join(layouts, "\n"), strings.Join(want, "\n"))
	}
}
