package usbdesc

// AudioFunction is one USB audio function: an AudioControl interface, the
// AudioStreaming interfaces it owns, its entities, and what was derived from
// them (topology, classification).
type AudioFunction struct {
	Version          UACVersion `json:"uac_version"`
	ControlInterface uint8      `json:"control_interface"`
	// Association is the IAD grouping this function, if any.
	Association *InterfaceAssociation `json:"-"`
	// BADDProfile is the UAC3 BADD profile (IAD bFunctionSubClass
	// 0x20..0x26), 0 when the function is not BADD.
	BADDProfile BADDProfile `json:"badd_profile,omitempty"`
	Header      *ACHeader   `json:"-"`
	// Entities are the AC entities in descriptor order (for BADD,
	// synthesised from the profile; then Inferred is true).
	Entities []Entity  `json:"-"`
	Inferred bool      `json:"inferred,omitempty"`
	Streams  []*Stream `json:"streams"`

	Paths          []*Path        `json:"paths"`
	Classification Classification `json:"classification"`
	Warnings       []Warning      `json:"warnings,omitempty"`
}

// Entity returns the entity with this ID, or nil.
func (f *AudioFunction) Entity(id uint8) Entity {
	for _, e := range f.Entities {
		if e.EntityID() == id {
			return e
		}
	}
	return nil
}

// Stream is one AudioStreaming interface of a function.
type Stream struct {
	Interface uint8 `json:"interface"`
	// TerminalLink is the terminal this stream connects to (from the
	// first alt setting with an AS general descriptor).
	TerminalLink uint8        `json:"terminal_link"`
	Direction    Direction    `json:"direction"`
	Alts         []*StreamAlt `json:"alt_settings"`
}

// StreamAlt is one operational alternate setting of an AS interface (alt 0,
// zero bandwidth, is left out).
type StreamAlt struct {
	Alternate uint8       `json:"alternate"`
	General   *ASGeneral  `json:"-"`
	Format    *FormatType `json:"-"`
	Endpoint  *Endpoint   `json:"-"`
	// Summary of the format, for people and the classifier.
	Channels     int        `json:"channels"`
	BitDepth     int        `json:"bit_depth"`     // bBitResolution
	SubslotBytes int        `json:"subslot_bytes"` // bSubframeSize / bSubslotSize
	SampleRates  []uint32   `json:"sample_rates,omitempty"`
	RateRange    *RateRange `json:"rate_range,omitempty"`
	FormatNames  []string   `json:"formats,omitempty"`
	MaxPacket    int        `json:"max_packet_bytes"`
}

// Direction of audio relative to the host.
type Direction uint8

const (
	DirectionUnknown Direction = iota
	Playback                   // host to device (OUT endpoint)
	Capture                    // device to host (IN endpoint)
)

var directionNames = [...]string{"unknown", "playback", "capture"}

func (d Direction) String() string {
	if int(d) < len(directionNames) {
		return directionNames[d]
	}
	return "unknown"
}

// MarshalText makes JSON show "playback".
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// BADDProfile is the UAC3 BADD function subclass (UAC3 BADD 3.0).
type BADDProfile uint8

const (
	BADDNone           BADDProfile = 0
	BADDGenericIO      BADDProfile = 0x20
	BADDHeadphone      BADDProfile = 0x21
	BADDSpeaker        BADDProfile = 0x22
	BADDMicrophone     BADDProfile = 0x23
	BADDHeadset        BADDProfile = 0x24
	BADDHeadsetAdapter BADDProfile = 0x25
	BADDSpeakerphone   BADDProfile = 0x26
)

var baddNames = map[BADDProfile]string{
	BADDGenericIO: "generic I/O", BADDHeadphone: "headphone", BADDSpeaker: "speaker",
	BADDMicrophone: "microphone", BADDHeadset: "headset", BADDHeadsetAdapter: "headset adapter",
	BADDSpeakerphone: "speakerphone",
}

func (p BADDProfile) String() string {
	if n, ok := baddNames[p]; ok {
		return n
	}
	return "none"
}

// MarshalText makes JSON show "headset".
func (p BADDProfile) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Path is one signal path through the function: for playback from a USB
// streaming input terminal to an output terminal, for capture from an input
// terminal to a USB streaming output terminal.
type Path struct {
	Direction Direction `json:"direction"`
	// Monitor marks a device-internal path from a non-USB input terminal
	// to a non-USB output terminal (a headset's sidetone, a microphone's
	// direct-monitoring mix): no host stream, Direction is unknown.
	Monitor bool `json:"monitor,omitempty"`
	// From and To are the terminal IDs at the ends; FromType/ToType their
	// terminal types (the non-USB end says what the device is).
	From     uint8        `json:"from_terminal"`
	To       uint8        `json:"to_terminal"`
	FromType TerminalType `json:"from_type"`
	ToType   TerminalType `json:"to_type"`
	// Chain is the entity IDs from source to sink, terminals included.
	Chain IDs `json:"chain"`
	// Channels is the channel count at the device end of the path (from
	// the terminal's cluster, else the stream format).
	Channels int `json:"channels"`
	// Streams are the AS interfaces linked to the USB terminal of the path.
	Streams IDs `json:"stream_interfaces,omitempty"`
	// Controls are the feature-unit controls on the path, per channel.
	Controls []PathControl `json:"controls,omitempty"`
	// Clock is the clock source the USB terminal runs from (UAC2/3),
	// after following selectors and multipliers; 0 when none.
	Clock uint8 `json:"clock_source,omitempty"`
	// ClockSources are all clock sources reachable from the terminal's
	// bCSourceID, every input of a clock selector included; Clock is the
	// first (selector input 1).
	ClockSources IDs `json:"clock_sources,omitempty"`
}

// PathControl is one control of a feature unit on a path.
type PathControl struct {
	Unit    uint8          `json:"unit"`
	Control FeatureControl `json:"control"`
	Channel int            `json:"channel"` // 0 = master
	Access  Access         `json:"access"`
}

// FormFactor is what an audio function is, as the classifier sees it.
type FormFactor string

const (
	FormHeadset        FormFactor = "headset"
	FormHeadphones     FormFactor = "headphones"
	FormSpeaker        FormFactor = "speaker"
	FormMicrophone     FormFactor = "microphone"
	FormSpeakerphone   FormFactor = "speakerphone"
	FormHandset        FormFactor = "handset"
	FormHeadsetAdapter FormFactor = "headset-adapter"
	FormOther          FormFactor = "other"
)

// Classification is a scored verdict with the evidence behind it.
type Classification struct {
	FormFactor FormFactor `json:"form_factor"`
	// Score is the confidence, 0..100.
	Score    int        `json:"score"`
	Evidence []Evidence `json:"evidence"`
	// Monitor is set for a microphone with a headphone monitor output.
	Monitor     bool `json:"monitor_output,omitempty"`
	HasPlayback bool `json:"has_playback"`
	HasCapture  bool `json:"has_capture"`
}

// Evidence is one fact that moved the verdict, with its weight.
type Evidence struct {
	Points int    `json:"points"`
	Reason string `json:"reason"`
	// For is the form factor the points go to.
	For FormFactor `json:"for,omitempty"`
}
