package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// usbDevices is where the kernel lists every USB device and interface.
const usbDevices = "/sys/bus/usb/devices"

var (
	// rootHubName is a host controller's root hub, "usb1".
	rootHubName = regexp.MustCompile(`^usb[0-9]+$`)
	// hidDeviceName is the HID core's device directory below an interface,
	// "0003:046D:0A38.0001" (bus:vendor:product.instance, hex).
	hidDeviceName = regexp.MustCompile(`^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$`)
	cardName      = regexp.MustCompile(`^card([0-9]+)$`)
	streamName    = regexp.MustCompile(`^stream([0-9]+)$`)
)

type sysfsScan struct {
	sys, proc  tree
	procPrefix string // "/proc" in the sys tree, "" in a separate ProcRoot tree
	opts       Options
}

func scanSysfs(opts Options) ([]RawDevice, error) {
	s := sysfsScan{opts: opts, procPrefix: "/proc"}
	s.sys, s.proc = opts.trees()
	if opts.ProcRoot != "" {
		s.procPrefix = ""
	}
	entries, err := s.sys.readDir(usbDevices)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if strings.Contains(name, ":") {
			continue // an interface, read with its device
		}
		if rootHubName.MatchString(name) && !opts.IncludeRootHubs {
			continue
		}
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return portPathLess(names[i], names[j]) })
	var out []RawDevice
	for _, name := range names {
		if dev, ok := s.device(name); ok {
			out = append(out, dev)
		}
	}
	return out, nil
}

// ScanDevice reads one device by its sysfs name ("1-1.4"), for re-reads
// after a hotplug event; sysfs backend only. A device that is not there
// (or left while being read) returns ErrGone.
func ScanDevice(opts Options, portPath string) (RawDevice, error) {
	if opts.Backend != "" && opts.Backend != BackendSysfs {
		return RawDevice{}, fmt.Errorf("ScanDevice reads sysfs only, not %s", opts.Backend)
	}
	s := sysfsScan{opts: opts, procPrefix: "/proc"}
	s.sys, s.proc = opts.trees()
	if opts.ProcRoot != "" {
		s.procPrefix = ""
	}
	dev, _ := s.device(portPath)
	if dev.Gone {
		return dev, ErrGone
	}
	return dev, nil
}

// portPathLess orders "1-1.10" after "1-1.9" and root hubs ("usb2") by
// bus number, so listings match the physical layout.
func portPathLess(a, b string) bool {
	ka, kb := portPathKey(a), portPathKey(b)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	if len(ka) != len(kb) {
		return len(ka) < len(kb)
	}
	return a < b
}

func portPathKey(name string) []int {
	name = strings.TrimPrefix(name, "usb")
	var key []int
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '.' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			n = 1 << 30
		}
		key = append(key, n)
	}
	return key
}

// deviceReader reads the files of one device, turning every failure into
// a Problem and stopping for good once the device is gone.
type deviceReader struct {
	s    *sysfsScan
	dev  *RawDevice
	link string // "/sys/bus/usb/devices/1-1"
	seen map[string]bool
}

func (r *deviceReader) touch(paths ...string) {
	for _, p := range paths {
		if p != "" && !r.seen[p] {
			r.seen[p] = true
			r.dev.Files = append(r.dev.Files, p)
		}
	}
}

// touchDir records a directory whose presence (not content) the scan
// relies on, as the resolved tree path.
func (r *deviceReader) touchDir(p string) {
	if resolved, links, err := r.s.sys.resolve(p); err == nil {
		r.touch(links...)
		r.touch(resolved)
	}
}

// problem records err for path, and checks whether a missing file means
// the whole device went away.
func (r *deviceReader) problem(p string, err error) {
	if r.dev.Gone {
		return
	}
	if isGoneErr(err) {
		if _, _, lerr := r.s.sys.resolve(r.link); lerr != nil {
			r.dev.Gone = true
			r.dev.Problems = append(r.dev.Problems, Problem{Path: r.link, Err: ErrGone})
			return
		}
	}
	if isPermission(err) {
		err = &PermissionError{Node: p, Why: "sysfs/procfs file, normally world-readable", Err: err}
	}
	r.dev.Problems = append(r.dev.Problems, Problem{Path: p, Err: err})
}

// read returns a file's bytes. A missing optional file is silent: the
// kernel creates attributes such as "serial" only when they exist.
func (r *deviceReader) read(t tree, p string, limit int, optional bool) ([]byte, bool) {
	if r.dev.Gone {
		return nil, false
	}
	b, resolved, links, err := t.readFile(p, limit)
	for _, l := range links {
		r.touch(t.shown + l)
	}
	if err == nil || errors.Is(err, ErrTooLarge) {
		r.touch(t.shown + resolved)
	}
	p = t.shown + p
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) && !r.deviceGone() {
			return nil, false
		}
		r.problem(p, err)
		if !errors.Is(err, ErrTooLarge) {
			return nil, false
		}
	}
	return b, true
}

func (r *deviceReader) deviceGone() bool {
	if _, _, err := r.s.sys.resolve(r.link); err != nil {
		r.problem(r.link, err)
		return true
	}
	return false
}

// attr reads a text attribute without its trailing newline.
func (r *deviceReader) attr(dir, name string, optional bool) (string, bool) {
	b, ok := r.read(r.s.sys, path.Join(dir, name), attrCap, optional)
	if !ok {
		return "", false
	}
	return strings.TrimSuffix(string(b), "\n"), true
}

// intAttr reads a number; base 16 for sysfs's "%02x" attributes.
func (r *deviceReader) intAttr(dir, name string, base int) (int, bool) {
	s, ok := r.attr(dir, name, false)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), base, 32)
	if err != nil {
		r.problem(path.Join(dir, name), err)
		return 0, false
	}
	return int(n), true
}

func (s *sysfsScan) device(name string) (RawDevice, bool) {
	link := path.Join(usbDevices, name)
	dev := RawDevice{Backend: BackendSysfs, PortPath: name}
	r := &deviceReader{s: s, dev: &dev, link: link, seen: map[string]bool{}}
	dir, links, err := s.sys.resolve(link)
	r.touch(links...)
	if err != nil {
		// listed a moment ago, gone now: unplugged during the scan
		dev.Gone = true
		dev.Problems = append(dev.Problems, Problem{Path: link, Err: ErrGone})
		return dev, s.opts.Select == nil
	}
	dev.SysPath = dir
	dev.Bus, _ = r.intAttr(dir, "busnum", 10)
	dev.Dev, _ = r.intAttr(dir, "devnum", 10)
	id := DeviceID{Bus: dev.Bus, Dev: dev.Dev, PortPath: name}
	vid, vok := r.intAttr(dir, "idVendor", 16)
	pid, pok := r.intAttr(dir, "idProduct", 16)
	if vok && pok {
		id.VendorID, id.ProductID, id.HaveVIDPID = uint16(vid), uint16(pid), true
		dev.VendorID, dev.ProductID = id.VendorID, id.ProductID
	}
	if s.opts.Select != nil && !s.opts.Select(id) {
		return dev, false
	}
	dev.Speed, _ = r.attr(dir, "speed", true)
	if b, ok := r.read(s.sys, path.Join(dir, "descriptors"), blobCap, false); ok {
		dev.Descriptors = b
		if err := checkDescriptors(b); err != nil {
			r.problem(path.Join(dir, "descriptors"), err)
		}
		if !id.HaveVIDPID {
			dev.VendorID, dev.ProductID, _ = idsFromDescriptor(b)
		}
	}
	dev.Manufacturer, _ = r.attr(dir, "manufacturer", true)
	dev.Product, _ = r.attr(dir, "product", true)
	dev.Serial, _ = r.attr(dir, "serial", true)
	r.interfaces(dir, name)
	return dev, true
}

// interfaces reads the "<dev>:<cfg>.<if>" directories of the active
// configuration.
func (r *deviceReader) interfaces(dir, name string) {
	entries, err := r.s.sys.readDir(dir)
	if err != nil {
		r.problem(dir, err)
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), name+":") || r.dev.Gone {
			continue
		}
		idir := path.Join(dir, e.Name())
		intf := RawInterface{SysName: e.Name()}
		n, _ := r.intAttr(idir, "bInterfaceNumber", 16)
		alt, _ := r.intAttr(idir, "bAlternateSetting", 10)
		class, _ := r.intAttr(idir, "bInterfaceClass", 16)
		sub, _ := r.intAttr(idir, "bInterfaceSubClass", 16)
		proto, _ := r.intAttr(idir, "bInterfaceProtocol", 16)
		intf.Number, intf.AltSetting = uint8(n), uint8(alt)
		intf.Class, intf.SubClass, intf.Protocol = uint8(class), uint8(sub), uint8(proto)
		intf.Driver = r.driver(idir)
		intf.HIDRaw = r.hid(idir)
		r.sound(idir, int(intf.Number))
		r.dev.Interfaces = append(r.dev.Interfaces, intf)
	}
	sort.Slice(r.dev.Interfaces, func(i, j int) bool {
		return r.dev.Interfaces[i].Number < r.dev.Interfaces[j].Number
	})
}

// driver names the bound driver from the "driver" link's target; an
// unbound interface has no link.
func (r *deviceReader) driver(dir string) string {
	p := path.Join(dir, "driver")
	d, err := r.s.sys.linkBase(p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.problem(p, err)
		}
		return ""
	}
	r.touch(p)
	return d
}

// hid reads the HID devices under an interface: report descriptor, the
// hidraw node and the HID driver.
func (r *deviceReader) hid(idir string) []HIDNode {
	entries, err := r.s.sys.readDir(idir)
	if err != nil {
		r.problem(idir, err)
		return nil
	}
	var nodes []HIDNode
	for _, e := range entries {
		if !hidDeviceName.MatchString(e.Name()) || r.dev.Gone {
			continue
		}
		hdir := path.Join(idir, e.Name())
		node := HIDNode{HIDID: e.Name(), Driver: r.driver(hdir)}
		if b, ok := r.read(r.s.sys, path.Join(hdir, "report_descriptor"), blobCap, false); ok {
			node.ReportDescriptor = b
		}
		raws, err := r.s.sys.readDir(path.Join(hdir, "hidraw"))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.problem(path.Join(hdir, "hidraw"), err)
		}
		for _, h := range raws {
			if strings.HasPrefix(h.Name(), "hidraw") {
				node.Name = h.Name()
				node.Node = "/dev/" + h.Name()
				r.touchDir(path.Join(hdir, "hidraw", h.Name()))
				break
			}
		}
		nodes = append(nodes, node)
	}
	return nodes
}

// sound follows "<intf>/sound/cardN" to /proc/asound/cardN.
func (r *deviceReader) sound(idir string, ifnum int) {
	entries, err := r.s.sys.readDir(path.Join(idir, "sound"))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.problem(path.Join(idir, "sound"), err)
		}
		return
	}
	for _, e := range entries {
		m := cardName.FindStringSubmatch(e.Name())
		if m == nil || r.dev.Sound != nil || r.dev.Gone {
			continue
		}
		index, _ := strconv.Atoi(m[1])
		r.touchDir(path.Join(idir, "sound", e.Name()))
		r.dev.Sound = r.card(index, ifnum)
	}
}

func (r *deviceReader) card(index, ifnum int) *ALSACard {
	card := &ALSACard{Index: index, Interface: ifnum}
	cdir := path.Join(r.s.procPrefix, "asound", "card"+strconv.Itoa(index))
	if b, ok := r.read(r.s.proc, path.Join(cdir, "id"), attrCap, false); ok {
		card.ID = strings.TrimSuffix(string(b), "\n")
	}
	// a card without mixer units has no usbmixer file
	if b, ok := r.read(r.s.proc, path.Join(cdir, "usbmixer"), attrCap, true); ok {
		card.USBMixer = string(b)
		var err error
		if card.Mixer, err = ParseUSBMixer(card.USBMixer); err != nil {
			r.problem(path.Join(cdir, "usbmixer"), err)
		}
	}
	entries, err := r.s.proc.readDir(cdir)
	if err != nil {
		r.problem(r.s.proc.shown+cdir, err)
		return card
	}
	var pcms []int
	for _, e := range entries {
		if m := streamName.FindStringSubmatch(e.Name()); m != nil {
			n, _ := strconv.Atoi(m[1])
			pcms = append(pcms, n)
		}
	}
	sort.Ints(pcms)
	for _, n := range pcms {
		p := path.Join(cdir, "stream"+strconv.Itoa(n))
		b, ok := r.read(r.s.proc, p, attrCap, false)
		if !ok {
			continue
		}
		if n == 0 {
			card.Stream0 = string(b)
		}
		streams, err := ParseStream(n, string(b))
		if err != nil {
			r.problem(p, err)
		}
		card.Streams = append(card.Streams, streams...)
	}
	return card
}
