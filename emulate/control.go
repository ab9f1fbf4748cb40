package emulate

import (
	"encoding/binary"
	"unicode/utf16"
)

// bmRequestType fields (USB 2.0 §9.3.1).
const (
	reqTypeMask        = 0x60
	reqTypeStandard    = 0x00
	reqTypeClass       = 0x20
	recipientMask      = 0x1F
	recipientDevice    = 0x00
	recipientInterface = 0x01
	recipientEndpoint  = 0x02
	dirIn              = 0x80
)

// Standard requests (USB 2.0 §9.4, Table 9-4).
const (
	reqGetStatus        = 0x00
	reqClearFeature     = 0x01
	reqSetFeature       = 0x03
	reqSetAddress       = 0x05
	reqGetDescriptor    = 0x06
	reqGetConfiguration = 0x08
	reqSetConfiguration = 0x09
	reqGetInterface     = 0x0A
	reqSetInterface     = 0x0B
)

// langIDEnglishUS is the only language the string table offers.
const langIDEnglishUS = 0x0409

// control answers one control transfer; d.mu is held. It returns IN data
// (truncated to wLength by the caller) and a status: StatusStall for any
// request a device of this kind would not understand.
func (d *Device) control(s Setup, out []byte) ([]byte, int32) {
	data, status := d.dispatch(s, out)
	return truncate(data, s.Length), status
}

func (d *Device) dispatch(s Setup, out []byte) ([]byte, int32) {
	switch s.RequestType & reqTypeMask {
	case reqTypeStandard:
		return d.standard(s)
	case reqTypeClass:
		switch s.RequestType & recipientMask {
		case recipientInterface:
			iface := uint8(s.Index)
			if ac, ok := d.layout.audioControl[iface]; ok {
				return d.audioControl(ac, s, out)
			}
			if _, ok := d.layout.hidDescriptors[iface]; ok {
				return d.hidClass(s, out)
			}
		case recipientEndpoint:
			return d.audioEndpoint(s, out)
		}
	}
	return nil, StatusStall
}

func (d *Device) standard(s Setup) ([]byte, int32) {
	in := s.RequestType&dirIn != 0
	switch {
	case s.Request == reqGetStatus && in:
		// Device: bit 0 self-powered (§9.4.5); interfaces and endpoints: 0.
		if s.RequestType&recipientMask == recipientDevice && d.layout.selfPowered {
			return []byte{1, 0}, StatusOK
		}
		return []byte{0, 0}, StatusOK
	case (s.Request == reqClearFeature || s.Request == reqSetFeature || s.Request == reqSetAddress) && !in:
		return nil, StatusOK
	case s.Request == reqGetDescriptor && in:
		return d.descriptor(s)
	case s.Request == reqGetConfiguration && in:
		return []byte{d.config}, StatusOK
	case s.Request == reqSetConfiguration && !in:
		value := uint8(s.Value)
		if value != 0 && d.layout.config(value) == nil {
			return nil, StatusStall
		}
		d.config = value
		d.alt = map[uint8]uint8{}
		return nil, StatusOK
	case s.Request == reqGetInterface && in:
		if _, ok := d.layout.alts[d.config][uint8(s.Index)]; !ok {
			return nil, StatusStall
		}
		return []byte{d.alt[uint8(s.Index)]}, StatusOK
	case s.Request == reqSetInterface && !in:
		iface, alt := uint8(s.Index), uint8(s.Value)
		for _, a := range d.layout.alts[d.config][iface] {
			if a == alt {
				d.alt[iface] = alt
				return nil, StatusOK
			}
		}
		return nil, StatusStall
	}
	return nil, StatusStall
}

func (d *Device) descriptor(s Setup) ([]byte, int32) {
	kind, index := uint8(s.Value>>8), uint8(s.Value)
	var data []byte
	switch {
	case s.RequestType&recipientMask == recipientInterface:
		// HID 1.11 §7.1.1: class descriptors addressed to the interface.
		iface := uint8(s.Index)
		switch kind {
		case dtHID:
			data = d.layout.hidDescriptors[iface]
		case dtHIDReport:
			data = d.HIDReports[int(iface)]
		}
	case kind == dtDevice:
		data = d.layout.device
	case kind == dtConfiguration:
		if int(index) < len(d.layout.configs) {
			data = d.layout.configs[index]
		}
	case kind == dtString:
		data = d.stringDescriptor(index)
	}
	if data == nil {
		return nil, StatusStall
	}
	return truncate(data, s.Length), StatusOK
}

func (d *Device) stringDescriptor(index uint8) []byte {
	if index == 0 {
		b := []byte{4, dtString, 0, 0}
		binary.LittleEndian.PutUint16(b[2:], langIDEnglishUS)
		return b
	}
	text, ok := d.Strings[index]
	if !ok {
		return nil
	}
	units := utf16.Encode([]rune(text))
	if len(units) > 126 { // bLength is one byte: 2 + 2*126 = 254
		units = units[:126]
	}
	b := make([]byte, 2, 2+2*len(units))
	b[0], b[1] = byte(2+2*len(units)), dtString
	for _, u := range units {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func truncate(b []byte, n uint16) []byte {
	if len(b) > int(n) {
		return b[:n]
	}
	return b
}
