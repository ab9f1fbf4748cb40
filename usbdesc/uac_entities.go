package usbdesc

// AudioControl class-specific descriptors (bDescriptorType 0x24 in an
// AudioControl interface). One struct per descriptor type, shared by UAC1,
// UAC2 and UAC3 where the fields mean the same; fields that exist only in
// some versions say so. Subtype codes differ per version (SPEC-FACTS): the
// parser maps codes to these structs with one table per version.

// ACHeader is the class-specific AC interface header (UAC1 4.3.2, UAC2 4.7.2,
// UAC3 4.5.2).
type ACHeader struct {
	Header
	Subtype          uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ADCVersion       BCD    `json:"adc_version" usb:"bcdADC"` // UAC1/UAC2
	Category         uint8  `json:"category" usb:"bCategory"` // UAC2/UAC3
	TotalLength      uint16 `json:"total_length" usb:"wTotalLength"`
	Controls         uint32 `json:"controls" usb:"bmControls"`                       // UAC2: 8 bits; UAC3: 32 bits
	InterfaceNumbers IDs    `json:"interface_numbers,omitempty" usb:"baInterfaceNr"` // UAC1: the AS interfaces
}

// InputTerminal (UAC1 4.3.2.1, UAC2 4.7.2.4, UAC3 4.5.2.1).
type InputTerminal struct {
	Header
	Subtype       uint8          `json:"subtype" usb:"bDescriptorSubtype"`
	ID            uint8          `json:"id" usb:"bTerminalID"`
	TerminalType  TerminalType   `json:"terminal_type" usb:"wTerminalType"`
	AssocTerminal uint8          `json:"assoc_terminal" usb:"bAssocTerminal"`
	ClockSource   uint8          `json:"clock_source_id,omitempty" usb:"bCSourceID"` // UAC2/UAC3
	Cluster       ChannelCluster `json:"cluster"`                                    // UAC1/UAC2 (UAC3: from ClusterID)
	Controls      uint32         `json:"controls" usb:"bmControls"`                  // UAC2 16 bit, UAC3 32 bit
	StringIndex   uint8          `json:"string_index" usb:"iTerminal"`
	ClusterID     uint16         `json:"cluster_descriptor_id,omitempty" usb:"wClusterDescrID"`       // UAC3
	ExTDescrID    uint16         `json:"extended_terminal_id,omitempty" usb:"wExTDescrID"`            // UAC3
	ConnectorsID  uint16         `json:"connectors_descriptor_id,omitempty" usb:"wConnectorsDescrID"` // UAC3
	DescrStr      uint16         `json:"descr_str_id,omitempty" usb:"wTerminalDescrStr"`              // UAC3: class-specific string ID
}

func (t *InputTerminal) EntityID() uint8      { return t.ID }
func (t *InputTerminal) Sources() []uint8     { return nil }
func (t *InputTerminal) ClockSourceID() uint8 { return t.ClockSource }

// OutputTerminal (UAC1 4.3.2.2, UAC2 4.7.2.5, UAC3 4.5.2.2).
type OutputTerminal struct {
	Header
	Subtype       uint8        `json:"subtype" usb:"bDescriptorSubtype"`
	ID            uint8        `json:"id" usb:"bTerminalID"`
	TerminalType  TerminalType `json:"terminal_type" usb:"wTerminalType"`
	AssocTerminal uint8        `json:"assoc_terminal" usb:"bAssocTerminal"`
	SourceID      uint8        `json:"source_id" usb:"bSourceID"`
	ClockSource   uint8        `json:"clock_source_id,omitempty" usb:"bCSourceID"` // UAC2/UAC3
	Controls      uint32       `json:"controls" usb:"bmControls"`                  // UAC2/UAC3
	StringIndex   uint8        `json:"string_index" usb:"iTerminal"`
	ExTDescrID    uint16       `json:"extended_terminal_id,omitempty" usb:"wExTDescrID"`            // UAC3
	ConnectorsID  uint16       `json:"connectors_descriptor_id,omitempty" usb:"wConnectorsDescrID"` // UAC3
	DescrStr      uint16       `json:"descr_str_id,omitempty" usb:"wTerminalDescrStr"`              // UAC3: class-specific string ID
}

func (t *OutputTerminal) EntityID() uint8      { return t.ID }
func (t *OutputTerminal) Sources() []uint8     { return []uint8{t.SourceID} }
func (t *OutputTerminal) ClockSourceID() uint8 { return t.ClockSource }

// MixerUnit (UAC1 4.3.2.3, UAC2 4.7.2.6, UAC3 4.5.2.5).
type MixerUnit struct {
	Header
	Subtype       uint8          `json:"subtype" usb:"bDescriptorSubtype"`
	ID            uint8          `json:"id" usb:"bUnitID"`
	SourceIDs     IDs            `json:"source_ids" usb:"baSourceID"`
	Cluster       ChannelCluster `json:"cluster"`
	MixerControls HexBytes       `json:"mixer_controls,omitempty" usb:"bmMixerControls"` // programmable-crosspoint bitmap
	Controls      uint32         `json:"controls" usb:"bmControls"`                      // UAC2/UAC3
	StringIndex   uint8          `json:"string_index" usb:"iMixer"`
	ClusterID     uint16         `json:"cluster_descriptor_id,omitempty" usb:"wClusterDescrID"` // UAC3
	DescrStr      uint16         `json:"descr_str_id,omitempty" usb:"wMixerDescrStr"`           // UAC3: class-specific string ID
}

func (u *MixerUnit) EntityID() uint8  { return u.ID }
func (u *MixerUnit) Sources() []uint8 { return u.SourceIDs }

// SelectorUnit (UAC1 4.3.2.4, UAC2 4.7.2.7, UAC3 4.5.2.6).
type SelectorUnit struct {
	Header
	Subtype     uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ID          uint8  `json:"id" usb:"bUnitID"`
	SourceIDs   IDs    `json:"source_ids" usb:"baSourceID"`
	Controls    uint32 `json:"controls" usb:"bmControls"` // UAC2/UAC3
	StringIndex uint8  `json:"string_index" usb:"iSelector"`
	DescrStr    uint16 `json:"descr_str_id,omitempty" usb:"wSelectorDescrStr"` // UAC3: class-specific string ID
}

func (u *SelectorUnit) EntityID() uint8  { return u.ID }
func (u *SelectorUnit) Sources() []uint8 { return u.SourceIDs }

// FeatureUnit (UAC1 4.3.2.5, UAC2 4.7.2.8, UAC3 4.5.2.7). ChannelControls[0]
// is the master channel, [i] logical channel i.
type FeatureUnit struct {
	Header
	Subtype     uint8      `json:"subtype" usb:"bDescriptorSubtype"`
	ID          uint8      `json:"id" usb:"bUnitID"`
	SourceID    uint8      `json:"source_id" usb:"bSourceID"`
	ControlSize uint8      `json:"control_size,omitempty" usb:"bControlSize"` // UAC1 only; UAC2/3 are 4 bytes
	Version     UACVersion `json:"-"`                                         // selects the bitmap encoding
	// ChannelControls is bmaControls per channel, master first, as raw
	// little-endian bitmaps (UAC1: 1 bit per control; UAC2/3: 2 bits).
	ChannelControls []uint32 `json:"channel_controls" usb:"bmaControls"`
	StringIndex     uint8    `json:"string_index" usb:"iFeature"`
	DescrStr        uint16   `json:"descr_str_id,omitempty" usb:"wFeatureDescrStr"` // UAC3: class-specific string ID
}

func (u *FeatureUnit) EntityID() uint8  { return u.ID }
func (u *FeatureUnit) Sources() []uint8 { return []uint8{u.SourceID} }

// FeatureControl names one feature-unit control, in bit order (UAC1 table
// 4-7 bit n = UAC2 table 4-13 bit pair n).
type FeatureControl uint8

const (
	FCMute FeatureControl = iota
	FCVolume
	FCBass
	FCMid
	FCTreble
	FCGraphicEQ
	FCAGC
	FCDelay
	FCBassBoost
	FCLoudness
	FCInputGain
	FCInputGainPad
	FCPhaseInverter
	FCUnderflow
	FCOverflow
	numFeatureControls
)

var featureControlNames = [...]string{
	"mute", "volume", "bass", "mid", "treble", "graphic-eq", "agc", "delay", "bass-boost",
	"loudness", "input-gain", "input-gain-pad", "phase-inverter", "underflow", "overflow",
}

func (c FeatureControl) String() string {
	if int(c) < len(featureControlNames) {
		return featureControlNames[c]
	}
	return "unknown"
}

// MarshalText makes JSON show "volume".
func (c FeatureControl) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Access reports control c on channel ch (0 = master). UAC1 has no
// read-only encoding: a set bit means the control exists and is settable.
func (u *FeatureUnit) Access(ch int, c FeatureControl) Access {
	if ch < 0 || ch >= len(u.ChannelControls) || c >= numFeatureControls {
		return AccessNone
	}
	return controlAccess(u.Version, u.ChannelControls[ch], c)
}

// controlAccess is the access one channel's bmaControls bits give control
// c (c < numFeatureControls): UAC1 has one bit, set for a settable
// control; UAC2/3 a bit pair (UAC2 4.7.2.8).
func controlAccess(v UACVersion, bits uint32, c FeatureControl) Access {
	if v == UAC1 {
		if bits&(1<<uint(c)) != 0 {
			return AccessReadWrite
		}
		return AccessNone
	}
	return Access(bits >> (2 * uint(c)) & 3)
}

// Channels is the number of logical channels (without master).
func (u *FeatureUnit) Channels() int {
	if len(u.ChannelControls) == 0 {
		return 0
	}
	return len(u.ChannelControls) - 1
}

// ProcessingUnit (UAC1 4.3.2.6, UAC2 4.7.2.11, UAC3 4.5.2.9).
type ProcessingUnit struct {
	Header
	Subtype     uint8          `json:"subtype" usb:"bDescriptorSubtype"`
	ID          uint8          `json:"id" usb:"bUnitID"`
	ProcessType uint16         `json:"process_type" usb:"wProcessType"`
	SourceIDs   IDs            `json:"source_ids" usb:"baSourceID"`
	Cluster     ChannelCluster `json:"cluster"`
	ControlSize uint8          `json:"control_size,omitempty" usb:"bControlSize"` // UAC1: bytes of bmControls
	Controls    uint32         `json:"controls" usb:"bmControls"`
	StringIndex uint8          `json:"string_index" usb:"iProcessing"`
	DescrStr    uint16         `json:"descr_str_id,omitempty" usb:"wProcessingDescrStr"` // UAC3: class-specific string ID
	Specific    HexBytes       `json:"process_specific,omitempty"`                       // process-specific tail, undecoded
}

func (u *ProcessingUnit) EntityID() uint8  { return u.ID }
func (u *ProcessingUnit) Sources() []uint8 { return u.SourceIDs }

// ExtensionUnit (UAC1 4.3.2.7, UAC2 4.7.2.12, UAC3 4.5.2.10).
type ExtensionUnit struct {
	Header
	Subtype       uint8          `json:"subtype" usb:"bDescriptorSubtype"`
	ID            uint8          `json:"id" usb:"bUnitID"`
	ExtensionCode uint16         `json:"extension_code" usb:"wExtensionCode"`
	SourceIDs     IDs            `json:"source_ids" usb:"baSourceID"`
	Cluster       ChannelCluster `json:"cluster"`
	ControlSize   uint8          `json:"control_size,omitempty" usb:"bControlSize"` // UAC1: bytes of bmControls
	Controls      uint32         `json:"controls" usb:"bmControls"`
	StringIndex   uint8          `json:"string_index" usb:"iExtension"`
	ClusterID     uint16         `json:"cluster_descriptor_id,omitempty" usb:"wClusterDescrID"` // UAC3
	DescrStr      uint16         `json:"descr_str_id,omitempty" usb:"wExtensionDescrStr"`       // UAC3: class-specific string ID
}

func (u *ExtensionUnit) EntityID() uint8  { return u.ID }
func (u *ExtensionUnit) Sources() []uint8 { return u.SourceIDs }

// EffectUnit (UAC2 4.7.2.10, UAC3 4.5.2.8). ChannelControls as FeatureUnit.
type EffectUnit struct {
	Header
	Subtype         uint8    `json:"subtype" usb:"bDescriptorSubtype"`
	ID              uint8    `json:"id" usb:"bUnitID"`
	EffectType      uint16   `json:"effect_type" usb:"wEffectType"`
	SourceID        uint8    `json:"source_id" usb:"bSourceID"`
	ChannelControls []uint32 `json:"channel_controls" usb:"bmaControls"`
	StringIndex     uint8    `json:"string_index" usb:"iEffects"`
	DescrStr        uint16   `json:"descr_str_id,omitempty" usb:"wEffectsDescrStr"` // UAC3: class-specific string ID
}

func (u *EffectUnit) EntityID() uint8  { return u.ID }
func (u *EffectUnit) Sources() []uint8 { return []uint8{u.SourceID} }

// SampleRateConverter (UAC2 4.7.2.9, UAC3 4.5.2.11).
type SampleRateConverter struct {
	Header
	Subtype        uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ID             uint8  `json:"id" usb:"bUnitID"`
	SourceID       uint8  `json:"source_id" usb:"bSourceID"`
	ClockSourceIn  uint8  `json:"clock_source_in" usb:"bCSourceInID"`
	ClockSourceOut uint8  `json:"clock_source_out" usb:"bCSourceOutID"`
	StringIndex    uint8  `json:"string_index" usb:"iSRC"`
	DescrStr       uint16 `json:"descr_str_id,omitempty" usb:"wSRCDescrStr"` // UAC3: class-specific string ID
}

func (u *SampleRateConverter) EntityID() uint8      { return u.ID }
func (u *SampleRateConverter) Sources() []uint8     { return []uint8{u.SourceID} }
func (u *SampleRateConverter) ClockSourceID() uint8 { return u.ClockSourceOut }

// ClockSource (UAC2 4.7.2.1, UAC3 4.5.2.12).
type ClockSource struct {
	Header
	Subtype        uint8           `json:"subtype" usb:"bDescriptorSubtype"`
	ID             uint8           `json:"id" usb:"bClockID"`
	Attributes     ClockAttributes `json:"attributes" usb:"bmAttributes"` // UAC2 encoding; see Internal, SyncedToSOF
	Controls       uint32          `json:"controls" usb:"bmControls"`     // UAC2 8 bit, UAC3 32 bit
	AssocTerminal  uint8           `json:"assoc_terminal" usb:"bAssocTerminal"`
	ReferenceClock uint8           `json:"reference_clock,omitempty" usb:"bReferenceTerminal"` // UAC3
	StringIndex    uint8           `json:"string_index" usb:"iClockSource"`
	DescrStr       uint16          `json:"descr_str_id,omitempty" usb:"wClockSourceStr"` // UAC3: class-specific string ID
	Version        UACVersion      `json:"-"`                                            // selects the bmAttributes encoding
}

// Version is set by the parser: UAC3 encodes bmAttributes differently
// (UAC3 4.5.2.12: D0 internal, D1 synchronized to SOF) from UAC2, whose
// encoding ClockAttributes decodes.
func (c *ClockSource) uac3() bool { return c.Version == UAC3 }

// Internal reports an internal clock, in either version's encoding.
func (c *ClockSource) Internal() bool {
	if c.uac3() {
		return c.Attributes&0x01 != 0
	}
	return c.Attributes.Kind() != 0
}

// SyncedToSOF reports a clock synchronized to the USB start of frame, in
// either version's encoding.
func (c *ClockSource) SyncedToSOF() bool {
	if c.uac3() {
		return c.Attributes&0x02 != 0
	}
	return c.Attributes.SyncedToSOF()
}

func (c *ClockSource) EntityID() uint8  { return c.ID }
func (c *ClockSource) Sources() []uint8 { return nil }

// FrequencyAccess is bmControls D1..0; ValidityAccess D3..2.
func (c *ClockSource) FrequencyAccess() Access { return Access(c.Controls & 3) }
func (c *ClockSource) ValidityAccess() Access  { return Access(c.Controls >> 2 & 3) }

// ClockAttributes is a clock source's bmAttributes (UAC2 4.7.2.1).
type ClockAttributes uint8

// ClockKind is bmAttributes D1..0.
type ClockKind uint8

var clockKindNames = [...]string{"external", "internal fixed", "internal variable", "internal programmable"}

func (k ClockKind) String() string { return clockKindNames[k&3] }

func (a ClockAttributes) Kind() ClockKind   { return ClockKind(a & 3) }
func (a ClockAttributes) SyncedToSOF() bool { return a&0x04 != 0 }
func (a ClockAttributes) String() string {
	if a.SyncedToSOF() {
		return a.Kind().String() + ", synchronized to SOF"
	}
	return a.Kind().String()
}

// ClockSelector (UAC2 4.7.2.2, UAC3 4.5.2.13).
type ClockSelector struct {
	Header
	Subtype     uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ID          uint8  `json:"id" usb:"bClockID"`
	ClockIDs    IDs    `json:"clock_ids" usb:"baCSourceID"`
	Controls    uint32 `json:"controls" usb:"bmControls"`
	StringIndex uint8  `json:"string_index" usb:"iClockSelector"`
	DescrStr    uint16 `json:"descr_str_id,omitempty" usb:"wCSelectorDescrStr"` // UAC3: class-specific string ID
}

func (c *ClockSelector) EntityID() uint8  { return c.ID }
func (c *ClockSelector) Sources() []uint8 { return c.ClockIDs }

// ClockMultiplier (UAC2 4.7.2.3, UAC3 4.5.2.14).
type ClockMultiplier struct {
	Header
	Subtype     uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ID          uint8  `json:"id" usb:"bClockID"`
	ClockID     uint8  `json:"clock_id" usb:"bCSourceID"`
	Controls    uint32 `json:"controls" usb:"bmControls"`
	StringIndex uint8  `json:"string_index" usb:"iClockMultiplier"`
	DescrStr    uint16 `json:"descr_str_id,omitempty" usb:"wCMultiplierDescrStr"` // UAC3: class-specific string ID
}

func (c *ClockMultiplier) EntityID() uint8  { return c.ID }
func (c *ClockMultiplier) Sources() []uint8 { return []uint8{c.ClockID} }

// PowerDomain (UAC3 4.5.2.15).
type PowerDomain struct {
	Header
	Subtype       uint8  `json:"subtype" usb:"bDescriptorSubtype"`
	ID            uint8  `json:"id" usb:"bPowerDomainID"`
	RecoveryTime1 uint16 `json:"recovery_time_1" usb:"waRecoveryTime(1)"`
	RecoveryTime2 uint16 `json:"recovery_time_2" usb:"waRecoveryTime(2)"`
	EntityIDs     IDs    `json:"entity_ids" usb:"baEntityID"`
	StringIndex   uint16 `json:"string_index" usb:"wPDomainDescrStr"`
}

func (p *PowerDomain) EntityID() uint8  { return p.ID }
func (p *PowerDomain) Sources() []uint8 { return nil }
