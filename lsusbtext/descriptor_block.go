package lsusbtext

import (
	"strconv"
	"strings"
)

// descBlock is one descriptor as lsusb printed it: a title line ("Endpoint
// Descriptor:") and the field lines below it, turned into bytes as they come.
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

// append adds bytes, keeping a block a little over the 255 a descriptor can
// hold so that an overlong one is still reported and cut, never grown without bound.
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
			p.gap(blk.line, GapPadded, "%q: printed fields give %d bytes but bLength is %d; padded with zeros",
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
		d.devLine = blk.line
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
