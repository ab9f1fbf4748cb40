package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/source"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// Commands that read live devices (scan, watch, capture, udev, profile,
// check) share this: where to read from (--sysfs-root, --procfs-root,
// --backend), which devices (-d, -s, --all), and the join of a backend's
// raw bytes with the model, live facts included.
//
//	var df deviceFlags
//	df.register(fs)
//	... parseFlags ...
//	devices, err := df.load(stderr) // exit 3 / 4 errors already mapped

// deviceFlags are the device-selection flags.
type deviceFlags struct {
	sysfsRoot  string
	procfsRoot string
	backend    string
	vidpid     string // -d VID:PID, either part may be empty
	busdev     string // -s [[BUS]:][DEV]
	all        bool   // list non-audio devices too (registered by commands that offer it)
	reveal     bool   // unmasked serial numbers

	// hidden counts the devices load left out as not audio (set by load).
	hidden int
}

const (
	sysfsRootHelp = "read sysfs (and /proc, unless --procfs-root) from a captured tree instead of the live system"
	noDeviceText  = "no USB audio devices found (use --all to list every USB device)"
)

// register adds the shared flags to fs.
func (f *deviceFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.sysfsRoot, "sysfs-root", "", sysfsRootHelp)
	fs.StringVar(&f.procfsRoot, "procfs-root", "", "read /proc/asound from this directory (stands for /proc)")
	fs.StringVar(&f.backend, "backend", source.DefaultBackend(), "where descriptors come from: sysfs (Linux, no root) or libusb")
	fs.StringVarP(&f.vidpid, "device", "d", "", "only devices with this `VID:PID` (hex, as lsusb; either part may be empty: 046d:)")
	fs.StringVarP(&f.busdev, "select", "s", "", "only the device at `[[BUS]:][DEV]` (decimal, as lsusb)")
	fs.BoolVar(&f.reveal, "reveal-serial", false, "print serial numbers unmasked")
}

// registerAll adds --all, for commands that can list every USB device.
func (f *deviceFlags) registerAll(fs *pflag.FlagSet) {
	fs.BoolVar(&f.all, "all", false, "include devices that are not audio devices (keyboards, mice, hubs...)")
}

// deviceFilter is -d and -s parsed; zero fields match anything.
type deviceFilter struct {
	vid, pid       uint16
	haveVID, hvPID bool
	bus, dev       int // 0: any
}

// parseDeviceFilter reads lsusb's -d [VID]:[PID] and -s [[BUS]:][DEV].
func parseDeviceFilter(vidpid, busdev string) (deviceFilter, error) {
	var f deviceFilter
	if vidpid != "" {
		v, p, ok := strings.Cut(vidpid, ":")
		if !ok {
			return f, fmt.Errorf("-d %q: want VID:PID in hex (either part may be empty, as in 046d:)", vidpid)
		}
		var err error
		if f.vid, f.haveVID, err = parseHex16(v); err != nil {
			return f, fmt.Errorf("-d %q: vendor: %v", vidpid, err)
		}
		if f.pid, f.hvPID, err = parseHex16(p); err != nil {
			return f, fmt.Errorf("-d %q: product: %v", vidpid, err)
		}
	}
	if busdev != "" {
		b, d, hasBus := strings.Cut(busdev, ":")
		if !hasBus {
			b, d = "", busdev
		}
		var err error
		if f.bus, err = parseDecimal(b); err != nil {
			return f, fmt.Errorf("-s %q: bus: %v", busdev, err)
		}
		if f.dev, err = parseDecimal(d); err != nil {
			return f, fmt.Errorf("-s %q: device: %v", busdev, err)
		}
	}
	return f, nil
}

func parseHex16(s string) (uint16, bool, error) {
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(s), "0x"), 16, 16)
	if err != nil {
		return 0, false, fmt.Errorf("%q is not a 16-bit hex number", s)
	}
	return uint16(n), true, nil
}

func parseDecimal(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%q is not a positive decimal number", s)
	}
	return int(n), nil
}

func (f deviceFilter) match(id source.DeviceID) bool {
	if (f.haveVID || f.hvPID) && !id.HaveVIDPID {
		return true // IDs unreadable: keep it, so its problem is reported
	}
	return (!f.haveVID || id.VendorID == f.vid) && (!f.hvPID || id.ProductID == f.pid) &&
		(f.bus == 0 || id.Bus == f.bus) && (f.dev == 0 || id.Dev == f.dev)
}

func (f deviceFilter) empty() bool { return f == deviceFilter{} }

// options turns the flags into source options; a bad flag is a usage error.
func (f *deviceFlags) options() (source.Options, error) {
	var o source.Options
	switch f.backend {
	case source.BackendSysfs, source.BackendLibusb:
		o.Backend = f.backend
	default:
		return o, exitf(exitUsage, "--backend %q: want sysfs or libusb", f.backend)
	}
	if (f.sysfsRoot != "" || f.procfsRoot != "") && o.Backend != source.BackendSysfs {
		return o, exitf(exitUsage, "--sysfs-root and --procfs-root need --backend sysfs")
	}
	o.Root, o.ProcRoot = f.sysfsRoot, f.procfsRoot
	filter, err := parseDeviceFilter(f.vidpid, f.busdev)
	if err != nil {
		return o, exitf(exitUsage, "%v", err)
	}
	if !filter.empty() {
		o.Select = filter.match
	}
	return o, nil
}

// liveFS replaces file access for tests (permission denied cannot be
// produced with chmod when tests run as root); nil is the real one.
var liveFS source.FS

// liveDevice is one device as a backend read it and as the model joins it.
type liveDevice struct {
	Raw   source.RawDevice
	Model *model.Device
}

// isAudio reports an audio function in any configuration, or an audio
// interface the kernel lists when the descriptors could not be read.
func (d *liveDevice) isAudio() bool {
	if d.Model != nil && len(d.Model.AudioFunctions) > 0 {
		return true
	}
	for _, in := range d.Raw.Interfaces {
		if in.Class == usbClassAudio {
			return true
		}
	}
	return false
}

// hidNodes lists the device's hidraw nodes ("/dev/hidraw0").
func (d *liveDevice) hidNodes() []source.HIDNode {
	var out []source.HIDNode
	for _, in := range d.Raw.Interfaces {
		for _, n := range in.HIDRaw {
			if n.Node != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

const (
	usbClassAudio = 0x01
	usbClassHID   = 0x03
)

func (d *liveDevice) hasHID() bool {
	if d.Model != nil && len(d.Model.HID) > 0 {
		return true
	}
	for _, in := range d.Raw.Interfaces {
		if in.Class == usbClassHID {
			return true
		}
	}
	return false
}

// scanLive reads every device the flags select (before the audio filter)
// and builds its model. Per-device problems stay on the devices.
func (f *deviceFlags) scanLive() ([]liveDevice, error) {
	opts, err := f.options()
	if err != nil {
		return nil, err
	}
	if f.sysfsRoot != "" {
		if _, err := os.Stat(f.sysfsRoot); err != nil {
			return nil, exitf(exitUsage, "--sysfs-root: %v", err)
		}
	}
	opts.FS = liveFS
	raws, err := source.Scan(opts)
	if err != nil {
		var pe *source.PermissionError
		if errors.As(err, &pe) {
			return nil, exitf(exitDenied, "%v", err)
		}
		return nil, exitf(exitNoDevice, "no USB devices found: cannot list them (%v)", err)
	}
	out := make([]liveDevice, 0, len(raws))
	for _, r := range raws {
		out = append(out, liveDevice{Raw: r, Model: buildLiveModel(&r, f.reveal)})
	}
	return out, nil
}

// load returns what `usbaudio scan` lists: audio devices and the HID
// devices that belong with them (all devices with --all), each with live
// facts and kernel-mismatch warnings, its problems printed on stderr.
// No device gives an exit-3 error. When permission errors kept every
// device's descriptors from being read the error has exit code 4, and the
// devices (identity and live facts only) are returned with it.
func (f *deviceFlags) load(stderr io.Writer) ([]*model.Device, error) {
	devs, err := f.loadLive(stderr)
	models := make([]*model.Device, len(devs))
	for i := range devs {
		models[i] = devs[i].Model
	}
	return models, err
}

// loadLive is load keeping the raw devices (watch and capture need them).
func (f *deviceFlags) loadLive(stderr io.Writer) ([]liveDevice, error) {
	all, err := f.scanLive()
	if err != nil {
		return nil, err
	}
	picked := all
	if !f.all {
		picked = audioAndCompanions(all)
	}
	f.hidden = len(all) - len(picked)
	for i := range picked {
		reportProblems(stderr, &picked[i].Raw)
	}
	if len(picked) == 0 {
		// Only permission errors stood in the way: say so with exit 4.
		for i := range all {
			if pe := all[i].Raw.PermissionErr(); pe != nil && len(all[i].Raw.Descriptors) == 0 {
				reportProblems(stderr, &all[i].Raw)
				return nil, exitf(exitDenied, "no device could be read: permission denied")
			}
		}
		return nil, exitf(exitNoDevice, "%s", f.noDeviceMessage())
	}
	for i := range picked {
		if picked[i].Raw.PermissionErr() == nil || len(picked[i].Raw.Descriptors) > 0 {
			return picked, nil
		}
	}
	// Every device listed is only a name: permission denied is what
	// stopped us, so the devices are returned with the exit-4 error.
	return picked, exitf(exitDenied, "no device's descriptors could be read: permission denied (fix above)")
}

// noDeviceMessage says what was looked for and not found.
func (f *deviceFlags) noDeviceMessage() string {
	var filters []string
	if f.vidpid != "" {
		filters = append(filters, "-d "+f.vidpid)
	}
	if f.busdev != "" {
		filters = append(filters, "-s "+f.busdev)
	}
	switch {
	case f.all && len(filters) > 0:
		return "no USB devices found matching " + strings.Join(filters, " ")
	case f.all:
		return "no USB devices found"
	case len(filters) > 0:
		return "no USB audio devices found matching " + strings.Join(filters, " ") + " (use --all to include every USB device)"
	}
	return noDeviceText
}

// audioAndCompanions keeps audio devices and the HID devices that are part
// of the same physical device: some headsets carry an internal hub with
// audio and HID as separate USB devices, told apart here by sitting behind
// the same (non-root) hub port with the same vendor ID.
func audioAndCompanions(all []liveDevice) []liveDevice {
	type hubVendor struct {
		hub string
		vid uint16
	}
	audio := map[hubVendor]bool{}
	for i := range all {
		if all[i].isAudio() {
			if hub := parentHub(all[i].Raw.PortPath); hub != "" {
				audio[hubVendor{hub, all[i].Raw.VendorID}] = true
			}
		}
	}
	var out []liveDevice
	for i := range all {
		d := &all[i]
		if d.isAudio() || d.hasHID() && audio[hubVendor{parentHub(d.Raw.PortPath), d.Raw.VendorID}] && parentHub(d.Raw.PortPath) != "" {
			out = append(out, *d)
		}
	}
	return out
}

// parentHub is the port path of the hub a device sits behind ("1-1" for
// "1-1.4"), or "" for a device on a root port.
func parentHub(port string) string {
	if i := strings.LastIndexByte(port, '.'); i >= 0 {
		return port[:i]
	}
	return ""
}

// buildLiveModel joins a raw device into the model with its live facts.
// A device whose descriptors could not be read at all still gets a
// Device, with its identity from the backend and the reason in Error.
func buildLiveModel(r *source.RawDevice, reveal bool) *model.Device {
	reports := map[uint8][]byte{}
	for _, in := range r.Interfaces {
		for _, n := range in.HIDRaw {
			if len(n.ReportDescriptor) > 0 && reports[in.Number] == nil {
				reports[in.Number] = n.ReportDescriptor
			}
		}
	}
	in := model.Input{Descriptors: r.Descriptors, HIDReports: reports, RevealSerial: reveal,
		Strings: model.Strings{Manufacturer: r.Manufacturer, Product: r.Product, Serial: r.Serial},
		IDName:  usbIDName(r.VendorID, r.ProductID)}
	if r.Serial == source.MaskedSerial {
		in.RevealSerial = true // a capture already masked it; "****ked)" would say less
	}
	d, err := model.Build(in)
	if d == nil {
		id := model.Identity{Manufacturer: r.Manufacturer, Product: r.Product, IDName: in.IDName}
		id.VendorID, id.ProductID = idFields(r.VendorID, r.ProductID)
		if in.RevealSerial {
			id.Serial = r.Serial
		} else {
			id.Serial = model.MaskSerial(r.Serial)
		}
		d = &model.Device{Schema: model.Schema, Identity: id, Verdict: model.Verdict{Function: -1},
			AudioFunctions: []model.AudioFunction{}, HID: []model.HIDInterface{}}
		if err != nil {
			d.Error = "descriptors not read: " + err.Error()
		}
	}
	d.AttachLive(liveFacts(r))
	d.Warnings = append(d.Warnings, d.KernelMismatches()...)
	for _, p := range r.Problems {
		d.Warnings = append(d.Warnings, problemSummary(p))
	}
	return d
}

// liveFacts is what only the running system knows about r.
func liveFacts(r *source.RawDevice) *model.Live {
	l := &model.Live{Source: r.Backend, PortPath: r.PortPath, Bus: r.Bus, Address: r.Dev, Speed: speedName(r.Speed)}
	for _, in := range r.Interfaces {
		if in.Driver != "" {
			l.Drivers = append(l.Drivers, model.InterfaceDriver{Interface: in.Number, Driver: in.Driver})
		}
		for _, n := range in.HIDRaw {
			if n.Node != "" {
				l.HIDRaw = append(l.HIDRaw, model.HIDRawNode{Interface: in.Number, Path: n.Node})
			}
		}
	}
	if c := r.Sound; c != nil {
		a := &model.ALSACard{Number: c.Index, ID: c.ID, Interface: c.Interface}
		for _, m := range c.Mixer {
			mc := model.MixerControl{Name: m.Name, Index: m.Index, Unit: uint8(m.ID), Control: m.Control,
				CMask: m.CMask, Channels: m.Channels, Type: m.Type}
			if !m.HasInfo {
				mc.Unit = uint8(m.Unit)
			}
			if m.HasInfo && m.Control == 2 { // volume: a range in dB
				mc.Range = &model.MixerRange{Min: m.Min, Max: m.Max, MinDB: m.DBMin, MaxDB: m.DBMax,
					Suspicious: m.Max <= m.Min || m.DBMax <= -96}
			}
			a.Mixer = append(a.Mixer, mc)
		}
		for _, s := range c.Streams {
			a.Streams = append(a.Streams, model.KernelStream{PCM: s.PCM, Direction: s.Direction, Status: s.Status,
				Active: s.Active, Interface: s.Interface, Altset: s.Altset, Format: s.Format, Channels: s.Channels,
				Rates: s.Rates, RateMin: s.RateMin, RateMax: s.RateMax, Bits: s.Bits})
		}
		l.ALSA = a
	}
	return l
}

// speedNames are sysfs's speed attribute (Mb/s) as USB calls the speeds.
var speedNames = map[string]string{
	"1.5": "low", "12": "full", "480": "high", "5000": "super", "10000": "super+", "20000": "super+ 2x2",
}

func speedName(mbps string) string {
	if mbps == "" {
		return ""
	}
	if n, ok := speedNames[mbps]; ok {
		return n
	}
	return mbps + " Mb/s"
}

// problemSummary is a problem as one report line; permission errors
// carry their fix on stderr (reportProblems), not in every report.
func problemSummary(p source.Problem) string {
	var pe *source.PermissionError
	if errors.As(p.Err, &pe) {
		s := "permission denied reading " + pe.Node
		if pe.Why != "" {
			s += " (" + pe.Why + ")"
		}
		return s + "; the fix is printed on standard error"
	}
	if errors.Is(p.Err, source.ErrGone) {
		return p.Path + ": device gone (unplugged while it was read); what was read before is shown"
	}
	return "could not read " + p.Error()
}

// reportProblems prints a device's problems on stderr, permission errors
// with the udev rule that fixes them.
func reportProblems(stderr io.Writer, r *source.RawDevice) {
	for _, p := range r.Problems {
		var pe *source.PermissionError
		switch {
		case errors.As(p.Err, &pe):
			fmt.Fprintf(stderr, "usbaudio: warning: %s %s: %v\n", r.PortPath, r.ID(), pe)
		case errors.Is(p.Err, source.ErrGone):
			fmt.Fprintf(stderr, "usbaudio: warning: %s %s: device gone while it was read (%s)\n", r.PortPath, r.ID(), p.Path)
		default:
			fmt.Fprintf(stderr, "usbaudio: warning: %s %s: %v\n", r.PortPath, r.ID(), p)
		}
	}
}

func idFields(vid, pid uint16) (usbdesc.ID16, usbdesc.ID16) {
	return usbdesc.ID16(vid), usbdesc.ID16(pid)
}
