//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// udevInfo reads `udevadm info` output: E: lines as properties.
func udevInfo(out string) map[string]string {
	props := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if kv, ok := strings.CutPrefix(l, "E: "); ok {
			k, v, _ := strings.Cut(kv, "=")
			props[k] = v
		}
	}
	return props
}

// TestUdevRules runs Debian's systemd-udevd (the udev package, extracted
// with dpkg -x; its binary links only libraries the host has, carried with
// GuestSpec.Dynamic) in the guest with udev/70-usbaudio.rules and the
// static usbaudio at /usr/local/bin/usbaudio. A replayed headset
// (Plantronics 047f:c024 with the Blackwire C5220 report descriptor) must
// get the USBAUDIO_* properties on its USB device, its sound card
// (SOUND_FORM_FACTOR=headset) and its hidraw node, and that node the
// uaccess tag; a replayed keyboard's hidraw node must not get it.
// `udevadm test` must accept the rules on the headset's device.
func TestUdevRules(t *testing.T) {
	if env.err != nil {
		t.Fatalf("e2e setup failed: %v", env.err)
	}
	udev, err := vm.FetchPackage(context.Background(), vm.CacheDir(), "udev", t.Logf)
	if err != nil {
		t.Fatalf("udev package: %v", err)
	}
	udevadm := filepath.Join(udev, "bin", "udevadm")
	headset := plantronicsHeadset(t, "headset")
	kbd := replayDevice{name: "kbd",
		blob:    readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-kbd", "descriptors.bin")),
		reports: map[int][]byte{0: readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-kbd", "report_descriptor.bin"))}}
	spec := vm.GuestSpec{Modules: vm.AllHostModules,
		// systemd-udevd is udevadm under another name.
		Dynamic: map[string]string{"bin/udevadm": udevadm, "lib/systemd/systemd-udevd": udevadm},
		Data:    map[string][]byte{"etc/udev/rules.d/70-usbaudio.rules": readFile(t, filepath.Join(repoRoot, "udev", "70-usbaudio.rules"))},
	}
	for _, r := range []string{"50-udev-default.rules", "78-sound-card.rules"} {
		spec.Data["lib/udev/rules.d/"+r] = readFile(t, filepath.Join(udev, "lib", "udev", "rules.d", r))
	}
	if _, err := os.Stat(udevadm); err != nil {
		t.Fatal(err)
	}
	spec.Scenario = `
export SYSTEMD_PAGER=cat SYSTEMD_COLORS=0 PAGER=cat
mkdir -p /run/udev /etc/udev
/lib/systemd/systemd-udevd --daemon --resolve-names=never > /tmp/udevd.log 2>&1
begin udevd; echo "udevd status $?"; end udevd
section version /bin/udevadm --version
/bin/udevadm trigger --action=add
/bin/udevadm settle -t 60
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
mkfifo /tmp/ctl1 /tmp/ctl2
` + headset.stage(&spec) + ` < /tmp/ctl1 > /tmp/emu1.out 2>&1 &
exec 3>/tmp/ctl1
wait_for /sys/bus/usb/devices/1-1:1.3 90 || echo "@@E2E-NOTE headset: no HID interface"
wait_for /proc/asound/card0/usbmixer 90 || echo "@@E2E-NOTE headset: no sound card"
` + kbd.stage(&spec) + ` < /tmp/ctl2 > /tmp/emu2.out 2>&1 &
exec 4>/tmp/ctl2
wait_count "/sys/class/hidraw/hidraw*" 2 90
/bin/udevadm settle -t 60
sleep 1
/bin/udevadm settle -t 60
hs_hidraw=$(ls /sys/bus/usb/devices/1-1:1.3/*/hidraw/ | head -1)
kb_hidraw=$(ls /sys/bus/usb/devices/1-2:1.0/*/hidraw/ | head -1)
begin nodes; echo "headset=$hs_hidraw keyboard=$kb_hidraw"; end nodes
section info-usb /bin/udevadm info /sys/bus/usb/devices/1-1
section info-card /bin/udevadm info /sys/class/sound/card0
section info-hidraw /bin/udevadm info /sys/class/hidraw/$hs_hidraw
section info-kbd-hidraw /bin/udevadm info /sys/class/hidraw/$kb_hidraw
section usbaudio-usb sh -c "/usr/local/bin/usbaudio udev $(cd /sys/bus/usb/devices/1-1 && pwd -P | sed 's|^/sys||')"
section udevadm-test sh -c '/bin/udevadm test --action=add /sys/bus/usb/devices/1-1 2>&1'
echo quit >&3; echo quit >&4
exec 3>&- 4>&-
wait
section udevd-log sh -c 'tail -40 /tmp/udevd.log'
`
	res := boot(t, "udev-rules", spec, nil, 4*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\nudevd:\n%s", notes, section(t, res, "udevd-log"))
	}
	t.Logf("%s", strings.TrimSpace(section(t, res, "version")))
	usb := udevInfo(section(t, res, "info-usb"))
	card := udevInfo(section(t, res, "info-card"))
	hidraw := udevInfo(section(t, res, "info-hidraw"))
	kbdHidraw := udevInfo(section(t, res, "info-kbd-hidraw"))
	want := map[string]string{"USBAUDIO_AUDIO": "1", "USBAUDIO_FORM_FACTOR": "headset", "USBAUDIO_HAS_MIC": "1",
		"USBAUDIO_HID": "1", "USBAUDIO_HID_HOOK_SWITCH": "1", "USBAUDIO_HID_TELEPHONY": "1", "USBAUDIO_VENDOR_ID": "047f"}
	// Everything usbaudio udev prints for the device must be in udev's database.
	for _, l := range strings.Split(strings.TrimSpace(section(t, res, "usbaudio-usb")), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			want[k] = v
		}
	}
	for name, props := range map[string]map[string]string{"USB device 1-1": usb, "sound card0": card, "headset hidraw": hidraw} {
		for k, v := range want {
			if k == "SOUND_FORM_FACTOR" && name != "sound card0" {
				continue
			}
			if props[k] != v {
				t.Errorf("%s: udevadm info has %s=%q, want %q", name, k, props[k], v)
			}
		}
	}
	if card["SOUND_FORM_FACTOR"] != "headset" {
		t.Errorf("sound card0: SOUND_FORM_FACTOR=%q, want headset", card["SOUND_FORM_FACTOR"])
	}
	if !strings.Contains(hidraw["TAGS"], ":uaccess:") {
		t.Errorf("headset hidraw node: TAGS=%q, want the uaccess tag", hidraw["TAGS"])
	}
	if strings.Contains(kbdHidraw["TAGS"], "uaccess") || kbdHidraw["USBAUDIO_AUDIO"] == "1" {
		t.Errorf("keyboard hidraw node: TAGS=%q USBAUDIO_AUDIO=%q; a keyboard must not get uaccess", kbdHidraw["TAGS"], kbdHidraw["USBAUDIO_AUDIO"])
	}
	if len(kbdHidraw) == 0 {
		t.Errorf("no udevadm info for the keyboard's hidraw node:\n%s", section(t, res, "nodes"))
	}
	test := section(t, res, "udevadm-test")
	if st := res.SectionStatus("udevadm-test"); st != 0 || !strings.Contains(test, "70-usbaudio.rules") || !strings.Contains(test, "\nUSBAUDIO_FORM_FACTOR=headset\n") {
		t.Errorf("udevadm test on the headset (status %d) did not read 70-usbaudio.rules and import USBAUDIO_FORM_FACTOR=headset:\n%s", st, tailLines(test, 80))
	}
	for _, bad := range []string{"Invalid", "invalid", "Failed to parse"} {
		for _, l := range strings.Split(test, "\n") {
			if strings.Contains(l, "70-usbaudio.rules") && strings.Contains(l, bad) {
				t.Errorf("udevadm test complains about the rules: %s", l)
			}
		}
	}
	fmt.Printf("udev: headset USB device %s=%s, hidraw TAGS=%s, keyboard hidraw TAGS=%q\n",
		"USBAUDIO_FORM_FACTOR", usb["USBAUDIO_FORM_FACTOR"], hidraw["TAGS"], kbdHidraw["TAGS"])
}
