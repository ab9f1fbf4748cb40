package usbdesc

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// simpleFunction builds playback USB IT 1 → FU 2 → OT 3 (out) when out != 0
// and capture IT 4 (in) → FU 5 → USB OT 6 when in != 0, with streams of
// the given channel counts and capture rate.
func simpleFunction(v UACVersion, out TerminalType, playCh int, in TerminalType, capCh int, capRate int) *AudioFunction {
	f := &AudioFunction{Version: v}
	if out != 0 {
		f.Entities = append(f.Entities, inTerm(1, TermUSBStreaming, uint8(playCh)),
			featUnit(v, 2, 1, uac1Mute), outTerm(3, out, 2))
		f.Streams = append(f.Streams, stream(1, 1, Playback, [3]int{playCh, 16, 48000}))
	}
	if in != 0 {
		f.Entities = append(f.Entities, inTerm(4, in, uint8(capCh)),
			featUnit(v, 5, 4, uac1Mute), outTerm(6, TermUSBStreaming, 5))
		f.Streams = append(f.Streams, stream(2, 6, Capture, [3]int{capCh, 16, capRate}))
	}
	return f
}

func hasEvidence(c Classification, form FormFactor, sub string) bool {
	for _, e := range c.Evidence {
		if e.For == form && strings.Contains(e.Reason, sub) {
			return true
		}
	}
	return false
}

func TestClassifyFormFactors(t *testing.T) {
	cases := []struct {
		name     string
		f        *AudioFunction
		form     FormFactor
		score    int
		evidence string // expected in the winner's evidence
	}{
		{"headset terminal type", simpleFunction(UAC1, TermHeadset, 2, TermHeadset, 1, 48000), FormHeadset, 90,
			"output terminal 3 is 0x0402 Headset (playback path 1→2→3)"},
		{"handset", simpleFunction(UAC1, TermHandset, 1, TermHandset, 1, 16000), FormHandset, 90,
			"output terminal 3 is 0x0401 Handset"},
		{"echo-canceling speakerphone", simpleFunction(UAC1, TermEchoCancelingSP, 1, TermEchoCancelingSP, 1, 16000), FormSpeakerphone, 90,
			"0x0405 Echo-canceling speakerphone"},
		{"headphones + mic", simpleFunction(UAC1, TermHeadphones, 2, TermMicrophone, 1, 48000), FormHeadset, 55,
			"headphones plus microphone"},
		{"cheap headset: speaker + mono mic", simpleFunction(UAC1, TermSpeaker, 2, TermMicrophone, 1, 48000), FormHeadset, 45,
			"generic speaker with a microphone, how most basic USB headsets"},
		{"headphones only", simpleFunction(UAC2, TermHeadphones, 2, 0, 0, 0), FormHeadphones, 60,
			"output terminal 3 is 0x0302 Headphones (playback path 1→2→3); no capture path"},
		{"speaker only", simpleFunction(UAC1, TermSpeaker, 2, 0, 0, 0), FormSpeaker, 60, "0x0301 Speaker"},
		{"webcam mic", simpleFunction(UAC1, 0, 0, TermMicrophone, 1, 16000), FormMicrophone, 60,
			"input terminal 4 is 0x0201 Microphone (capture path 4→5→6); no playback path"},
		{"line in and out", simpleFunction(UAC2, TermLineConnector, 2, TermLineConnector, 2, 96000), FormOther, 50,
			"line or undefined terminals on the device side"},
		{"undefined output only", simpleFunction(UAC1, TermOutputUndefined, 2, 0, 0, 0), FormOther, 40,
			"a line or undefined output"},
		{"7.1 sound card", simpleFunction(UAC1, TermSpeaker, 8, TermMicrophone, 1, 48000), FormOther, 35,
			"8-channel playback"},
		{"conference speaker", simpleFunction(UAC1, TermCommSpeaker, 1, TermMicrophone, 1, 16000), FormSpeakerphone, 40,
			"a conference speaker plus microphone"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.f.Analyze()
			got := c.f.Classification
			if got.FormFactor != c.form || got.Score != c.score {
				t.Errorf("got %s %d, want %s %d; evidence:", got.FormFactor, got.Score, c.form, c.score)
				for _, e := range got.Evidence {
					t.Logf("  %+d %s: %s", e.Points, e.For, e.Reason)
				}
			}
			if !hasEvidence(got, c.form, c.evidence) {
				t.Errorf("no %s evidence containing %q: %+v", c.form, c.evidence, got.Evidence)
			}
			if got.Monitor {
				t.Errorf("Monitor set")
			}
		})
	}
}

func TestClassifyHeadsetWithSidetone(t *testing.T) {
	f := uac1Headset(TermSpeaker)
	f.Analyze()
	c := f.Classification
	// speaker+mono mic 35, mono/stereo shape 10, sidetone 5
	if c.FormFactor != FormHeadset || c.Score != 50 || c.Monitor || !c.HasPlayback || !c.HasCapture {
		t.Errorf("classification = %+v", c)
	}
	if !hasEvidence(c, FormHeadset, "input terminal 4 (Microphone) is mixed into output terminal 3 (Speaker) on path 4→7→8→3: sidetone") {
		t.Errorf("no sidetone evidence: %+v", c.Evidence)
	}
}

// studioMic is the pattern of a USB studio microphone (Blue Yeti Pro
// style): a stereo capsule captured at up to 192 kHz, and a headphone
// output fed by a mixer that takes both the host's playback and the
// microphone (direct monitoring). Its output terminal says "Speaker".
func studioMic(maxRate int) *AudioFunction {
	return &AudioFunction{Version: UAC1,
		Entities: []Entity{
			inTerm(1, TermUSBStreaming, 2),
			featUnit(UAC1, 2, 1, uac1Mute|uac1Volume),
			mixUnit(3, 2, 2, 5),
			outTerm(4, TermSpeaker, 3),
			inTerm(5, TermMicrophone, 2),
			featUnit(UAC1, 6, 5, uac1Mute|uac1Volume),
			outTerm(7, TermUSBStreaming, 6),
		},
		Streams: []*Stream{
			stream(1, 1, Playback, [3]int{2, 16, 48000}),
			stream(2, 7, Capture, [3]int{2, 16, 48000}, [3]int{2, 24, maxRate}),
		},
	}
}

func TestClassifyMicrophoneWithMonitor(t *testing.T) {
	f := studioMic(192000)
	f.Analyze()
	c := f.Classification
	if c.FormFactor != FormMicrophone || !c.Monitor {
		for _, e := range c.Evidence {
			t.Logf("  %+d %s: %s", e.Points, e.For, e.Reason)
		}
		t.Fatalf("got %s monitor=%v, want microphone with monitor", c.FormFactor, c.Monitor)
	}
	// stereo 5 + 192 kHz 25 + direct monitoring 15; headset 35 - 10 = 25.
	if c.Score != 45 {
		t.Errorf("score %d, want 45", c.Score)
	}
	for _, want := range []string{
		"the microphone is captured in stereo",
		"capture runs up to 192000 Hz; headset microphones stop at 48 kHz",
		"input terminal 5 (Microphone) is mixed straight into output terminal 4 (Speaker) on path 5→3→4: direct monitoring",
		"its output is a monitor for the microphone",
	} {
		if !hasEvidence(c, FormMicrophone, want) {
			t.Errorf("missing evidence %q", want)
		}
	}

	// A mono mic with a headphone jack and 96 kHz capture, no mixer.
	f = simpleFunction(UAC2, TermHeadphones, 2, TermMicrophone, 1, 96000)
	f.Streams[1].Alts = append(f.Streams[1].Alts, &StreamAlt{Alternate: 2, Channels: 1, BitDepth: 24,
		RateRange: &RateRange{Min: 44100, Max: 192000}})
	f.Analyze()
	c = f.Classification
	// headphones+mic 45 + shape 10 - 10 (rate) = 45 headset; microphone 25: still a headset.
	if c.FormFactor != FormHeadset || c.Score != 45 {
		t.Errorf("96 kHz mono mic with headphones: %s %d", c.FormFactor, c.Score)
	}
	if !hasEvidence(c, FormMicrophone, "capture runs up to 192000 Hz") {
		t.Errorf("rate evidence missing: %+v", c.Evidence)
	}

	// Add a microphone category (UAC2 0x03) and the verdict flips.
	f.Header = &ACHeader{Category: 0x03}
	f.Reclassify(ClassifyHints{})
	c = f.Classification
	if c.FormFactor != FormMicrophone || !c.Monitor || c.Score != 50 {
		t.Errorf("with microphone category: %s %d monitor=%v", c.FormFactor, c.Score, c.Monitor)
	}
}

// A plain 48 kHz stereo USB microphone with a monitor mixer has the same
// descriptors as a headset with a stereo microphone and sidetone (the
// Plantronics and Logitech H340 fixtures): without a product name it is
// called a headset, with a low score. This test pins the documented limit;
// TestClassifyPlainStereoMicByName shows the name deciding.
func TestClassifyPlainStereoMicLooksLikeHeadset(t *testing.T) {
	f := studioMic(48000)
	f.Analyze()
	c := f.Classification
	// speaker + mic 35, sidetone 5; microphone: stereo 5.
	if c.FormFactor != FormHeadset || c.Score != 40 || c.Monitor {
		t.Errorf("got %s %d monitor=%v", c.FormFactor, c.Score, c.Monitor)
	}
	if !hasEvidence(c, FormHeadset, ": sidetone") {
		t.Errorf("evidence %+v", c.Evidence)
	}
}

// The product name breaks the tie the descriptors leave (rule 7): the same
// plain stereo microphone named a microphone is one, with its mixer read
// as direct monitoring; named a headset it is a surer headset.
func TestClassifyPlainStereoMicByName(t *testing.T) {
	f := studioMic(48000)
	f.Analyze()
	f.Reclassify(ClassifyHints{Product: "Yeti Stereo Microphone"})
	c := f.Classification
	// microphone: stereo 5 + direct monitoring 15 + name 30; headset 35.
	if c.FormFactor != FormMicrophone || c.Score != 50 || !c.Monitor {
		for _, e := range c.Evidence {
			t.Logf("  %+d %s: %s", e.Points, e.For, e.Reason)
		}
		t.Fatalf("got %s %d monitor=%v, want microphone 50 with monitor", c.FormFactor, c.Score, c.Monitor)
	}
	for _, want := range []string{
		`the product is named "Yeti Stereo Microphone": the word "microphone" names a microphone`,
		"input terminal 5 (Microphone) is mixed straight into output terminal 4 (Speaker) on path 5→3→4: direct monitoring",
		"its output is a monitor for the microphone",
	} {
		if !hasEvidence(c, FormMicrophone, want) {
			t.Errorf("missing evidence %q", want)
		}
	}
	if hasEvidence(c, FormHeadset, ": sidetone") {
		t.Errorf("the mixer is still called sidetone: %+v", c.Evidence)
	}

	f.Reclassify(ClassifyHints{Product: "Logitech USB Headset"})
	c = f.Classification
	// headset: speaker + mic 35, sidetone 5, name 30.
	if c.FormFactor != FormHeadset || c.Score != 70 || c.Monitor {
		t.Errorf("named a headset: got %s %d monitor=%v, want headset 70", c.FormFactor, c.Score, c.Monitor)
	}

	// A name that settles nothing leaves the descriptors' verdict.
	f.Reclassify(ClassifyHints{Product: "M-Audio Micro"})
	if c := f.Classification; c.FormFactor != FormHeadset || c.Score != 40 {
		t.Errorf("unnamed: got %s %d", c.FormFactor, c.Score)
	}
}

func TestQuoteName(t *testing.T) {
	long := "  Headset " + strings.Repeat("é", 40) + "  "
	got := quoteName(long)
	if !utf8.ValidString(got) || len(got) > 2+64+len("…") || !strings.HasPrefix(got, "\"Headset é") || !strings.HasSuffix(got, "é\"…") {
		t.Errorf("quoteName(%q) = %q", long, got)
	}
	if got := quoteName(" Yeti Stereo Microphone "); got != "\"Yeti Stereo Microphone\"" {
		t.Errorf("got %s", got)
	}
	// A hostile name cannot reach a terminal or a log as control bytes.
	if got := quoteName("Mic\n\x1b[31mFAKE\u202e\xff"); got != `"Mic\n\x1b[31mFAKE\u202e\xff"` {
		t.Errorf("hostile name quoted as %s", got)
	}
}

func TestNamedForm(t *testing.T) {
	for _, tc := range []struct {
		product string
		form    FormFactor
		word    string
	}{
		{"Yeti Stereo Microphone", FormMicrophone, "microphone"},
		{"Logitech USB Headset", FormHeadset, "headset"},
		{"Sennheiser USB headset", FormHeadset, "headset"},
		{"C-Media USB Headphone Set", FormHeadset, "headphone set"},
		{"USB Headset Microphone", FormHeadset, "headset"},
		{"HP Internet Handset", FormHandset, "handset"},
		{"AudioHub Speaker", FormSpeaker, "speaker"},
		{"Fosi USB-C Headphones", FormHeadphones, "headphones"},
		{"Snowball MIC", FormMicrophone, "mic"},
		{"Micÿþ", FormMicrophone, "mic"},
		{"USB Microphone with Headphone Amp", "", ""}, // two kinds named: no verdict
		{"M-Audio Micro", "", ""},                     // whole words only
		{"Jabra SPEAK 510", "", ""},
		{"Microphones4All", "", ""},
		{"", "", ""},
	} {
		form, word := namedForm(tc.product)
		if form != tc.form || word != tc.word {
			t.Errorf("namedForm(%q) = %q, %q; want %q, %q", tc.product, form, word, tc.form, tc.word)
		}
	}
}

// A USB sound-card dongle for an analog headset (the VIA 040d:3400 of the
// corpus) runs one converter both ways at up to 96 kHz: its high capture
// rate is no sign of a studio microphone, so the mixer from the mic to the
// output is sidetone and the speaker + microphone pair stays a headset.
func TestClassifySharedHighRateConverterIsNoStudioSign(t *testing.T) {
	f := studioMic(96000)
	f.Streams[0].Alts = append(f.Streams[0].Alts, &StreamAlt{Alternate: 2, Channels: 2, BitDepth: 24,
		SubslotBytes: 3, SampleRates: []uint32{44100, 48000, 96000}, FormatNames: []string{"PCM"}})
	f.Analyze()
	c := f.Classification
	// speaker + stereo mic 35, sidetone 5; microphone: stereo 5 only.
	if c.FormFactor != FormHeadset || c.Score != 40 || c.Monitor {
		for _, e := range c.Evidence {
			t.Logf("  %+d %s: %s", e.Points, e.For, e.Reason)
		}
		t.Errorf("got %s %d monitor=%v, want headset 40", c.FormFactor, c.Score, c.Monitor)
	}
	if !hasEvidence(c, FormOther, "capture and playback both run up to 96000 Hz or more: a shared converter") ||
		!hasEvidence(c, FormHeadset, ": sidetone") || hasEvidence(c, FormMicrophone, "capture runs up to") {
		t.Errorf("evidence %+v", c.Evidence)
	}

	// Playback one step below the capture rate: the sign counts again.
	f.Streams[0].Alts[1].SampleRates = []uint32{44100, 48000}
	f.Reclassify(ClassifyHints{})
	if c := f.Classification; c.FormFactor != FormMicrophone || !hasEvidence(c, FormMicrophone, "capture runs up to 96000 Hz") {
		t.Errorf("48 kHz playback, 96 kHz capture: %s %+v", c.FormFactor, c.Evidence)
	}
}

func TestClassifyMicArray(t *testing.T) {
	f := simpleFunction(UAC1, 0, 0, TermMicArray, 4, 16000)
	f.Analyze()
	c := f.Classification
	// capture-only mic 60 + 4 channels 25 + array 25
	if c.FormFactor != FormMicrophone || c.Score != 100 || c.Monitor {
		t.Errorf("mic array: %+v", c)
	}
}

func TestClassifyCategory(t *testing.T) {
	f := simpleFunction(UAC3, TermHeadphones, 2, TermMicrophone, 1, 48000)
	f.Header = &ACHeader{Category: 0x0f}
	f.Analyze()
	// headset 45+10 beats headset adapter 30: descriptors without BADD
	// cannot prove an adapter, the category alone is weaker.
	if f.Classification.FormFactor != FormHeadset {
		t.Errorf("got %s", f.Classification.FormFactor)
	}
	if !hasEvidence(f.Classification, FormHeadsetAdapter, "AC header category 0x0f (headset adapter)") {
		t.Errorf("category evidence missing: %+v", f.Classification.Evidence)
	}
	// UAC2 has no category 0x0f; UAC1 headers have no category at all.
	f.Version = UAC2
	f.Reclassify(ClassifyHints{})
	if hasEvidence(f.Classification, FormHeadsetAdapter, "category") {
		t.Errorf("UAC2 took the UAC3-only category")
	}
	if ACCategoryName(UAC3, 0x04) != "headset" || ACCategoryName(UAC2, 0x10) != "reserved 0x10" ||
		ACCategoryName(UAC3, 0x10) != "speakerphone" || ACCategoryName(UAC2, 0xff) != "other" {
		t.Errorf("ACCategoryName wrong")
	}
}

func TestClassifyHIDHints(t *testing.T) {
	f := simpleFunction(UAC1, TermSpeaker, 2, TermMicrophone, 1, 48000)
	f.Analyze()
	before := f.Classification
	if before.FormFactor != FormHeadset || before.Score != 45 {
		t.Fatalf("before: %s %d", before.FormFactor, before.Score)
	}
	f.Reclassify(ClassifyHints{TelephonyHeadset: true, HookSwitch: true, PhoneMute: true, ConsumerVolume: true})
	after := f.Classification
	// 45 + 30 + 20 + 10 + 5
	if after.FormFactor != FormHeadset || after.Score != 100 {
		t.Errorf("after: %s %d", after.FormFactor, after.Score)
	}
	if !hasEvidence(after, FormHeadset, "HID: a telephony hook switch") {
		t.Errorf("hook switch evidence missing")
	}
	// Extra evidence can swing the verdict to any form factor.
	f.Reclassify(ClassifyHints{Extra: []Evidence{{Points: 80, Reason: "usb.ids says speakerphone", For: FormSpeakerphone}}})
	if f.Classification.FormFactor != FormSpeakerphone || f.Classification.Score != 95 {
		t.Errorf("extra: %s %d", f.Classification.FormFactor, f.Classification.Score)
	}
}

func TestClassifyWithoutPaths(t *testing.T) {
	cases := []struct {
		streams []*Stream
		form    FormFactor
		score   int
	}{
		{[]*Stream{{Interface: 1, Direction: Capture}}, FormMicrophone, 20},
		{[]*Stream{{Interface: 1, Direction: Playback}}, FormSpeaker, 15},
		{[]*Stream{{Interface: 1, Direction: Playback}, {Interface: 2, Direction: Capture}}, FormOther, 10},
		{nil, FormOther, 5},
	}
	for i, c := range cases {
		f := &AudioFunction{Version: UAC1, Streams: c.streams}
		f.Analyze()
		if f.Classification.FormFactor != c.form || f.Classification.Score != c.score || len(f.Classification.Evidence) != 1 {
			t.Errorf("case %d: %+v", i, f.Classification)
		}
	}
}

func TestClassifyEvidenceNeverNil(t *testing.T) {
	c := Classify(&AudioFunction{}, ClassifyHints{})
	if c.Evidence == nil || c.FormFactor != FormOther {
		t.Errorf("%+v", c)
	}
}

// Evidence text is cut from a fixed buffer and a fixed list of marks;
// more lines, and longer text than fits, must still come out whole and in
// order.
func TestClassifyEvidenceOverflow(t *testing.T) {
	f := studioMic(48000)
	f.Analyze()
	base := len(f.Classification.Evidence)
	var extra []Evidence
	for i := range 40 {
		extra = append(extra, Evidence{For: FormHeadset, Points: 1,
			Reason: fmt.Sprintf("extra %02d %s", i, strings.Repeat("x", 10*i))})
	}
	f.Reclassify(ClassifyHints{Extra: extra})
	c := f.Classification
	if len(c.Evidence) != base+len(extra) {
		t.Fatalf("%d evidence lines, want %d", len(c.Evidence), base+len(extra))
	}
	for i, e := range extra {
		if got := c.Evidence[base+i]; got != e {
			t.Errorf("line %d: got %+v, want %+v", base+i, got, e)
		}
	}
	if c.Score != 40+len(extra) {
		t.Errorf("score %d, want %d", c.Score, 40+len(extra))
	}
	if !hasEvidence(c, FormHeadset, ": sidetone") {
		t.Errorf("the rules' own evidence went missing: %+v", c.Evidence[:base])
	}
}
