package lsusbtext

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
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

// busLine is compiled on first use: every usbaudio process links this
// package, and most never read lsusb text.
var busLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^Bus +(\d{1,3}) +Device +(\d{1,3}): +ID +([0-9a-fA-F]{4}):([0-9a-fA-F]{4}) *(.*)$`)
})

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
	format := FormatLsusb
	if isUsbViewText(lines) {
		lines, format = usbviewToLsusb(lines), FormatUsbView
	}
	p := &parser{format: format}
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
	format  Format
}

func (p *parser) gap(line int, kind GapKind, format string, args ...any) {
	if p.dev == nil {
		return
	}
	if len(p.dev.d.Gaps) < 1000 {
		p.dev.d.Gaps = append(p.dev.d.Gaps, Gap{Line: line, Kind: kind, Detail: fmt.Sprintf(format, args...)})
	}
}

func (p *parser) line(l textLine) {
	s := l.text
	if s == "" {
		return
	}
	if p.dev != nil {
		p.dev.lastLine = l.num
	}
	if m := busLine().FindStringSubmatch(s); m != nil {
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
