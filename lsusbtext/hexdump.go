package lsusbtext

import (
	"strconv"
	"strings"
)

// Descriptor-dumper text (Windows USB Device Tree Viewer, "UsbTreeView") prints
// each descriptor decoded, followed by its raw bytes:
//
//	---------------------- Device Descriptor ----------------------
//	bLength                  : 0x12 (18 bytes)
//	...
//	Data (HexDump)           : 12 01 00 02 EF 02 01 40 1A 29 69 33 05 01 01 02   .......@.)i3....
//	                           03 01                                             ..
//
// The hex is taken as it stands; the decoded lines are only read for strings.

const hexDumpLabel = "Data (HexDump)"

func isHexDumpText(lines []textLine) bool {
	for _, l := range lines {
		if strings.HasPrefix(l.text, hexDumpLabel) {
			return true
		}
	}
	return false
}

type hexDumpDevice struct {
	d          Device
	devDesc    []byte
	config     []byte // the configuration being collected
	configLine int
	configs    [][]byte
	configAt   []int
	wantTotal  int  // wTotalLength of the configuration being collected
	collecting bool // the configuration dump was short: append later descriptor dumps
	lastIndex  uint8
	lastName   string
}

func parseHexDump(lines []textLine) []Device {
	var devs []Device
	var cur *hexDumpDevice
	section := ""
	finish := func() {
		if cur != nil {
			devs = append(devs, cur.finish())
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		s := lines[i].text
		if title, ok := sectionTitle(s); ok {
			if title == "USB Device" || title == "Device Descriptor" && cur != nil && cur.devDesc != nil {
				finish()
			}
			if strings.HasPrefix(title, "String Descriptor") && cur != nil {
				cur.closeConfig(lines[i].num)
			}
			section = title
			continue
		}
		if cur == nil {
			if len(devs) >= maxDevices {
				break
			}
			cur = &hexDumpDevice{d: Device{Format: FormatHexDump, Line: lines[i].num}}
		}
		if name, value, ok := strings.Cut(s, ":"); ok && !strings.HasPrefix(s, hexDumpLabel) {
			cur.stringLine(strings.TrimSpace(name), strings.TrimSpace(value))
			continue
		}
		if !strings.HasPrefix(s, hexDumpLabel) {
			continue
		}
		_, first, _ := strings.Cut(s, ":")
		rows := []string{first}
		for i+1 < len(lines) && startsWithHexByte(lines[i+1].text) {
			i++
			rows = append(rows, lines[i].text)
		}
		cur.dump(lines[i].num, section, rows)
	}
	finish()
	return devs
}

// sectionTitle recognises "----- Title -----", "+++++ Title +++++" and "===== Title =====".
func sectionTitle(s string) (string, bool) {
	if len(s) < 4 {
		return "", false
	}
	c := s[0]
	if c != '-' && c != '+' && c != '=' || s[len(s)-1] != c {
		return "", false
	}
	return strings.TrimSpace(strings.Trim(s, string(c))), true
}

func startsWithHexByte(s string) bool {
	tok, _, _ := strings.Cut(s, " ")
	_, err := strconv.ParseUint(tok, 16, 8)
	return len(tok) == 2 && err == nil
}

// hexRow reads at most limit bytes of one dump row. The ASCII column follows
// the hex after a run of spaces; with spaces collapsed by a mailer the row
// still holds at most 16 bytes, and the caller's limit keeps a short last row
// from reading ASCII that happens to look like hex.
func hexRow(row string, limit int) []byte {
	row = strings.TrimSpace(row)
	if i := strings.Index(row, "   "); i >= 0 {
		row = row[:i]
	}
	return parseHexBytes(row, min(limit, 16))
}

func (h *hexDumpDevice) dump(line int, section string, rows []string) {
	var b []byte
	limit := maxConfiguration
	for _, r := range rows {
		b = append(b, hexRow(r, limit-len(b))...)
		if len(b) >= 2 && b[1] == 1 && section == "Device Descriptor" {
			limit = min(limit, int(b[0]))
		}
		if len(b) >= 4 && b[1] == 2 && section == "Configuration Descriptor" {
			limit = min(limit, int(b[2])|int(b[3])<<8)
		}
		if len(b) >= limit {
			break
		}
	}
	switch {
	case section == "Device Descriptor" && len(b) >= 2 && b[1] == 1:
		h.devDesc = b
	case section == "Configuration Descriptor" && len(b) >= 4 && b[1] == 2:
		h.closeConfig(line)
		h.config, h.configLine = b, line
		h.wantTotal = int(b[2]) | int(b[3])<<8
		h.collecting = len(b) < h.wantTotal
	case h.collecting && len(b) > 0:
		// A dumper that printed only the 9-byte configuration descriptor in
		// its section: the following descriptor dumps complete it.
		room := h.wantTotal - len(h.config)
		h.config = append(h.config, b[:min(len(b), room)]...)
		h.collecting = len(h.config) < h.wantTotal
	}
}

func (h *hexDumpDevice) closeConfig(line int) {
	if h.config == nil {
		return
	}
	if len(h.config) < h.wantTotal {
		h.d.Gaps = append(h.d.Gaps, Gap{Line: h.configLine, Kind: GapTruncated, Detail: "configuration: wTotalLength is " +
			strconv.Itoa(h.wantTotal) + " but the dump gives " + strconv.Itoa(len(h.config)) + " bytes"})
	}
	if len(h.configs) < maxConfigs {
		h.configs = append(h.configs, h.config)
		h.configAt = append(h.configAt, h.configLine)
	}
	h.config, h.collecting = nil, false
}

// stringLine picks up string texts: "iProduct : 0x02 (String Descriptor 2)"
// followed by ` Language 0x0409 : "Text"`.
func (h *hexDumpDevice) stringLine(name, value string) {
	if strings.HasPrefix(name, "Language ") {
		if h.lastIndex == 0 {
			return
		}
		text, err := strconv.Unquote(value)
		if err != nil {
			text = strings.Trim(value, `"`)
		}
		d := &h.d
		if d.StringTable == nil {
			d.StringTable = map[uint8]string{}
		}
		if _, seen := d.StringTable[h.lastIndex]; !seen {
			d.StringTable[h.lastIndex] = text
		}
		switch h.lastName {
		case "iManufacturer":
			d.Manufacturer = text
		case "iProduct":
			d.Product = text
		case "iSerialNumber":
			d.Serial = text
		}
		h.lastIndex = 0
		return
	}
	h.lastIndex = 0
	if namePrefix(name) != "i" || !strings.HasPrefix(value, "0x") {
		return
	}
	tok, _, _ := strings.Cut(value, " ")
	if n, err := strconv.ParseUint(tok[2:], 16, 8); err == nil {
		h.lastIndex, h.lastName = uint8(n), name
	}
}

func (h *hexDumpDevice) finish() Device {
	h.closeConfig(0)
	d := h.d
	if h.devDesc == nil {
		d.Gaps = append(d.Gaps, Gap{Line: d.Line, Kind: GapNoDeviceDescriptor, Detail: "no Device Descriptor hex dump"})
	} else if len(h.devDesc) >= 12 {
		d.VendorID = uint16(h.devDesc[8]) | uint16(h.devDesc[9])<<8
		d.ProductID = uint16(h.devDesc[10]) | uint16(h.devDesc[11])<<8
	}
	out := append([]byte(nil), h.devDesc...)
	for i, c := range h.configs {
		total := 0
		if len(c) >= 4 {
			total = int(c[2]) | int(c[3])<<8
		}
		d.Configs = append(d.Configs, ConfigSpan{Line: h.configAt[i], Offset: len(out), Length: len(c), TotalLength: total})
		out = append(out, c...)
	}
	d.Descriptors = out
	return d
}
