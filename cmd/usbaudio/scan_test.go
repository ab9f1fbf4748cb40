package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/usbaudio/usbaudio/internal/testtree"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/usbaudio/usbaudio/source"
)

var updateScan = flag.Bool("update-scan", false, "rewrite testdata/scan goldens (check them by hand against the fixture files)")

var (
	demoRoot    = filepath.Join("..", "..", "fixtures", "sysfs", "demo")
	multiRoot   = filepath.Join("..", "..", "fixtures", "sysfs", "qemu-audio-multi")
	headsetRoot = filepath.Join("..", "..", "source", "testdata", "headset")
)

// runLive runs a command line and returns stdout, stderr and the exit code.
func runLive(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// scanJSON is the part of scan --json the tests read.
type scanJSON struct {
	Schema  string `json:"schema"`
	Devices []struct {
		Schema   string `json:"schema"`
		Identity struct {
			VendorID  string `json:"vendor_id"` // "046d", as lsusb prints it
			ProductID string `json:"product_id"`
			Product   string `json:"product"`
			Serial    string `json:"serial"`
		} `json:"identity"`
		Verdict struct {
			FormFactor string `json:"form_factor"`
		} `json:"verdict"`
		Live struct {
			Source   string `json:"source"`
			PortPath string `json:"port_path"`
			Bus      int    `json:"bus"`
			Address  int    `json:"address"`
			Speed    string `json:"speed"`
			Drivers  []struct {
				Interface int    `json:"interface"`
				Driver    string `json:"driver"`
			} `json:"drivers"`
			ALSA *struct {
				Number int    `json:"number"`
				ID     string `json:"id"`
				Mixer  []struct {
					Name    string `json:"name"`
					Unit    int    `json:"unit"`
					Control int    `json:"control"`
					Range   *struct {
						Min   int     `json:"min"`
						Max   int     `json:"max"`
						MinDB float64 `json:"min_db"`
						MaxDB float64 `json:"max_db"`
					} `json:"range"`
				} `json:"mixer"`
				Streams []struct {
					Direction string `json:"direction"`
					Interface int    `json:"interface"`
					Altset    int    `json:"altset"`
					Channels  int    `json:"channels"`
					Rates     []int  `json:"rates"`
				} `json:"streams"`
			} `json:"alsa"`
			HIDRaw []struct {
				Interface int    `json:"interface"`
				Path      string `json:"path"`
			} `json:"hidraw"`
		} `json:"live"`
		AudioFunctions []struct {
			Playback []struct {
				Controls []struct {
					Unit    int    `json:"unit"`
					Control string `json:"control"`
					Range   *struct {
						MinDB float64 `json:"min_db"`
						MaxDB float64 `json:"max_db"`
					} `json:"range"`
				} `json:"controls"`
			} `json:"playback"`
		} `json:"audio_functions"`
		HID []struct {
			Interface int `json:"interface"`
		} `json:"hid_interfaces"`
		Warnings []string `json:"warnings"`
	} `json:"devices"`
}

func decodeScan(t *testing.T, out string) scanJSON {
	t.Helper()
	var s scanJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("scan --json output is not JSON: %v\n%s", err, out)
	}
	return s
}

// The demo tree, checked by hand against its files: 1-1 is QEMU's
// usb-audio (46f4:0002; busnum 1, devnum 2, speed 12 = full), both
// interfaces bound to snd-usb-audio, card0 id "Audio"; usbmixer gives unit
// 2 volume dBmin=-12799 dBmax=800 (1/100 dB: -127.99 to 8.00 dB) and a
// switch; stream0 plays S16_LE, 2 channels, 48000 Hz on interface 1 alt 1.
// The keyboard, mouse and tablet (0627:0001) are not audio devices.
func TestScanDemoGolden(t *testing.T) {
	need(t, demoRoot)
	out, errOut, code := runLive(t, "scan", "--sysfs-root", demoRoot)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden := filepath.Join("testdata", "scan", "demo.txt")
	if *updateScan {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("scan of the demo tree differs from %s:\n%s", golden, out)
	}
	for _, s := range []string{
		"QEMU USB Audio (46f4:0002)",
		"Live (sysfs, port 1-1, bus 1 device 2, full speed)",
		"interface 0: driver snd-usb-audio",
		`ALSA card 0 "Audio"`,
		`mixer "Audio Output Volume Control Playback Volume" (unit 2): -127.99 to 8.00 dB (kernel)`,
		"volume (unit 2): ch 1, ch 2, read-write, -127.99 to 8.00 dB (kernel)",
		"stream0 playback: interface 1 alt 1, S16_LE, 2 channels, 16 bits, 48000 Hz (Stop)",
		"(3 other USB devices not shown: not audio devices; --all lists them)",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("demo scan lacks %q", s)
		}
	}
	if strings.Contains(out, "Keyboard") || strings.Contains(out, "kernel mismatch") {
		t.Errorf("demo scan lists a keyboard or a mismatch:\n%s", out)
	}
}

// usbaudio with no command runs scan.
func TestNoCommandIsScan(t *testing.T) {
	need(t, demoRoot)
	plain, _, code1 := runLive(t, "--sysfs-root", demoRoot, "--json")
	scan, _, code2 := runLive(t, "scan", "--sysfs-root", demoRoot, "--json")
	if code1 != 0 || code2 != 0 || plain != scan || !strings.Contains(plain, `"port_path": "1-1"`) {
		t.Errorf("usbaudio (exit %d) and usbaudio scan (exit %d) differ:\n%s", code1, code2, plain)
	}
}

func TestScanDemoJSON(t *testing.T) {
	need(t, demoRoot)
	out, _, code := runLive(t, "scan", "--sysfs-root", demoRoot, "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	s := decodeScan(t, out)
	// QEMU's usb-audio (1-1) and the replayed Plantronics headset (3-1).
	if s.Schema != "usbaudio/v1" || len(s.Devices) != 2 {
		t.Fatalf("schema %q, %d devices", s.Schema, len(s.Devices))
	}
	if h := s.Devices[1]; h.Identity.VendorID != "047f" || h.Identity.ProductID != "c024" || h.Verdict.FormFactor != "headset" || h.Live.PortPath != "3-1" {
		t.Errorf("second device %+v verdict %q, want the 047f:c024 headset at 3-1", h.Identity, h.Verdict.FormFactor)
	}
	d := s.Devices[0]
	if d.Identity.VendorID != "46f4" || d.Identity.ProductID != "0002" || d.Identity.Product != "QEMU USB Audio" ||
		d.Identity.Serial != "****.0-1" || d.Verdict.FormFactor != "speaker" {
		t.Errorf("identity %+v verdict %q", d.Identity, d.Verdict.FormFactor)
	}
	l := d.Live
	if l.Source != "sysfs" || l.PortPath != "1-1" || l.Bus != 1 || l.Address != 2 || l.Speed != "full" ||
		len(l.Drivers) != 2 || l.Drivers[1].Interface != 1 || l.Drivers[1].Driver != "snd-usb-audio" {
		t.Errorf("live %+v", l)
	}
	a := l.ALSA
	if a == nil || a.Number != 0 || a.ID != "Audio" || len(a.Mixer) != 2 || len(a.Streams) != 1 {
		t.Fatalf("alsa %+v", a)
	}
	if m := a.Mixer[0]; m.Unit != 2 || m.Control != 2 || m.Range == nil || m.Range.Min != -32767 || m.Range.Max != 2048 ||
		m.Range.MinDB != -127.99 || m.Range.MaxDB != 8 {
		t.Errorf("volume %+v range %+v", m, m.Range)
	}
	if m := a.Mixer[1]; m.Control != 1 || m.Range != nil {
		t.Errorf("switch %+v", m)
	}
	if st := a.Streams[0]; st.Direction != "playback" || st.Interface != 1 || st.Altset != 1 || st.Channels != 2 || len(st.Rates) != 1 || st.Rates[0] != 48000 {
		t.Errorf("stream %+v", st)
	}
	vol := d.AudioFunctions[0].Playback[0].Controls
	found := false
	for _, c := range vol {
		if c.Control == "volume" && c.Unit == 2 && c.Range != nil && c.Range.MinDB == -127.99 {
			found = true
		}
	}
	if !found {
		t.Errorf("kernel range not beside the descriptor's volume control: %+v", vol)
	}
}

func TestScanAllAndFilters(t *testing.T) {
	need(t, demoRoot)
	t.Run("all", func(t *testing.T) {
		s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "--all", "--json"))
		var got []string
		for _, d := range s.Devices {
			got = append(got, d.Live.PortPath+" "+d.Identity.Product)
		}
		// the replayed headset's dump has no product string
		want := "1-1 QEMU USB Audio,1-2 QEMU USB Keyboard,1-3 QEMU USB Mouse,1-4 QEMU USB Tablet,3-1 "
		if strings.Join(got, ",") != want {
			t.Errorf("--all lists %q, want %q", got, want)
		}
		if k := s.Devices[1]; len(k.Live.HIDRaw) != 1 || k.Live.HIDRaw[0].Path != "/dev/hidraw0" || len(k.HID) != 1 {
			t.Errorf("keyboard hidraw %+v", k.Live.HIDRaw)
		}
	})
	t.Run("-d vendor only", func(t *testing.T) {
		s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "--all", "-d", "0627:", "--json"))
		if len(s.Devices) != 3 || s.Devices[0].Live.PortPath != "1-2" {
			t.Errorf("-d 0627: --all gave %d devices", len(s.Devices))
		}
	})
	t.Run("-d product only", func(t *testing.T) {
		s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "-d", ":0002", "--json"))
		if len(s.Devices) != 1 || s.Devices[0].Identity.VendorID != "46f4" {
			t.Errorf("-d :0002 gave %d devices", len(s.Devices))
		}
	})
	t.Run("-s bus:dev", func(t *testing.T) {
		s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "--all", "-s", "1:4", "--json"))
		if len(s.Devices) != 1 || s.Devices[0].Identity.Product != "QEMU USB Mouse" || s.Devices[0].Live.Address != 4 {
			t.Errorf("-s 1:4 gave %+v", s.Devices)
		}
		// device 2 on bus 1 (usb-audio) and on bus 3 (the replayed headset)
		s = decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "-s", "2", "--json"))
		if len(s.Devices) != 2 || s.Devices[0].Live.PortPath != "1-1" || s.Devices[1].Live.PortPath != "3-1" {
			t.Errorf("-s 2 (device only) gave %d devices", len(s.Devices))
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"-d no match", []string{"-d", "046d:0a38"}, "no USB audio devices found matching -d 046d:0a38 (use --all to include every USB device)"},
		{"-d non-audio", []string{"-d", "0627:0001"}, "no USB audio devices found matching -d 0627:0001"},
		{"-s other bus", []string{"-s", "2:"}, "no USB audio devices found matching -s 2:"},
		{"--all no match", []string{"--all", "-d", "dead:"}, "no USB devices found matching -d dead:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runLive(t, append([]string{"scan", "--sysfs-root", demoRoot}, tc.args...)...)
			if code != exitNoDevice || out != "" || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 3 and %q", code, out, errOut, tc.msg)
			}
		})
	}
}

func mustRun(t *testing.T, wantCode int, args ...string) string {
	t.Helper()
	out, errOut, code := runLive(t, args...)
	if code != wantCode {
		t.Fatalf("%q: exit %d, want %d; stderr:\n%s", args, code, wantCode, errOut)
	}
	return out
}

func TestScanNoDevices(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "sys", "bus", "usb", "devices"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runLive(t, "--sysfs-root", root)
	if code != exitNoDevice || out != "" || errOut != "usbaudio scan: no USB audio devices found (use --all to list every USB device)\n" {
		t.Errorf("exit %d stdout %q stderr %q", code, out, errOut)
	}
	out, _, code = runLive(t, "--sysfs-root", root, "--json")
	if code != exitNoDevice || decodeScan(t, out).Devices == nil {
		t.Errorf("--json with no device: exit %d, %q (want an empty devices array)", code, out)
	}
}

func TestScanUsage(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "-d", "046d"},
		{"scan", "-d", "xyz:1"},
		{"scan", "-s", "1:x"},
		{"scan", "-s", "0"},
		{"scan", "--backend", "usbfs"},
		{"scan", "--bogus"},
		{"scan", "extra-arg"},
		{"scan", "--sysfs-root", filepath.Join(os.TempDir(), "usbaudio-no-such-tree")},
	} {
		if _, errOut, code := runLive(t, args...); code != exitUsage || errOut == "" {
			t.Errorf("%q: exit %d (want 2), stderr %q", args, code, errOut)
		}
	}
	help, _, code := runLive(t, "scan", "--help") // help is output: stdout
	if code != 0 || !strings.Contains(help, "usage: usbaudio scan [FLAGS]") || !strings.Contains(help, "-d, --device VID:PID") {
		t.Errorf("--help exit %d:\n%s", code, help)
	}
}

// The hand-made headset tree: audio and HID on one device (1209:0001),
// card1 "Headset", hidraw5 with a consumer-control report descriptor.
func TestScanHeadsetTree(t *testing.T) {
	need(t, headsetRoot)
	out := mustRun(t, 0, "scan", "--sysfs-root", headsetRoot)
	for _, s := range []string{
		"Test Headset (1209:0001)",
		"Buttons: volume-up, volume-down, mute",
		`ALSA card 1 "Headset"`,
		"interface 3: driver usbhid",
		"interface 3: /dev/hidraw5",
		`mixer "Headset Playback Volume" (unit 10): -45.00 to 6.00 dB (kernel)`,
		"stream0 capture: interface 2 alt 1, S16_LE, 1 channel, 16 bits, 8000-48000 Hz (Stop)",
		"(1 other USB device not shown",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("headset scan lacks %q:\n%s", s, out)
		}
	}
}

// faultFS fails opens by path suffix and can remove a directory when a
// file is first opened, as an unplug does (tests run as root, where chmod
// cannot deny a read).
type faultFS struct {
	source.OSFS
	mu       sync.Mutex
	errs     map[string]error
	vanishOn string
	vanish   string
}

func (f *faultFS) Open(name string) (io.ReadCloser, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for suffix, err := range f.errs {
		if strings.HasSuffix(name, suffix) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
	if f.vanishOn != "" && strings.HasSuffix(name, f.vanishOn) {
		os.RemoveAll(f.vanish)
		f.vanishOn = ""
	}
	return f.OSFS.Open(name)
}

func withFS(t *testing.T, f source.FS) {
	old := liveFS
	liveFS = f
	t.Cleanup(func() { liveFS = old })
}

func TestScanBrokenTrees(t *testing.T) {
	need(t, headsetRoot, demoRoot)
	hidDir := filepath.Join("sys", "devices", "pci0000:00", "0000:00:14.0", "usb3", "3-2", "3-2:1.3", "0003:1209:0001.0004")
	t.Run("descriptors cut short", func(t *testing.T) {
		root := testtree.Copy(t, demoRoot)
		p := filepath.Join(root, "sys", "devices", "pci0000:00", "0000:00:01.0", "usb1", "1-1", "descriptors")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b[:60], 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runLive(t, "scan", "--sysfs-root", root)
		if code != 0 || !strings.Contains(errOut, "1-1 46f4:0002") || !strings.Contains(errOut, "descriptors") {
			t.Fatalf("exit %d stderr %q", code, errOut)
		}
		if !strings.Contains(out, "QEMU USB Audio (46f4:0002)") || !strings.Contains(out, "parsing stopped") {
			t.Errorf("cut-short device not shown with the stop:\n%s", out)
		}
	})
	t.Run("report descriptor missing", func(t *testing.T) {
		root := testtree.Copy(t, headsetRoot)
		if err := os.Remove(filepath.Join(root, hidDir, "report_descriptor")); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runLive(t, "scan", "--sysfs-root", root)
		if code != 0 || !strings.Contains(errOut, "report_descriptor") {
			t.Errorf("exit %d stderr %q", code, errOut)
		}
		if !strings.Contains(out, "report descriptor not read") || !strings.Contains(out, `ALSA card 1 "Headset"`) {
			t.Errorf("rest of the device lost:\n%s", out)
		}
	})
	t.Run("report descriptor permission denied", func(t *testing.T) {
		withFS(t, &faultFS{errs: map[string]error{"0003:1209:0001.0004/report_descriptor": syscall.EACCES}})
		out, errOut, code := runLive(t, "scan", "--sysfs-root", headsetRoot)
		if code != 0 {
			t.Fatalf("exit %d: one unreadable file must not fail the scan", code)
		}
		if !strings.Contains(errOut, "usbaudio: warning: 3-2 1209:0001: permission denied opening /sys/devices/pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.3/0003:1209:0001.0004/report_descriptor") {
			t.Errorf("stderr does not name the node: %q", errOut)
		}
		if !strings.Contains(out, "permission denied reading /sys/devices/") || !strings.Contains(out, "Test Headset") {
			t.Errorf("report lacks the warning:\n%s", out)
		}
	})
	t.Run("every descriptors file denied", func(t *testing.T) {
		withFS(t, &faultFS{errs: map[string]error{"/descriptors": syscall.EACCES}})
		out, errOut, code := runLive(t, "scan", "--sysfs-root", demoRoot)
		if code != exitDenied {
			t.Fatalf("exit %d, want 4; stderr %q", code, errOut)
		}
		if !strings.Contains(errOut, "permission denied") || !strings.Contains(out, "QEMU USB Audio (46f4:0002)") ||
			!strings.Contains(out, "descriptors not read") {
			t.Errorf("stdout %q stderr %q", out, errOut)
		}
	})
	t.Run("device gone mid-read", func(t *testing.T) {
		root := testtree.Copy(t, headsetRoot)
		dev := filepath.Join(root, "sys", "devices", "pci0000:00", "0000:00:14.0", "usb3", "3-2")
		withFS(t, &faultFS{vanishOn: "3-2/descriptors", vanish: dev})
		_, errOut, code := runLive(t, "scan", "--sysfs-root", root, "--all", "--json")
		if code != 0 || !strings.Contains(errOut, "3-2 1209:0001: device gone while it was read") {
			t.Errorf("exit %d stderr %q", code, errOut)
		}
	})
}

// A kernel that disagrees with the descriptors: usbmixer without the
// volume control, stream0 with one channel where the descriptors say two.
func TestScanKernelMismatch(t *testing.T) {
	need(t, demoRoot)
	root := testtree.Copy(t, demoRoot)
	card := filepath.Join(root, "proc", "asound", "card0")
	mixer := "USB Mixer: usb_id=0x46f40002, ctrlif=0, ctlerr=0\n" +
		"Card: QEMU QEMU USB Audio at usb-0000:00:01.0-1, full speed\n" +
		"  Unit: 2\n" +
		"    Control: name=\"Audio Output Volume Control Playback Switch\", index=0\n" +
		"    Info: id=2, control=1, cmask=0x0, channels=1, type=\"INV_BOOLEAN\"\n" +
		"    Volume: min=0, max=1, dBmin=0, dBmax=0\n"
	if err := os.WriteFile(filepath.Join(card, "usbmixer"), []byte(mixer), 0o644); err != nil {
		t.Fatal(err)
	}
	stream, err := os.ReadFile(filepath.Join(card, "stream0"))
	if err != nil {
		t.Fatal(err)
	}
	stream = bytes.Replace(stream, []byte("Channels: 2"), []byte("Channels: 1"), 1)
	if err := os.WriteFile(filepath.Join(card, "stream0"), stream, 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, 0, "scan", "--sysfs-root", root)
	for _, s := range []string{
		"kernel mismatch: the descriptors give unit 2 a volume control, but ALSA card 0 has none for it (usbmixer)",
		"kernel mismatch: interface 1 alt 1 has 2 channels in the descriptors, 1 in ALSA card 0 (stream0 playback)",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
}

// --procfs-root reads /proc from elsewhere: without asound there is no card.
func TestScanProcfsRoot(t *testing.T) {
	need(t, demoRoot)
	s := decodeScan(t, mustRun(t, 0, "scan", "--sysfs-root", demoRoot, "--procfs-root", filepath.Join(demoRoot, "proc"), "--json"))
	if a := s.Devices[0].Live.ALSA; a == nil || a.ID != "Audio" {
		t.Errorf("--procfs-root demo/proc: alsa %+v", a)
	}
	_, errOut, code := runLive(t, "scan", "--sysfs-root", demoRoot, "--procfs-root", t.TempDir())
	if code != 0 || !strings.Contains(errOut, "asound/card0") {
		t.Errorf("empty procfs root: exit %d, stderr %q", code, errOut)
	}
}

func TestScanVerboseDump(t *testing.T) {
	need(t, multiRoot)
	out := mustRun(t, 0, "scan", "--sysfs-root", multiRoot, "-v")
	if !strings.Contains(out, "Descriptors:") || !strings.Contains(out, "stream0 playback: interface 1 alt 3, S16_LE, 8 channels") {
		t.Errorf("-v scan of qemu-audio-multi:\n%s", out)
	}
}

func TestParseDeviceFilter(t *testing.T) {
	f, err := parseDeviceFilter("046D:0a38", "3:")
	if err != nil || !f.haveVID || f.vid != 0x046d || f.pid != 0x0a38 || f.bus != 3 || f.dev != 0 {
		t.Errorf("got %+v %v", f, err)
	}
	id := source.DeviceID{Bus: 3, Dev: 9, VendorID: 0x046d, ProductID: 0x0a38, HaveVIDPID: true}
	if !f.match(id) {
		t.Error("no match")
	}
	id.Bus = 1
	if f.match(id) {
		t.Error("bus ignored")
	}
	f, _ = parseDeviceFilter("", "12")
	if f.bus != 0 || f.dev != 12 || !f.match(source.DeviceID{Bus: 5, Dev: 12}) || f.match(source.DeviceID{Bus: 5, Dev: 1}) {
		t.Errorf("-s 12: %+v", f)
	}
}
