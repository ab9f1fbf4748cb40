package lsusbtext

import (
	"strconv"
	"strings"
)

// ReportDescriptor is a HID report descriptor rebuilt from the items lsusb
// prints when it runs as root ("Item(Global): Usage Page, data= [ 0x0c ] 12").
type ReportDescriptor struct {
	Line      int    // text line of "Report Descriptor: (length is N)"
	Interface int    // bInterfaceNumber of the HID interface, -1 if unknown
	Length    int    // the length lsusb announced, -1 if not printed
	Bytes     []byte // the rebuilt short items
}

// reportItemTags maps lsusb's item names to the HID short-item tag and type
// bits (HID 1.11 §6.2.2.4 main, §6.2.2.7 global, §6.2.2.8 local items).
var reportItemTags = map[string]byte{
	"Main:Input": 0x80, "Main:Output": 0x90, "Main:Feature": 0xb0,
	"Main:Collection": 0xa0, "Main:End Collection": 0xc0,
	"Global:Usage Page": 0x04, "Global:Logical Minimum": 0x14, "Global:Logical Maximum": 0x24,
	"Global:Physical Minimum": 0x34, "Global:Physical Maximum": 0x44, "Global:Unit Exponent": 0x54,
	"Global:Unit": 0x64, "Global:Report Size": 0x74, "Global:Report ID": 0x84,
	"Global:Report Count": 0x94, "Global:Push": 0xa4, "Global:Pop": 0xb4,
	"Local:Usage": 0x08, "Local:Usage Minimum": 0x18, "Local:Usage Maximum": 0x28,
	"Local:Designator Index": 0x38, "Local:Designator Minimum": 0x48, "Local:Designator Maximum": 0x58,
	"Local:String Index": 0x78, "Local:String Minimum": 0x88, "Local:String Maximum": 0x98,
	"Local:Delimiter": 0xa8,
}

// sizeCodes: short-item bSize codes for 0, 1, 2 and 4 data bytes (HID 1.11 §6.2.2.2).
var sizeCodes = map[int]byte{0: 0, 1: 1, 2: 2, 4: 3}

// startReport begins collecting items after "Report Descriptor: (length is N)".
func (p *parser) startReport(line int, s string) {
	p.finishReport()
	length := -1
	if _, after, ok := strings.Cut(s, "length is "); ok {
		if n, err := strconv.Atoi(strings.TrimRight(after, ") ")); err == nil && n >= 0 && n <= 0xffff {
			length = n
		}
	}
	iface := -1
	if p.dev.iface != nil {
		iface = int(p.dev.iface.number)
	}
	p.report = &ReportDescriptor{Line: line, Interface: iface, Length: length}
}

// reportItem reads one "Item(Type): Name, data= [ 0x.. 0x.. ] n" line.
func (p *parser) reportItem(line int, s string) {
	r := p.report
	rest, ok := strings.CutPrefix(s, "Item(")
	if !ok || r == nil {
		return
	}
	typ, rest, ok := strings.Cut(rest, "):")
	name, data, ok2 := strings.Cut(rest, ", data=")
	if !ok || !ok2 {
		p.gap(line, GapBadField, "report descriptor item not understood: %q", s)
		return
	}
	tag, known := reportItemTags[strings.TrimSpace(typ)+":"+strings.TrimSpace(name)]
	var payload []byte
	if open := strings.IndexByte(data, '['); open >= 0 {
		if end := strings.IndexByte(data, ']'); end > open {
			for _, tok := range strings.Fields(data[open+1 : end]) {
				n, err := strconv.ParseUint(strings.TrimPrefix(tok, "0x"), 16, 8)
				if err != nil {
					known = false
					break
				}
				payload = append(payload, byte(n))
			}
		}
	}
	code, sizeOK := sizeCodes[len(payload)]
	if !known || !sizeOK {
		p.gap(line, GapBadField, "report descriptor item %q cannot be rebuilt; dropped", s)
		return
	}
	if len(r.Bytes)+1+len(payload) > 0xffff {
		return
	}
	r.Bytes = append(r.Bytes, tag|code)
	r.Bytes = append(r.Bytes, payload...)
}

func (p *parser) finishReport() {
	r := p.report
	if r == nil || p.dev == nil {
		return
	}
	p.report = nil
	if r.Length >= 0 && len(r.Bytes) != r.Length {
		p.gap(r.Line, GapTruncated, "report descriptor: length is %d but the items give %d bytes", r.Length, len(r.Bytes))
	}
	if len(p.dev.d.ReportDescriptors) < 256 {
		p.dev.d.ReportDescriptors = append(p.dev.d.ReportDescriptors, *r)
	}
}
