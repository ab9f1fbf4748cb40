package usbdesc

import (
	"reflect"
	"strings"
	"testing"
)

// baddStream is an AS interface as the parser builds it for BADD: no
// class-specific descriptors, only endpoints with their wMaxPacketSize.
func baddStream(iface uint8, in bool, sizes ...uint16) *Stream {
	s := &Stream{Interface: iface}
	addr := EndpointAddress(iface)
	if in {
		addr |= 0x80
	}
	for i, size := range sizes {
		ep := &Endpoint{Header: Header{Kind: KindEndpoint, Offset: 500 + 10*int(iface) + i}, Address: addr,
			Attributes: 0x05, MaxPacketSize: size}
		s.Alts = append(s.Alts, &StreamAlt{Alternate: uint8(i + 1), Endpoint: ep, MaxPacket: int(size)})
	}
	return s
}

func baddFunction(p BADDProfile, streams ...*Stream) *AudioFunction {
	return &AudioFunction{Version: UAC3, ControlInterface: 0, BADDProfile: p,
		Association: &InterfaceAssociation{Header: Header{Kind: KindIAD, Offset: 18}},
		Streams:     streams}
}

func TestBADDFormats(t *testing.T) {
	cases := []struct {
		size     uint16
		ch, bits int
		async    bool
		subslot  int
	}{
		{0x60, 1, 16, false, 2}, {0x62, 1, 16, true, 2},
		{0x90, 1, 24, false, 3}, {0x93, 1, 24, true, 3},
		{0xc0, 2, 16, false, 2}, {0xc4, 2, 16, true, 2},
		{0x120, 2, 24, false, 3}, {0x126, 2, 24, true, 3},
	}
	for _, c := range cases {
		got, ok := BADDFormatOf(c.size)
		if !ok || got != (BADDFormat{c.ch, c.bits, c.async}) {
			t.Errorf("BADDFormatOf(0x%x) = %+v %v", c.size, got, ok)
		}
		// And through the inference, on a microphone (any channel count).
		f := baddFunction(BADDMicrophone, baddStream(1, true, c.size))
		f.Analyze()
		a := f.Streams[0].Alts[0]
		if a.Channels != c.ch || a.BitDepth != c.bits || a.SubslotBytes != c.subslot ||
			!reflect.DeepEqual(a.SampleRates, []uint32{48000}) || !reflect.DeepEqual(a.FormatNames, []string{"PCM"}) {
			t.Errorf("0x%x: alt = %+v", c.size, a)
		}
		if len(f.Warnings) != 0 {
			t.Errorf("0x%x: warnings %v", c.size, f.Warnings)
		}
		if p := f.CapturePaths(); len(p) != 1 || p[0].Channels != c.ch {
			t.Errorf("0x%x: capture paths %+v", c.size, p)
		}
	}
	for _, bad := range []uint16{0, 0x61, 0x100, 0x0860} {
		if _, ok := BADDFormatOf(bad); ok {
			t.Errorf("BADDFormatOf(0x%x) accepted", bad)
		}
	}
}

func TestBADDUnexpectedPacketSize(t *testing.T) {
	f := baddFunction(BADDSpeaker, baddStream(1, false, 0xc0, 0x100))
	f.Analyze()
	w := warningsContaining(f.Warnings, "wMaxPacketSize 0x0100 is none of the BADD sizes")
	if len(w) != 1 || w[0].Offset != 511 {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	if !strings.HasPrefix(w[0].Msg, "BADD speaker: interface 1 alt 2:") {
		t.Errorf("message = %q", w[0].Msg)
	}
	if a := f.Streams[0].Alts[1]; a.Channels != 0 {
		t.Errorf("unknown size decoded as %d channels", a.Channels)
	}
	if p := f.PlaybackPaths(); len(p) != 1 || p[0].Channels != 2 {
		t.Errorf("alt 1 still gives the layout: %+v", p)
	}
}

func TestBADDHeadsetLayout(t *testing.T) {
	f := baddFunction(BADDHeadset, baddStream(1, false, 0xc0, 0x120), baddStream(2, true, 0x60, 0x90))
	f.Analyze()
	if len(f.Warnings) != 0 {
		t.Fatalf("warnings: %v", f.Warnings)
	}
	if !f.Inferred || len(f.Entities) != 9 {
		t.Fatalf("inferred %v, %d entities", f.Inferred, len(f.Entities))
	}
	ids := map[uint8]string{}
	for _, e := range f.Entities {
		ids[e.EntityID()] = entityName(e)
		if e.Head().Offset != 18 {
			t.Errorf("entity %d offset %d, want the IAD's 18", e.EntityID(), e.Head().Offset)
		}
	}
	want := map[uint8]string{1: "input terminal", 2: "feature unit", 3: "output terminal", 4: "input terminal",
		5: "feature unit", 6: "output terminal", 7: "feature unit", 8: "mixer unit", 9: "clock source"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("entities = %v", ids)
	}
	if f.Streams[0].TerminalLink != 1 || f.Streams[1].TerminalLink != 6 {
		t.Errorf("terminal links %d %d, want 1 6", f.Streams[0].TerminalLink, f.Streams[1].TerminalLink)
	}
	play, capt, mon := f.PlaybackPaths(), f.CapturePaths(), f.MonitorPaths()
	if len(play) != 1 || !reflect.DeepEqual(play[0].Chain, IDs{1, 2, 8, 3}) || play[0].Channels != 2 ||
		play[0].ToType != TermHeadset || play[0].Clock != 9 || !reflect.DeepEqual(play[0].Streams, IDs{1}) {
		t.Errorf("playback = %+v", play)
	}
	if len(capt) != 1 || !reflect.DeepEqual(capt[0].Chain, IDs{4, 5, 6}) || capt[0].Channels != 1 ||
		capt[0].FromType != TermHeadset || capt[0].Clock != 9 {
		t.Errorf("capture = %+v", capt)
	}
	if len(mon) != 1 || !reflect.DeepEqual(mon[0].Chain, IDs{4, 7, 8, 3}) {
		t.Errorf("sidetone = %+v", mon)
	}
	// Kernel BADD controls: mute on the master channel, volume per channel.
	wantPlay := []PathControl{
		{Unit: 2, Control: FCMute, Channel: 0, Access: AccessReadWrite},
		{Unit: 2, Control: FCVolume, Channel: 1, Access: AccessReadWrite},
		{Unit: 2, Control: FCVolume, Channel: 2, Access: AccessReadWrite},
	}
	if !reflect.DeepEqual(play[0].Controls, wantPlay) {
		t.Errorf("playback controls = %+v", play[0].Controls)
	}
	if c := f.Classification; c.FormFactor != FormHeadset || c.Score != 90 || len(c.Evidence) != 1 {
		t.Errorf("classification = %+v", c)
	}
}

func TestBADDEveryProfile(t *testing.T) {
	cases := []struct {
		profile          BADDProfile
		streams          []*Stream
		form             FormFactor
		playback, captur int
		monitor          int
		out, in          TerminalType
	}{
		{BADDGenericIO, []*Stream{baddStream(1, false, 0xc4), baddStream(2, true, 0xc4)}, FormOther, 1, 1, 0, TermOutputUndefined, TermInputUndefined},
		{BADDHeadphone, []*Stream{baddStream(1, false, 0xc0, 0x60)}, FormHeadphones, 1, 0, 0, TermHeadphones, 0},
		{BADDSpeaker, []*Stream{baddStream(1, false, 0x62)}, FormSpeaker, 1, 0, 0, TermSpeaker, 0},
		{BADDMicrophone, []*Stream{baddStream(1, true, 0x126)}, FormMicrophone, 0, 1, 0, 0, TermMicrophone},
		{BADDHeadset, []*Stream{baddStream(1, false, 0x60), baddStream(2, true, 0x62)}, FormHeadset, 1, 1, 1, TermHeadset, TermHeadset},
		{BADDHeadsetAdapter, []*Stream{baddStream(1, false, 0x120), baddStream(2, true, 0x93)}, FormHeadsetAdapter, 1, 1, 1, TermHeadset, TermHeadset},
		{BADDSpeakerphone, []*Stream{baddStream(1, false, 0x60), baddStream(2, true, 0x60)}, FormSpeakerphone, 1, 1, 0, TermSpeakerphone, TermSpeakerphone},
	}
	for _, c := range cases {
		t.Run(c.profile.String(), func(t *testing.T) {
			f := baddFunction(c.profile, c.streams...)
			f.Analyze()
			if len(f.Warnings) != 0 {
				t.Errorf("warnings: %v", f.Warnings)
			}
			play, capt, mon := f.PlaybackPaths(), f.CapturePaths(), f.MonitorPaths()
			if len(play) != c.playback || len(capt) != c.captur || len(mon) != c.monitor {
				t.Fatalf("paths: %d playback %d capture %d monitor", len(play), len(capt), len(mon))
			}
			if len(play) == 1 && play[0].ToType != c.out {
				t.Errorf("output type %v, want %v", play[0].ToType, c.out)
			}
			if len(capt) == 1 && capt[0].FromType != c.in {
				t.Errorf("input type %v, want %v", capt[0].FromType, c.in)
			}
			if f.Classification.FormFactor != c.form {
				t.Errorf("form factor %s, want %s; evidence %+v", f.Classification.FormFactor, c.form, f.Classification.Evidence)
			}
		})
	}
}

func TestBADDProfileMismatches(t *testing.T) {
	cases := []struct {
		name    string
		f       *AudioFunction
		warning string
	}{
		{"headset with stereo mic", baddFunction(BADDHeadset, baddStream(1, false, 0xc0), baddStream(2, true, 0xc0)),
			"capture interface 2 carries 2 channel(s); the profile expects 1"},
		{"headphone with capture", baddFunction(BADDHeadphone, baddStream(1, false, 0xc0), baddStream(2, true, 0x60)),
			"the profile has no capture, yet interface 2 streams it"},
		{"headset without capture", baddFunction(BADDHeadset, baddStream(1, false, 0xc0)),
			"the profile needs a capture interface; there is none"},
		{"two playback interfaces", baddFunction(BADDSpeaker, baddStream(1, false, 0xc0), baddStream(2, false, 0xc0)),
			"a second playback interface (2)"},
		{"generic I/O without streams", baddFunction(BADDGenericIO), "no streaming interface in either direction"},
	}
	for _, c := range cases {
		c.f.Analyze()
		if len(warningsContaining(c.f.Warnings, c.warning)) != 1 {
			t.Errorf("%s: warnings %v, want %q", c.name, c.f.Warnings, c.warning)
		}
	}
}

func TestBADDLeavesDescribedFunctionsAlone(t *testing.T) {
	f := uac1Headset(TermHeadphones)
	f.Version, f.BADDProfile = UAC3, BADDSpeaker
	before := len(f.Entities)
	f.Analyze()
	if f.Inferred || len(f.Entities) != before {
		t.Errorf("inference ran on a function with entities")
	}
	f = &AudioFunction{Version: UAC3, Streams: []*Stream{baddStream(1, false, 0xc0)}}
	f.Analyze()
	if f.Inferred || f.Streams[0].Alts[0].Channels != 0 {
		t.Errorf("inference ran on a non-BADD function")
	}
}
