package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/source"
)

// A headset with an internal hub shows audio and HID as two USB devices
// behind one hub port; a keyboard on another hub, or of another vendor
// behind the same hub, is not part of it.
func TestAudioAndCompanions(t *testing.T) {
	dev := func(port string, vid uint16, class uint8) liveDevice {
		return liveDevice{Raw: source.RawDevice{PortPath: port, VendorID: vid,
			Interfaces: []source.RawInterface{{Class: class}}}}
	}
	all := []liveDevice{
		dev("1-1.1", 0x0b0e, usbClassAudio), // headset audio behind its own hub 1-1
		dev("1-1.2", 0x0b0e, usbClassHID),   // its buttons
		dev("1-1.3", 0x046d, usbClassHID),   // another vendor's keyboard on the same hub
		dev("1-2", 0x0b0e, usbClassHID),     // same vendor, root port: a separate device
		dev("2-1.4", 0x0b0e, usbClassHID),   // another hub
		dev("3-1", 0x1209, usbClassAudio),   // audio on a root port
	}
	var got []string
	for _, d := range audioAndCompanions(all) {
		got = append(got, d.Raw.PortPath)
	}
	if strings.Join(got, " ") != "1-1.1 1-1.2 3-1" {
		t.Errorf("picked %q", got)
	}
}

// load is the helper other live commands (udev, profile, check) call.
func TestDeviceFlagsLoad(t *testing.T) {
	need(t, headsetRoot)
	df := deviceFlags{sysfsRoot: headsetRoot, backend: source.BackendSysfs}
	var errb bytes.Buffer
	devs, err := df.load(&errb)
	if err != nil || len(devs) != 1 || errb.Len() != 0 {
		t.Fatalf("%v, %d devices, stderr %q", err, len(devs), errb.String())
	}
	d := devs[0]
	if d.Identity.VIDPID() != "1209:0001" || d.Live == nil || d.Live.ALSA == nil || d.Live.ALSA.Number != 1 ||
		len(d.Live.HIDRaw) != 1 || d.Live.HIDRaw[0].Path != "/dev/hidraw5" || len(d.HID) != 1 || !d.HID[0].HaveReport {
		t.Errorf("device %+v live %+v", d.Identity, d.Live)
	}
	if df.hidden != 1 {
		t.Errorf("hidden = %d, want 1 (3-10 is not audio)", df.hidden)
	}
	df.vidpid = "dead:"
	if _, err := df.load(&errb); err == nil {
		t.Error("no match gave no error")
	} else if code, _ := exitCodeOf(err); code != exitNoDevice {
		t.Errorf("no match: exit %d", code)
	}
}

func TestSpeedName(t *testing.T) {
	for in, want := range map[string]string{"1.5": "low", "12": "full", "480": "high", "5000": "super", "10000": "super+", "": "", "40000": "40000 Mb/s"} {
		if got := speedName(in); got != want {
			t.Errorf("speedName(%q) = %q, want %q", in, got, want)
		}
	}
}
