package lsusbtext

import (
	"fmt"
	"slices"
)

// configBuilder collects one configuration and what its header promised.
type configBuilder struct {
	line          int
	bytes         []byte
	totalLength   int
	numInterfaces int
	interfaces    map[uint8]bool
	full          bool
}

// ifaceTrack counts the endpoints printed for the current interface.
type ifaceTrack struct {
	line                 int
	number, alt          uint8
	numEndpoints, seenEP int
	class, subClass      uint8
}

// deviceBuilder collects one device between its "Bus"/"Device Descriptor:" line and the next.
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
	devLine    int
	lastLine   int
	// lastEndpoint is the endpoint descriptor the next SuperSpeed companion
	// or inferred class-specific endpoint belongs to.
	lastEndpoint []byte
	// pendingVC holds a UVC class-specific interrupt endpoint descriptor that
	// lsusb does not print; it is filed after the endpoint and its companion.
	pendingVC     []byte
	pendingVCLine int
}

func (p *parser) startDevice(line int) {
	p.finishDevice()
	p.dev = &deviceBuilder{d: Device{Format: p.format, Line: line}}
	p.zone = zoneDescriptors
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
		dev.Gaps = slices.DeleteFunc(dev.Gaps, func(g Gap) bool { return g.Kind == GapPadded && g.Line == d.devLine })
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
