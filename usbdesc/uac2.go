package usbdesc

// USB Audio Class 2.0 class-specific descriptors (UAC2 section 4 and the
// UAC2 Formats document). Subtypes: Linux include/linux/usb/audio-v2.h
// (0x01..0x06 as UAC1; 0x07 effect, 0x08 processing, 0x09 extension,
// 0x0a..0x0d clocks and SRC).

var uac2AC = csTable{
	0x01: parseUAC2Header,
	0x02: parseUAC2InputTerminal,
	0x03: parseUAC2OutputTerminal,
	0x04: parseUAC2Mixer,
	0x05: parseUAC2Selector,
	0x06: parseUAC2Feature,
	0x07: parseUAC2Effect,
	0x08: parseUAC2Processing,
	0x09: parseUAC2Extension,
	0x0a: parseUAC2ClockSource,
	0x0b: parseUAC2ClockSelector,
	0x0c: parseUAC2ClockMultiplier,
	0x0d: parseUAC2SampleRateConverter,
}

// AS subtypes 0x03 ENCODER and 0x04 DECODER are kept as unknown.
var uac2AS = csTable{
	0x01: parseUAC2ASGeneral,
	0x02: parseUAC2FormatType,
}

var uac2HeaderLayout = newLayout(field{"bcdADC", 2}, field{"bCategory", 1}, field{"wTotalLength", 2}, field{"bmControls", 1})

// UAC2 4.7.2: bcdADC, bCategory, wTotalLength, bmControls (8 bit).
func parseUAC2Header(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindACHeader
	d := p.mem.acHeaders.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	if b := r.fixed(uac2HeaderLayout); b != nil {
		_ = b[5] // one bounds check for the fields
		d.ADCVersion, d.Category, d.TotalLength = BCD(u16le(b[0:])), b[2], u16le(b[3:])
		d.Controls = uint32(b[5])
	}
	return d, nil
}

var uac2InputTerminalLayout = newLayout(
	field{"bTerminalID", 1}, field{"wTerminalType", 2}, field{"bAssocTerminal", 1}, field{"bCSourceID", 1},
	field{"bNrChannels", 1}, field{"bmChannelConfig", 4}, field{"iChannelNames", 1}, field{"bmControls", 2},
	field{"iTerminal", 1})

// UAC2 4.7.2.4.
func parseUAC2InputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindInputTerminal
	d := p.mem.inputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac2InputTerminalLayout); b != nil {
		_ = b[13] // one bounds check for the fields
		d.ID, d.TerminalType, d.AssocTerminal, d.ClockSource = b[0], TerminalType(u16le(b[1:])), b[3], b[4]
		d.Cluster.Channels, d.Cluster.Config, d.Cluster.NamesIndex = b[5], u32le(b[6:]), b[10]
		d.Controls, d.StringIndex = uint32(u16le(b[11:])), b[13]
	}
	return d, d
}

var uac2OutputTerminalLayout = newLayout(
	field{"bTerminalID", 1}, field{"wTerminalType", 2}, field{"bAssocTerminal", 1}, field{"bSourceID", 1},
	field{"bCSourceID", 1}, field{"bmControls", 2}, field{"iTerminal", 1})

// UAC2 4.7.2.5.
func parseUAC2OutputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindOutputTerminal
	d := p.mem.outputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac2OutputTerminalLayout); b != nil {
		_ = b[8] // one bounds check for the fields
		d.ID, d.TerminalType, d.AssocTerminal, d.SourceID = b[0], TerminalType(u16le(b[1:])), b[3], b[4]
		d.ClockSource, d.Controls, d.StringIndex = b[5], uint32(u16le(b[6:])), b[8]
	}
	return d, d
}

// UAC2 4.7.2.6: bmMixerControls fills what is left before bmControls and
// iMixer.
func parseUAC2Mixer(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindMixerUnit
	d := p.mem.mixers.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = r.u32("bmChannelConfig")
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.MixerControls = r.bytes(r.remaining()-2, "bmMixerControls")
	d.Controls = uint32(r.u8("bmControls"))
	d.StringIndex = r.u8("iMixer")
	return d, d
}

// UAC2 4.7.2.7.
func parseUAC2Selector(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindSelectorUnit
	d := p.mem.selectors.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Controls = uint32(r.u8("bmControls"))
	d.StringIndex = r.u8("iSelector")
	return d, d
}

// UAC2 4.7.2.8: 4-byte bmaControls per channel, master first; the
// channel count is implied by bLength: (bLength-6)/4 - 1.
func parseUAC2Feature(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindFeatureUnit
	d := p.mem.features.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Version = UAC2
	if b := r.fixed(uac2FeatureLayout); b != nil {
		_ = b[1] // one bounds check for the fields
		d.ID, d.SourceID = b[0], b[1]
	}
	d.ChannelControls = p.fourByteControls(h, r, 1)
	d.StringIndex = r.u8("iFeature")
	return d, d
}

var uac2FeatureLayout = newLayout(field{"bUnitID", 1}, field{"bSourceID", 1})

// fourByteControls reads the 4-byte-per-channel bmaControls of a UAC2/3
// feature or effect unit, leaving tail bytes for the string field.
func (p *parser) fourByteControls(h wire, r *reader, tail int) []uint32 {
	if r.failed() {
		return nil
	}
	n := p.featureChannels(h, r, tail)
	c := p.channelControls(r, n, 4)
	if extra := r.remaining() - tail - 4*n; extra > 0 {
		r.bytes(extra, "bmaControls padding")
	}
	return c
}

// UAC2 4.7.2.10.
func parseUAC2Effect(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindEffectUnit
	d := &EffectUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.EffectType = r.u16("wEffectType")
	d.SourceID = r.u8("bSourceID")
	d.ChannelControls = p.fourByteControls(h, r, 1)
	d.StringIndex = r.u8("iEffects")
	return d, d
}

// UAC2 4.7.2.11: process-specific bytes follow iProcessing.
func parseUAC2Processing(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindProcessingUnit
	d := &ProcessingUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ProcessType = r.u16("wProcessType")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = r.u32("bmChannelConfig")
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.Controls = uint32(r.u16("bmControls"))
	d.StringIndex = r.u8("iProcessing")
	d.Specific = r.bytes(r.remaining(), "process-specific")
	return d, d
}

// UAC2 4.7.2.12.
func parseUAC2Extension(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindExtensionUnit
	d := &ExtensionUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ExtensionCode = r.u16("wExtensionCode")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Cluster.Channels = r.u8("bNrChannels")
	d.Cluster.Config = r.u32("bmChannelConfig")
	d.Cluster.NamesIndex = r.u8("iChannelNames")
	d.Controls = uint32(r.u8("bmControls"))
	d.StringIndex = r.u8("iExtension")
	return d, d
}

// UAC2 4.7.2.1.
func parseUAC2ClockSource(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockSource
	d := p.mem.clocks.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Version = UAC2
	if b := r.fixed(uac2ClockSourceLayout); b != nil {
		_ = b[4] // one bounds check for the fields
		d.ID, d.Attributes, d.Controls = b[0], ClockAttributes(b[1]), uint32(b[2])
		d.AssocTerminal, d.StringIndex = b[3], b[4]
	}
	return d, d
}

var uac2ClockSourceLayout = newLayout(
	field{"bClockID", 1}, field{"bmAttributes", 1}, field{"bmControls", 1}, field{"bAssocTerminal", 1},
	field{"iClockSource", 1})

// UAC2 4.7.2.2.
func parseUAC2ClockSelector(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockSelector
	d := p.mem.clockSelectors.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bClockID")
	d.ClockIDs = r.bytes(int(r.u8("bNrInPins")), "baCSourceID")
	d.Controls = uint32(r.u8("bmControls"))
	d.StringIndex = r.u8("iClockSelector")
	return d, d
}

// UAC2 4.7.2.3.
func parseUAC2ClockMultiplier(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockMultiplier
	d := &ClockMultiplier{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bClockID")
	d.ClockID = r.u8("bCSourceID")
	d.Controls = uint32(r.u8("bmControls"))
	d.StringIndex = r.u8("iClockMultiplier")
	return d, d
}

// UAC2 4.7.2.9.
func parseUAC2SampleRateConverter(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindSampleRateConverter
	d := &SampleRateConverter{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceID = r.u8("bSourceID")
	d.ClockSourceIn = r.u8("bCSourceInID")
	d.ClockSourceOut = r.u8("bCSourceOutID")
	d.StringIndex = r.u8("iSRC")
	return d, d
}

var uac2ASGeneralLayout = newLayout(
	field{"bTerminalLink", 1}, field{"bmControls", 1}, field{"bFormatType", 1}, field{"bmFormats", 4},
	field{"bNrChannels", 1}, field{"bmChannelConfig", 4}, field{"iChannelNames", 1})

// UAC2 4.9.2: the AS interface carries the format bitmap and the channel
// cluster (UAC1 had them in the format type descriptor).
func parseUAC2ASGeneral(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASGeneral
	d := p.mem.asGenerals.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac2ASGeneralLayout); b != nil {
		_ = b[12] // one bounds check for the fields
		d.TerminalLink, d.Controls, d.FormatType, d.Formats = b[0], uint32(b[1]), b[2], uint64(u32le(b[3:]))
		d.Cluster.Channels, d.Cluster.Config, d.Cluster.NamesIndex = b[7], u32le(b[8:]), b[12]
	}
	d.FormatNames = formatBitNames(d.Formats, d.FormatType, UAC2)
	return d, nil
}

// uac2FormatTypeILayout follows bFormatType in a type I or III format
// type descriptor.
var uac2FormatTypeILayout = newLayout(field{"bSubslotSize", 1}, field{"bBitResolution", 1})

// UAC2 Formats 2.3.1.6 (type I), 2.3.2.6 (II), 2.3.3.1 (III), 2.3.4.1
// (IV). Sample rates are not here: they come from the clock source.
func parseUAC2FormatType(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindFormatType
	d := p.mem.formats.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Type = r.u8("bFormatType")
	switch d.Type {
	case 1, 3:
		if b := r.fixed(uac2FormatTypeILayout); b != nil {
			_ = b[1] // one bounds check for the fields
			d.SubframeSize, d.BitResolution = b[0], b[1]
		}
	case 2:
		d.MaxBitRate = r.u16("wMaxBitRate")
		d.SamplesPerFrame = r.u16("wSlotsPerFrame")
	}
	return d, nil
}

var uac2ASEndpointLayout = newLayout(
	field{"bmAttributes", 1}, field{"bmControls", 1}, field{"bLockDelayUnits", 1}, field{"wLockDelay", 2})

// UAC2 4.10.1.2: bmAttributes, bmControls, bLockDelayUnits, wLockDelay.
func parseUAC2ASEndpoint(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASEndpoint
	d := p.mem.asEndpoints.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	if b := r.fixed(uac2ASEndpointLayout); b != nil {
		_ = b[4] // one bounds check for the fields
		d.Attributes, d.Controls, d.LockDelayUnits, d.LockDelay = b[0], uint32(b[1]), b[2], u16le(b[3:])
	}
	return d, nil
}
