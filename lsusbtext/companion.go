package lsusbtext

import (
	"strconv"
	"strings"
)

// lsusb prints two kinds of endpoint "extra" descriptors only in part or not
// at all; this file rebuilds them from what is known.

const (
	typeSSEndpointCompanion = 0x30 // USB 3.2 §9.6.7
	typeCSEndpoint          = 0x25
	uvcClass                = 0x0e
	uvcSubclassControl      = 0x01
)

// ssCompanion accumulates the SuperSpeed endpoint companion that lsusb folds
// into its endpoint as "bMaxBurst N" and, when non-zero, "MaxStreams 2^n"
// (bulk) or "Mult n" (isochronous). wBytesPerInterval is never printed.
type ssCompanion struct {
	line       int
	maxBurst   byte
	attributes byte
}

// companionDescriptor builds the 6-byte companion. For periodic endpoints
// wBytesPerInterval is not in the text: it is taken as the most the endpoint
// can move per service interval, wMaxPacketSize × (bMaxBurst+1) × (Mult+1)
// (USB 3.2 §9.6.7), and reported as inferred.
func (p *parser) companionDescriptor(c ssCompanion) []byte {
	ep := p.dev.lastEndpoint
	var perInterval int
	if len(ep) >= 6 && ep[3]&1 == 1 { // isochronous (1) or interrupt (3)
		mps := int(ep[4]) | int(ep[5])<<8&0x700
		perInterval = mps * (int(c.maxBurst) + 1)
		if ep[3]&3 == 1 {
			perInterval *= int(c.attributes&3) + 1
		}
		perInterval &= 0xffff
		p.gap(c.line, GapInferred, "lsusb does not print wBytesPerInterval of the SuperSpeed endpoint companion; assumed %d", perInterval)
	}
	return []byte{6, typeSSEndpointCompanion, c.maxBurst, c.attributes, byte(perInterval), byte(perInterval >> 8)}
}

// inferVideoControlEndpoint: UVC requires a class-specific interrupt endpoint
// descriptor after the VideoControl status endpoint (UVC 1.5 §3.8.2.2), but
// lsusb silently skips class-specific endpoint descriptors of video
// interfaces. It is rebuilt with wMaxTransferSize = wMaxPacketSize, which is
// what devices report in practice, and reported as inferred.
func (p *parser) inferVideoControlEndpoint(line int, ep []byte) {
	d := p.dev
	if d.iface == nil || d.iface.class != uvcClass || d.iface.subClass != uvcSubclassControl || len(ep) < 6 || ep[3]&3 != 3 {
		return
	}
	d.pendingVC = []byte{5, typeCSEndpoint, 3, ep[4], ep[5]}
	d.pendingVCLine = line
}

// flushPendingVC files an inferred UVC interrupt endpoint descriptor.
func (p *parser) flushPendingVC() {
	d := p.dev
	if d == nil || d.pendingVC == nil || len(d.configs) == 0 {
		return
	}
	c := d.configs[len(d.configs)-1]
	if len(c.bytes)+len(d.pendingVC) <= maxConfiguration {
		c.bytes = append(c.bytes, d.pendingVC...)
	}
	p.gap(d.pendingVCLine, GapInferred, "lsusb does not print the UVC class-specific interrupt endpoint descriptor; rebuilt with wMaxTransferSize %d",
		int(d.pendingVC[3])|int(d.pendingVC[4])<<8)
	d.pendingVC = nil
}

// companionLine handles the lines lsusb prints for a SuperSpeed endpoint
// companion inside its endpoint: "bMaxBurst 0", "MaxStreams 16", "Mult 2".
func (p *parser) companionLine(line int, s string) bool {
	d := p.dev
	if d == nil || d.cur == nil || p.zone != zoneDescriptors {
		return false
	}
	name, value, _ := strings.Cut(s, " ")
	n, err := strconv.ParseUint(strings.TrimSpace(value), 10, 32)
	switch {
	case name == "bMaxBurst" && d.cur.endpoint && err == nil:
		p.finishBlock()
		d.cur = &descBlock{line: line, header: "SuperSpeed Endpoint Companion", ss: &ssCompanion{line: line, maxBurst: byte(n)}}
		return true
	case name == "MaxStreams" && d.cur.ss != nil && err == nil:
		// Printed as 1 << bmAttributes[4:0] (USB 3.2 Table 9-27).
		e := byte(0)
		for n > 1 && e < 31 {
			n >>= 1
			e++
		}
		d.cur.ss.attributes = e
		return true
	case name == "Mult" && d.cur.ss != nil && err == nil:
		d.cur.ss.attributes = byte(n & 3)
		return true
	}
	return false
}
