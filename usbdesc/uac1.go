package usbdesc

// USB Audio Class 1.0 class-specific descriptors (UAC1 section 4 and the
// UAC1 Formats document). Subtypes: Linux include/linux/usb/audio.h.

var uac1AC = csTable{
	0x01: parseUAC1Header,
	0x02: parseUAC1InputTerminal,
	0x03: parseUAC1OutputTerminal,
	0x04: parseUAC1Mixer,
	0x05: parseUAC1Selector,
	0x06: parseUAC1Feature,
	0x07: parseUAC1Processing,
	0x08: parseUAC1Extension,
}

// AS subtype 0x03 FORMAT_SPECIFIC is left undecoded (kept as unknown).
var uac1AS = csTable{
	0x01: parseUAC1ASGeneral,
	0x02: parseUAC1FormatType,
}

var uac1HeaderLayout = newLayout(field{"bcdADC", 2}, field{"wTotalLength", 2}, field{"bInCollection", 1})

// UAC1 4.3.2: bcdADC, wTotalLength, bInCollection, baInterfaceNr[].
func parseUAC1Header(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindACHeader
	d := p.mem.acHeaders.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	if b := r.fixed(uac1HeaderLayout); b != nil {
		_ = b[4] // one bounds check for the fields
		d.ADCVersion, d.TotalLength = BCD(u16le(b[0:])), u16le(b[2:])
		d.InterfaceNumbers = r.bytes(int(b[4]), "baInterfaceNr")
	}
	return d, nil
}

var uac1InputTerminalLayout = newLayout(
	field{"bTerminalID", 1}, field{"wTerminalType", 2}, field{"bAssocTerminal", 1}, field{"bNrChannels", 1},
	field{"wChannelConfig", 2}, field{"iChannelNames", 1}, field{"iTerminal", 1})

// UAC1 4.3.2.1.
func parseUAC1InputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindInputTerminal
	d := p.mem.inputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac1InputTerminalLayout); b != nil {
		_ = b[8] // one bounds check for the fields
		d.ID, d.TerminalType, d.AssocTerminal = b[0], TerminalType(u16le(b[1:])), b[3]
		d.Cluster.Channels, d.Cluster.Config, d.Cluster.NamesIndex = b[4], uint32(u16le(b[5:])), b[7]
		d.StringIndex = b[8]
	}
	return d, d
}

var uac1OutputTerminalLayout = newLayout(
	field{"bTerminalID", 1}, field{"wTerminalType", 2}, field{"bAssocTerminal", 1}, field{"bSourceID", 1},
	field{"iTerminal", 1})

// UAC1 4.3.2.2.
func parseUAC1OutputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindOutputTerminal
	d := p.mem.outputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac1OutputTerminalLayout); b != nil {
		_ = b[5] // one bounds check for the fields
		d.ID, d.TerminalType, d.AssocTerminal = b[0], TerminalType(u16le(b[1:])), b[3]
		d.SourceID, d.StringIndex = b[4], b[5]
	}
	return d, d
}

// UAC1 4.3.2.3: the programmable-crosspoint bitmap fills what is left
// before iMixer.
func parseUAC1Mixer(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindMixerUnit
	d := p.mem.mixers.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = uint32(r.u16("wChannelConfig"))
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.MixerControls = r.bytes(r.remaining()-1, "bmControls")
	d.StringIndex = r.u8("iMixer")
	return d, d
}

// UAC1 4.3.2.4.
func parseUAC1Selector(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindSelectorUnit
	d := p.mem.selectors.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.StringIndex = r.u8("iSelector")
	return d, d
}

var uac1FeatureLayout = newLayout(field{"bUnitID", 1}, field{"bSourceID", 1}, field{"bControlSize", 1})

// UAC1 4.3.2.5: bControlSize bytes per channel, master first; the channel
// count is implied by bLength: (bLength-7)/bControlSize - 1.
func parseUAC1Feature(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindFeatureUnit
	d := p.mem.features.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Version = UAC1
	b := r.fixed(uac1FeatureLayout)
	if b == nil {
		return d, d
	}
	_ = b[2] // one bounds check for the fields
	d.ID, d.SourceID, d.ControlSize = b[0], b[1], b[2]
	size := int(d.ControlSize)
	left := r.remaining() - 1 // iFeature is last
	switch {
	case size == 0:
		p.warnf(h.Offset+5, "feature unit %d has bControlSize 0: no controls can be decoded", d.ID)
		r.bytes(left, "bmaControls")
	case left < 0:
		// r fails below on iFeature
	default:
		if size > 4 {
			p.warnf(h.Offset+5, "feature unit %d has bControlSize %d; only the first 4 bytes of each bitmap are decoded", d.ID, size)
		}
		n := left / size
		if left%size != 0 {
			p.warnf(h.Offset, "feature unit %d: %d byte(s) of bmaControls is not a multiple of bControlSize %d", d.ID, left, size)
		}
		d.ChannelControls = p.channelControls(r, n, size)
		r.bytes(left-n*size, "bmaControls padding")
	}
	d.StringIndex = r.u8("iFeature")
	return d, d
}

// UAC1 4.3.2.6: process-specific bytes follow iProcessing.
func parseUAC1Processing(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindProcessingUnit
	d := &ProcessingUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ProcessType = r.u16("wProcessType")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = uint32(r.u16("wChannelConfig"))
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.ControlSize = r.u8("bControlSize")
	d.Controls = le(r.bytes(int(d.ControlSize), "bmControls"))
	d.StringIndex = r.u8("iProcessing")
	d.Specific = r.bytes(r.remaining(), "process-specific")
	return d, d
}

// UAC1 4.3.2.7.
func parseUAC1Extension(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindExtensionUnit
	d := &ExtensionUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ExtensionCode = r.u16("wExtensionCode")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = uint32(r.u16("wChannelConfig"))
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.ControlSize = r.u8("bControlSize")
	d.Controls = le(r.bytes(int(d.ControlSize), "bmControls"))
	d.StringIndex = r.u8("iExtension")
	return d, d
}

var uac1ASGeneralLayout = newLayout(field{"bTerminalLink", 1}, field{"bDelay", 1}, field{"wFormatTag", 2})

// UAC1 4.5.2: bTerminalLink, bDelay, wFormatTag.
func parseUAC1ASGeneral(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASGeneral
	d := p.mem.asGenerals.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac1ASGeneralLayout); b != nil {
		_ = b[3] // one bounds check for the fields
		d.TerminalLink, d.Delay, d.FormatTag = b[0], b[1], u16le(b[2:])
	}
	d.FormatNames = formatTagNames(d.FormatTag)
	return d, nil
}

// uac1FormatTypeILayout follows bFormatType in a type I or III format
// type descriptor.
var uac1FormatTypeILayout = newLayout(field{"bNrChannels", 1}, field{"bSubframeSize", 1}, field{"bBitResolution", 1})

// UAC1 Formats 2.2.5 (type I), 2.3.6 (type II), 2.4.1 (type III).
func parseUAC1FormatType(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindFormatType
	d := p.mem.formats.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Type = r.u8("bFormatType")
	switch d.Type {
	case 1, 3:
		if b := r.fixed(uac1FormatTypeILayout); b != nil {
			_ = b[2] // one bounds check for the fields
			d.Channels, d.SubframeSize, d.BitResolution = b[0], b[1], b[2]
		}
		p.sampleRates(d, r)
	case 2:
		d.MaxBitRate = r.u16("wMaxBitRate")
		d.SamplesPerFrame = r.u16("wSamplesPerFrame")
		p.sampleRates(d, r)
	}
	return d, nil
}

var uac1ASEndpointLayout = newLayout(field{"bmAttributes", 1}, field{"bLockDelayUnits", 1}, field{"wLockDelay", 2})

// UAC1 4.6.1.2: bmAttributes, bLockDelayUnits, wLockDelay.
func parseUAC1ASEndpoint(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASEndpoint
	d := p.mem.asEndpoints.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac1ASEndpointLayout); b != nil {
		_ = b[3] // one bounds check for the fields
		d.Attributes, d.LockDelayUnits, d.LockDelay = b[0], b[1], u16le(b[2:])
	}
	return d, nil
}
