package usbdesc

import "fmt"

// UAC3 Basic Audio Device Definition (BADD 3.0). A BADD function (IAD
// bFunctionSubClass 0x20..0x26) carries no class-specific AudioControl
// descriptors: the profile implies a fixed topology with fixed entity IDs
// (BADD 3.0 section 4, the same IDs as Linux include/linux/usb/audio-v3.h
// UAC3_BADD_*), and each AS alternate setting's format follows from its
// endpoint's wMaxPacketSize alone (48 kHz PCM; BADD 3.0 section 5).
// inferBADD synthesises those entities, marked Inferred, so the topology and
// the classifier treat a BADD function like any other.

// Fixed BADD entity IDs.
const (
	baddUSBInputTerminal   uint8  = 1 // IT1: USB streaming, host playback
	baddPlaybackFeature    uint8  = 2 // FU2: playback mute + volume
	baddDeviceOutput       uint8  = 3 // OT3: headphones, speaker, headset...
	baddDeviceInput        uint8  = 4 // IT4: microphone, headset...
	baddCaptureFeature     uint8  = 5 // FU5: capture mute + volume
	baddUSBOutputTerminal  uint8  = 6 // OT6: USB streaming, host capture
	baddSidetoneFeature    uint8  = 7 // FU7: sidetone mute + volume (mono)
	baddSidetoneMixer      uint8  = 8 // MU8: playback + sidetone into OT3
	baddClockSourceID      uint8  = 9 // CS9: the single 48 kHz clock
	baddSampleRate         uint32 = 48000
	baddChannelsAny               = -1 // profile allows mono or stereo
	baddControlMuteRW             = 0x3 << (2 * uint(FCMute))
	baddControlVolumeRW           = 0x3 << (2 * uint(FCVolume))
	baddClockInternalFixed        = 0x01
)

// BADDFormat is what a BADD endpoint's wMaxPacketSize implies.
type BADDFormat struct {
	Channels     int
	BitDepth     int
	Asynchronous bool // one extra sample slot per packet for async feedback
}

// baddFormats: 48 samples per 1 ms frame (49 when asynchronous) times the
// channel count times 2 or 3 bytes per sample.
var baddFormats = map[uint16]BADDFormat{
	0x0060: {1, 16, false}, 0x0062: {1, 16, true},
	0x0090: {1, 24, false}, 0x0093: {1, 24, true},
	0x00c0: {2, 16, false}, 0x00c4: {2, 16, true},
	0x0120: {2, 24, false}, 0x0126: {2, 24, true},
}

// BADDFormatOf decodes a BADD AS endpoint's wMaxPacketSize; ok is false for
// a size the BADD spec does not define.
func BADDFormatOf(maxPacketSize uint16) (f BADDFormat, ok bool) {
	f, ok = baddFormats[maxPacketSize]
	return f, ok
}

// baddLayout is what one profile implies: the device-end terminal types and
// the channel counts allowed per direction (0: direction absent).
type baddLayout struct {
	output, input     TerminalType
	playback, capture int
	sidetone          bool
}

// baddLayouts follows the profile table of Linux sound/usb/mixer.c
// (uac3_badd_profiles) for channels and sidetone, and BADD 3.0 for terminal
// types. Generic I/O names no particular transducer, so its terminals are
// the "undefined" input and output types.
var baddLayouts = map[BADDProfile]baddLayout{
	BADDGenericIO:      {TermOutputUndefined, TermInputUndefined, baddChannelsAny, baddChannelsAny, false},
	BADDHeadphone:      {TermHeadphones, 0, 2, 0, false},
	BADDSpeaker:        {TermSpeaker, 0, baddChannelsAny, 0, false},
	BADDMicrophone:     {0, TermMicrophone, 0, baddChannelsAny, false},
	BADDHeadset:        {TermHeadset, TermHeadset, baddChannelsAny, 1, true},
	BADDHeadsetAdapter: {TermHeadset, TermHeadset, 2, 1, true},
	BADDSpeakerphone:   {TermSpeakerphone, TermSpeakerphone, 1, 1, false},
}

// baddEntities is the storage of one BADD function's implied entities, in
// one allocation: a BADD stream carries 1 or 2 channels (baddFormats), so
// each feature unit has at most 3 bmaControls entries.
type baddEntities struct {
	clock                   ClockSource
	usbIn, devIn            InputTerminal
	play, capture, sidetone FeatureUnit
	mixer                   MixerUnit
	devOut, usbOut          OutputTerminal
	mixerSources            [2]uint8
	controls                [3 + 3 + 2]uint32
	nControls               int
	ents                    [9]Entity
	rate                    [1]uint32 // the sample rate list of every alternate setting
}

// inferBADD fills a BADD function's stream formats and synthesises its
// entities. It does nothing for a non-BADD function or one that did carry
// class-specific AC descriptors. Problems come back as warnings.
func inferBADD(f *AudioFunction) []Warning {
	if f.BADDProfile == 0 || len(f.Entities) > 0 {
		return nil // not BADD (the common case: no map lookup), or not inferred
	}
	layout, ok := baddLayouts[f.BADDProfile]
	if !ok {
		return nil
	}
	// Every implied entity and list lives in one allocation.
	m := new(baddEntities)
	m.rate[0] = baddSampleRate
	var warns []Warning
	warn := func(off int, format string, args ...any) {
		warns = append(warns, Warning{Offset: off, Msg: "BADD " + f.BADDProfile.String() + ": " + fmt.Sprintf(format, args...)})
	}
	base := 0
	if f.Association != nil {
		base = f.Association.Offset
	}
	playCh, capCh := 0, 0
	var playStream, capStream *Stream
	for _, s := range f.Streams {
		if s == nil {
			continue
		}
		first := 0 // channels of the first operational alt: the kernel's choice
		for _, a := range s.Alts {
			if a == nil || a.Endpoint == nil {
				continue
			}
			ep := a.Endpoint
			if s.Direction == DirectionUnknown {
				s.Direction = Playback
				if ep.Address.In() {
					s.Direction = Capture
				}
			}
			bf, ok := baddFormats[ep.MaxPacketSize]
			if !ok {
				warn(ep.Offset, "interface %d alt %d: wMaxPacketSize 0x%04x is none of the BADD sizes (0x60/0x62, 0x90/0x93, 0xc0/0xc4, 0x120/0x126)",
					s.Interface, a.Alternate, ep.MaxPacketSize)
				continue
			}
			a.Channels, a.BitDepth, a.SubslotBytes = bf.Channels, bf.BitDepth, bf.BitDepth/8
			// Every BADD alternate setting runs at the one rate: the
			// function's alternate settings share one list (cap 1, so an
			// append copies).
			a.SampleRates = m.rate[:]
			a.FormatNames = sharedPCM[:1:1]
			if first == 0 {
				first = bf.Channels
			}
		}
		switch s.Direction {
		case Playback:
			if playStream != nil {
				warn(base, "a second playback interface (%d); BADD has one per direction", s.Interface)
				continue
			}
			playStream, playCh = s, first
			s.TerminalLink = baddUSBInputTerminal
		case Capture:
			if capStream != nil {
				warn(base, "a second capture interface (%d); BADD has one per direction", s.Interface)
				continue
			}
			capStream, capCh = s, first
			s.TerminalLink = baddUSBOutputTerminal
		}
	}
	checkChannels := func(dir string, want, got int, s *Stream) {
		switch {
		case want == 0 && s != nil:
			warn(base, "the profile has no %s, yet interface %d streams it", dir, s.Interface)
		case want != 0 && s == nil && f.BADDProfile != BADDGenericIO:
			warn(base, "the profile needs a %s interface; there is none", dir)
		case want > 0 && s != nil && got != 0 && got != want:
			warn(base, "%s interface %d carries %d channel(s); the profile expects %d", dir, s.Interface, got, want)
		}
	}
	checkChannels("playback", layout.playback, playCh, playStream)
	checkChannels("capture", layout.capture, capCh, capStream)
	if f.BADDProfile == BADDGenericIO && playStream == nil && capStream == nil {
		warn(base, "no streaming interface in either direction")
	}

	hdr := func(kind Kind) Header { return Header{Kind: kind, Offset: base, Type: TypeCSInterface} }
	featureUnit := func(fu *FeatureUnit, id, src uint8, channels int) *FeatureUnit {
		*fu = FeatureUnit{Header: hdr(KindFeatureUnit), ID: id, SourceID: src, Version: UAC3}
		fu.ChannelControls = m.controls[m.nControls : m.nControls+channels+1 : m.nControls+channels+1]
		m.nControls += channels + 1
		fu.ChannelControls[0] = baddControlMuteRW
		for ch := 1; ch <= channels; ch++ {
			fu.ChannelControls[ch] = baddControlVolumeRW
		}
		return fu
	}
	ents := m.ents[:0]
	m.clock = ClockSource{Header: hdr(KindClockSource), ID: baddClockSourceID, Attributes: baddClockInternalFixed}
	ents = append(ents, &m.clock)
	sidetone := layout.sidetone && playStream != nil && capStream != nil
	if playStream != nil {
		outType := layout.output
		if outType == 0 {
			outType = TermOutputUndefined
		}
		ch := min(max(playCh, 1), 2)
		m.usbIn = InputTerminal{Header: hdr(KindInputTerminal), ID: baddUSBInputTerminal, TerminalType: TermUSBStreaming,
			ClockSource: baddClockSourceID, Cluster: ChannelCluster{Channels: uint8(ch)}}
		ents = append(ents, &m.usbIn, featureUnit(&m.play, baddPlaybackFeature, baddUSBInputTerminal, ch))
		src := baddPlaybackFeature
		if sidetone {
			src = baddSidetoneMixer
			m.mixerSources = [2]uint8{baddPlaybackFeature, baddSidetoneFeature}
			m.mixer = MixerUnit{Header: hdr(KindMixerUnit), ID: baddSidetoneMixer,
				SourceIDs: m.mixerSources[:], Cluster: ChannelCluster{Channels: uint8(ch)}}
			ents = append(ents, &m.mixer)
		}
		m.devOut = OutputTerminal{Header: hdr(KindOutputTerminal), ID: baddDeviceOutput, TerminalType: outType,
			SourceID: src, ClockSource: baddClockSourceID}
		ents = append(ents, &m.devOut)
	}
	if capStream != nil {
		inType := layout.input
		if inType == 0 {
			inType = TermInputUndefined
		}
		ch := min(max(capCh, 1), 2)
		m.devIn = InputTerminal{Header: hdr(KindInputTerminal), ID: baddDeviceInput, TerminalType: inType,
			ClockSource: baddClockSourceID, Cluster: ChannelCluster{Channels: uint8(ch)}}
		m.usbOut = OutputTerminal{Header: hdr(KindOutputTerminal), ID: baddUSBOutputTerminal, TerminalType: TermUSBStreaming,
			SourceID: baddCaptureFeature, ClockSource: baddClockSourceID}
		ents = append(ents, &m.devIn, featureUnit(&m.capture, baddCaptureFeature, baddDeviceInput, ch), &m.usbOut)
		if sidetone {
			ents = append(ents, featureUnit(&m.sidetone, baddSidetoneFeature, baddDeviceInput, 1))
		}
	}
	f.Entities = ents
	f.Inferred = true
	if f.Version == UACUnknown {
		f.Version = UAC3
	}
	return warns
}
