package usbdesc

// csParser decodes one class-specific audio descriptor. r is positioned
// after bDescriptorSubtype; the caller turns the result into *Unknown when
// r ran out of bytes (r.failed()). An AC entity parser returns the
// descriptor a second time as the Entity it is (nil from any other
// parser), so the caller adds it to the function's entities without
// asking a Descriptor for its dynamic type.
type csParser func(p *parser, h wire, r *reader) (Descriptor, Entity)

// csTable maps bDescriptorSubtype to its parser. Subtype numbers are
// reassigned between UAC versions (UAC3 moved every unit up by one to make
// room for the extended terminal), so each version has its own tables.
type csTable [0x11]csParser

func (t *csTable) lookup(subtype uint8) csParser {
	if t == nil || int(subtype) >= len(t) {
		return nil
	}
	return t[subtype]
}

// acTables and asTables are indexed by UACVersion.
var (
	acTables = [...]*csTable{UAC1: &uac1AC, UAC2: &uac2AC, UAC3: &uac3AC}
	asTables = [...]*csTable{UAC1: &uac1AS, UAC2: &uac2AS, UAC3: &uac3AS}
	// epParsers decode the class-specific AS isochronous data endpoint
	// descriptor (subtype EP_GENERAL = 0x01 in every version).
	epParsers = [...]csParser{UAC1: parseUAC1ASEndpoint, UAC2: parseUAC2ASEndpoint, UAC3: parseUAC3ASEndpoint}
)

// classTable is the table that decodes alternate setting a's class-specific
// interface descriptors (nil for anything but audio control and audio
// streaming), and the UAC version that decodes them: its audio
// function's, or, for an AS interface no function claimed, its own
// bInterfaceProtocol. It is worked out once per interface descriptor.
func (p *parser) classTable(a *AltSetting) (*csTable, UACVersion) {
	if a.Class != ClassAudio {
		return nil, 0
	}
	v := UAC1
	if p.fn != nil {
		v = p.fn.f.Version
	} else if pv, ok := versionFromProtocol(a.Protocol); ok {
		v = pv
	}
	switch a.SubClass {
	case SubclassAudioControl:
		return acTables[v], v
	case SubclassAudioStreaming:
		return asTables[v], v
	}
	return nil, v
}

// classSpecificInterface handles CS_INTERFACE (0x24) descriptors. Inside
// audio interfaces they are decoded by the function's UAC version tables;
// elsewhere (video, MIDI, CDC...) they are kept as unknown.
func (p *parser) classSpecificInterface(h wire) {
	if p.alt == nil || len(h.Raw) < 3 {
		p.attach(p.unknown(h))
		return
	}
	parse := p.csTable.lookup(h.Raw[2])
	if parse == nil {
		p.attach(p.unknown(h))
		return
	}
	// The reader lives in the parser: a local passed through a func value
	// would escape and cost an allocation per descriptor.
	r := &p.cs
	r.start(h.Raw, h.Offset, 3)
	d, e := parse(p, h, r)
	if r.failed() {
		p.attach(p.tooShort(h, r, d.Head().Kind.String()+" descriptor"))
		return
	}
	if p.ep != nil {
		p.warnf(h.Offset, "class-specific interface descriptor (%s) after endpoint 0x%02x; parsed where it stands",
			d.Head().Kind, uint8(p.ep.Address))
	}
	// attach without its call: p.alt is set (checked on entry).
	p.mem.descriptors.push(&p.descList, p.contextList(), d)
	if p.fn == nil || p.alt.SubClass != SubclassAudioControl {
		return
	}
	f := p.fn.f
	if e != nil {
		p.mem.entities.push(&p.entList, &f.Entities, e)
	} else if hd, ok := d.(*ACHeader); ok {
		if f.Header == nil {
			f.Header = hd
		} else {
			p.warnf(h.Offset, "second AC header in interface %d; the first one is used", p.alt.InterfaceNumber)
		}
	}
}

// classSpecificEndpoint handles CS_ENDPOINT (0x25) descriptors: in an
// audio streaming interface, the class-specific AS isochronous endpoint.
// Some headsets (Plantronics, Sennheiser) put it before the standard
// endpoint: it is decoded where it stands, with a warning.
func (p *parser) classSpecificEndpoint(h wire) {
	if p.alt == nil || p.alt.Class != ClassAudio || p.alt.SubClass != SubclassAudioStreaming ||
		len(h.Raw) < 3 || h.Raw[2] != 0x01 {
		p.attach(p.unknown(h))
		return
	}
	r := &p.cs
	r.start(h.Raw, h.Offset, 3)
	d, _ := epParsers[p.version](p, h, r)
	if r.failed() {
		p.attach(p.tooShort(h, r, "class-specific AS endpoint descriptor"))
		return
	}
	if p.ep == nil {
		p.warnf(h.Offset, "class-specific AS endpoint descriptor before its standard endpoint (interface %d alt %d); parsed where it stands",
			p.alt.InterfaceNumber, p.alt.AlternateSetting)
	}
	// attach without its call: p.alt is set (checked on entry).
	p.mem.descriptors.push(&p.descList, p.contextList(), d)
}

// le reads an n-byte little-endian bitmap of which only the low 4 bytes
// fit a uint32 (UAC1 bControlSize may claim more).
func le(b []byte) uint32 {
	var v uint32
	for i := 0; i < len(b) && i < 4; i++ {
		v |= uint32(b[i]) << (8 * uint(i))
	}
	return v
}

// channelControls reads n bitmaps of size bytes each (bmaControls). The
// callers size n from the bytes left, so the list is read as one field.
func (p *parser) channelControls(r *reader, n, size int) []uint32 {
	if n <= 0 {
		return nil
	}
	b := r.bytes(n*size, "bmaControls")
	if len(b) < n*size {
		return nil // r failed: the caller turns the descriptor into *Unknown
	}
	out := p.mem.words.take(n)
	// The sizes real devices use (UAC1 1, UAC2/UAC3 always 4) without
	// le's byte loop.
	switch size {
	case 1:
		for i := range out {
			out[i] = uint32(b[i])
		}
	case 4:
		for i := range out {
			out[i] = u32le(b[4*i : 4*i+4])
		}
	default:
		for i := range out {
			out[i] = le(b[i*size : (i+1)*size])
		}
	}
	return out
}

// sampleRates reads a UAC1-style frequency list (UAC1 Formats 2.2.5):
// bSamFreqType 0 is a continuous range (tLowerSamFreq, tUpperSamFreq),
// n > 0 is n discrete tSamFreq values, 3 bytes each. The count is
// checked against bLength, never trusted.
func (p *parser) sampleRates(f *FormatType, r *reader) {
	f.SamFreqType = r.u8("bSamFreqType")
	if r.failed() {
		return
	}
	if f.SamFreqType == 0 {
		lo := r.u24("tLowerSamFreq")
		hi := r.u24("tUpperSamFreq")
		if !r.failed() {
			f.RateRange = &RateRange{Min: lo, Max: hi}
		}
		return
	}
	n := int(f.SamFreqType)
	if fit := r.remaining() / 3; n > fit {
		p.warnf(r.offset(), "bSamFreqType claims %d sample rate(s), bLength holds %d", n, fit)
		n = fit
	}
	if n == 0 {
		return
	}
	// n fits what is left, so the n rates are read as one field.
	b := r.bytes(3*n, "tSamFreq")
	if len(b) < 3*n {
		return
	}
	rates := p.mem.words.take(n)
	for i := range rates {
		c := b[3*i : 3*i+3 : 3*i+3] // one bounds check per rate
		rates[i] = uint32(c[0]) | uint32(c[1])<<8 | uint32(c[2])<<16
	}
	f.SampleRates = rates
}

// featureChannels is the number of 4-byte bmaControls entries (master
// included) in a UAC2/UAC3 feature or effect unit, given the bytes left
// before the trailing string field (UAC2 4.7.2.8).
func (p *parser) featureChannels(h wire, r *reader, tail int) int {
	left := r.remaining() - tail
	if left < 4 {
		return 0
	}
	if left%4 != 0 {
		p.warnf(h.Offset, "bmaControls area of %d byte(s) is not a multiple of 4; last %d byte(s) ignored", left, left%4)
	}
	return left / 4
}
