package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The demo tree is a real capture from QEMU (fixtures/sysfs/demo): 1-1 is
// usb-audio (Speaker terminal, mute + volume), 1-2..1-4 keyboard, mouse
// and tablet.
const demoBus = "/devices/pci0000:00/0000:00:01.0/usb1"

func udevProps(t *testing.T, args ...string) (map[string]string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"udev", "--sysfs-root", demoRoot}, args...), &out, &errb)
	props := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			if _, dup := props[k]; dup {
				t.Errorf("%s printed twice", k)
			}
			props[k] = v
		}
	}
	return props, errb.String(), code
}

func TestUdevPathsOfOneDevice(t *testing.T) {
	// The device, its interface, its sound card, with and without /sys:
	// all name the same USB device and print the same properties.
	for _, p := range []string{
		demoBus + "/1-1",
		demoBus + "/1-1/1-1:1.0",
		demoBus + "/1-1/1-1:1.0/sound/card0",
		"/sys" + demoBus + "/1-1/1-1:1.1",
	} {
		props, stderr, code := udevProps(t, p)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", p, code, stderr)
		}
		for k, v := range map[string]string{
			"USBAUDIO_AUDIO": "1", "USBAUDIO_FORM_FACTOR": "speaker", "SOUND_FORM_FACTOR": "speaker",
			"USBAUDIO_VENDOR_ID": "46f4", "USBAUDIO_PRODUCT_ID": "0002", "USBAUDIO_PLAYBACK_CHANNELS": "2",
			"USBAUDIO_HAS_MIC": "0", "USBAUDIO_MODEL": "QEMU_USB_Audio",
		} {
			if props[k] != v {
				t.Errorf("%s: %s=%q, want %q", p, k, props[k], v)
			}
		}
	}
}

func TestUdevKeyboardHidrawIsNotAudio(t *testing.T) {
	p := demoBus + "/1-2/1-2:1.0/0003:0627:0001.0001/hidraw/hidraw0"
	props, stderr, code := udevProps(t, p)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// USBAUDIO_AUDIO=0 is what keeps the rules from tagging it uaccess.
	if props["USBAUDIO_AUDIO"] != "0" || props["USBAUDIO_MODEL"] != "QEMU_USB_Keyboard" {
		t.Errorf("props %v", props)
	}
	if _, ok := props["USBAUDIO_FORM_FACTOR"]; ok {
		t.Errorf("a keyboard got a form factor: %v", props)
	}
}

func TestUdevDevpathFromEnvironment(t *testing.T) {
	t.Setenv("DEVPATH", demoBus+"/1-1")
	props, _, code := udevProps(t)
	if code != 0 || props["USBAUDIO_FORM_FACTOR"] != "speaker" {
		t.Errorf("exit %d, props %v", code, props)
	}
}

func TestUdevQuietOnOtherPaths(t *testing.T) {
	for _, p := range []string{
		"/devices/pci0000:00/0000:00:01.0/usb1", // root hub
		"/devices/virtual/misc/uinput",          // not USB
		"/devices/../../../etc",                 // cannot climb out of the tree
		"relative/path",
		demoBus + "/9-9", // not there
	} {
		props, stderr, code := udevProps(t, p)
		if code != 0 || len(props) != 0 || stderr != "" {
			t.Errorf("%s: exit %d, props %v, stderr %q", p, code, props, stderr)
		}
	}
}

func TestUdevUsage(t *testing.T) {
	t.Setenv("DEVPATH", "")
	if _, _, code := udevProps(t); code != exitUsage {
		t.Errorf("no path: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := udevProps(t, "a", "b"); code != exitUsage {
		t.Errorf("two paths: exit %d, want %d", code, exitUsage)
	}
}

// BenchmarkUdevProcess times `usbaudio udev` as udev runs it: a whole
// process, on one device of the captured tree. Issue 6 asks for under 5 ms.
func BenchmarkUdevProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "usbaudio")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	root, _ := filepath.Abs(demoRoot)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "udev", "--sysfs-root", root, demoBus+"/1-1/1-1:1.0/sound/card0")
		cmd.Env = append(os.Environ(), "GOGC=off")
		if out, err := cmd.Output(); err != nil || !bytes.Contains(out, []byte("USBAUDIO_FORM_FACTOR=speaker")) {
			b.Fatalf("%v: %s", err, out)
		}
	}
}
