package usbdesc

// Constructors for hand-built audio functions in tests. Offsets are set to
// 100 + ID so warnings can be checked for the right offset.

func hdrFor(kind Kind, id uint8) Header {
	return Header{Kind: kind, Offset: 100 + int(id), Type: TypeCSInterface}
}

func inTerm(id uint8, tt TerminalType, channels uint8) *InputTerminal {
	return &InputTerminal{Header: hdrFor(KindInputTerminal, id), ID: id, TerminalType: tt, Cluster: ChannelCluster{Channels: channels}}
}

func outTerm(id uint8, tt TerminalType, src uint8) *OutputTerminal {
	return &OutputTerminal{Header: hdrFor(KindOutputTerminal, id), ID: id, TerminalType: tt, SourceID: src}
}

// featUnit builds a feature unit; controls are the raw bmaControls per
// channel, master first.
func featUnit(v UACVersion, id, src uint8, controls ...uint32) *FeatureUnit {
	return &FeatureUnit{Header: hdrFor(KindFeatureUnit, id), ID: id, SourceID: src, Version: v, ChannelControls: controls}
}

func mixUnit(id uint8, channels uint8, srcs ...uint8) *MixerUnit {
	return &MixerUnit{Header: hdrFor(KindMixerUnit, id), ID: id, SourceIDs: srcs, Cluster: ChannelCluster{Channels: channels}}
}

func selUnit(id uint8, srcs ...uint8) *SelectorUnit {
	return &SelectorUnit{Header: hdrFor(KindSelectorUnit, id), ID: id, SourceIDs: srcs}
}

func clockSrc(id uint8, attrs ClockAttributes) *ClockSource {
	return &ClockSource{Header: hdrFor(KindClockSource, id), ID: id, Attributes: attrs}
}

func clockSel(id uint8, srcs ...uint8) *ClockSelector {
	return &ClockSelector{Header: hdrFor(KindClockSelector, id), ID: id, ClockIDs: srcs}
}

func clockMul(id, src uint8) *ClockMultiplier {
	return &ClockMultiplier{Header: hdrFor(KindClockMultiplier, id), ID: id, ClockID: src}
}

// stream builds an AS interface linked to terminal link with one alt per
// (channels, bits, rate) triple.
func stream(iface, link uint8, dir Direction, alts ...[3]int) *Stream {
	s := &Stream{Interface: iface, TerminalLink: link, Direction: dir}
	for i, a := range alts {
		s.Alts = append(s.Alts, &StreamAlt{Alternate: uint8(i + 1), Channels: a[0], BitDepth: a[1], SubslotBytes: a[1] / 8,
			SampleRates: []uint32{uint32(a[2])}, FormatNames: []string{"PCM"}})
	}
	return s
}

// UAC1 feature-unit bits (UAC1 table 4-7): D0 mute, D1 volume.
const (
	uac1Mute   = 1 << 0
	uac1Volume = 1 << 1
)

// UAC2 two-bit pairs: mute (bits 1..0), volume (bits 3..2).
const (
	uac2MuteRW   = 0x3
	uac2MuteRO   = 0x1
	uac2VolumeRW = 0x3 << 2
	uac2VolumeRO = 0x1 << 2
)

// uac1Headset is a typical UAC1 USB headset with a sidetone mixer:
// playback 1→2→8→3 (USB → FU → mixer → Headphones), capture 4→5→6
// (Microphone → FU → USB), sidetone 4→7→8→3.
func uac1Headset(out TerminalType) *AudioFunction {
	return &AudioFunction{
		Version: UAC1, ControlInterface: 0,
		Entities: []Entity{
			inTerm(1, TermUSBStreaming, 2),
			featUnit(UAC1, 2, 1, uac1Mute, uac1Volume, uac1Volume),
			outTerm(3, out, 8),
			inTerm(4, TermMicrophone, 1),
			featUnit(UAC1, 5, 4, uac1Mute|uac1Volume, 0),
			outTerm(6, TermUSBStreaming, 5),
			featUnit(UAC1, 7, 4, uac1Mute|uac1Volume, 0),
			mixUnit(8, 2, 2, 7),
		},
		Streams: []*Stream{
			stream(1, 1, Playback, [3]int{2, 16, 48000}),
			stream(2, 6, Capture, [3]int{1, 16, 48000}),
		},
	}
}

// checkedTopology is f's topology after indexing and the source checks,
// the state checkCycles starts from.
func checkedTopology(f *AudioFunction) *topology {
	tp := &topology{f: f}
	tp.index()
	tp.checkSources()
	return tp
}
