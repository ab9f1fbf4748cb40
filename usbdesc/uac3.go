package usbdesc

// USB Audio Class 3.0 class-specific descriptors (UAC3 section 4).
// Subtypes: Linux include/linux/usb/audio-v3.h. UAC3 inserts EXTENDED_TERMINAL
// at 0x04, moving every unit up by one, and adds CONNECTORS (0x0f) and
// POWER_DOMAIN (0x10). String fields are 16-bit IDs of class-specific string
// descriptors (wXxxDescrStr), fetched by request.
//
// The extended terminal (0x04) and connectors (0x0f) descriptors are
// high-capability descriptors normally fetched by a class request, not found
// in the configuration; if one appears inline it is kept as unknown.

var uac3AC = csTable{
	0x01: parseUAC3Header,
	0x02: parseUAC3InputTerminal,
	0x03: parseUAC3OutputTerminal,
	0x05: parseUAC3Mixer,
	0x06: parseUAC3Selector,
	0x07: parseUAC3Feature,
	0x08: parseUAC3Effect,
	0x09: parseUAC3Processing,
	0x0a: parseUAC3Extension,
	0x0b: parseUAC3ClockSource,
	0x0c: parseUAC3ClockSelector,
	0x0d: parseUAC3ClockMultiplier,
	0x0e: parseUAC3SampleRateConverter,
	0x10: parseUAC3PowerDomain,
}

// AS subtype 0x02 (AS_VALID_FREQ_RANGE) is kept as unknown.
var uac3AS = csTable{
	0x01: parseUAC3ASGeneral,
}

// UAC3 4.5.2: bCategory, wTotalLength, bmControls (32 bit).
func parseUAC3Header(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindACHeader
	d := p.mem.acHeaders.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.Category = r.u8("bCategory")
	d.TotalLength = r.u16("wTotalLength")
	d.Controls = r.u32("bmControls")
	return d, nil
}

// UAC3 4.5.2.1: the channel cluster is a separate descriptor
// (wClusterDescrID), not inline.
func parseUAC3InputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindInputTerminal
	d := p.mem.inputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.ID = r.u8("bTerminalID")
	d.TerminalType = TerminalType(r.u16("wTerminalType"))
	d.AssocTerminal = r.u8("bAssocTerminal")
	d.ClockSource = r.u8("bCSourceID")
	d.Controls = r.u32("bmControls")
	d.ClusterID = r.u16("wClusterDescrID")
	d.ExTDescrID = r.u16("wExTerminalDescrID")
	d.ConnectorsID = r.u16("wConnectorsDescrID")
	d.DescrStr = r.u16("wTerminalDescrStr")
	return d, d
}

// UAC3 4.5.2.2.
func parseUAC3OutputTerminal(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindOutputTerminal
	d := p.mem.outputTerms.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.ID = r.u8("bTerminalID")
	d.TerminalType = TerminalType(r.u16("wTerminalType"))
	d.AssocTerminal = r.u8("bAssocTerminal")
	d.SourceID = r.u8("bSourceID")
	d.ClockSource = r.u8("bCSourceID")
	d.Controls = r.u32("bmControls")
	d.ExTDescrID = r.u16("wExTerminalDescrID")
	d.ConnectorsID = r.u16("wConnectorsDescrID")
	d.DescrStr = r.u16("wTerminalDescrStr")
	return d, d
}

// UAC3 4.5.2.5: bmMixerControls fills what is left before bmControls (4)
// and wMixerDescrStr (2).
func parseUAC3Mixer(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindMixerUnit
	d := p.mem.mixers.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.ClusterID = r.u16("wClusterDescrID")
	d.MixerControls = r.bytes(r.remaining()-6, "bmMixerControls")
	d.Controls = r.u32("bmControls")
	d.DescrStr = r.u16("wMixerDescrStr")
	return d, d
}

// UAC3 4.5.2.6.
func parseUAC3Selector(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindSelectorUnit
	d := p.mem.selectors.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Controls = r.u32("bmControls")
	d.DescrStr = r.u16("wSelectorDescrStr")
	return d, d
}

// UAC3 4.5.2.7: as UAC2, but the string is 16 bit: bLength = 7 + 4*(ch+1).
func parseUAC3Feature(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindFeatureUnit
	d := p.mem.features.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Version = UAC3
	d.ID = r.u8("bUnitID")
	d.SourceID = r.u8("bSourceID")
	d.ChannelControls = p.fourByteControls(h, r, 2)
	d.DescrStr = r.u16("wFeatureDescrStr")
	return d, d
}

// UAC3 4.5.2.8.
func parseUAC3Effect(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindEffectUnit
	d := &EffectUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.EffectType = r.u16("wEffectType")
	d.SourceID = r.u8("bSourceID")
	d.ChannelControls = p.fourByteControls(h, r, 2)
	d.DescrStr = r.u16("wEffectsDescrStr")
	return d, d
}

// UAC3 4.5.2.9: process-specific bytes follow wProcessingDescrStr.
func parseUAC3Processing(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindProcessingUnit
	d := &ProcessingUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ProcessType = r.u16("wProcessingType")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.Controls = r.u32("bmControls")
	d.DescrStr = r.u16("wProcessingDescrStr")
	d.Specific = r.bytes(r.remaining(), "process-specific")
	return d, d
}

// UAC3 4.5.2.10: wExtensionDescrStr comes before bmControls and the
// output cluster ID.
func parseUAC3Extension(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindExtensionUnit
	d := &ExtensionUnit{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.ExtensionCode = r.u16("wExtensionCode")
	d.SourceIDs = r.bytes(int(r.u8("bNrInPins")), "baSourceID")
	d.DescrStr = r.u16("wExtensionDescrStr")
	d.Controls = r.u32("bmControls")
	d.ClusterID = r.u16("wClusterDescrID")
	return d, d
}

// UAC3 4.5.2.12.
func parseUAC3ClockSource(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockSource
	d := p.mem.clocks.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Version = UAC3
	d.ID = r.u8("bClockID")
	d.Attributes = ClockAttributes(r.u8("bmAttributes"))
	d.Controls = r.u32("bmControls")
	d.ReferenceClock = r.u8("bReferenceTerminal")
	d.DescrStr = r.u16("wClockSourceStr")
	return d, d
}

// UAC3 4.5.2.13.
func parseUAC3ClockSelector(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockSelector
	d := p.mem.clockSelectors.new()
	d.Subtype = h.Raw[2]
	d.setHeader(h)
	d.ID = r.u8("bClockID")
	d.ClockIDs = r.bytes(int(r.u8("bNrInPins")), "baCSourceID")
	d.Controls = r.u32("bmControls")
	d.DescrStr = r.u16("wCSelectorDescrStr")
	return d, d
}

// UAC3 4.5.2.14.
func parseUAC3ClockMultiplier(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindClockMultiplier
	d := &ClockMultiplier{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bClockID")
	d.ClockID = r.u8("bCSourceID")
	d.Controls = r.u32("bmControls")
	d.DescrStr = r.u16("wCMultiplierDescrStr")
	return d, d
}

// UAC3 4.5.2.11.
func parseUAC3SampleRateConverter(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindSampleRateConverter
	d := &SampleRateConverter{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bUnitID")
	d.SourceID = r.u8("bSourceID")
	d.ClockSourceIn = r.u8("bCSourceInID")
	d.ClockSourceOut = r.u8("bCSourceOutID")
	d.DescrStr = r.u16("wSRCDescrStr")
	return d, d
}

// UAC3 4.5.2.15.
func parseUAC3PowerDomain(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindPowerDomain
	d := &PowerDomain{Subtype: h.Raw[2]}
	d.setHeader(h)
	d.ID = r.u8("bPowerDomainID")
	d.RecoveryTime1 = r.u16("waRecoveryTime1")
	d.RecoveryTime2 = r.u16("waRecoveryTime2")
	d.EntityIDs = r.bytes(int(r.u8("bNrEntities")), "baEntityID")
	d.StringIndex = r.u16("wPDomainDescrStr")
	return d, d
}

// UAC3 4.7.2: format, subslot size and bit resolution all live in the AS
// interface descriptor (there is no format type descriptor).
func parseUAC3ASGeneral(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASGeneral
	d := p.mem.asGenerals.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.TerminalLink = r.u8("bTerminalLink")
	d.Controls = r.u32("bmControls")
	d.ClusterID = r.u16("wClusterDescrID")
	lo := r.u32("bmFormats")
	hi := r.u32("bmFormats")
	d.Formats = uint64(hi)<<32 | uint64(lo)
	d.SubslotSize = r.u8("bSubslotSize")
	d.BitResolution = r.u8("bBitResolution")
	d.AuxProtocols = r.u16("bmAuxProtocols")
	d.ControlSize = r.u8("bControlSize")
	d.FormatNames = formatBitNames(d.Formats, 1, UAC3)
	return d, nil
}

// UAC3 4.8.1.2: bmControls (32 bit), bLockDelayUnits, wLockDelay; no
// bmAttributes.
func parseUAC3ASEndpoint(p *parser, h wire, r *reader) (Descriptor, Entity) {
	h.Kind = KindASEndpoint
	d := p.mem.asEndpoints.new()
	d.setHeader(h)
	d.Subtype = h.Raw[2]
	d.Controls = r.u32("bmControls")
	d.LockDelayUnits = r.u8("bLockDelayUnits")
	d.LockDelay = r.u16("wLockDelay")
	return d, nil
}
