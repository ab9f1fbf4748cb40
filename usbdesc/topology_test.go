package usbdesc

import (
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func warningsContaining(ws []Warning, sub string) []Warning {
	var out []Warning
	for _, w := range ws {
		if strings.Contains(w.Msg, sub) {
			out = append(out, w)
		}
	}
	return out
}

func TestTopologyUAC1HeadsetPaths(t *testing.T) {
	f := uac1Headset(TermHeadphones)
	f.Analyze()
	if len(f.Warnings) != 0 {
		t.Fatalf("warnings: %v", f.Warnings)
	}
	if len(f.Paths) != 3 {
		t.Fatalf("got %d paths, want 3: %+v", len(f.Paths), f.Paths)
	}
	play, capt, mon := f.PlaybackPaths(), f.CapturePaths(), f.MonitorPaths()
	if len(play) != 1 || len(capt) != 1 || len(mon) != 1 {
		t.Fatalf("playback %d capture %d monitor %d, want 1 each", len(play), len(capt), len(mon))
	}
	p := play[0]
	if !reflect.DeepEqual(p.Chain, IDs{1, 2, 8, 3}) || p.From != 1 || p.To != 3 ||
		p.FromType != TermUSBStreaming || p.ToType != TermHeadphones {
		t.Errorf("playback path = %+v", p)
	}
	// The mixer (8) is the entity nearest the headphones that declares channels.
	if p.Channels != 2 {
		t.Errorf("playback channels = %d, want 2", p.Channels)
	}
	if !reflect.DeepEqual(p.Streams, IDs{1}) {
		t.Errorf("playback streams = %v, want [1]", p.Streams)
	}
	wantControls := []PathControl{
		{Unit: 2, Control: FCMute, Channel: 0, Access: AccessReadWrite},
		{Unit: 2, Control: FCVolume, Channel: 1, Access: AccessReadWrite},
		{Unit: 2, Control: FCVolume, Channel: 2, Access: AccessReadWrite},
	}
	if !reflect.DeepEqual(p.Controls, wantControls) {
		t.Errorf("playback controls = %+v\nwant %+v", p.Controls, wantControls)
	}
	if !p.Has(FCMute) || !p.Has(FCVolume) || p.Has(FCBass) {
		t.Errorf("Has: mute %v volume %v bass %v", p.Has(FCMute), p.Has(FCVolume), p.Has(FCBass))
	}
	if got := len(p.ControlsOf(FCVolume)); got != 2 {
		t.Errorf("ControlsOf(volume) = %d entries, want 2", got)
	}
	if p.ChainString() != "1→2→8→3" {
		t.Errorf("ChainString = %q", p.ChainString())
	}
	if p.Clock != 0 || p.ClockSources != nil {
		t.Errorf("UAC1 path has clock %d %v", p.Clock, p.ClockSources)
	}

	c := capt[0]
	if !reflect.DeepEqual(c.Chain, IDs{4, 5, 6}) || c.Channels != 1 || !reflect.DeepEqual(c.Streams, IDs{2}) {
		t.Errorf("capture path = %+v", c)
	}
	if c.DeviceTerminalType() != TermMicrophone {
		t.Errorf("capture device end = %v", c.DeviceTerminalType())
	}
	m := mon[0]
	if !m.Monitor || m.Direction != DirectionUnknown || !reflect.DeepEqual(m.Chain, IDs{4, 7, 8, 3}) || m.Streams != nil {
		t.Errorf("monitor path = %+v", m)
	}
	// Order: playback, capture, then device-internal.
	if f.Paths[0] != p || f.Paths[1] != c || f.Paths[2] != m {
		t.Errorf("path order wrong")
	}
}

func TestTopologyUAC2ReadOnlyAccess(t *testing.T) {
	f := &AudioFunction{Version: UAC2, Entities: []Entity{
		inTerm(1, TermUSBStreaming, 2),
		featUnit(UAC2, 2, 1, uac2MuteRO, uac2VolumeRO, uac2VolumeRW),
		outTerm(3, TermSpeaker, 2),
	}}
	f.Analyze()
	p := f.PlaybackPaths()[0]
	if p.Access(FCMute) != AccessReadOnly {
		t.Errorf("mute access = %v, want read-only", p.Access(FCMute))
	}
	if p.Access(FCVolume) != AccessReadWrite {
		t.Errorf("volume access = %v, want read-write (channel 2 is settable)", p.Access(FCVolume))
	}
	if p.Access(FCTreble) != AccessNone || p.Has(FCTreble) {
		t.Errorf("treble present")
	}
	if p.Channels != 2 {
		t.Errorf("channels = %d, want 2 from the feature unit", p.Channels)
	}
}

func TestTopologyChannelsFallBackToStream(t *testing.T) {
	// A UAC3-style capture path: no cluster on the terminal, master-only
	// feature unit: the stream's format gives the channel count.
	f := &AudioFunction{Version: UAC3,
		Entities: []Entity{inTerm(1, TermMicrophone, 0), featUnit(UAC3, 2, 1, uac2MuteRW), outTerm(3, TermUSBStreaming, 2)},
		Streams:  []*Stream{stream(1, 3, Capture, [3]int{1, 16, 48000}, [3]int{4, 24, 96000})},
	}
	f.Analyze()
	if p := f.CapturePaths()[0]; p.Channels != 4 {
		t.Errorf("channels = %d, want 4 (largest alt)", p.Channels)
	}
}

func TestTopologyClockThroughSelectorAndMultiplier(t *testing.T) {
	usb := inTerm(1, TermUSBStreaming, 2)
	usb.ClockSource = 13
	f := &AudioFunction{Version: UAC2, Entities: []Entity{
		clockSrc(10, 0x01), clockSrc(11, 0x00),
		clockSel(12, 10, 11), clockMul(13, 12),
		usb, outTerm(3, TermHeadphones, 1),
	}}
	f.Analyze()
	if len(f.Warnings) != 0 {
		t.Fatalf("warnings: %v", f.Warnings)
	}
	p := f.PlaybackPaths()[0]
	if p.Clock != 10 || !reflect.DeepEqual(p.ClockSources, IDs{10, 11}) {
		t.Errorf("clock = %d %v, want 10 [10 11]", p.Clock, p.ClockSources)
	}
	if !reflect.DeepEqual(p.Chain, IDs{1, 3}) {
		t.Errorf("chain = %v: clock entities must not join the audio chain", p.Chain)
	}
}

func TestTopologyClockSelectorLoop(t *testing.T) {
	usb := inTerm(1, TermUSBStreaming, 2)
	usb.ClockSource = 12
	f := &AudioFunction{Version: UAC2, Entities: []Entity{
		clockSel(12, 12, 13), clockSel(13, 12), clockMul(14, 14),
		usb, outTerm(3, TermSpeaker, 1),
	}}
	f.Analyze()
	p := f.PlaybackPaths()[0]
	if p.Clock != 0 || len(p.ClockSources) != 0 {
		t.Errorf("clock = %d %v, want none", p.Clock, p.ClockSources)
	}
	if got := warningsContaining(f.Warnings, "is its own source"); len(got) != 2 {
		t.Errorf("self-loop warnings = %v, want 2 (selector 12, multiplier 14)", got)
	}
	cyc := warningsContaining(f.Warnings, "cycle through entities")
	if len(cyc) != 1 || !strings.Contains(cyc[0].Msg, "12→13→12") && !strings.Contains(cyc[0].Msg, "13→12→13") {
		t.Errorf("cycle warnings = %v", cyc)
	}
}

func TestTopologyClockReferenceToNonClock(t *testing.T) {
	usb := inTerm(1, TermUSBStreaming, 2)
	usb.ClockSource = 3
	f := &AudioFunction{Version: UAC2, Entities: []Entity{usb, outTerm(3, TermSpeaker, 1)}}
	f.Analyze()
	w := warningsContaining(f.Warnings, "names clock ID 3, but that is a output terminal")
	if len(w) != 1 || w[0].Offset != 101 {
		t.Errorf("warnings = %v", f.Warnings)
	}
}

func TestTopologySelfLoop(t *testing.T) {
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		inTerm(1, TermUSBStreaming, 2),
		featUnit(UAC1, 5, 5, uac1Mute),
		outTerm(3, TermSpeaker, 5),
	}}
	f.Analyze()
	w := warningsContaining(f.Warnings, "feature unit 5 is its own source")
	if len(w) != 1 || w[0].Offset != 105 {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	if len(f.Paths) != 0 {
		t.Errorf("paths = %+v, want none (the loop feeds nothing)", f.Paths)
	}
	if len(warningsContaining(f.Warnings, "cycle")) != 0 {
		t.Errorf("self-loop reported twice: %v", f.Warnings)
	}
}

func TestTopologyTwoCycle(t *testing.T) {
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		featUnit(UAC1, 5, 6, uac1Mute),
		featUnit(UAC1, 6, 5, uac1Mute),
		outTerm(7, TermSpeaker, 6),
	}}
	f.Analyze()
	w := warningsContaining(f.Warnings, "cycle through entities")
	if len(w) != 1 {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	if !strings.Contains(w[0].Msg, "5→6→5") && !strings.Contains(w[0].Msg, "6→5→6") {
		t.Errorf("cycle message = %q", w[0].Msg)
	}
	if len(f.Paths) != 0 {
		t.Errorf("paths = %+v", f.Paths)
	}
}

func TestTopologyCycleBesideRealPath(t *testing.T) {
	// 1→2→3 works; 2 also takes input from 4, which loops with 5.
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		inTerm(1, TermMicrophone, 1),
		mixUnit(2, 1, 1, 4),
		outTerm(3, TermUSBStreaming, 2),
		selUnit(4, 5), selUnit(5, 4),
	}}
	f.Analyze()
	if len(warningsContaining(f.Warnings, "cycle")) != 1 {
		t.Errorf("warnings = %v", f.Warnings)
	}
	c := f.CapturePaths()
	if len(c) != 1 || !reflect.DeepEqual(c[0].Chain, IDs{1, 2, 3}) {
		t.Errorf("capture = %+v", c)
	}
}

// longChain is IT1 → FU2 → … → FU(n) → OT255 with n = 254: 255 entities.
func longChain(loop bool) *AudioFunction {
	f := &AudioFunction{Version: UAC2}
	f.Entities = append(f.Entities, inTerm(1, TermUSBStreaming, 2))
	for id := 2; id <= 254; id++ {
		src := uint8(id - 1)
		if loop && id == 2 {
			src = 254 // close the chain of units into one big cycle
		}
		f.Entities = append(f.Entities, featUnit(UAC2, uint8(id), src, uac2MuteRW))
	}
	f.Entities = append(f.Entities, outTerm(255, TermHeadphones, 254))
	return f
}

func TestTopologyLongChain(t *testing.T) {
	f := longChain(false)
	f.Analyze()
	if len(f.Warnings) != 0 {
		t.Fatalf("warnings: %v", f.Warnings[:min(3, len(f.Warnings))])
	}
	p := f.PlaybackPaths()
	if len(p) != 1 || len(p[0].Chain) != 255 || p[0].Chain[0] != 1 || p[0].Chain[254] != 255 {
		t.Fatalf("paths = %d, chain len %d", len(p), len(p[0].Chain))
	}
	if len(p[0].Controls) != 253 {
		t.Errorf("controls = %d, want 253 (one mute per unit)", len(p[0].Controls))
	}

	f = longChain(true)
	f.Analyze()
	w := warningsContaining(f.Warnings, "cycle through entities")
	if len(w) != 1 || !strings.HasPrefix(w[0].Msg, "cycle through entities ") {
		t.Fatalf("warnings = %v", f.Warnings)
	}
	if n := strings.Count(w[0].Msg, "→"); n != 253 {
		t.Errorf("cycle has %d hops, want 253", n)
	}
	if len(f.Paths) != 0 {
		t.Errorf("paths through a closed loop: %d", len(f.Paths))
	}
}

func TestTopologyDanglingSource(t *testing.T) {
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		inTerm(1, TermUSBStreaming, 2),
		mixUnit(2, 2, 1, 9),
		outTerm(3, TermSpeaker, 2),
		outTerm(4, TermUSBStreaming, 0),
	}}
	f.Analyze()
	w := warningsContaining(f.Warnings, "names source ID 9, which no entity has")
	if len(w) != 1 || w[0].Offset != 102 {
		t.Errorf("warnings = %v", f.Warnings)
	}
	if len(warningsContaining(f.Warnings, "output terminal 4 names source ID 0")) != 1 {
		t.Errorf("source 0 not reported: %v", f.Warnings)
	}
	if p := f.PlaybackPaths(); len(p) != 1 || !reflect.DeepEqual(p[0].Chain, IDs{1, 2, 3}) {
		t.Errorf("playback = %+v", p)
	}
}

func TestTopologyDuplicateAndZeroIDs(t *testing.T) {
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		inTerm(1, TermUSBStreaming, 2),
		inTerm(1, TermMicrophone, 1),
		inTerm(0, TermMicrophone, 1),
		outTerm(3, TermSpeaker, 1),
	}}
	f.Analyze()
	if len(warningsContaining(f.Warnings, "reuses entity ID 1")) != 1 || len(warningsContaining(f.Warnings, "reserved entity ID 0")) != 1 {
		t.Errorf("warnings = %v", f.Warnings)
	}
	if p := f.PlaybackPaths(); len(p) != 1 || p[0].FromType != TermUSBStreaming {
		t.Errorf("the first entity with ID 1 must win: %+v", f.Paths)
	}
}

func TestTopologySelectorShortestRoute(t *testing.T) {
	// Two routes from 1 to 4: direct through the selector, and via FU 2.
	f := &AudioFunction{Version: UAC1, Entities: []Entity{
		inTerm(1, TermMicrophone, 1),
		featUnit(UAC1, 2, 1, uac1Volume),
		selUnit(3, 2, 1),
		outTerm(4, TermUSBStreaming, 3),
	}}
	f.Analyze()
	if p := f.CapturePaths(); len(p) != 1 || !reflect.DeepEqual(p[0].Chain, IDs{1, 3, 4}) {
		t.Errorf("capture = %+v, want one path 1→3→4", p)
	}
}

func TestDOT(t *testing.T) {
	f := uac1Headset(TermHeadphones)
	usb := f.Entities[0].(*InputTerminal)
	usb.ClockSource = 20
	f.Entities = append(f.Entities, clockSrc(20, 0x01), mixUnit(30, 1, 40))
	f.Analyze()
	dot := f.DOT()
	for _, want := range []string{
		"digraph \"audio function 0\" {",
		`e1 [label="1: Input Terminal\n0x0101 USB Streaming" shape=ellipse];`,
		`e2 [label="2: Feature Unit\nmute, volume" shape=box];`,
		`e20 [label="20: Clock Source\ninternal fixed" shape=box style=dashed];`,
		"e1 -> e2;",
		"e2 -> e8;",
		"e7 -> e8;",
		"e20 -> e1 [style=dashed arrowhead=odot];",
		`e40 [label="40: missing" color=red fontcolor=red style=dotted];`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot)
		}
	}
	if !strings.HasSuffix(dot, "}\n") {
		t.Errorf("DOT not closed")
	}
}

func TestTopologyStreamLinks(t *testing.T) {
	// The Line 6 HELIX shape: the OUT stream links to the microphone input
	// terminal, the IN stream to the speaker output terminal, no USB
	// streaming terminal at all.
	f := &AudioFunction{Version: UAC2,
		Entities: []Entity{inTerm(32, TermMicrophone, 8), outTerm(64, TermSpeaker, 32), featUnit(UAC2, 5, 32)},
		Streams: []*Stream{
			{Interface: 2, TerminalLink: 32, Direction: Playback, Alts: []*StreamAlt{{General: &ASGeneral{Header: Header{Offset: 77}}}}},
			{Interface: 3, TerminalLink: 64, Direction: Capture},
			{Interface: 4, TerminalLink: 9, Direction: Capture},
			{Interface: 5, TerminalLink: 5, Direction: Capture},
			{Interface: 6, TerminalLink: 0, Direction: Capture},
		},
	}
	f.Analyze()
	want := []string{
		"AS interface 2: bTerminalLink 32 is input terminal 0x0201 Microphone, not a USB streaming terminal",
		"AS interface 3: bTerminalLink 64 is output terminal 0x0301 Speaker, not a USB streaming terminal",
		"AS interface 4: bTerminalLink 9 names no entity",
		"AS interface 5: bTerminalLink 5 is a feature unit, not a terminal",
	}
	for _, w := range want {
		if len(warningsContaining(f.Warnings, w)) != 1 {
			t.Errorf("missing warning %q in %v", w, f.Warnings)
		}
	}
	if w := warningsContaining(f.Warnings, "AS interface 2:"); len(w) != 1 || w[0].Offset != 77 {
		t.Errorf("AS interface 2 warnings %v, want one at offset 77", w)
	}
	if len(warningsContaining(f.Warnings, "AS interface 6")) != 0 {
		t.Errorf("a zero link (no AS general seen) is not an error: %v", f.Warnings)
	}
	// Wrong direction on a USB terminal.
	f = simpleFunction(UAC1, TermSpeaker, 2, 0, 0, 0)
	f.Streams[0].Direction = Capture
	f.Analyze()
	if len(warningsContaining(f.Warnings, "AS interface 1: a capture stream links to input terminal 1; it should leave through an output terminal")) != 1 {
		t.Errorf("warnings %v", f.Warnings)
	}
}

func TestPathJSON(t *testing.T) {
	f := uac1Headset(TermHeadphones)
	f.Analyze()
	b, err := json.Marshal(f.PlaybackPaths()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"direction":"playback"`, `"chain":[1,2,8,3]`, `"stream_interfaces":[1]`,
		`{"unit":2,"control":"mute","channel":0,"access":"read-write"}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}

func TestTopologyManyCyclesCapped(t *testing.T) {
	// 40 selector pairs, each a 2-cycle.
	f := &AudioFunction{Version: UAC1}
	for id := uint8(1); id < 80; id += 2 {
		f.Entities = append(f.Entities, selUnit(id, id+1), selUnit(id+1, id))
	}
	f.Analyze()
	if n := len(warningsContaining(f.Warnings, "cycle through entities")); n != maxCycleWarnings {
		t.Errorf("%d cycle warnings, want %d", n, maxCycleWarnings)
	}
	if len(warningsContaining(f.Warnings, "24 more cycles not listed")) != 1 {
		t.Errorf("no summary: %v", f.Warnings[len(f.Warnings)-1])
	}
}

// TestTopologyMayCycle: the quick test that lets checkCycles skip its
// search says no only when there is no cycle, and the search it skips
// would have found none.
func TestTopologyMayCycle(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ents  []Entity
		want  bool // mayCycle's answer
		cycle bool // the graph has a cycle
	}{
		// Every source comes later in descriptor order, but nothing loops.
		{"later sources, no loop", []Entity{
			outTerm(3, TermSpeaker, 2), featUnit(UAC1, 2, 1, uac1Mute), inTerm(1, TermUSBStreaming, 2),
		}, false, false},
		// A self-loop is reported on its own; it is not a cycle here.
		{"self-loop and a later source", []Entity{
			outTerm(3, TermSpeaker, 5), featUnit(UAC1, 5, 5, uac1Mute), inTerm(1, TermUSBStreaming, 2),
		}, false, false},
		{"two-cycle", []Entity{
			featUnit(UAC1, 5, 6, uac1Mute), featUnit(UAC1, 6, 5, uac1Mute), outTerm(7, TermSpeaker, 6),
		}, true, true},
		// The mixer names a later source but is on no loop; the loop is
		// found from selector 4, the other entity with a later source.
		{"cycle beside a later source", []Entity{
			inTerm(1, TermMicrophone, 1), mixUnit(2, 1, 1, 4), outTerm(3, TermUSBStreaming, 2),
			selUnit(4, 5), selUnit(5, 4),
		}, true, true},
		// More entities with a later source than maxCycleRoots: no quick
		// answer, findCycles searches (and finds nothing).
		{"too many later sources", []Entity{
			outTerm(6, TermSpeaker, 5), featUnit(UAC1, 5, 4, uac1Mute), featUnit(UAC1, 4, 3, uac1Mute),
			featUnit(UAC1, 3, 2, uac1Mute), featUnit(UAC1, 2, 1, uac1Mute), inTerm(1, TermUSBStreaming, 2),
		}, true, false},
	} {
		f := &AudioFunction{Version: UAC1, Entities: tc.ents}
		if got := checkedTopology(f).mayCycle(); got != tc.want {
			t.Errorf("%s: mayCycle = %v, want %v", tc.name, got, tc.want)
		}
		f.Analyze()
		if cyc := len(warningsContaining(f.Warnings, "cycle through entities")); (cyc > 0) != tc.cycle {
			t.Errorf("%s: %d cycle warnings: %v", tc.name, cyc, f.Warnings)
		}
	}
}

// TestChainControlsStorage checks chainControls against asking Access
// about every control of every channel, for each amount of room the
// shared storage may have left: a list that fits is written in place
// and the storage advances past it, one that does not gets exact-size
// storage of its own (reserve); either way it is capped at its length
// and the storage beyond the room is left alone.
func TestChainControlsStorage(t *testing.T) {
	f := uac1Headset(TermHeadphones)
	f.Entities = append(f.Entities,
		featUnit(UAC2, 9, 5, uac2MuteRO|uac2VolumeRW, 0, uac2VolumeRO|0x2<<8), // 0x2: an illegal pair is still listed
		featUnit(UAC2, 10, 9))
	chain := []uint8{4, 7, 8, 2, 5, 9, 10, 6}
	var want []PathControl
	for _, id := range chain {
		fu, ok := checkedTopology(f).entity(id).(*FeatureUnit)
		if !ok {
			continue
		}
		for ch := range fu.ChannelControls {
			for c := FeatureControl(0); c < numFeatureControls; c++ {
				if a := fu.Access(ch, c); a != AccessNone {
					want = append(want, PathControl{Unit: id, Control: c, Channel: ch, Access: a})
				}
			}
		}
	}
	if len(want) != 11 {
		t.Fatalf("the reference lists %d controls, want 11: %+v", len(want), want)
	}
	sentinel := PathControl{Unit: 0xee}
	for room := 0; room <= len(want)+1; room++ {
		const used = 2
		backing := make([]PathControl, used+room+2)
		for i := range backing {
			backing[i] = sentinel
		}
		tp := checkedTopology(f)
		tp.store = &analysisStore{controls: backing[: used : used+room]}
		got := tp.chainControls(chain)
		if !reflect.DeepEqual(got, want) || cap(got) != len(got) {
			t.Errorf("room %d: got %+v (cap %d)\nwant %+v", room, got, cap(got), want)
		}
		inPlace := &got[0] == &backing[used]
		switch {
		case room >= len(want) && (!inPlace || len(tp.store.controls) != used+len(want)):
			t.Errorf("room %d: not written in place, or the storage is at %d", room, len(tp.store.controls))
		case room < len(want) && (inPlace || len(tp.store.controls) != len(want) || cap(tp.store.controls) != 16):
			t.Errorf("room %d: want a fresh block of 16 holding the list, got len %d cap %d", room, len(tp.store.controls), cap(tp.store.controls))
		}
		for i, pc := range backing[used+room:] {
			if pc != sentinel {
				t.Errorf("room %d: storage past the room overwritten at %d: %+v", room, used+room+i, pc)
			}
		}
		for i, pc := range backing[used : used+room] {
			if i >= len(want) && pc != sentinel {
				t.Errorf("room %d: room past the list overwritten at %d: %+v", room, used+i, pc)
			}
		}
	}
	tp := checkedTopology(f)
	tp.store = &analysisStore{}
	if got := tp.chainControls([]uint8{1, 10, 3, 200}); got != nil {
		t.Errorf("a chain without controls lists %+v", got)
	}
}

// TestIDLists checks the one-ID source lists sources hands out: each
// holds its own ID and has no room to append into its neighbour.
func TestIDLists(t *testing.T) {
	for i := range idLists {
		if l := idLists[i][:]; len(l) != 1 || cap(l) != 1 || int(l[0]) != i {
			t.Fatalf("idLists[%d] = %v (cap %d)", i, l, cap(l))
		}
	}
	tp := checkedTopology(uac1Headset(TermHeadphones))
	for id, want := range map[uint8][]uint8{3: {8}, 8: {2, 7}, 1: nil, 200: nil} {
		if got := tp.sources(id); !slices.Equal(got, want) {
			t.Errorf("sources(%d) = %v, want %v", id, got, want)
		}
	}
}

// TestSortPaths checks sortPaths against a stable sort by the order the
// paths are listed in (host paths first, then input and output terminal
// ID), on shuffled lists of distinct terminal pairs.
func TestSortPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		var ps []*Path
		pairs := map[[2]uint8]bool{}
		for len(ps) < n {
			p := &Path{Direction: Direction(r.IntN(3)), From: uint8(r.IntN(6)), To: uint8(r.IntN(256))}
			if n > 20 {
				p.From = uint8(r.IntN(256))
			}
			if pairs[[2]uint8{p.From, p.To}] {
				continue
			}
			pairs[[2]uint8{p.From, p.To}] = true
			p.Monitor = p.Direction == DirectionUnknown
			ps = append(ps, p)
		}
		want := slices.Clone(ps)
		slices.SortStableFunc(want, func(a, b *Path) int {
			return cmp.Or(cmp.Compare(pathOrder(a), pathOrder(b)), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
		})
		sortPaths(ps)
		if !slices.Equal(ps, want) {
			t.Fatalf("%d paths: sortPaths order differs from the sort by key", n)
		}
	}
}
