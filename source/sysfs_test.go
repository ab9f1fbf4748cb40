package source

import (
	"bytes"
	"errors"
	"github.com/usbaudio/usbaudio/internal/testtree"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

const (
	demoRoot  = "../fixtures/sysfs/demo"
	multiRoot = "../fixtures/sysfs/qemu-audio-multi"
	handRoot  = "testdata/headset"
)

func needTree(t *testing.T, root string) {
	t.Helper()
	if _, err := os.Stat(root); err != nil {
		t.Skipf("%s not present: %v", root, err)
	}
}

func scanOK(t *testing.T, opts Options) []RawDevice {
	t.Helper()
	devs, err := Scan(opts)
	if err != nil {
		t.Fatalf("Scan(%+v): %v", opts, err)
	}
	return devs
}

func byPort(t *testing.T, devs []RawDevice, port string) *RawDevice {
	t.Helper()
	for i := range devs {
		if devs[i].PortPath == port {
			return &devs[i]
		}
	}
	t.Fatalf("no device %s among %d", port, len(devs))
	return nil
}

// TestScanDemoTree reads the QEMU capture and checks every value against
// what QEMU's usb-audio, usb-kbd, usb-mouse and usb-tablet present.
func TestScanDemoTree(t *testing.T) {
	needTree(t, demoRoot)
	devs := scanOK(t, Options{Root: demoRoot, Backend: BackendSysfs})
	var ports []string
	for _, d := range devs {
		ports = append(ports, d.PortPath)
		if len(d.Problems) != 0 {
			t.Errorf("%s: unexpected problems %v", d.PortPath, d.Problems)
		}
	}
	if got := strings.Join(ports, " "); got != "1-1 1-2 1-3 1-4 3-1" {
		t.Fatalf("ports = %q, want 1-1 1-2 1-3 1-4 3-1 (root hubs and interfaces skipped)", got)
	}

	audio := byPort(t, devs, "1-1")
	if audio.ID() != "46f4:0002" || audio.Bus != 1 || audio.Dev != 2 || audio.Speed != "12" {
		t.Errorf("audio identity = %s bus %d dev %d speed %s", audio.ID(), audio.Bus, audio.Dev, audio.Speed)
	}
	if audio.Product != "QEMU USB Audio" || audio.Manufacturer != "QEMU" || audio.Serial != "1-0000:00:01.0-1" {
		t.Errorf("audio strings = %q %q %q", audio.Manufacturer, audio.Product, audio.Serial)
	}
	if audio.SysPath != "/sys/devices/pci0000:00/0000:00:01.0/usb1/1-1" {
		t.Errorf("SysPath = %q", audio.SysPath)
	}
	if err := checkDescriptors(audio.Descriptors); err != nil || audio.Descriptors[0] != 18 || audio.Descriptors[1] != 1 {
		t.Errorf("descriptors (%d bytes) not a whole device+config blob: %v", len(audio.Descriptors), err)
	}
	if len(audio.Interfaces) != 2 {
		t.Fatalf("audio interfaces = %d, want 2", len(audio.Interfaces))
	}
	ac, as := audio.Interfaces[0], audio.Interfaces[1]
	if ac.Number != 0 || ac.Class != 1 || ac.SubClass != 1 || ac.Driver != "snd-usb-audio" {
		t.Errorf("AC interface = %+v", ac)
	}
	if as.Number != 1 || as.Class != 1 || as.SubClass != 2 || as.Driver != "snd-usb-audio" {
		t.Errorf("AS interface = %+v", as)
	}
	snd := audio.Sound
	if snd == nil {
		t.Fatal("no ALSA card")
	}
	if snd.Index != 0 || snd.ID != "Audio" || snd.Interface != 0 {
		t.Errorf("card = %d %q intf %d", snd.Index, snd.ID, snd.Interface)
	}
	if len(snd.Mixer) != 2 {
		t.Fatalf("mixer controls = %d, want 2", len(snd.Mixer))
	}
	vol := snd.Mixer[0]
	if vol.Name != "Audio Output Volume Control Playback Volume" || vol.USBID != 0x46f40002 || vol.Unit != 2 ||
		vol.Control != 2 || vol.CMask != 0x3 || vol.Channels != 2 || vol.Type != "S16" ||
		vol.Min != -32767 || vol.Max != 2048 || vol.DBMin != -127.99 || vol.DBMax != 8 {
		t.Errorf("volume control = %+v", vol)
	}
	if sw := snd.Mixer[1]; sw.Control != 1 || sw.Type != "INV_BOOLEAN" || sw.Max != 1 {
		t.Errorf("switch control = %+v", sw)
	}
	if len(snd.Streams) != 1 {
		t.Fatalf("streams = %+v", snd.Streams)
	}
	st := snd.Streams[0]
	if st.Direction != "playback" || st.Status != "Stop" || st.Interface != 1 || st.Altset != 1 ||
		st.Format != "S16_LE" || st.Channels != 2 || st.Endpoint != 0x01 || st.SyncType != "SYNC" ||
		len(st.Rates) != 1 || st.Rates[0] != 48000 || st.Bits != 16 || strings.Join(st.ChannelMap, " ") != "FL FR" {
		t.Errorf("stream = %+v", st)
	}
	if !strings.HasPrefix(snd.Stream0, "QEMU QEMU USB Audio at usb-0000:00:01.0-1, full speed : USB Audio") {
		t.Errorf("Stream0 raw text = %q", snd.Stream0)
	}

	for i, port := range []string{"1-2", "1-3", "1-4"} {
		d := byPort(t, devs, port)
		if d.ID() != "0627:0001" || d.Speed != "480" {
			t.Errorf("%s: %s speed %s", port, d.ID(), d.Speed)
		}
		if len(d.Interfaces) != 1 || d.Interfaces[0].Class != 3 || d.Interfaces[0].Driver != "usbhid" {
			t.Fatalf("%s interfaces = %+v", port, d.Interfaces)
		}
		hid := d.Interfaces[0].HIDRaw
		wantNode := "/dev/hidraw" + string(rune('0'+i))
		if len(hid) != 1 || hid[0].Node != wantNode || hid[0].Driver != "hid-generic" ||
			!strings.HasPrefix(hid[0].HIDID, "0003:0627:0001.000") || len(hid[0].ReportDescriptor) < 20 {
			t.Errorf("%s hid = %+v", port, hid)
		}
	}
	kbd := byPort(t, devs, "1-2")
	if kbd.Product != "QEMU USB Keyboard" || kbd.Interfaces[0].Protocol != 1 {
		t.Errorf("keyboard = %q protocol %d", kbd.Product, kbd.Interfaces[0].Protocol)
	}
	// Generic Desktop / Keyboard: 05 01 09 06 (HID 1.11 §6.2.2.7, HUT §4)
	if rd := kbd.Interfaces[0].HIDRaw[0].ReportDescriptor; !bytes.HasPrefix(rd, []byte{0x05, 0x01, 0x09, 0x06}) {
		t.Errorf("keyboard report descriptor starts % x", rd[:4])
	}
	if mouse := byPort(t, devs, "1-3"); mouse.Interfaces[0].Protocol != 2 {
		t.Errorf("mouse protocol = %d", mouse.Interfaces[0].Protocol)
	}
}

// TestScanMultiTree: QEMU's usb-audio with multi=on offers 2, 6 and 8
// channel alternate settings.
func TestScanMultiTree(t *testing.T) {
	needTree(t, multiRoot)
	devs := scanOK(t, Options{Root: multiRoot})
	if len(devs) != 1 {
		t.Fatalf("devices = %d, want 1", len(devs))
	}
	snd := devs[0].Sound
	if snd == nil || len(snd.Streams) != 3 {
		t.Fatalf("sound = %+v", snd)
	}
	for i, want := range []struct {
		alt, ch int
		chmap   string
	}{{1, 2, "FL FR"}, {2, 6, "FL FR FC LFE RL RR"}, {3, 8, "FL FR FC LFE RL RR SL SR"}} {
		s := snd.Streams[i]
		if s.Altset != want.alt || s.Channels != want.ch || strings.Join(s.ChannelMap, " ") != want.chmap {
			t.Errorf("stream %d = alt %d ch %d map %v", i, s.Altset, s.Channels, s.ChannelMap)
		}
	}
	if v := snd.Mixer[0]; v.Channels != 8 || v.CMask != 0xff {
		t.Errorf("multi volume = %+v", v)
	}
}

// TestScanHandTree covers what the QEMU captures lack.
func TestScanHandTree(t *testing.T) {
	devs := scanOK(t, Options{Root: handRoot})
	if len(devs) != 2 || devs[0].PortPath != "3-2" || devs[1].PortPath != "3-10" {
		t.Fatalf("devices = %v, want 3-2 then 3-10", portsOf(devs))
	}
	h := devs[0]
	if len(h.Problems) != 0 {
		t.Errorf("problems: %v", h.Problems)
	}
	// the absolute link /sys/devices/... was re-rooted under the tree
	if h.SysPath != "/sys/devices/pci0000:00/0000:00:14.0/usb3/3-2" || h.ID() != "1209:0001" || h.Dev != 7 {
		t.Errorf("headset = %s %s dev %d", h.SysPath, h.ID(), h.Dev)
	}
	if h.Manufacturer != "Acme\xff" || h.Product != "Test Headset" || h.Serial != "" {
		t.Errorf("strings = %q %q %q", h.Manufacturer, h.Product, h.Serial)
	}
	if len(h.Descriptors) != 18+45 {
		t.Errorf("descriptors = %d bytes, want 63", len(h.Descriptors))
	}
	if len(h.Interfaces) != 4 || h.Interfaces[3].Driver != "usbhid" || h.Interfaces[3].HIDRaw[0].Node != "/dev/hidraw5" {
		t.Fatalf("interfaces = %+v", h.Interfaces)
	}
	if h.Sound == nil || h.Sound.Index != 1 || h.Sound.ID != "Headset" {
		t.Fatalf("sound = %+v", h.Sound)
	}
	mic := h.Sound.Mixer[1]
	if mic.Name != "Mic Capture Volume" || mic.Min != -4096 || mic.Max != 0 || mic.DBMin != -16 || mic.DBMax != 0 {
		t.Errorf("mic volume = %+v", mic)
	}
	play, capt := h.Sound.Streams[0], h.Sound.Streams[1]
	if !play.Active || play.Status != "Running" || play.MomentaryHz != 48000 || len(play.Rates) != 2 || play.Rates[0] != 44100 {
		t.Errorf("playback = %+v", play)
	}
	if capt.Active || capt.Direction != "capture" || capt.Endpoint != 0x82 || capt.SyncType != "ASYNC" ||
		!capt.Continuous || capt.RateMin != 8000 || capt.RateMax != 48000 || len(capt.Formats) != 2 || capt.Formats[1] != "S24_3LE" {
		t.Errorf("capture = %+v", capt)
	}
	k := devs[1]
	if k.Speed != "1.5" || k.Interfaces[0].Driver != "" || k.Sound != nil || len(k.Problems) != 0 {
		t.Errorf("keys = %+v", k)
	}

	withHubs := scanOK(t, Options{Root: handRoot, IncludeRootHubs: true})
	if got := portsOf(withHubs); got != "usb3 3-2 3-10" {
		t.Errorf("with root hubs = %q", got)
	}
}

func portsOf(devs []RawDevice) string {
	var p []string
	for _, d := range devs {
		p = append(p, d.PortPath)
	}
	return strings.Join(p, " ")
}

func TestScanSelect(t *testing.T) {
	var asked []string
	devs := scanOK(t, Options{Root: handRoot, Select: func(id DeviceID) bool {
		asked = append(asked, id.PortPath)
		return id.VendorID == 0x1234 && id.ProductID == 0x5678 && id.Bus == 3 && id.Dev == 9
	}})
	if portsOf(devs) != "3-10" || strings.Join(asked, " ") != "3-2 3-10" {
		t.Errorf("selected %q after asking about %v", portsOf(devs), asked)
	}
	// a rejected device is not read beyond its identity
	if len(devs[0].Files) == 0 {
		t.Error("selected device lists no files")
	}
}

func TestScanProcRoot(t *testing.T) {
	root := testtree.Copy(t, handRoot)
	proc := filepath.Join(t.TempDir(), "proc")
	if err := os.Rename(filepath.Join(root, "proc"), proc); err != nil {
		t.Fatal(err)
	}
	devs := scanOK(t, Options{Root: root, ProcRoot: proc})
	h := devs[0]
	if h.Sound == nil || h.Sound.ID != "Headset" || len(h.Sound.Mixer) != 3 || len(h.Problems) != 0 {
		t.Fatalf("sound via ProcRoot = %+v, problems %v", h.Sound, h.Problems)
	}
	found := false
	for _, f := range h.Files {
		found = found || f == "/proc/asound/card1/usbmixer"
	}
	if !found {
		t.Errorf("files do not name /proc/asound/card1/usbmixer: %v", h.Files)
	}
	// without ProcRoot the card's proc files are missing: a problem, not a failure
	devs = scanOK(t, Options{Root: root})
	if devs[0].Sound == nil || !hasProblem(devs[0], "/proc/asound/card1/id", fs.ErrNotExist) {
		t.Errorf("missing proc: sound %+v problems %v", devs[0].Sound, devs[0].Problems)
	}
}

func hasProblem(d RawDevice, path string, target error) bool {
	for _, p := range d.Problems {
		if p.Path == path && errors.Is(p.Err, target) {
			return true
		}
	}
	return false
}

const handDev = "sys/devices/pci0000:00/0000:00:14.0/usb3/3-2"

func TestScanBrokenTrees(t *testing.T) {
	t.Run("missing report descriptor", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		rd := filepath.Join(root, handDev, "3-2:1.3/0003:1209:0001.0004/report_descriptor")
		os.Remove(rd)
		devs := scanOK(t, Options{Root: root})
		h := devs[0]
		want := "/" + handDev + "/3-2:1.3/0003:1209:0001.0004/report_descriptor"
		if !hasProblem(h, want, fs.ErrNotExist) || h.Gone {
			t.Errorf("problems = %v gone=%v", h.Problems, h.Gone)
		}
		// the rest of the device and the other device are still read
		if h.Sound == nil || h.Interfaces[3].HIDRaw[0].Node != "/dev/hidraw5" || len(devs) != 2 || len(devs[1].Problems) != 0 {
			t.Errorf("scan stopped early: %+v", devs)
		}
	})
	t.Run("dangling report descriptor link", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		rd := filepath.Join(root, handDev, "3-2:1.3/0003:1209:0001.0004/report_descriptor")
		os.Remove(rd)
		os.Symlink("/nonexistent/report_descriptor", rd)
		h := scanOK(t, Options{Root: root})[0]
		if len(h.Problems) != 1 || !errors.Is(h.Problems[0].Err, fs.ErrNotExist) {
			t.Errorf("problems = %v", h.Problems)
		}
	})
	t.Run("descriptors cut short", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		p := filepath.Join(root, handDev, "descriptors")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, b[:40], 0o644)
		h := scanOK(t, Options{Root: root})[0]
		var te *TruncatedError
		if len(h.Problems) != 1 || !errors.As(h.Problems[0].Err, &te) || te.Offset != 18 || te.Want != 45 || te.Have != 22 {
			t.Fatalf("problems = %v", h.Problems)
		}
		if len(h.Descriptors) != 40 || h.ID() != "1209:0001" {
			t.Errorf("kept %d bytes, id %s", len(h.Descriptors), h.ID())
		}
	})
	t.Run("missing required attributes", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		os.Remove(filepath.Join(root, handDev, "busnum"))
		os.Remove(filepath.Join(root, handDev, "descriptors"))
		h := scanOK(t, Options{Root: root})[0]
		if !hasProblem(h, "/"+handDev+"/busnum", fs.ErrNotExist) || !hasProblem(h, "/"+handDev+"/descriptors", fs.ErrNotExist) || h.Gone {
			t.Errorf("problems = %v", h.Problems)
		}
	})
	t.Run("bad number", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		os.WriteFile(filepath.Join(root, handDev, "devnum"), []byte("seven\n"), 0o644)
		h := scanOK(t, Options{Root: root})[0]
		if len(h.Problems) != 1 || h.Problems[0].Path != "/"+handDev+"/devnum" {
			t.Errorf("problems = %v", h.Problems)
		}
	})
	t.Run("oversized file", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		os.WriteFile(filepath.Join(root, handDev, "product"), bytes.Repeat([]byte("x"), attrCap+10), 0o644)
		h := scanOK(t, Options{Root: root})[0]
		if len(h.Product) != attrCap || len(h.Problems) != 1 || !errors.Is(h.Problems[0].Err, ErrTooLarge) {
			t.Errorf("product %d bytes, problems %v", len(h.Product), h.Problems)
		}
	})
	t.Run("no sysfs", func(t *testing.T) {
		if _, err := Scan(Options{Root: t.TempDir()}); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("err = %v", err)
		}
	})
}

// faultFS injects errors by host path suffix and can remove a directory
// when a file is first opened, as an unplug does.
type faultFS struct {
	OSFS
	mu       sync.Mutex
	errs     map[string]error // path suffix -> error from Open
	vanishOn string           // path suffix whose Open removes vanishDir
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

func TestScanPermissionDenied(t *testing.T) {
	ffs := &faultFS{errs: map[string]error{"0003:1209:0001.0004/report_descriptor": syscall.EACCES}}
	devs := scanOK(t, Options{Root: handRoot, FS: ffs})
	pe := devs[0].PermissionErr()
	if pe == nil {
		t.Fatalf("no permission error in %v", devs[0].Problems)
	}
	if !strings.HasSuffix(pe.Node, "0003:1209:0001.0004/report_descriptor") || !errors.Is(pe, syscall.EACCES) {
		t.Errorf("permission error = %+v", pe)
	}
	if devs[0].Sound == nil || devs[1].PermissionErr() != nil {
		t.Error("permission error stopped the scan")
	}
}

func TestScanDeviceVanishes(t *testing.T) {
	t.Run("mid-read", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		// unplug: the kernel removes the device directory and its link
		ffs := &faultFS{vanishOn: "3-2/descriptors", vanish: filepath.Join(root, handDev)}
		devs := scanOK(t, Options{Root: root, FS: ffs})
		h := devs[0]
		if !h.Gone || len(h.Problems) != 1 || !errors.Is(h.Problems[0].Err, ErrGone) || h.Problems[0].Path != "/sys/bus/usb/devices/3-2" {
			t.Fatalf("gone=%v problems=%v", h.Gone, h.Problems)
		}
		if h.Bus != 3 || h.Dev != 7 || h.ID() != "1209:0001" {
			t.Errorf("identity read before the unplug lost: %+v", h)
		}
		if len(devs) != 2 || devs[1].PortPath != "3-10" || devs[1].Gone || len(devs[1].Problems) != 0 {
			t.Errorf("other device not read: %+v", devs[1:])
		}
	})
	t.Run("between listing and reading", func(t *testing.T) {
		root := testtree.Copy(t, handRoot)
		os.RemoveAll(filepath.Join(root, handDev)) // link still listed, target gone
		devs := scanOK(t, Options{Root: root})
		if !devs[0].Gone || devs[1].Gone {
			t.Errorf("gone = %v %v", devs[0].Gone, devs[1].Gone)
		}
		if _, err := ScanDevice(Options{Root: root}, "3-2"); !errors.Is(err, ErrGone) {
			t.Errorf("ScanDevice err = %v", err)
		}
	})
}

func TestScanUnknownBackend(t *testing.T) {
	if _, err := Scan(Options{Backend: "usbmon"}); err == nil {
		t.Error("no error for an unknown backend")
	}
}

func TestScanDeviceByName(t *testing.T) {
	d, err := ScanDevice(Options{Root: handRoot}, "3-10")
	if err != nil || d.Product != "Keys" || d.Dev != 9 {
		t.Errorf("ScanDevice = %+v, %v", d, err)
	}
	if _, err := ScanDevice(Options{Root: handRoot}, "3-99"); !errors.Is(err, ErrGone) {
		t.Errorf("missing device: %v", err)
	}
	if _, err := ScanDevice(Options{Backend: BackendLibusb}, "1-1"); err == nil {
		t.Error("ScanDevice accepted the libusb backend")
	}
}
