//go:build e2e

package e2e

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
	"github.com/usbaudio/usbaudio/lsusbtext"
)

// replayDevice is one descriptor set the guest serves through vhci_hcd
// with `usbaudio emulate`.
type replayDevice struct {
	name string
	blob []byte // descriptor bytes (device descriptor + configurations)
	// text is the lsusb -v dump the blob was rebuilt from; when set it is
	// what emulate serves, strings included.
	text    []byte
	reports map[int][]byte
	// volumeDB is the volume range the emulator serves (--volume-db);
	// zero means emulate's default -40:0.
	volumeDB [2]int
	// noVolume: the device's feature units offer no volume control (the
	// Schiit Hel has mute only), so usbmixer must show none.
	noVolume bool
	// expected is the fixture's expected.json (classification), if any.
	expected string
}

func (d replayDevice) usbid() string {
	return fmt.Sprintf("%02x%02x:%02x%02x", d.blob[9], d.blob[8], d.blob[11], d.blob[10])
}

// volume is the served range in dB.
func (d replayDevice) volume() (min, max int) {
	if d.volumeDB == [2]int{} {
		return -40, 0
	}
	return d.volumeDB[0], d.volumeDB[1]
}

// stage puts the device's files under /fx/NAME/ in the initramfs and
// returns the `usbaudio emulate` command line for it. Every control
// request is logged on emulate's standard output (--log-requests).
func (d replayDevice) stage(spec *vm.GuestSpec) string {
	if spec.Data == nil {
		spec.Data = map[string][]byte{}
	}
	dir := "fx/" + d.name + "/"
	file, data := dir+"d.bin", d.blob
	if d.text != nil {
		file, data = dir+"lsusb.txt", d.text
	}
	spec.Data[file] = data
	cmd := fmt.Sprintf("%s emulate /%s --log-requests", guestUsbaudio, file)
	if d.volumeDB != [2]int{} {
		cmd += fmt.Sprintf(" --volume-db %d:%d", d.volumeDB[0], d.volumeDB[1])
	}
	ifaces := make([]int, 0, len(d.reports))
	for iface := range d.reports {
		ifaces = append(ifaces, iface)
	}
	sort.Ints(ifaces)
	for _, iface := range ifaces {
		p := fmt.Sprintf("%srd%d.bin", dir, iface)
		spec.Data[p] = d.reports[iface]
		cmd += fmt.Sprintf(" --report %d=/%s", iface, p)
	}
	return cmd
}

// fromLsusb rebuilds a device's descriptor bytes from `lsusb -v` text (to
// know its IDs); emulate serves the text itself.
func fromLsusb(t *testing.T, name, path string) replayDevice {
	t.Helper()
	text := readFile(t, path)
	devs, err := lsusbtext.Parse(text)
	if err != nil || len(devs) == 0 {
		t.Fatalf("%s: lsusbtext.Parse: %v (%d devices)", path, err, len(devs))
	}
	exp := filepath.Join(filepath.Dir(path), "expected.json")
	if _, err := os.Stat(exp); err != nil {
		exp = filepath.Join(repoRoot, "fixtures", "realdata-expected", filepath.Base(filepath.Dir(path)), "expected.json")
	}
	if _, err := os.Stat(exp); err != nil {
		exp = ""
	}
	return replayDevice{name: name, blob: devs[0].Descriptors, text: text, expected: exp}
}

// fromHex joins device_descriptor.hex and config_descriptor.hex.
func fromHex(t *testing.T, name, dir string) replayDevice {
	t.Helper()
	var blob []byte
	for _, f := range []string{"device_descriptor.hex", "config_descriptor.hex"} {
		b, err := hex.DecodeString(strings.Join(strings.Fields(string(readFile(t, filepath.Join(dir, f)))), ""))
		if err != nil {
			t.Fatalf("%s/%s: %v", dir, f, err)
		}
		blob = append(blob, b...)
	}
	d := replayDevice{name: name, blob: blob}
	if exp := filepath.Join(repoRoot, "fixtures", "realdata-expected", filepath.Base(dir), "expected.json"); fileExists(exp) {
		d.expected = exp
	}
	return d
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func realdata(t *testing.T) string {
	dir := filepath.Join(repoRoot, "..", "shared", "realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data not present: %v", err)
	}
	return dir
}

// audioScenario replays devices one after another; for each it waits for
// the sound card whose usbid matches, prints cards/usbmixer/stream0 and the
// emulator's log, unplugs it and waits for the card to go.
const audioHelpers = `
find_card() { local c; for c in /proc/asound/card[0-9]*; do [ "$(cat $c/usbid 2>/dev/null)" = "$1" ] && echo $c && return 0; done; return 1; }
replay_audio() {
  local n=$1 id=$2 pid i card; shift 2
  "$@" > /tmp/$n.out 2>&1 &
  pid=$!
  i=0; card=""
  while [ $i -lt 300 ]; do card=$(find_card $id) && break; sleep 0.1; i=$((i+1)); done
  sleep 1
  begin $n-result
  echo "card=$card"
  end $n-result
  section $n-cards cat /proc/asound/cards
  [ -n "$card" ] && section $n-usbmixer cat $card/usbmixer
  [ -n "$card" ] && section $n-stream cat $card/stream0
  section $n-scan /usr/local/bin/usbaudio scan --json -d $id
  kill $pid; wait $pid
  i=0; while find_card $id >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
  section $n-replay sh -c "grep -v '^request:' /tmp/$n.out"
  section $n-requests sh -c "grep -c '^request:' /tmp/$n.out; grep 'status -32' /tmp/$n.out | sort | uniq -c | head -40"
}
`

var volumeLineRE = regexp.MustCompile(`Volume: min=(-?\d+), max=(-?\d+), dBmin=(-?\d+), dBmax=(-?\d+)`)

// checkAudioReplay asserts that snd-usb-audio bound the replayed device and
// that every volume control the kernel built has the emulator's range.
func checkAudioReplay(t *testing.T, res *vm.Result, d replayDevice) {
	t.Helper()
	result := section(t, res, d.name+"-result")
	if !strings.Contains(result, "card=/proc/asound/card") {
		replay, _ := res.Section(d.name + "-replay")
		t.Fatalf("%s (%s): snd-usb-audio created no card (no /proc/asound/card*/usbid = %s)\nreplay:\n%s\nkernel:\n%s",
			d.name, d.usbid(), d.usbid(), replay, kernelLines(res, "vhci", "usb ", "snd"))
	}
	mixer := section(t, res, d.name+"-usbmixer")
	t.Logf("%s: usbmixer\n%s", d.name, mixer)
	lines := strings.Split(mixer, "\n")
	volumes := 0
	for i, line := range lines {
		if !strings.Contains(line, "Volume\"") || i+2 >= len(lines) {
			continue
		}
		m := volumeLineRE.FindStringSubmatch(lines[i+2])
		if m == nil {
			continue
		}
		volumes++
		// The model serves --volume-db MIN:MAX in 1/256 dB steps; the
		// kernel shows raw values and dB*100.
		lo, hi := d.volume()
		want := []string{fmt.Sprint(lo * 256), fmt.Sprint(hi * 256), fmt.Sprint(lo * 100), fmt.Sprint(hi * 100)}
		if strings.Join(m[1:], " ") != strings.Join(want, " ") {
			t.Errorf("%s: %s has range min=%s max=%s dBmin=%s dBmax=%s, want the served %s..%s (%d..%d dB)",
				d.name, strings.TrimSpace(line), m[1], m[2], m[3], m[4], want[0], want[1], lo, hi)
		}
	}
	if !d.noVolume && volumes == 0 {
		t.Errorf("%s: usbmixer has no volume control with a range; the emulator serves one for every feature unit volume", d.name)
	}
	if d.noVolume && volumes != 0 {
		t.Errorf("%s: usbmixer shows %d volume controls for a device that declares none", d.name, volumes)
	}
	if !strings.Contains(mixer, "Switch\"") {
		t.Errorf("%s: usbmixer has no mute switch; every replayed device declares a mute control", d.name)
	}
	if stream, ok := res.Section(d.name + "-stream"); !ok || !strings.Contains(stream, "Format:") {
		t.Errorf("%s: stream0 lists no format:\n%s", d.name, stream)
	}
	checkScanOfReplay(t, res, d, volumes)
}

// kernelLines returns dmesg lines containing any of the words.
func kernelLines(res *vm.Result, words ...string) string {
	dmesg, _ := res.Section("dmesg")
	var b strings.Builder
	for _, l := range strings.Split(dmesg, "\n") {
		for _, w := range words {
			if strings.Contains(l, w) {
				b.WriteString(l + "\n")
				break
			}
		}
	}
	return b.String()
}

func runAudioReplays(t *testing.T, name string, devs []replayDevice) *vm.Result {
	spec := vm.GuestSpec{Modules: vm.AllHostModules}
	var sc strings.Builder
	sc.WriteString(audioHelpers)
	sc.WriteString("wait_for /sys/devices/platform/vhci_hcd.0/attach 10\n")
	for _, d := range devs {
		fmt.Fprintf(&sc, "replay_audio %s %s %s\n", d.name, d.usbid(), d.stage(&spec))
	}
	spec.Scenario = sc.String()
	return boot(t, name, spec, nil, 5*time.Minute)
}

// TestReplayQEMUAudioThroughVHCI serves the captured QEMU usb-audio bytes
// from our emulator: the kernel must build the same streams it built for
// QEMU's own device, and the mixer range must be the emulator's.
func TestReplayQEMUAudioThroughVHCI(t *testing.T) {
	d := replayDevice{name: "qemu-usb-audio",
		blob: readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-audio", "descriptors.bin"))}
	res := runAudioReplays(t, "replay-qemu-audio", []replayDevice{d})
	checkAudioReplay(t, res, d)
	want := streamFormats(string(readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-audio", "stream0.txt"))))
	if got := streamFormats(section(t, res, d.name+"-stream")); got != want {
		t.Errorf("replayed stream0 formats differ from QEMU's own device:\n--- replayed\n%s--- qemu\n%s", got, want)
	}
	if !strings.Contains(kernelLines(res, "unknown interface protocol"), "unknown interface protocol 0x4") {
		t.Errorf("kernel did not log the QEMU AC interface quirk (protocol 0x4) for the replayed device")
	}
}

// streamFormats keeps the stream0 lines that describe formats, not state.
func streamFormats(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		for _, p := range []string{"Interface", "Altset", "Format:", "Channels:", "Rates:", "Bits:", "Endpoint:"} {
			if strings.HasPrefix(l, p) {
				b.WriteString(l + "\n")
			}
		}
	}
	return b.String()
}

// TestReplayCorpusHeadsets replays real devices rebuilt from public lsusb
// dumps and raw descriptor bytes; snd-usb-audio must bind each and build its
// volume controls from what the emulator serves.
func TestReplayCorpusHeadsets(t *testing.T) {
	rd := realdata(t)
	schiit := fromLsusb(t, "schiit-hel", filepath.Join(rd, "schiit-hel", "lsusb.txt"))
	schiit.noVolume = true
	devs := []replayDevice{
		fromLsusb(t, "plantronics-047f_c024", filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt")),
		fromLsusb(t, "logitech-h340", filepath.Join(rd, "logitech-h340", "lsusb.txt")),
		fromLsusb(t, "razer-kraken-x-usb", filepath.Join(rd, "razer-kraken-x-usb", "lsusb.txt")),
		schiit,
		fromLsusb(t, "plantronics-audio-655-dsp", filepath.Join(repoRoot, "fixtures", "devices", "plantronics-audio-655-dsp", "lsusb.txt")),
		fromLsusb(t, "steelseries-arctis-7", filepath.Join(repoRoot, "fixtures", "devices", "steelseries-arctis-7", "lsusb.txt")),
		// The Blue Yeti has the .Audio 655's unit graph; only its product
		// string, read back from sysfs, makes it a microphone with monitor.
		fromLsusb(t, "blue-yeti", filepath.Join(repoRoot, "fixtures", "devices", "blue-yeti", "lsusb.txt")),
		fromHex(t, "logitech-c270-webcam", filepath.Join(rd, "logitech-c270-webcam")),
		{name: "qemu-usb-audio-multi", blob: readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-audio-multi", "descriptors.bin"))},
	}
	// Each device gets another served volume range, so a range that reached
	// the kernel and scan can only have come from this device's emulator.
	ranges := [][2]int{{-60, 6}, {-30, 0}, {-50, 10}, {-45, 5}}
	for i := range devs {
		devs[i].volumeDB = ranges[i%len(ranges)]
	}
	res := runAudioReplays(t, "replay-corpus", devs)
	for _, d := range devs {
		t.Run(d.name, func(t *testing.T) { checkAudioReplay(t, res, d) })
	}
}

// TestReplayHIDKeyboard serves QEMU's keyboard with its report descriptor:
// hidraw must show the served report descriptor, a reader of /dev/hidraw0
// must receive the reports the emulator sends, in order, and the node must
// go away on detach and come back on attach.
func TestReplayHIDKeyboard(t *testing.T) {
	d := replayDevice{name: "kbd",
		blob:    readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-kbd", "descriptors.bin")),
		reports: map[int][]byte{0: readFile(t, filepath.Join(repoRoot, "fixtures", "qemu", "qemu-usb-kbd", "report_descriptor.bin"))}}
	// The harness also carries dynamically linked host programs with their
	// libraries (as a cgo usbaudio needs): GNU ls proves the loader works.
	spec := vm.GuestSpec{Modules: vm.AllHostModules, Dynamic: map[string]string{"usr/local/bin/gnu-ls": "/bin/ls"}}
	spec.Scenario = `
section dynamic /usr/local/bin/gnu-ls --version
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
mkfifo /tmp/ctl
` + d.stage(&spec) + ` < /tmp/ctl > /tmp/kbd.out 2>&1 &
exec 3>/tmp/ctl
wait_for /dev/hidraw0 30
section rd hexdump -v -e '16/1 "%02x" "\n"' /sys/class/hidraw/hidraw0/device/report_descriptor
timeout 20 dd if=/dev/hidraw0 of=/tmp/got bs=8 count=3 2>/dev/null &
reader=$!
sleep 1
echo "send 0 0000040000000000" >&3
echo "send 0 0000050000000000" >&3
echo "send 0 0000000000000000" >&3
wait $reader
section reports hexdump -v -e '8/1 "%02x" "\n"' /tmp/got
echo detach >&3
i=0; while [ -e /dev/hidraw0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
section after-detach sh -c 'ls /dev/hidraw* 2>/dev/null; echo end'
echo attach >&3
wait_for /dev/hidraw0 30
section after-attach sh -c 'ls /dev/hidraw*; echo end'
echo quit >&3
exec 3>&-
wait
section replay cat /tmp/kbd.out
`
	res := boot(t, "replay-hid-keyboard", spec, nil, 5*time.Minute)
	if s := section(t, res, "dynamic"); res.SectionStatus("dynamic") != 0 || !strings.Contains(s, "GNU coreutils") {
		t.Errorf("a dynamically linked host binary did not run in the guest (status %d):\n%s", res.SectionStatus("dynamic"), s)
	}
	wantRD := hex.EncodeToString(d.reports[0])
	if got := strings.Join(strings.Fields(section(t, res, "rd")), ""); got != wantRD {
		t.Errorf("hidraw0 report_descriptor = %s, want the served %s", got, wantRD)
	}
	got := strings.Fields(section(t, res, "reports"))
	want := []string{"0000040000000000", "0000050000000000", "0000000000000000"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("reports read from /dev/hidraw0 = %v, want %v in that order\nreplay:\n%s", got, want, section(t, res, "replay"))
	}
	if s := section(t, res, "after-detach"); strings.Contains(s, "hidraw0") {
		t.Errorf("/dev/hidraw0 still exists after detach:\n%s", s)
	}
	if s := section(t, res, "after-attach"); !strings.Contains(s, "/dev/hidraw") {
		t.Errorf("no hidraw node after attaching again:\n%s", s)
	}
}

// TestReplayHeadsetButtons serves a real headset (Plantronics 047f:c024,
// whose lsusb dump lacks its report descriptor) with the report descriptor
// of a real Plantronics Blackwire C5220: snd-usb-audio and usbhid both bind,
// and a hidraw reader receives the consumer (report 2: volume up/down) and
// telephony (report 8: phone mute, hook switch) reports the emulator sends,
// byte for byte and in order.
func TestReplayHeadsetButtons(t *testing.T) {
	rd := realdata(t)
	d := fromLsusb(t, "plantronics", filepath.Join(rd, "plantronics-047f_c024", "lsusb.txt"))
	d.reports = map[int][]byte{3: readFile(t, filepath.Join(rd, "plantronics-blackwire-c5220", "report_descriptor.bin"))}
	// Report 2: bit 0 Volume Increment, bit 1 Volume Decrement (Consumer page).
	// Report 8: bit 0 Phone Mute, bit 1 Hook Switch (Telephony page).
	sends := []string{"0201", "0200", "0202", "0200", "0801", "0800", "0802"}
	spec := vm.GuestSpec{Modules: vm.AllHostModules}
	var sc strings.Builder
	sc.WriteString(`
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
mkfifo /tmp/ctl
` + d.stage(&spec) + ` < /tmp/ctl > /tmp/replay.out 2>&1 &
exec 3>/tmp/ctl
wait_for /dev/hidraw0 60 || echo "@@E2E-NOTE no hidraw node"
wait_for /proc/asound/card0/usbmixer 60 || echo "@@E2E-NOTE no sound card"
section cards cat /proc/asound/cards
section hid-interface sh -c 'ls -l /sys/bus/usb/devices/*:1.3/; grep -E "wIndex=0x0003|0x2[12]00" /tmp/replay.out | head -20'
section rdlen sh -c 'wc -c < /sys/class/hidraw/hidraw0/device/report_descriptor'
timeout 30 dd if=/dev/hidraw0 of=/tmp/got bs=64 count=` + fmt.Sprint(len(sends)) + ` 2>/dev/null &
reader=$!
sleep 1
`)
	for _, s := range sends {
		fmt.Fprintf(&sc, "echo 'send 3 %s' >&3\n", s)
	}
	sc.WriteString(`wait $reader
section reports hexdump -v -e '1/1 "%02x"' /tmp/got
echo quit >&3
exec 3>&-
wait
section replay cat /tmp/replay.out
`)
	spec.Scenario = sc.String()
	res := boot(t, "replay-headset-buttons", spec, nil, 5*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Errorf("guest: %v\nkernel:\n%s", notes, kernelLines(res, "usb", "hid", "snd"))
	}
	// The dump has no strings (lsusb ran as a user), so ALSA names the card by its ID.
	if cards := section(t, res, "cards"); !strings.Contains(cards, "0x47f:0xc024") {
		t.Errorf("/proc/asound/cards has no card for 047f:c024:\n%s", cards)
	}
	if got := strings.TrimSpace(section(t, res, "rdlen")); got != fmt.Sprint(len(d.reports[3])) {
		t.Errorf("hidraw report_descriptor is %s bytes, want the served %d", got, len(d.reports[3]))
	}
	want := strings.Join(sends, "")
	if got := strings.TrimSpace(section(t, res, "reports")); got != want {
		t.Errorf("bytes read from /dev/hidraw0 = %s, want %s (reports %v in order)\nreplay:\n%s", got, want, sends, section(t, res, "replay"))
	}
}
