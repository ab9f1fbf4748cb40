package lsusbtext

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// ErrNoDevice is returned when the text holds neither lsusb output nor a hex dump.
var ErrNoDevice = errors.New("lsusbtext: no USB device found in text")

// Bounds on what text can make us build: a descriptor is at most 255 bytes, a
// configuration at most 65535 (wTotalLength), and lsusb never prints more.
const (
	maxDescriptor    = 255
	maxConfiguration = 65535
	maxDevices       = 4096
	maxConfigs       = 255 // bNumConfigurations is one byte
)

var busLine = regexp.MustCompile(`^Bus +(\d{1,3}) +Device +(\d{1,3}): +ID +([0-9a-fA-F]{4}):([0-9a-fA-F]{4}) *(.*)$`)

// Parse rebuilds every device in text, which may be the output of `lsusb -v`
// (one device or many, possibly mangled by a mailer) or descriptor-dumper
// text with "Data (HexDump)" lines. It returns ErrNoDevice when the text
// holds neither. Problems inside a device are reported as its Gaps, never as
// an error: everything that could be rebuilt is returned.
func Parse(text []byte) ([]Device, error) {
	lines := splitLines(text)
	if isHexDumpText(lines) {
		devs := parseHexDump(lines)
		if len(devs) == 0 {
			return nil, ErrNoDevice
		}
		return devs, nil
	}
	p := &parser{}
	for _, l := range lines {
		p.line(l)
		if len(p.devices) >= maxDevices {
			break
		}
	}
	p.finishDevice()
	if len(p.devices) == 0 {
		return nil, ErrNoDevice
	}
	return p.devices, nil
}

// zone tells where in lsusb's output the parser is.
type zone int

const (
	zoneNone        zone = iota // before any device, or in prose around it
	zoneDescriptors             // device and configuration descriptors
	zoneReport                  // HID report descriptor items: not part of the configuration
	zoneAfter                   // BOS, device qualifier, status, hub: read by control requests, not in `descriptors`
)

// afterHeaders start parts of lsusb output that lsusb reads with separate
// control requests; their bytes are not part of the configuration.
var afterHeaders = []string{
	"Device Qualifier", "Binary Object Store Descriptor", "Device Status:", "Hub Descriptor:",
	"Hub Port Status:", "Debug descriptor:", "Debug Descriptor:",
}

type parser struct {
	devices []Device
	dev     *deviceBuilder
	zone    zone
	junkFor *descBlock // a "Warning: Junk at end of descriptor" line announced hex for this block
	report  *ReportDescriptor
}

type descBlock struct {
	line        int
	header      string
	buf         []byte
	bLength     int // -1 until printed
	fields      int
	controlSize int
	device      bool // "Device Descriptor:"
	config      bool // "Configuration Descriptor:"
	endpoint    bool // "Endpoint Descriptor:"
	raw         bool // "** UNRECOGNIZED: ..." hex, possibly wrapped over lines
	cdc         bool // CDC functional descriptor: no bLength line
	noLength    bool // fields came without a bLength first: ignored
	ss          *ssCompanion
}

type configBuilder struct {
	line          int
	bytes         []byte
	totalLength   int
	numInterfaces int
	interfaces    map[uint8]bool
	full          bool
}

type ifaceTrack struct {
	line                 int
	number, alt          uint8
	numEndpoints, seenEP int
	class, subClass      uint8
}

type deviceBuilder struct {
	d          Device
	devDesc    []byte
	haveDesc   bool
	configs    []*configBuilder
	cur        *descBlock
	iface      *ifaceTrack
	superSpeed bool
	numConfigs int
	devPrinted int // device descriptor bytes the text gave before padding
	lastLine   int
	// lastEndpoint is the endpoint descriptor the next SuperSpeed companion
	// or inferred class-specific endpoint belongs to.
	lastEndpoint []byte
	// pendingVC holds a UVC class-specific interrupt endpoint descriptor that
	// lsusb does not print; it is filed after the endpoint and its companion.
	pendingVC     []byte
	pendingVCLine int
}

func (p *parser) gap(line int, kind GapKind, format string, args ...any) {
	if p.dev == nil {
		return
	}
	if len(p.dev.d.Gaps) < 1000 {
		p.dev.d.Gaps = append(p.dev.d.Gaps, Gap{Line: line, Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
}

func (p *parser) startDevice(line int) {
	p.finishDevice()
	p.dev = &deviceBuilder{d: Device{Format: FormatLsusb, Line: line}}
	p.zone = zoneDescriptors
}

func (p *parser) line(l textLine) {
	s := l.text
	if s == "" {
		return
	}
	if p.dev != nil {
		p.dev.lastLine = l.num
	}
	if m := busLine.FindStringSubmatch(s); m != nil {
		p.startDevice(l.num)
		d := &p.dev.d
		d.HasHeader = true
		d.Bus, _ = strconv.Atoi(m[1])
		d.Address, _ = strconv.Atoi(m[2])
		vid, _ := strconv.ParseUint(m[3], 16, 16)
		pid, _ := strconv.ParseUint(m[4], 16, 16)
		d.VendorID, d.ProductID = uint16(vid), uint16(pid)
		d.IDName = strings.TrimSpace(m[5])
		return
	}
	if s == "Device Descriptor:" {
		if p.dev == nil || p.dev.haveDesc || len(p.dev.configs) > 0 || p.zone == zoneAfter {
			p.startDevice(l.num)
		}
		p.zone = zoneDescriptors
		p.startBlock(l.num, s)
		p.dev.cur.device = true
		p.dev.haveDesc = true
		return
	}
	if p.dev == nil && s == "Configuration Descriptor:" {
		p.startDevice(l.num) // a paste that starts below the device descriptor
	}
	if p.dev == nil {
		return // prose before the first device
	}
	if p.junkFor != nil {
		blk := p.junkFor
		p.junkFor = nil
		if b := parseHexBytes(s, maxDescriptor); len(b) > 0 && blk == p.dev.cur {
			blk.append(b)
			return
		}
	}
	switch {
	case strings.HasPrefix(s, "Couldn't open device"):
		p.gap(l.num, GapDeviceNotOpened, "lsusb could not open the device: strings, HID report descriptors, BOS and status are missing")
		return
	case strings.HasPrefix(s, "Couldn't get configuration descriptor"):
		p.gap(l.num, GapConfigMissing, "lsusb could not read a configuration descriptor: %s", s)
		return
	case strings.Contains(s, "** UNAVAILABLE **"):
		p.gap(l.num, GapReportDescriptorUnavailable, "HID report descriptor not printed (lsusb was not run as root or the interface was bound)")
		return
	}
	if p.zone == zoneAfter {
		return
	}
	for _, h := range afterHeaders {
		if strings.HasPrefix(s, h) {
			p.finishReport()
			p.finishBlock()
			p.zone = zoneAfter
			return
		}
	}
	if strings.HasPrefix(s, "Report Descriptor") {
		p.finishBlock()
		p.zone = zoneReport
		if strings.Contains(s, "length is") {
			p.startReport(l.num, s)
		}
		return
	}
	if p.zone == zoneReport && strings.HasPrefix(s, "Item(") {
		p.reportItem(l.num, s)
		return
	}
	if raw, ok := strings.CutPrefix(s, "** UNRECOGNIZED:"); ok {
		p.rawDescriptor(l.num, raw)
		return
	}
	if strings.HasPrefix(s, "UNRECOGNIZED CDC:") || strings.HasPrefix(s, "INVALID CDC (") {
		_, raw, _ := strings.Cut(s, ":")
		p.rawDescriptor(l.num, raw)
		return
	}
	if raw, ok := strings.CutPrefix(s, "junk at descriptor end:"); ok {
		if p.dev.cur != nil {
			p.dev.cur.append(parseHexBytes(raw, maxDescriptor))
		}
		return
	}
	if strings.HasPrefix(s, "Warning:") || strings.HasPrefix(s, "WARNING:") {
		if strings.HasPrefix(s, "Warning: Junk at end of descriptor") {
			p.junkFor = p.dev.cur
		}
		p.gap(l.num, GapLsusbWarning, "%s", s)
		return
	}
	if p.rawContinuation(s) {
		return
	}
	if p.companionLine(l.num, s) {
		return
	}
	f, isField := parseField(s)
	if !isField && strings.HasSuffix(s, ":") {
		// Any other "Something Descriptor:" header starts a descriptor
		// (interface, endpoint, IAD, HID, class-specific, SuperSpeed companion).
		if p.zone == zoneNone {
			return
		}
		p.zone = zoneDescriptors
		p.finishReport()
		p.startBlock(l.num, s)
		switch s {
		case "Configuration Descriptor:":
			p.dev.cur.config = true
		case "Endpoint Descriptor:":
			p.dev.cur.endpoint = true
		}
		if sub, ok := cdcSubtypes[s]; ok {
			blk := p.dev.cur
			blk.cdc = true
			blk.buf = []byte{0, typeCSInterface, sub}
		}
		return
	}
	if !isField || p.zone != zoneDescriptors || p.dev.cur == nil || p.dev.cur.raw {
		return
	}
	p.addField(l.num, f)
}

func (b *descBlock) append(x []byte) {
	room := maxDescriptor + 64 - len(b.buf)
	if room <= 0 {
		return
	}
	if len(x) > room {
		x = x[:room]
	}
	b.buf = append(b.buf, x...)
}

func (p *parser) startBlock(line int, header string) {
	p.finishBlock()
	p.dev.cur = &descBlock{line: line, header: header, bLength: -1}
}

func (p *parser) rawDescriptor(line int, hex string) {
	p.finishBlock()
	if p.zone != zoneDescriptors {
		return
	}
	b := parseHexBytes(hex, maxDescriptor)
	if len(b) == 0 {
		p.gap(line, GapBadField, "unrecognised descriptor without bytes")
		return
	}
	// Left open: a mailer may have wrapped the hex onto the next lines.
	p.dev.cur = &descBlock{line: line, header: "** UNRECOGNIZED", bLength: int(b[0]), fields: len(b), buf: b, raw: true}
}

// rawContinuation appends a wrapped line of hex to an open unrecognised descriptor.
func (p *parser) rawContinuation(s string) bool {
	blk := p.dev.cur
	if blk == nil || !blk.raw || len(blk.buf) >= blk.bLength {
		return false
	}
	b := parseHexBytes(s, blk.bLength-len(blk.buf))
	if len(b) == 0 || len(b) != len(strings.Fields(s)) {
		return false
	}
	blk.append(b)
	blk.fields += len(b)
	return true
}

func (p *parser) addField(line int, f field) {
	d := p.dev
	blk := d.cur
	ctx := encodeContext{controlSize: blk.controlSize, superSpeed: d.superSpeed}
	b, err := encodeField(f, ctx)
	if err != nil {
		p.gap(line, GapBadField, "%v", err)
	}
	if b == nil {
		return
	}
	if f.name == "bSlaveInterface" {
		// CDC Union: every slave interface number on one line.
		for _, tok := range strings.Fields(f.rest) {
			if n, err := strconv.ParseUint(tok, 10, 8); err == nil {
				b = append(b, byte(n))
			}
		}
	}
	if blk.fields == 0 && f.name != "bLength" && !blk.cdc {
		// Not a descriptor lsusb printed whole (a paste that starts inside
		// one, or prose that looks like a field): its bytes cannot be placed.
		if !blk.noLength {
			p.gap(line, GapTruncated, "%q printed without bLength before it; its fields are dropped", blk.header)
			blk.noLength = true
		}
		return
	}
	blk.fields++
	blk.append(b)
	n := int(littleEndian(b))
	switch f.name {
	case "bLength":
		if blk.fields == 1 {
			blk.bLength = n
		}
	case "bControlSize":
		blk.controlSize = n
	case "bcdUSB":
		if blk.device {
			d.superSpeed = n >= 0x0300
		}
	case "bNumConfigurations":
		if blk.device {
			d.numConfigs = n
		}
	}
	if namePrefix(f.name) == "i" && n != 0 && f.rest != "" && f.rest != "(error)" {
		p.recordString(uint8(n), f.name, f.rest)
	}
}

func (p *parser) recordString(index uint8, name, text string) {
	d := &p.dev.d
	if d.StringTable == nil {
		d.StringTable = map[uint8]string{}
	}
	d.StringTable[index] = text
	switch name {
	case "iManufacturer":
		d.Manufacturer = text
	case "iProduct":
		d.Product = text
	case "iSerial", "iSerialNumber":
		d.Serial = text
	}
}

func littleEndian(b []byte) uint64 {
	var n uint64
	for i := len(b) - 1; i >= 0; i-- {
		if i < 8 {
			n = n<<8 | uint64(b[i])
		}
	}
	return n
}

// finishBlock cuts or pads the current descriptor to its printed bLength and
// files it into the device or the current configuration.
func (p *parser) finishBlock() {
	d := p.dev
	if d == nil || d.cur == nil {
		return
	}
	blk := d.cur
	d.cur = nil
	if blk.ss != nil {
		p.fileDescriptor(blk, p.companionDescriptor(*blk.ss))
		return
	}
	if blk.fields == 0 {
		return
	}
	p.flushPendingVC()
	buf := blk.buf
	if blk.bLength < 0 {
		blk.bLength = len(buf)
	}
	if blk.cdc && len(buf) <= maxDescriptor {
		buf[0] = byte(len(buf))
	}
	if blk.bLength > maxDescriptor {
		blk.bLength = maxDescriptor
	}
	if len(buf) != blk.bLength {
		if len(buf) < blk.bLength {
			p.gap(blk.line, GapLengthMismatch, "%q: printed fields give %d bytes but bLength is %d; padded with zeros",
				blk.header, len(buf), blk.bLength)
			buf = append(buf, make([]byte, blk.bLength-len(buf))...)
		} else {
			p.gap(blk.line, GapLengthMismatch, "%q: printed fields give %d bytes but bLength is %d; cut to bLength",
				blk.header, len(buf), blk.bLength)
			buf = buf[:blk.bLength]
		}
	}
	p.fileDescriptor(blk, buf)
}

// fileDescriptor puts one finished descriptor into the device or its current configuration.
func (p *parser) fileDescriptor(blk *descBlock, buf []byte) {
	d := p.dev
	if blk.device {
		d.devDesc = buf
		d.devPrinted = len(blk.buf)
		return
	}
	var typ byte
	if len(buf) >= 2 {
		typ = buf[1]
	}
	if blk.config || typ == 2 && len(d.configs) == 0 {
		if len(d.configs) >= maxConfigs {
			p.gap(blk.line, GapBadField, "more than %d configurations; rest dropped", maxConfigs)
			p.zone = zoneAfter
			return
		}
		p.closeInterface()
		c := &configBuilder{line: blk.line, interfaces: map[uint8]bool{}}
		if len(buf) >= 5 {
			c.totalLength = int(buf[2]) | int(buf[3])<<8
			c.numInterfaces = int(buf[4])
		}
		d.configs = append(d.configs, c)
	}
	if len(d.configs) == 0 {
		p.gap(blk.line, GapTruncated, "%q printed outside any configuration; dropped", blk.header)
		return
	}
	c := d.configs[len(d.configs)-1]
	if len(c.bytes)+len(buf) > maxConfiguration {
		if !c.full {
			p.gap(blk.line, GapLengthMismatch, "configuration longer than 65535 bytes; rest dropped")
			c.full = true
		}
		return
	}
	c.bytes = append(c.bytes, buf...)
	switch typ {
	case 4: // interface (USB 2.0 §9.6.5)
		p.closeInterface()
		if len(buf) >= 5 {
			c.interfaces[buf[2]] = true
			d.iface = &ifaceTrack{line: blk.line, number: buf[2], alt: buf[3], numEndpoints: int(buf[4])}
			if len(buf) >= 7 {
				d.iface.class, d.iface.subClass = buf[5], buf[6]
			}
		}
	case 5: // endpoint (USB 2.0 §9.6.6)
		if d.iface != nil {
			d.iface.seenEP++
		}
		d.lastEndpoint = buf
		p.inferVideoControlEndpoint(blk.line, buf)
	}
}

func (p *parser) closeInterface() {
	d := p.dev
	if d.iface != nil && d.iface.seenEP < d.iface.numEndpoints {
		p.gap(d.iface.line, GapInterfaceCutOff, "interface %d alternate setting %d: %d of %d endpoints printed",
			d.iface.number, d.iface.alt, d.iface.seenEP, d.iface.numEndpoints)
	}
	d.iface = nil
}

func (p *parser) finishDevice() {
	p.finishBlock()
	p.finishReport()
	d := p.dev
	if d == nil {
		return
	}
	p.flushPendingVC()
	p.closeInterface()
	p.dev = nil
	p.junkFor = nil
	dev := d.d
	if !d.haveDesc {
		detail := "no \"Device Descriptor:\" printed"
		if len(d.configs) == 0 {
			detail = "only the header line was printed (not `lsusb -v`?)"
		}
		dev.Gaps = append(dev.Gaps, Gap{Line: dev.Line, Kind: GapNoDeviceDescriptor, Detail: detail})
	}
	if len(d.devDesc) == 18 && d.devPrinted == 17 && len(d.configs) > 0 {
		// Only bNumConfigurations, the last field, is missing (a paste edited
		// by hand): the configurations that follow say what it was.
		d.devDesc[17] = byte(len(d.configs))
		dev.Gaps = append(dev.Gaps, Gap{Line: dev.Line, Kind: GapInferred, Detail: fmt.Sprintf(
			"bNumConfigurations not printed; set to the %d configuration(s) that follow", len(d.configs))})
	}
	out := append([]byte(nil), d.devDesc...)
	for i, c := range d.configs {
		if got := len(c.bytes); got < c.totalLength {
			dev.Gaps = append(dev.Gaps, Gap{Line: c.line, Kind: GapTruncated, Detail: fmt.Sprintf(
				"configuration %d: wTotalLength is %d but the text gives %d bytes (%d missing, text ends at line %d)",
				i+1, c.totalLength, got, c.totalLength-got, d.lastLine)})
		} else if got > c.totalLength {
			dev.Gaps = append(dev.Gaps, Gap{Line: c.line, Kind: GapLengthMismatch, Detail: fmt.Sprintf(
				"configuration %d: wTotalLength is %d but the text gives %d bytes", i+1, c.totalLength, got)})
		}
		if len(c.interfaces) < c.numInterfaces {
			dev.Gaps = append(dev.Gaps, Gap{Line: c.line, Kind: GapInterfaceCutOff, Detail: fmt.Sprintf(
				"configuration %d: %d of %d interfaces printed", i+1, len(c.interfaces), c.numInterfaces)})
		}
		dev.Configs = append(dev.Configs, ConfigSpan{Line: c.line, Offset: len(out), Length: len(c.bytes), TotalLength: c.totalLength})
		out = append(out, c.bytes...)
	}
	if d.haveDesc && len(d.configs) < d.numConfigs {
		dev.Gaps = append(dev.Gaps, Gap{Line: dev.Line, Kind: GapConfigMissing, Detail: fmt.Sprintf(
			"%d of %d configurations printed", len(d.configs), d.numConfigs)})
	}
	if !dev.HasHeader && len(d.devDesc) >= 12 {
		dev.VendorID = uint16(d.devDesc[8]) | uint16(d.devDesc[9])<<8
		dev.ProductID = uint16(d.devDesc[10]) | uint16(d.devDesc[11])<<8
	}
	dev.Descriptors = out
	p.devices = append(p.devices, dev)
}
