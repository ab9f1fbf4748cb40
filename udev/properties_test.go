package udev

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/model"
)

func readFixture(t *testing.T, parts ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "fixtures"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func props(t *testing.T, d *model.Device) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, Properties(d)); err != nil {
		t.Fatal(err)
	}
	got := parseLikeUdev(buf.String())
	if n := strings.Count(buf.String(), "\n"); n != len(got) {
		t.Fatalf("%d lines but %d distinct keys:\n%s", n, len(got), buf.String())
	}
	return got
}

func expectProps(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s=%q, want %q", k, got[k], v)
		}
	}
}

// QEMU's usb-audio: one stereo playback path to a Speaker terminal, a feature
// unit with mute and volume, no capture, no HID (fixtures/qemu SOURCE.md and
// its usbmixer.txt show the kernel agrees).
func TestPropertiesQEMUAudio(t *testing.T) {
	d, err := model.FromDescriptors(readFixture(t, "qemu", "qemu-usb-audio", "descriptors.bin"),
		model.Strings{Manufacturer: "QEMU", Product: "QEMU USB Audio"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	expectProps(t, props(t, d), map[string]string{
		"USBAUDIO_AUDIO": "1", "USBAUDIO_VENDOR_ID": "46f4", "USBAUDIO_PRODUCT_ID": "0002",
		"USBAUDIO_FORM_FACTOR": "speaker", "SOUND_FORM_FACTOR": "speaker",
		"USBAUDIO_HAS_SPEAKER": "1", "USBAUDIO_HAS_MIC": "0", "USBAUDIO_UAC_VERSION": "1",
		"USBAUDIO_PLAYBACK_CHANNELS": "2", "USBAUDIO_CAPTURE_CHANNELS": "0",
		"USBAUDIO_PLAYBACK_MUTE": "1", "USBAUDIO_PLAYBACK_VOLUME": "1", "USBAUDIO_HID": "0",
		"USBAUDIO_MODEL": "QEMU_USB_Audio", "USBAUDIO_MODEL_ENC": `QEMU\x20USB\x20Audio`,
	})
}

// A real headset (Plantronics 047f:c024, lsusb -v from ../shared/realdata)
// whose report descriptor lsusb could not print, given a real telephony
// report descriptor (Jabra BIZ 2400 II) on its HID interface: headset
// properties plus the HID button facts.
func TestPropertiesHeadsetWithHID(t *testing.T) {
	realdata := filepath.Join("..", "..", "shared", "realdata")
	text, err := os.ReadFile(filepath.Join(realdata, "plantronics-047f_c024", "lsusb.txt"))
	if err != nil {
		t.Skip("../shared/realdata not present:", err)
	}
	rd, err := os.ReadFile(filepath.Join(realdata, "jabra-biz-2400-ii", "report_descriptor.bin"))
	if err != nil {
		t.Fatal(err)
	}
	devs, err := lsusbtext.Parse(text)
	if err != nil || len(devs) != 1 {
		t.Fatalf("lsusbtext: %d devices, %v", len(devs), err)
	}
	desc := devs[0].Descriptors
	d, err := model.FromDescriptors(desc, model.Strings{Product: "Plantronics Headset"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.HID) != 1 {
		t.Fatalf("want 1 HID interface, have %d", len(d.HID))
	}
	d, err = model.FromDescriptors(desc, model.Strings{Product: "Plantronics Headset"}, map[uint8][]byte{d.HID[0].Interface: rd})
	if err != nil {
		t.Fatal(err)
	}
	got := props(t, d)
	expectProps(t, got, map[string]string{
		"USBAUDIO_FORM_FACTOR": "headset", "SOUND_FORM_FACTOR": "headset", "USBAUDIO_UAC_VERSION": "1",
		"USBAUDIO_HAS_SPEAKER": "1", "USBAUDIO_HAS_MIC": "1", "USBAUDIO_HID": "1",
		"USBAUDIO_HID_HOOK_SWITCH": "1", "USBAUDIO_HID_MUTE": "1", "USBAUDIO_HID_TELEPHONY": "1",
	})
	if !strings.Contains(got["USBAUDIO_HID_BUTTONS"], "hook-switch") {
		t.Errorf("USBAUDIO_HID_BUTTONS=%q lacks hook-switch", got["USBAUDIO_HID_BUTTONS"])
	}
}

// A keyboard is no audio device: identity only, and no form factor that
// the rules could match (so its hidraw node is never tagged uaccess).
func TestPropertiesNonAudio(t *testing.T) {
	d, err := model.FromDescriptors(readFixture(t, "qemu", "qemu-usb-kbd", "descriptors.bin"), model.Strings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := props(t, d)
	expectProps(t, got, map[string]string{"USBAUDIO_AUDIO": "0"})
	for _, k := range []string{"USBAUDIO_FORM_FACTOR", "SOUND_FORM_FACTOR", "USBAUDIO_HAS_MIC"} {
		if _, ok := got[k]; ok {
			t.Errorf("non-audio device has %s", k)
		}
	}
}

// Hostile strings from the device reach the output only encoded.
func TestPropertiesHostileStrings(t *testing.T) {
	desc := readFixture(t, "qemu", "qemu-usb-audio", "descriptors.bin")
	for _, s := range hostile {
		d, err := model.FromDescriptors(desc, model.Strings{Manufacturer: s, Product: s, Serial: s}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := props(t, d)
		if got["USBAUDIO_FORM_FACTOR"] != "speaker" || got["USBAUDIO_AUDIO"] != "1" {
			t.Errorf("%q altered fixed properties: %v", s, got)
		}
		for k := range got {
			if !strings.HasPrefix(k, "USBAUDIO_") && k != "SOUND_FORM_FACTOR" {
				t.Errorf("%q created variable %s", s, k)
			}
		}
	}
}
