package emulate

import "encoding/binary"

// AudioModel is what the emulated device reports for audio class controls.
// The zero value serves a volume of -40 dB..0 dB in 1 dB steps (values in
// 1/256 dB, UAC1 §5.2.2.4.3.2), mute off, and 48 kHz.
type AudioModel struct {
	VolumeMin, VolumeMax, VolumeRes int16
	// VolumeDefault is the current volume before the host sets one.
	VolumeDefault int16
	// SampleRates are the clock source's discrete rates (UAC2 RANGE) and
	// the first one is the current rate (UAC1 endpoint, UAC2 clock CUR).
	SampleRates []uint32
}

// DefaultVolume* are the zero AudioModel's volume range: -40 dB..0 dB.
const (
	DefaultVolumeMin int16 = -40 * 256 // 0xD800
	DefaultVolumeMax int16 = 0
	DefaultVolumeRes int16 = 256 // 0x0100: 1 dB
)

func (m AudioModel) volumeRange() (lo, hi, res int16) {
	if m.VolumeMin == 0 && m.VolumeMax == 0 && m.VolumeRes == 0 {
		return DefaultVolumeMin, DefaultVolumeMax, DefaultVolumeRes
	}
	return m.VolumeMin, m.VolumeMax, m.VolumeRes
}

func (m AudioModel) rates() []uint32 {
	if len(m.SampleRates) == 0 {
		return []uint32{48000}
	}
	return m.SampleRates
}

// UAC1 request codes (UAC1 §A.9) and UAC2 ones (UAC2 §A.14).
const (
	uac1SetCur = 0x01
	uac1GetCur = 0x81
	uac1GetMin = 0x82
	uac1GetMax = 0x83
	uac1GetRes = 0x84
	uac2Cur    = 0x01
	uac2Range  = 0x02
)

// Feature unit control selectors (UAC1 §A.10.2, same values in UAC2 §A.17.7).
const (
	fuMute       = 0x01
	fuVolume     = 0x02
	fuBass       = 0x03
	fuMid        = 0x04
	fuTreble     = 0x05
	fuAGC        = 0x07
	fuBassBoost  = 0x09
	fuLoudness   = 0x0A
	selectorUnit = 0x05 // AC descriptor subtype, UAC1 and UAC2
)

// Clock entity control selectors (UAC2 §A.17.1-A.17.3).
const (
	csSamFreq    = 0x01
	csClockValid = 0x02
	cxSelector   = 0x01
	cmNumerator  = 0x01
	cmDenom      = 0x02
)

// Endpoint control selectors (UAC1 §A.10.5).
const (
	epSamplingFreq = 0x01
	epPitch        = 0x02
)

type controlKey struct {
	iface, entity, selector, channel uint8
	endpoint                         bool
}

// featureControl describes one feature unit control: its size in bytes and
// range (as signed integers).
type featureControl struct {
	size          int
	min, max, res int
	def           int
}

func (d *Device) featureControl(selector uint8) (featureControl, bool) {
	switch selector {
	case fuMute, fuAGC, fuBassBoost, fuLoudness:
		return featureControl{size: 1, min: 0, max: 1, res: 1}, true
	case fuVolume:
		lo, hi, res := d.Audio.volumeRange()
		def := int(d.Audio.VolumeDefault)
		if def < int(lo) || def > int(hi) {
			def = int(hi)
		}
		return featureControl{size: 2, min: int(lo), max: int(hi), res: int(res), def: def}, true
	case fuBass, fuMid, fuTreble:
		// 1/4 dB steps, -32..+31.75 dB (UAC1 §5.2.2.4.3.3).
		return featureControl{size: 1, min: -128, max: 127, res: 1}, true
	}
	return featureControl{}, false
}

func encodeInt(v, size int) []byte {
	b := make([]byte, size)
	switch size {
	case 1:
		b[0] = byte(int8(v))
	case 2:
		binary.LittleEndian.PutUint16(b, uint16(int16(v)))
	case 3:
		b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16)
	case 4:
		binary.LittleEndian.PutUint32(b, uint32(v))
	}
	return b
}

// current returns the stored value of a control, or def encoded.
func (d *Device) current(k controlKey, def []byte) []byte {
	if v, ok := d.controls[k]; ok {
		return v
	}
	return def
}

func (d *Device) setControl(k controlKey, out []byte, size int) int32 {
	if len(out) < size {
		return StatusStall
	}
	d.controls[k] = append([]byte(nil), out[:size]...)
	return StatusOK
}

// audioControl answers class requests to an audio control interface:
// wValue = control selector << 8 | channel, wIndex = entity << 8 | interface.
func (d *Device) audioControl(ac *acInterface, s Setup, out []byte) ([]byte, int32) {
	entity := uint8(s.Index >> 8)
	subtype, ok := ac.entities[entity]
	if !ok {
		return nil, StatusStall
	}
	k := controlKey{iface: uint8(s.Index), entity: entity, selector: uint8(s.Value >> 8), channel: uint8(s.Value)}
	in := s.RequestType&dirIn != 0
	if ac.uac2 {
		return d.uac2Control(subtype, k, s, in, out)
	}
	return d.uac1Control(subtype, k, s, in, out)
}

func (d *Device) uac1Control(subtype uint8, k controlKey, s Setup, in bool, out []byte) ([]byte, int32) {
	switch subtype {
	case acFeatureUnit:
		fc, ok := d.featureControl(k.selector)
		if !ok {
			return nil, StatusStall
		}
		switch {
		case in && s.Request == uac1GetCur:
			return truncate(d.current(k, encodeInt(fc.def, fc.size)), s.Length), StatusOK
		case in && s.Request == uac1GetMin:
			return truncate(encodeInt(fc.min, fc.size), s.Length), StatusOK
		case in && s.Request == uac1GetMax:
			return truncate(encodeInt(fc.max, fc.size), s.Length), StatusOK
		case in && s.Request == uac1GetRes:
			return truncate(encodeInt(fc.res, fc.size), s.Length), StatusOK
		case !in && s.Request == uac1SetCur:
			return nil, d.setControl(k, out, fc.size)
		}
	case selectorUnit:
		// A selector unit has one control, its input pin (1-based).
		switch {
		case in && s.Request == uac1GetCur:
			return truncate(d.current(k, []byte{1}), s.Length), StatusOK
		case in && (s.Request == uac1GetMin || s.Request == uac1GetRes):
			return truncate([]byte{1}, s.Length), StatusOK
		case in && s.Request == uac1GetMax:
			return truncate([]byte{1}, s.Length), StatusOK
		case !in && s.Request == uac1SetCur:
			return nil, d.setControl(k, out, 1)
		}
	}
	return nil, StatusStall
}

// uac2Control answers CUR and RANGE (UAC2 §5.2.2): a RANGE answer is
// wNumSubRanges followed by MIN, MAX, RES triples of the control's size.
func (d *Device) uac2Control(subtype uint8, k controlKey, s Setup, in bool, out []byte) ([]byte, int32) {
	switch subtype {
	case acFeatureUnit:
		fc, ok := d.featureControl(k.selector)
		if !ok {
			return nil, StatusStall
		}
		switch {
		case in && s.Request == uac2Cur:
			return truncate(d.current(k, encodeInt(fc.def, fc.size)), s.Length), StatusOK
		case in && s.Request == uac2Range && fc.size > 1:
			r := []byte{1, 0}
			r = append(r, encodeInt(fc.min, fc.size)...)
			r = append(r, encodeInt(fc.max, fc.size)...)
			r = append(r, encodeInt(fc.res, fc.size)...)
			return truncate(r, s.Length), StatusOK
		case !in && s.Request == uac2Cur:
			return nil, d.setControl(k, out, fc.size)
		}
	case uac2ClockSource:
		rates := d.Audio.rates()
		switch {
		case k.selector == csSamFreq && in && s.Request == uac2Cur:
			return truncate(d.current(k, encodeInt(int(rates[0]), 4)), s.Length), StatusOK
		case k.selector == csSamFreq && in && s.Request == uac2Range:
			r := binary.LittleEndian.AppendUint16(nil, uint16(len(rates)))
			for _, rate := range rates {
				r = binary.LittleEndian.AppendUint32(r, rate)
				r = binary.LittleEndian.AppendUint32(r, rate)
				r = binary.LittleEndian.AppendUint32(r, 0)
			}
			return truncate(r, s.Length), StatusOK
		case k.selector == csSamFreq && !in && s.Request == uac2Cur:
			if len(out) < 4 || !contains(rates, binary.LittleEndian.Uint32(out)) {
				return nil, StatusStall
			}
			return nil, d.setControl(k, out, 4)
		case k.selector == csClockValid && in && s.Request == uac2Cur:
			return truncate([]byte{1}, s.Length), StatusOK
		}
	case uac2ClockSelector:
		switch {
		case k.selector == cxSelector && in && s.Request == uac2Cur:
			return truncate(d.current(k, []byte{1}), s.Length), StatusOK
		case k.selector == cxSelector && !in && s.Request == uac2Cur:
			return nil, d.setControl(k, out, 1)
		}
	case uac2ClockMultiplier:
		if (k.selector == cmNumerator || k.selector == cmDenom) && in && s.Request == uac2Cur {
			return truncate([]byte{1, 0}, s.Length), StatusOK
		}
	case selectorUnit:
		switch {
		case in && s.Request == uac2Cur:
			return truncate(d.current(k, []byte{1}), s.Length), StatusOK
		case !in && s.Request == uac2Cur:
			return nil, d.setControl(k, out, 1)
		}
	}
	return nil, StatusStall
}

// audioEndpoint answers UAC1 endpoint requests on isochronous audio
// endpoints: sampling frequency (3 bytes) and pitch (1 byte).
func (d *Device) audioEndpoint(s Setup, out []byte) ([]byte, int32) {
	addr := uint8(s.Index)
	ep, ok := d.layout.endpoints[addr]
	if !ok || ep.attributes&0x03 != endpointIsochron {
		return nil, StatusStall
	}
	k := controlKey{entity: addr, selector: uint8(s.Value >> 8), endpoint: true}
	in := s.RequestType&dirIn != 0
	size := 0
	var def []byte
	switch k.selector {
	case epSamplingFreq:
		size, def = 3, encodeInt(int(d.Audio.rates()[0]), 3)
	case epPitch:
		size, def = 1, []byte{0}
	default:
		return nil, StatusStall
	}
	switch {
	case in && s.Request == uac1GetCur:
		return truncate(d.current(k, def), s.Length), StatusOK
	case !in && s.Request == uac1SetCur:
		return nil, d.setControl(k, out, size)
	}
	return nil, StatusStall
}

func contains(list []uint32, v uint32) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Volume returns the current volume (1/256 dB) of a feature unit channel,
// as the host last set it or the model's default.
func (d *Device) Volume(unit, channel uint8) int16 {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k, v := range d.controls {
		if !k.endpoint && k.entity == unit && k.selector == fuVolume && k.channel == channel && len(v) == 2 {
			return int16(binary.LittleEndian.Uint16(v))
		}
	}
	fc, _ := d.featureControl(fuVolume)
	return int16(fc.def)
}
