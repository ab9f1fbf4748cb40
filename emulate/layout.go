package emulate

import (
	"encoding/binary"
	"fmt"
)

// Descriptor types (USB 2.0 §9.4, Table 9-5; HID 1.11 §7.1).
const (
	dtDevice        = 0x01
	dtConfiguration = 0x02
	dtString        = 0x03
	dtInterface     = 0x04
	dtEndpoint      = 0x05
	dtHID           = 0x21
	dtHIDReport     = 0x22
	dtCSInterface   = 0x24
)

// Interface classes this emulator gives behaviour to.
const (
	classAudio        = 0x01
	subclassControl   = 0x01
	protocolUAC2      = 0x20
	classHID          = 0x03
	endpointIsochron  = 0x01
	endpointInterrupt = 0x03
)

// layout is what the emulator needs to know from the descriptor blob.
type layout struct {
	device  []byte   // 18-byte device descriptor
	configs [][]byte // each configuration with its interfaces, wTotalLength bytes
	// Per configuration value: interface number -> alternate settings seen.
	alts map[uint8]map[uint8][]uint8
	// endpoint address -> attributes and owning interface, for every config.
	endpoints map[uint8]endpointInfo
	// HID class descriptor (0x21) per interface number.
	hidDescriptors map[uint8][]byte
	// Audio control interfaces: interface number -> UAC version and entities.
	audioControl map[uint8]*acInterface
	selfPowered  bool
}

type endpointInfo struct {
	attributes uint8
	iface      uint8
	maxPacket  uint16
}

// acInterface is one audio control interface: its entities by ID, each
// with its descriptor subtype (UAC1 §4.3.2, UAC2 §4.7.2).
type acInterface struct {
	uac2     bool
	entities map[uint8]uint8
}

// UAC class-specific AC interface descriptor subtypes used here.
const (
	acFeatureUnit       = 0x06
	uac2ClockSource     = 0x0A
	uac2ClockSelector   = 0x0B
	uac2ClockMultiplier = 0x0C
)

// parseLayout splits a descriptor blob (device descriptor followed by one or
// more configurations, as in sysfs "descriptors") and indexes it. It never
// trusts a length beyond the bytes present.
func parseLayout(blob []byte) (*layout, error) {
	if len(blob) < 18 || blob[0] < 18 || blob[1] != dtDevice {
		return nil, fmt.Errorf("emulate: descriptors must start with an 18-byte device descriptor")
	}
	l := &layout{
		device:         blob[:18],
		alts:           map[uint8]map[uint8][]uint8{},
		endpoints:      map[uint8]endpointInfo{},
		hidDescriptors: map[uint8][]byte{},
		audioControl:   map[uint8]*acInterface{},
	}
	off := int(blob[0])
	for off+9 <= len(blob) {
		if blob[off+1] != dtConfiguration || blob[off] < 9 {
			return nil, fmt.Errorf("emulate: offset %d: expected a configuration descriptor", off)
		}
		total := int(binary.LittleEndian.Uint16(blob[off+2:]))
		if total < 9 {
			return nil, fmt.Errorf("emulate: offset %d: wTotalLength %d too small", off, total)
		}
		end := off + total
		if end > len(blob) {
			end = len(blob) // serve what there is; the host sees the lie
		}
		l.configs = append(l.configs, blob[off:end])
		l.indexConfig(blob[off:end])
		off = end
	}
	if len(l.configs) == 0 {
		return nil, fmt.Errorf("emulate: no configuration descriptor after the device descriptor")
	}
	return l, nil
}

func (l *layout) indexConfig(cfg []byte) {
	value := cfg[5]
	if cfg[7]&0x40 != 0 {
		l.selfPowered = true
	}
	ifaces := map[uint8][]uint8{}
	l.alts[value] = ifaces
	var cur struct {
		ok                     bool
		num, class, sub, proto uint8
	}
	for off := int(cfg[0]); off+2 <= len(cfg); {
		n := int(cfg[off])
		if n < 2 || off+n > len(cfg) {
			return
		}
		d := cfg[off : off+n]
		switch d[1] {
		case dtInterface:
			if n >= 9 {
				cur.ok, cur.num, cur.class, cur.sub, cur.proto = true, d[2], d[5], d[6], d[7]
				ifaces[d[2]] = append(ifaces[d[2]], d[3])
				if cur.class == classAudio && cur.sub == subclassControl && l.audioControl[cur.num] == nil {
					l.audioControl[cur.num] = &acInterface{uac2: cur.proto == protocolUAC2, entities: map[uint8]uint8{}}
				}
			}
		case dtEndpoint:
			if n >= 7 && cur.ok {
				l.endpoints[d[2]] = endpointInfo{attributes: d[3], iface: cur.num, maxPacket: binary.LittleEndian.Uint16(d[4:])}
			}
		case dtHID:
			if cur.ok && cur.class == classHID {
				l.hidDescriptors[cur.num] = d
			}
		case dtCSInterface:
			if ac := l.audioControl[cur.num]; cur.ok && ac != nil && cur.class == classAudio && cur.sub == subclassControl && n >= 4 {
				// Header (0x01) has no ID; every terminal/unit/clock has its ID at byte 3.
				if d[2] >= 0x02 {
					ac.entities[d[3]] = d[2]
				}
			}
		}
		off += n
	}
}

// config returns the configuration with the given bConfigurationValue.
func (l *layout) config(value uint8) []byte {
	for _, c := range l.configs {
		if c[5] == value {
			return c
		}
	}
	return nil
}

// interruptIn returns the interrupt IN endpoint of an interface.
func (l *layout) interruptIn(iface uint8) (uint8, bool) {
	for addr, ep := range l.endpoints {
		if ep.iface == iface && addr&0x80 != 0 && ep.attributes&0x03 == endpointInterrupt {
			return addr, true
		}
	}
	return 0, false
}
