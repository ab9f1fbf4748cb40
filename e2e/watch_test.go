//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// watchEvent is one JSON line of `usbaudio watch --json`.
type watchEvent struct {
	Device  string `json:"device"`
	ID      string `json:"id"`
	Node    string `json:"node"`
	Control string `json:"control"`
	Event   string `json:"event"`
}

func (e watchEvent) String() string {
	if e.Control == "" {
		return e.Event
	}
	return e.Control + " " + e.Event
}

// parseWatch decodes watch's JSON lines; any other line fails the test.
func parseWatch(t *testing.T, out string) []watchEvent {
	t.Helper()
	var evs []watchEvent
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var e watchEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Errorf("watch printed a line that is not JSON: %q (%v)", line, err)
			continue
		}
		evs = append(evs, e)
	}
	return evs
}

// plantronicsHeadset is the Plantronics 047f:c024 headset (lsusb dump)
// with a real Plantronics Blackwire C5220 report descriptor on its HID
// interface 3: report 2 bit 0 Volume Increment, bit 1 Volume Decrement
// (Consumer page); report 8 bit 0 Phone Mute, bit 1 Hook Switch (Telephony).
func plantronicsHeadset(t *testing.T, name string) replayDevice {
	rd := realdata(t)
	d := fromLsusb(t, name, filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"))
	d.reports = map[int][]byte{3: readFile(t, filepath.Join(rd, "plantronics-blackwire-c5220", "report_descriptor.bin"))}
	return d
}

// watchHelpers: wait_lines FILE PATTERN N SECONDS polls until grep counts N
// matching lines; send_gap sends an emulate command and lets the device's
// interrupt endpoint deliver it before the next.
const watchHelpers = `
wait_lines() {
  local i=0
  while [ $(grep -c "$2" "$1" 2>/dev/null) -lt $3 ] && [ $i -lt $(($4*10)) ]; do sleep 0.1; i=$((i+1)); done
  [ $(grep -c "$2" "$1") -ge $3 ] && return 0
  echo "@@E2E-NOTE timeout waiting for $3 lines $2 in $1"; return 1
}
send_gap() { echo "$1" >&3; sleep 0.4; }
`

// TestWatchHeadsetButtons: `usbaudio watch --json` runs in the guest while
// the emulator plugs a headset in and sends volume up, volume down, phone
// mute and hook switch reports (press and release each); watch must print
// exactly add and those events in order, then remove on detach, add on
// attach, and keep decoding (one more press after the re-attach). It runs
// once per way of reading reports: hidraw (the static build's default) and
// hidapi through go-hid (the cgo build).
func TestWatchHeadsetButtons(t *testing.T) {
	t.Run("hidraw", func(t *testing.T) {
		watchHeadsetButtons(t, "watch-headset-buttons", "/usr/local/bin/usbaudio watch --json", nil)
	})
	t.Run("hidapi", func(t *testing.T) {
		watchHeadsetButtons(t, "watch-headset-buttons-hidapi", guestUsbaudioCgo+" watch --json --hid-backend hidapi",
			map[string]string{strings.TrimPrefix(guestUsbaudioCgo, "/"): env.cgoBin})
	})
}

func watchHeadsetButtons(t *testing.T, name, watchCmd string, dynamic map[string]string) {
	d := plantronicsHeadset(t, "headset")
	spec := vm.GuestSpec{Modules: vm.AllHostModules, Dynamic: dynamic}
	spec.Scenario = watchHelpers + `
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
` + watchCmd + ` > /tmp/watch.out 2>/tmp/watch.err &
wpid=$!
mkfifo /tmp/ctl
` + d.stage(&spec) + ` < /tmp/ctl > /tmp/emu.out 2>&1 &
exec 3>/tmp/ctl
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE no hidraw node"
wait_lines /tmp/watch.out '"add"' 1 60
section scan-hid sh -c "/usr/local/bin/usbaudio scan --json | grep -A4 hid_interfaces; cat /tmp/watch.out"
sleep 1
for r in 0201 0200 0202 0200 0801 0800 0802 0800; do send_gap "send 3 $r"; done
wait_lines /tmp/watch.out '"control"' 8 30
echo detach >&3
wait_lines /tmp/watch.out '"remove"' 1 30
echo attach >&3
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE no hidraw node after attach"
wait_lines /tmp/watch.out '"add"' 2 60
sleep 1
send_gap "send 3 0201"; send_gap "send 3 0200"
wait_lines /tmp/watch.out '"control"' 10 30
kill -INT $wpid; wait $wpid
echo "@@E2E-WATCH-EXIT $?"
echo quit >&3
exec 3>&-
wait
section watch cat /tmp/watch.out
section watch-err cat /tmp/watch.err
section emulate sh -c "grep -v '^request:' /tmp/emu.out"
`
	res := boot(t, name, spec, nil, 5*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\nwatch stderr:\n%s\nemulate:\n%s", notes, section(t, res, "watch-err"), section(t, res, "emulate"))
	}
	if !strings.Contains(res.Console, "@@E2E-WATCH-EXIT 0") {
		t.Errorf("watch did not exit 0 on SIGINT:\n%s", section(t, res, "watch-err"))
	}
	evs := parseWatch(t, section(t, res, "watch"))
	var got []string
	for _, e := range evs {
		got = append(got, e.String())
		if e.ID != "047f:c024" {
			t.Errorf("event %v names device %q, want 047f:c024", e, e.ID)
		}
	}
	want := []string{"add",
		"volume-up pressed", "volume-up released", "volume-down pressed", "volume-down released",
		"phone-mute pressed", "phone-mute released", "hook-switch toggled on", "hook-switch toggled off",
		"remove", "add", "volume-up pressed", "volume-up released"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("watch --json events:\n%s\nwant exactly, in order:\n%s\nwatch stderr:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"), section(t, res, "watch-err"))
	}
}

// TestWatchHotplugStorm: 50 detach/attach cycles while `usbaudio watch
// --json --all-hid` runs. The device is a HID-only button box (QEMU's
// keyboard descriptors serving the Blackwire C5220 report descriptor), so
// a cycle costs one usbhid bind instead of snd-usb-audio's multi-second
// probe under TCG, while watch still opens and closes a hidraw node each
// time. watch is started before the first attach, so it must report 51
// adds and 50 removes, alternating; it must not crash, must hold as many
// file descriptors with the device plugged in after the storm as before
// it (±1), and must still decode a button press after the storm.
func TestWatchHotplugStorm(t *testing.T) {
	const cycles = 50
	d := replayDevice{name: "storm",
		blob:    readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-kbd", "descriptors.bin")),
		reports: map[int][]byte{0: readFile(t, filepath.Join(realdata(t), "plantronics-blackwire-c5220", "report_descriptor.bin"))}}
	spec := vm.GuestSpec{Modules: vm.AllHostModules}
	spec.Scenario = watchHelpers + `
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
/usr/local/bin/usbaudio watch --json --all-hid --poll 100ms > /tmp/watch.out 2>/tmp/watch.err &
wpid=$!
sleep 1
mkfifo /tmp/ctl
` + d.stage(&spec) + ` < /tmp/ctl > /tmp/emu.out 2>&1 &
exec 3>/tmp/ctl
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE no hidraw node"
wait_lines /tmp/watch.out '"add"' 1 60
section first-add sh -c "cat /tmp/watch.out /tmp/watch.err; grep -v '^request:' /tmp/emu.out; ls -l /sys/bus/usb/devices/ /dev/hidraw*"
sleep 0.5
begin fd-before; ls /proc/$wpid/fd | wc -l; ls -l /proc/$wpid/fd; end fd-before
n=1
while [ $n -le ` + strconv.Itoa(cycles) + ` ]; do
  echo detach >&3
  wait_lines /tmp/watch.out '"remove"' $n 20 || break
  echo attach >&3
  wait_lines /tmp/watch.out '"add"' $((n+1)) 30 || break
  n=$((n+1))
done
sleep 1
send_gap "send 0 0201"; send_gap "send 0 0200"
wait_lines /tmp/watch.out '"control"' 2 20
begin fd-after; ls /proc/$wpid/fd | wc -l; ls -l /proc/$wpid/fd; end fd-after
begin alive; kill -0 $wpid && echo "watch alive"; end alive
kill -INT $wpid; wait $wpid
echo "@@E2E-WATCH-EXIT $?"
echo quit >&3
exec 3>&-
wait
section watch cat /tmp/watch.out
section watch-err cat /tmp/watch.err
section emulate sh -c "grep -v '^request:' /tmp/emu.out | tail -20"
`
	res := boot(t, "watch-hotplug-storm", spec, nil, 8*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %d notes, first %v\nwatch stderr:\n%s", len(notes), notes[0], section(t, res, "watch-err"))
	}
	if !strings.Contains(section(t, res, "alive"), "watch alive") || !strings.Contains(res.Console, "@@E2E-WATCH-EXIT 0") {
		t.Errorf("watch died during the storm or did not exit 0 on SIGINT:\n%s", section(t, res, "watch-err"))
	}
	fdCount := func(name string) int {
		s := section(t, res, name)
		n, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(s, "\n", 2)[0]))
		if err != nil {
			t.Fatalf("%s: no fd count:\n%s", name, s)
		}
		return n
	}
	before, after := fdCount("fd-before"), fdCount("fd-after")
	t.Logf("watch file descriptors: %d before the storm, %d after", before, after)
	if after < before-1 || after > before+1 {
		t.Errorf("watch holds %d file descriptors after %d hotplug cycles, %d before (leak):\n--- before\n%s--- after\n%s",
			after, cycles, before, section(t, res, "fd-before"), section(t, res, "fd-after"))
	}
	evs := parseWatch(t, section(t, res, "watch"))
	if n := len(evs); n < 2 || evs[n-2].String() != "volume-up pressed" || evs[n-1].String() != "volume-up released" {
		t.Errorf("after the storm watch did not decode volume-up pressed, released as its last events: %v", evs[max(0, n-3):])
	} else {
		evs = evs[:n-2]
	}
	adds, removes := 0, 0
	var seq strings.Builder
	for i, e := range evs {
		switch e.Event {
		case "add":
			adds++
		case "remove":
			removes++
		default:
			t.Errorf("event %d: unexpected %v", i, e)
		}
		// add, remove, add, remove, ..., add
		if want := map[bool]string{true: "add", false: "remove"}[i%2 == 0]; e.Event != want {
			fmt.Fprintf(&seq, "event %d is %s, want %s; ", i, e.Event, want)
		}
	}
	if adds != cycles+1 || removes != cycles {
		t.Errorf("watch reported %d adds and %d removes, want %d and %d", adds, removes, cycles+1, cycles)
	}
	if seq.Len() > 0 {
		t.Errorf("add/remove do not alternate: %s", seq.String())
	}
}
