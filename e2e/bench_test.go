//go:build e2e

package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// TestQABench runs the QA bench flow in the guest: `usbaudio profile` of an
// emulated headset (Plantronics 047f:c024 with the Jabra BIZ 2400 II report
// descriptor, whose Consumer report 1 has Volume Decrement, Volume
// Increment and Mute in bits 0-2), then `usbaudio check --expect --press
// volume-up,mute` while the emulator sends those buttons after each
// prompt: exit 0, every line PASS. Then a mutated unit — the same headset
// with the Plantronics Blackwire C5220 report descriptor, which has phone
// mute but no Mute — must fail the HID check and only that, with exit 1.
func TestQABench(t *testing.T) {
	rd := realdata(t)
	golden := fromLsusb(t, "golden", filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"))
	golden.reports = map[int][]byte{3: readFile(t, filepath.Join(rd, "jabra-biz-2400-ii", "report_descriptor.bin"))}
	mutated := fromLsusb(t, "mutated", filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"))
	mutated.reports = map[int][]byte{3: readFile(t, filepath.Join(rd, "plantronics-blackwire-c5220", "report_descriptor.bin"))}
	spec := vm.GuestSpec{Modules: vm.AllHostModules}
	spec.Scenario = watchHelpers + `
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
mkfifo /tmp/ctl
` + golden.stage(&spec) + ` < /tmp/ctl > /tmp/emu-golden.out 2>&1 &
exec 3>/tmp/ctl
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE golden unit: no hidraw node"
wait_for /proc/asound/card0/usbmixer 60 || echo "@@E2E-NOTE golden unit: no sound card"
sleep 1
section profile /usr/local/bin/usbaudio profile -d 047f:c024 -o /tmp/golden.json
section golden-json cat /tmp/golden.json
/usr/local/bin/usbaudio check --expect /tmp/golden.json --press volume-up,mute --press-timeout 20s > /tmp/check.out 2>/tmp/check.err &
cpid=$!
wait_lines /tmp/check.err '^Press ' 1 60
send_gap "send 3 010200"; send_gap "send 3 010000"
wait_lines /tmp/check.err '^Press ' 2 60
send_gap "send 3 010400"; send_gap "send 3 010000"
wait $cpid
echo "@@E2E-CHECK-GOLDEN $?"
section check-golden cat /tmp/check.out
section check-golden-err cat /tmp/check.err
echo quit >&3
exec 3>&-
wait
i=0; while [ -e /dev/hidraw0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
exec 3<> /tmp/ctl
` + mutated.stage(&spec) + ` < /tmp/ctl > /tmp/emu-mutated.out 2>&1 &
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE mutated unit: no hidraw node"
wait_for /proc/asound/card0/usbmixer 60 || echo "@@E2E-NOTE mutated unit: no sound card"
sleep 1
/usr/local/bin/usbaudio check --expect /tmp/golden.json > /tmp/check-m.out 2>/tmp/check-m.err
echo "@@E2E-CHECK-MUTATED $?"
section check-mutated cat /tmp/check-m.out
section check-mutated-err cat /tmp/check-m.err
echo quit >&3
exec 3>&-
wait
`
	res := boot(t, "qa-bench", spec, nil, 5*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\ncheck stderr:\n%s", notes, section(t, res, "check-golden-err"))
	}
	if st := res.SectionStatus("profile"); st != 0 {
		t.Fatalf("usbaudio profile exited %d:\n%s", st, section(t, res, "profile"))
	}
	if prof := section(t, res, "golden-json"); !strings.Contains(prof, `"mute"`) || !strings.Contains(prof, `"volume-up"`) {
		t.Errorf("the golden profile lists no HID volume-up and mute:\n%s", prof)
	}
	exitOf := func(marker string) string {
		m := regexp.MustCompile(marker + ` (\d+)`).FindStringSubmatch(res.Console)
		if m == nil {
			return "none"
		}
		return m[1]
	}
	out := section(t, res, "check-golden")
	t.Logf("check of the golden unit with presses:\n%s%s", out, section(t, res, "check-golden-err"))
	if code := exitOf("@@E2E-CHECK-GOLDEN"); code != "0" {
		t.Errorf("check of the golden unit exited %s, want 0:\n%s", code, out)
	}
	for _, press := range []string{"press volume-up", "press mute"} {
		if !regexp.MustCompile(`(?m)^\s*PASS\s+` + press).MatchString(out) {
			t.Errorf("check output has no PASS line for %q:\n%s", press, out)
		}
	}
	if strings.Contains(out, "FAIL") || !strings.Contains(out, "Result: PASS") {
		t.Errorf("the golden unit did not pass every check:\n%s", out)
	}

	out = section(t, res, "check-mutated")
	t.Logf("check of the mutated unit:\n%s%s", out, section(t, res, "check-mutated-err"))
	if code := exitOf("@@E2E-CHECK-MUTATED"); code != "1" {
		t.Errorf("check of the unit without Mute exited %s, want 1 (a check failed):\n%s", code, out)
	}
	// The failures must be exactly the controls the Jabra descriptor has and
	// the C5220 lacks, as usbaudio profile reads both on the host.
	have := hidControls(t, filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"), filepath.Join(rd, "plantronics-blackwire-c5220", "report_descriptor.bin"))
	var want []string
	for _, c := range hidControls(t, filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"), filepath.Join(rd, "jabra-biz-2400-ii", "report_descriptor.bin")) {
		if !slices.Contains(have, c) {
			want = append(want, "FAIL hid control "+c+": expected present, got missing")
		}
	}
	if !slices.Contains(want, "FAIL hid control mute: expected present, got missing") {
		t.Fatalf("test setup: the mutated descriptor should lack mute; missing controls %v", want)
	}
	var fails []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "FAIL") {
			fails = append(fails, l)
		}
	}
	if strings.Join(fails, "\n") != strings.Join(want, "\n") {
		t.Errorf("the mutated unit failed\n%s\nwant exactly (the controls its report descriptor lacks)\n%s", strings.Join(fails, "\n"), strings.Join(want, "\n"))
	}
}

// hidControls is profile's hid.controls for saved descriptors with a report
// descriptor on interface 3, read by the host build of usbaudio.
func hidControls(t *testing.T, lsusb, report string) []string {
	t.Helper()
	out, err := exec.Command(env.bins[strings.TrimPrefix(guestUsbaudio, "/")], "profile", "--hid-report", "3="+report, lsusb).Output()
	if err != nil {
		t.Fatalf("usbaudio profile %s: %v", lsusb, err)
	}
	var p struct {
		HID struct {
			Controls []string `json:"controls"`
		} `json:"hid"`
	}
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("profile JSON: %v", err)
	}
	return p.HID.Controls
}
