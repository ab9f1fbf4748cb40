// Command capture-fixtures boots QEMU's emulated USB devices (usb-audio,
// usb-audio multi=on, usb-kbd, usb-mouse, usb-tablet) and, for the demo
// tree, a real headset replayed by usbaudio emulate, under a real Debian
// kernel and writes what the kernel exposes about them into the repository:
//
//	fixtures/sysfs/demo/              sysfs+procfs tree: audio, kbd, mouse, tablet
//	fixtures/sysfs/qemu-audio-multi/  the same for usb-audio,multi=on
//	fixtures/qemu/<name>/             descriptors.bin, report_descriptor.bin,
//	                                  usbmixer.txt, stream0.txt, SOURCE.md
//
// Run it from the repository root: go run ./e2e/cmd/capture-fixtures
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// scenario waits until the expected drivers have bound, then captures.
const scenarioTemplate = `
want_hidraw=%d
want_cards=%d
wait_for /proc/asound/card0/stream0 30 || echo "@@E2E-NOTE no sound card"
wait_count "/proc/asound/card[0-9]*" $want_cards 60
wait_count "/sys/class/hidraw/hidraw*" $want_hidraw 60
sleep 1
section lsusb ls -l /sys/bus/usb/devices/
section cards cat /proc/asound/cards
section capture sh -c '/bin/sysfscapture 2>/tmp/capture.err'
section capture-errors cat /tmp/capture.err
`

// xhci gets 8 USB2 ports so QEMU does not insert its own hub when the
// ports run short (it does that when only one port is left free).
const xhci = "qemu-xhci,p2=8,p3=8"

type run struct {
	tree    string   // fixtures/sysfs/<tree>
	devices []string // QEMU -device arguments after the xhci controller
	hidraw  int
	cards   int // sound cards to wait for
	// headset: also plug in a real headset replayed by usbaudio emulate
	// through vhci_hcd (see replayedHeadset).
	headset bool
	// names maps a device's sysfs product string to its fixtures/qemu name.
	names map[string]string
}

var runs = []run{
	{
		tree: "demo",
		devices: []string{
			"-audiodev", "none,id=snd0", "-device", "usb-audio,audiodev=snd0",
			"-device", "usb-kbd", "-device", "usb-mouse", "-device", "usb-tablet",
		},
		hidraw:  4,
		cards:   2,
		headset: true,
		names: map[string]string{
			"QEMU USB Audio": "qemu-usb-audio", "QEMU USB Keyboard": "qemu-usb-kbd",
			"QEMU USB Mouse": "qemu-usb-mouse", "QEMU USB Tablet": "qemu-usb-tablet",
		},
	},
	{
		tree:    "qemu-audio-multi",
		devices: []string{"-audiodev", "none,id=snd0", "-device", "usb-audio,audiodev=snd0,multi=on"},
		names:   map[string]string{"QEMU USB Audio": "qemu-usb-audio-multi"},
		cards:   1,
	},
}

func main() {
	out := flag.String("out", ".", "repository root to write fixtures/ into")
	timeout := flag.Duration("timeout", 3*time.Minute, "limit per VM boot")
	flag.Parse()
	if err := capture(*out, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "capture-fixtures:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }

func capture(repo string, timeout time.Duration) error {
	ctx := context.Background()
	if err := vm.EnsureHostTools(ctx, logf); err != nil {
		return err
	}
	cache := vm.CacheDir()
	k, err := vm.FetchKernel(ctx, cache, logf)
	if err != nil {
		return err
	}
	logf("kernel %s (%s %s)", k.Release, k.Package, k.DebVersion)
	build := filepath.Join(cache, "build")
	if err := os.MkdirAll(build, 0o755); err != nil {
		return err
	}
	capBin := filepath.Join(build, "sysfscapture")
	if err := vm.BuildStatic(ctx, ".", "./e2e/guest/sysfscapture", capBin); err != nil {
		return err
	}
	usbaudioBin := filepath.Join(build, "usbaudio")
	if err := vm.BuildStatic(ctx, ".", "./cmd/usbaudio", usbaudioBin); err != nil {
		return err
	}
	qemuVersion := vm.QEMUVersion(ctx)
	for _, r := range runs {
		initrd := filepath.Join(build, "capture-"+r.tree+".cpio.gz")
		spec := vm.GuestSpec{
			Modules:  append(append([]string{}, vm.USBHostModules...), vm.SoundModules...),
			Scenario: fmt.Sprintf(scenarioTemplate, r.hidraw, r.cards),
			Files:    map[string]string{"bin/sysfscapture": capBin},
		}
		if r.headset {
			if err := replayedHeadset(&spec, usbaudioBin); err != nil {
				return err
			}
		}
		if err := k.BuildInitramfs(ctx, spec, initrd); err != nil {
			return err
		}
		boot := vm.Boot{Kernel: k, Initrd: initrd, Timeout: timeout,
			Devices: append([]string{"-device", xhci}, r.devices...)}
		res, err := boot.Run(ctx)
		if res != nil {
			res.SaveConsole(filepath.Join(build, "capture-"+r.tree+".console.log"))
		}
		if err != nil {
			return err
		}
		logf("%s: boot %.1fs wall", r.tree, res.Elapsed.Seconds())
		if err := writeRun(repo, r, res, k, qemuVersion, cache); err != nil {
			return fmt.Errorf("%s: %w", r.tree, err)
		}
	}
	return nil
}

func writeRun(repo string, r run, res *vm.Result, k *vm.Kernel, qemuVersion, cache string) error {
	sec, ok := res.Section("capture")
	if !ok || res.SectionStatus("capture") != 0 {
		errs, _ := res.Section("capture-errors")
		return fmt.Errorf("guest capture failed: %s", errs)
	}
	tarBytes, err := vm.DecodeArchive(sec)
	if err != nil {
		return err
	}
	treeDir := filepath.Join(repo, "fixtures", "sysfs", r.tree)
	tmp := treeDir + ".tmp"
	os.RemoveAll(tmp)
	if err := vm.ExtractTar(tarBytes, tmp); err != nil {
		return err
	}
	cmdline := strings.ReplaceAll(shellQuote(res.Args), cache, "$USBAUDIO_E2E_CACHE")
	dmesg, _ := res.Section("dmesg")
	date := time.Now().UTC().Format("2006-01-02 15:04 UTC")
	prov := provenance{qemu: qemuVersion, kernel: k.Release + " (Debian " + k.Package + " " + k.DebVersion + ")",
		cmdline: cmdline, date: date, elapsed: res.Elapsed}

	devices, err := findDevices(tmp)
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, d := range devices {
		name, ok := r.names[d.product]
		if !ok {
			continue
		}
		found[name] = true
		if err := writeDevice(repo, name, d, tmp, dmesg, prov); err != nil {
			return err
		}
	}
	for _, name := range r.names {
		if !found[name] {
			return fmt.Errorf("device %s not found in the guest's sysfs", name)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "SOURCE.md"), []byte(prov.treeSource(r.tree, r.headset)), 0o644); err != nil {
		return err
	}
	os.RemoveAll(treeDir)
	return os.Rename(tmp, treeDir)
}

type provenance struct {
	qemu, kernel, cmdline, date string
	elapsed                     time.Duration
}

func (p provenance) header() string {
	return fmt.Sprintf("- QEMU: %s\n- Guest kernel: %s\n- Captured: %s by `e2e/capture-fixtures.sh` (e2e/cmd/capture-fixtures)\n- Boot to poweroff: %.1f s wall (software emulation)\n- Command line:\n\n```\n%s\n```\n",
		p.qemu, p.kernel, p.date, p.elapsed.Seconds(), p.cmdline)
}

func (p provenance) treeSource(tree string, headset bool) string {
	replayed := ""
	if headset {
		replayed = "Besides QEMU's devices, bus 3 (vhci_hcd, the usbip host driver) holds a real headset replayed by\n" +
			"`usbaudio emulate`: the Plantronics 047f:c024 descriptors from `" + headsetLsusb + "` with the\n" +
			"report descriptor of a Plantronics Blackwire C5220 (`" + headsetReport + "`) on interface 3.\n" +
			"The kernel's files for it (snd-usb-audio's card, usbmixer with the emulator's -40..0 dB volume range,\n" +
			"hid-plantronics' hidraw node) are real; the descriptor bytes are the public dump's.\n\n"
	}
	return "# fixtures/sysfs/" + tree + "\n\nA `--sysfs-root` tree: the files under `sys/` and `proc/` are copies of what a real kernel\n" +
		"showed for QEMU's emulated USB devices, at the same paths. Symlinks are the kernel's own relative links;\n" +
		"links to directories that were not captured (e.g. `driver -> .../drivers/usbhid`) dangle on purpose:\n" +
		"read them with readlink, not by following them. Regenerate with `e2e/capture-fixtures.sh`.\n\n" + replayed + p.header()
}

// Headset replayed into the demo tree: a real Plantronics headset
// (047f:c024, lsusb dump) with the report descriptor of a real Plantronics
// Blackwire C5220 on its HID interface 3 (volume up/down, hook switch,
// phone mute, telephony LEDs), both from ../shared/realdata.
const (
	headsetLsusb  = "../shared/realdata/plantronics-047f_c024/lsusb.txt"
	headsetReport = "../shared/realdata/plantronics-blackwire-c5220/report_descriptor.bin"
)

// replayedHeadset adds vhci_hcd and usbaudio to the guest and plugs the
// headset in before the capture waits (emulate keeps serving at EOF).
func replayedHeadset(spec *vm.GuestSpec, usbaudio string) error {
	lsusb, err := os.ReadFile(headsetLsusb)
	if err != nil {
		return err
	}
	report, err := os.ReadFile(headsetReport)
	if err != nil {
		return err
	}
	spec.Modules = append(spec.Modules, vm.USBIPModules...)
	spec.Files["usr/local/bin/usbaudio"] = usbaudio
	spec.Data = map[string][]byte{"fx/headset.txt": lsusb, "fx/headset-report.bin": report}
	spec.Scenario = `wait_for /sys/devices/platform/vhci_hcd.0/attach 10
/usr/local/bin/usbaudio emulate /fx/headset.txt --report 3=/fx/headset-report.bin </dev/null >/tmp/emulate.out 2>&1 &
` + spec.Scenario
	return nil
}

func shellQuote(args []string) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteString(" ")
		}
		if strings.ContainsAny(a, " \"'$") {
			b.WriteString("'" + strings.ReplaceAll(a, "'", `'\''`) + "'")
		} else {
			b.WriteString(a)
		}
	}
	return b.String()
}

// usbDevice is one captured USB device (not a root hub).
type usbDevice struct {
	busPort  string // e.g. 1-1
	dir      string // absolute path in the extracted tree
	product  string
	vid, pid string
}

func findDevices(root string) ([]usbDevice, error) {
	bus := filepath.Join(root, "sys", "bus", "usb", "devices")
	entries, err := os.ReadDir(bus)
	if err != nil {
		return nil, err
	}
	var out []usbDevice
	for _, e := range entries {
		n := e.Name()
		if strings.Contains(n, ":") || strings.HasPrefix(n, "usb") {
			continue
		}
		target, err := os.Readlink(filepath.Join(bus, n))
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(bus, target)
		out = append(out, usbDevice{busPort: n, dir: dir,
			product: readTrim(filepath.Join(dir, "product")),
			vid:     readTrim(filepath.Join(dir, "idVendor")), pid: readTrim(filepath.Join(dir, "idProduct"))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].busPort < out[j].busPort })
	return out, nil
}

func readTrim(p string) string {
	b, _ := os.ReadFile(p)
	return strings.TrimSpace(string(b))
}

func writeDevice(repo, name string, d usbDevice, tree, dmesg string, prov provenance) error {
	dst := filepath.Join(repo, "fixtures", "qemu", name)
	os.RemoveAll(dst)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	desc, err := os.ReadFile(filepath.Join(d.dir, "descriptors"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "descriptors.bin"), desc, 0o644); err != nil {
		return err
	}
	var files []string
	files = append(files, "descriptors.bin")
	rds, _ := filepath.Glob(filepath.Join(d.dir, d.busPort+":*", "*:*:*.*", "report_descriptor"))
	sort.Strings(rds)
	for i, rd := range rds {
		data, err := os.ReadFile(rd)
		if err != nil {
			return err
		}
		fn := "report_descriptor.bin"
		if i > 0 {
			fn = fmt.Sprintf("report_descriptor-%d.bin", i)
		}
		if err := os.WriteFile(filepath.Join(dst, fn), data, 0o644); err != nil {
			return err
		}
		files = append(files, fn+" (from "+relTo(tree, rd)+")")
	}
	cards, _ := filepath.Glob(filepath.Join(d.dir, d.busPort+":*", "sound", "card*"))
	for _, c := range cards {
		card := filepath.Base(c)
		for _, f := range []string{"usbmixer", "stream0"} {
			data, err := os.ReadFile(filepath.Join(tree, "proc", "asound", card, f))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dst, f+".txt"), data, 0o644); err != nil {
				return err
			}
			files = append(files, f+".txt (/proc/asound/"+card+"/"+f+")")
		}
	}
	var src strings.Builder
	fmt.Fprintf(&src, "# %s\n\nQEMU's emulated `%s` (%s:%s, \"%s\") as a real Linux kernel enumerated it on QEMU's xhci\n",
		name, qemuDeviceName(name), d.vid, d.pid, d.product)
	fmt.Fprintf(&src, "controller, port %s. Captured inside the guest from sysfs/procfs (files read to EOF, exact bytes),\n", d.busPort)
	fmt.Fprintf(&src, "brought out over the serial console as a base64 tar, and copied here from the reconstructed tree.\n\n")
	src.WriteString(prov.header())
	src.WriteString("\n## Files\n\n")
	for _, f := range files {
		fmt.Fprintf(&src, "- `%s`\n", f)
	}
	fmt.Fprintf(&src, "- sysfs device directory: `%s`\n", relTo(tree, d.dir))
	src.WriteString("\n## Kernel log about this device\n\n```\n")
	src.WriteString(deviceLog(dmesg, d))
	src.WriteString("```\n")
	return os.WriteFile(filepath.Join(dst, "SOURCE.md"), []byte(src.String()), 0o644)
}

func qemuDeviceName(name string) string {
	n := strings.TrimPrefix(name, "qemu-")
	if n == "usb-audio-multi" {
		return "usb-audio,multi=on"
	}
	return n
}

func relTo(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return r
}

// deviceLog keeps the dmesg lines that name the device: its port ("usb 1-2:"),
// a sysfs path below it ("/1-2/") or one of its HID devices (QEMU's HID
// devices all share 0627:0001, so the vendor:product alone is ambiguous).
func deviceLog(dmesg string, d usbDevice) string {
	keys := []string{" " + d.busPort + ":", "/" + d.busPort + "/"}
	hids, _ := filepath.Glob(filepath.Join(d.dir, d.busPort+":*", "*:*:*.*"))
	for _, h := range hids {
		keys = append(keys, filepath.Base(h))
	}
	var b strings.Builder
	for _, line := range strings.Split(dmesg, "\n") {
		for _, k := range keys {
			if strings.Contains(line, k) {
				b.WriteString(line + "\n")
				break
			}
		}
	}
	return b.String()
}
