package usbdesc

// Classification of an audio function: every rule that fires adds points to
// one form factor and leaves an Evidence line saying why; the form factor
// with the most points wins and its points, capped to 0..100, are the
// score. The rules, strongest first:
//
//  1. BADD profile (UAC3 BADD 3.0): the device states what it is. +90.
//     The terminals inferred from the profile only restate it, so rules 2-4
//     are skipped for an inferred layout.
//  2. Bidirectional terminal types (Terminal Types 2.4): 0x0402 headset,
//     0x0401 handset, 0x0403..0x0405 speakerphone. +60 on a host path, +20
//     on a terminal no host path reaches; +30 more when the type ends both a
//     playback and a capture path.
//  3. The transducers at the device ends of the host paths:
//     playback only: headphones +60, a speaker type +60, line/undefined
//     outputs "other" +40; capture only: a microphone type +60,
//     line/undefined inputs "other" +40.
//     Both directions with a microphone: headphones out makes a headset
//     (+45); a generic Speaker (0x0301) out also makes a headset (+35,
//     speakerphone +15) when playback and capture are at most stereo —
//     cheap headsets report exactly that — while more channels make a
//     sound card ("other" +35); desktop, room and communication speakers
//     point to a speakerphone (+40). Mono capture with mono/stereo playback
//     adds headset +10. Line/undefined terminals both ways are "other"
//     (+50), four or more device-side terminals too (+50), and so is a line
//     or digital connector beside the microphone (+45).
//  4. Studio-microphone signs, only when there is a microphone capture path:
//     the microphone captured on three or more channels, capture above
//     48 kHz (unless playback runs as high: one converter both ways is a
//     sound card's, not a studio capsule's), a microphone array terminal.
//     Each: microphone +25, headset -10. Stereo capture alone is only a
//     hint (+5): real headsets (Logitech H340, Razer Kraken X,
//     Plantronics) declare stereo microphones. A
//     device-internal path from the mic to an output with such signs is
//     direct monitoring (microphone +15); without them it is a headset's
//     sidetone (headset +5). When the verdict is microphone and the device
//     has an output, Monitor is set: a USB microphone with a headphone jack.
//  5. AC header bCategory (UAC2/UAC3 A.7): +5..+40 (see acCategories).
//  6. HID facts from ClassifyHints (the hid package's findings, joined by
//     the caller): a Telephony Headset collection headset +30; hook switch
//     headset +20, speakerphone and handset +15; phone mute headset and
//     speakerphone +10; consumer volume or mute buttons headset +5.
//  7. The product name (ClassifyHints.Product, see classify_name.go): a
//     name that names a form factor ("Yeti Stereo Microphone", "Logitech
//     USB Headset") +30 to it; a name that names a microphone is also a
//     studio sign for rule 4.
//
// The weights were checked against the hand-labelled device fixtures
// (classify_corpus_test.go and fixtures/corpus_test.go: all fixtures that
// name a kind agree). Limits: descriptors alone cannot tell a cheap
// headset from a USB sound-card dongle with a mic jack (both say Speaker +
// Microphone), nor a headset from a USB-C headset adapter unless the
// device says so (BADD profile, category 0x0f). A plain 48 kHz studio
// microphone with a monitor jack has a headset's descriptors (the corpus's
// Blue Yeti has the same topology as the Plantronics .Audio 655 headset):
// unless its category, channel count or rates give it away, only its
// product name tells them apart (rule 7), and without a name it stays a
// low-scored headset. Scores say how sure we are.

// ClassifyHints carry facts from outside the audio descriptors, mainly the
// HID interfaces of the same device. Plain booleans, so this package needs
// no HID parser: the caller fills them from whatever decoded the report
// descriptors.
type ClassifyHints struct {
	// TelephonyHeadset: a Telephony (0x0B) Headset (0x05) collection.
	TelephonyHeadset bool
	// HookSwitch: Telephony Hook Switch (0x0B:0x20).
	HookSwitch bool
	// PhoneMute: Telephony Phone Mute (0x0B:0x2F).
	PhoneMute bool
	// ConsumerVolume: Consumer Volume Increment/Decrement or Volume
	// (0x0C:0xE9, 0xEA, 0xE0).
	ConsumerVolume bool
	// ConsumerMute: Consumer Mute (0x0C:0xE2).
	ConsumerMute bool
	// Extra is any further evidence, each item counted for its For.
	Extra []Evidence
	// Product is the device's iProduct string, when known (rule 7).
	Product string
}

// formOrder breaks ties: the more specific form factor first.
var formOrder = [...]FormFactor{
	FormHeadset, FormSpeakerphone, FormHandset, FormHeadsetAdapter,
	FormHeadphones, FormMicrophone, FormSpeaker, FormOther,
}

// baddForms is the form factor each BADD profile declares, indexed by
// the profile minus BADDGenericIO.
var baddForms = [...]FormFactor{
	BADDGenericIO - BADDGenericIO: FormOther, BADDHeadphone - BADDGenericIO: FormHeadphones,
	BADDSpeaker - BADDGenericIO: FormSpeaker, BADDMicrophone - BADDGenericIO: FormMicrophone,
	BADDHeadset - BADDGenericIO: FormHeadset, BADDHeadsetAdapter - BADDGenericIO: FormHeadsetAdapter,
	BADDSpeakerphone - BADDGenericIO: FormSpeakerphone,
}

// bidirectionalForms maps the 0x04xx terminal types to what they declare,
// indexed by the low byte.
var bidirectionalForms = [...]FormFactor{
	TermHandset & 0xff: FormHandset, TermHeadset & 0xff: FormHeadset, TermSpeakerphone & 0xff: FormSpeakerphone,
	TermEchoSuppressingSP & 0xff: FormSpeakerphone, TermEchoCancelingSP & 0xff: FormSpeakerphone,
}

// bidirectionalForm is what a 0x04xx terminal type declares, "" for
// every other type.
func bidirectionalForm(t TerminalType) FormFactor {
	if t>>8 != 0x04 || int(t&0xff) >= len(bidirectionalForms) {
		return ""
	}
	return bidirectionalForms[t&0xff]
}

// Classify scores f from its paths (f.Paths must be built, as the parser
// does) and the hints, without changing f.
func Classify(f *AudioFunction, hints ClassifyHints) Classification {
	return classify(f, hints, nil)
}

// classify is Classify with the evidence list cut from st when it has
// room (the parser's block), else allocated.
func classify(f *AudioFunction, hints ClassifyHints, st *analysisStore) Classification {
	var c classifier
	c.f, c.store = f, st
	if hints.Product != "" {
		c.named, c.namedWord = namedForm(hints.Product)
	}
	c.badd()
	if !f.Inferred {
		// Inferred terminals restate the BADD profile: not new evidence.
		c.bidirectional()
		c.shape()
	}
	c.name(hints.Product)
	c.category()
	c.hid(hints)
	return c.verdict()
}

// Reclassify recomputes f.Classification with hints, e.g. once the HID
// interfaces of the device have been decoded.
func (f *AudioFunction) Reclassify(hints ClassifyHints) {
	f.Classification = Classify(f, hints)
}

type classifier struct {
	f      *AudioFunction
	points [len(formOrder)]int // by position in formOrder
	// The evidence so far (classify_text.go): marks[:nMarks], then more;
	// their reasons are text[:n]. Arrays, not slices into them: a
	// classifier pointing into itself would move to the heap. Sized for
	// the longest classification of the fixtures and real-data dumps (5
	// pieces, 588 bytes) with room for HID hints; more spill to the heap.
	text   [768]byte
	n      int
	marks  [8]evidenceMark
	nMarks int
	more   []evidenceMark
	// store, when not nil, has room for the evidence list.
	store *analysisStore
	// named is the form factor the product name names (rule 7), with the
	// word that named it.
	named     FormFactor
	namedWord string
}

func (c *classifier) badd() {
	i := int(c.f.BADDProfile) - int(BADDGenericIO)
	if i >= 0 && i < len(baddForms) {
		c.addf(baddForms[i], 90, "UAC3 BADD profile 0x%02x (%s) declares the function", uint8(c.f.BADDProfile), c.f.BADDProfile.String())
	}
}

// bidirectional gives points for each 0x04xx terminal type once.
func (c *classifier) bidirectional() {
	var done [256]bool // by the low byte of 0x04xx
	for _, e := range c.f.Entities {
		tt, id, kind := terminalOf(e)
		form := bidirectionalForm(tt)
		if form == "" || done[tt&0xff] {
			continue
		}
		done[tt&0xff] = true
		if p := c.pathThrough(id); p != nil {
			c.addf(form, 60, "%s %d is %s (%s path %s)", kind, id, tt, pathKind(p), chainArg(p.Chain))
		} else {
			c.addf(form, 20, "%s %d is %s, but no host path reaches it", kind, id, tt)
		}
		if c.bothWays(tt) {
			c.addf(form, 30, "%s terminals carry both playback and capture", tt.Name())
		}
	}
}

// bothWays reports a terminal type at the device end of both a playback
// and a capture path.
func (c *classifier) bothWays(tt TerminalType) bool {
	play, capt := false, false
	for _, p := range c.f.Paths {
		switch {
		case p == nil:
		case p.Direction == Playback && p.ToType == tt:
			play = true
		case p.Direction == Capture && p.FromType == tt:
			capt = true
		}
	}
	return play && capt
}

// terminalOf returns a terminal's type, ID and kind name; 0 for non-terminals.
func terminalOf(e Entity) (TerminalType, uint8, string) {
	switch t := e.(type) {
	case *InputTerminal:
		return t.TerminalType, t.ID, "input terminal"
	case *OutputTerminal:
		return t.TerminalType, t.ID, "output terminal"
	}
	return 0, 0, ""
}

// pathThrough is the first host path ending at terminal id.
func (c *classifier) pathThrough(id uint8) *Path {
	for _, p := range c.f.Paths {
		if p != nil && p.Direction != DirectionUnknown && (p.From == id || p.To == id) {
			return p
		}
	}
	return nil
}

func pathKind(p *Path) string {
	if p.Monitor {
		return "monitor"
	}
	return p.Direction.String()
}

// Output and input terminal families as the shape rules see them.
func isHeadphonesType(t TerminalType) bool     { return t == TermHeadphones || t == TermHMDAudio }
func isGenericSpeakerType(t TerminalType) bool { return t == TermSpeaker || t == TermLFESpeaker }
func isConferenceSpeakerType(t TerminalType) bool {
	return t == TermDesktopSpeaker || t == TermRoomSpeaker || t == TermCommSpeaker
}
func isMicArrayType(t TerminalType) bool { return t == TermMicArray || t == TermProcessingMicArray }

// isLineType: undefined, external, embedded, telephony and unlisted types
// name no transducer a person wears or faces.
func isLineType(t TerminalType) bool {
	return !t.IsUSB() && !t.IsMicrophone() && !t.IsSpeaker() && !t.IsBidirectional()
}

// pathEnd is one device-end terminal of a host path.
type pathEnd struct {
	path *Path
	typ  TerminalType
	id   uint8
}

// appendTo appends "input terminal 4 is 0x0201 Microphone (capture path
// 4→5→6)".
func (e pathEnd) appendTo(b []byte) []byte {
	if e.path.Direction == Capture {
		b = append(b, "input terminal "...)
	} else {
		b = append(b, "output terminal "...)
	}
	b = appendID(b, e.id)
	b = append(b, " is "...)
	b = appendTerminalType(b, e.typ)
	b = append(b, " ("...)
	b = append(b, e.path.Direction.String()...)
	b = append(b, " path "...)
	b = appendChain(b, e.path.Chain)
	return append(b, ')')
}

// ends lists the distinct device-end terminals of paths in direction d.
// It appends to out, which the caller gives room on its stack.
func (c *classifier) ends(d Direction, out []pathEnd) []pathEnd {
	var seen [256]bool
	for _, p := range c.f.Paths {
		if p == nil || p.Direction != d {
			continue
		}
		id := p.To
		if d == Capture {
			id = p.From
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, pathEnd{path: p, typ: p.DeviceTerminalType(), id: id})
		}
	}
	return out
}

func (c *classifier) maxChannels(d Direction) int {
	best := 0
	for _, p := range c.f.Paths {
		if p != nil && p.Direction == d && p.Channels > best {
			best = p.Channels
		}
	}
	return best
}

// maxRate is the highest sample rate any stream of direction d offers.
func (c *classifier) maxRate(d Direction) uint32 {
	var best uint32
	for _, p := range c.f.Paths {
		if p == nil || p.Direction != d {
			continue
		}
		for _, s := range c.f.Streams {
			if s == nil || !containsID(p.Streams, s.Interface) {
				continue
			}
			for _, a := range s.Alts {
				if a == nil {
					continue
				}
				for _, r := range a.SampleRates {
					best = max(best, r)
				}
				if a.RateRange != nil {
					best = max(best, a.RateRange.Max)
				}
			}
		}
	}
	return best
}

// shape applies rules 3 and 4: which transducers sit at the ends of the
// playback and capture paths, with which channel counts.
func (c *classifier) shape() {
	var outBuf, inBuf [8]pathEnd
	outs, ins := c.ends(Playback, outBuf[:0]), c.ends(Capture, inBuf[:0])
	playCh, capCh := c.maxChannels(Playback), c.maxChannels(Capture)
	if len(outs) == 0 && len(ins) == 0 {
		c.noHostPaths()
		return
	}
	var mic, headphones, speaker, conference, lineOut, lineIn *pathEnd
	for i := range ins {
		e := &ins[i]
		switch {
		case e.typ.IsMicrophone() && mic == nil:
			mic = e
		case isLineType(e.typ) && lineIn == nil:
			lineIn = e
		}
	}
	for i := range outs {
		e := &outs[i]
		switch {
		case isHeadphonesType(e.typ) && headphones == nil:
			headphones = e
		case isGenericSpeakerType(e.typ) && speaker == nil:
			speaker = e
		case isConferenceSpeakerType(e.typ) && conference == nil:
			conference = e
		case isLineType(e.typ) && lineOut == nil:
			lineOut = e
		}
	}

	switch {
	case len(ins) == 0: // playback only
		switch {
		case headphones != nil:
			c.addf(FormHeadphones, 60, "%s; no capture path", *headphones)
		case speaker != nil:
			c.addf(FormSpeaker, 60, "%s; no capture path", *speaker)
		case conference != nil:
			c.addf(FormSpeaker, 60, "%s; no capture path", *conference)
		case lineOut != nil:
			c.addf(FormOther, 40, "%s: a line or undefined output, no transducer; no capture path", *lineOut)
		}
	case len(outs) == 0: // capture only
		switch {
		case mic != nil:
			c.addf(FormMicrophone, 60, "%s; no playback path", *mic)
		case lineIn != nil:
			c.addf(FormOther, 40, "%s: a line or undefined input, no transducer; no playback path", *lineIn)
		}
	case mic != nil: // both ways, with a microphone
		switch {
		case headphones != nil:
			c.addf(FormHeadset, 45, "%s and %s: headphones plus microphone, the headset pattern", *headphones, *mic)
		case conference != nil:
			c.addf(FormSpeakerphone, 40, "%s and %s: a conference speaker plus microphone", *conference, *mic)
			c.addText(FormHeadset, 10, "speaker plus microphone is also how some headsets describe themselves")
		case speaker != nil && playCh <= 2 && capCh <= 2:
			c.addf(FormHeadset, 35, "%s and %s: a generic speaker with a microphone, how most basic USB headsets describe themselves", *speaker, *mic)
			c.addText(FormSpeakerphone, 15, "a speaker plus microphone could also be a speakerphone")
		case speaker != nil:
			c.addf(FormOther, 35, "%s and %s with %d-channel playback and %d-channel capture: looks like a sound card", *speaker, *mic, playCh, capCh)
		case lineOut != nil:
			c.addf(FormOther, 30, "%s and %s: a microphone input with a line/undefined output, likely a sound card or adapter", *lineOut, *mic)
			c.addText(FormHeadset, 15, "microphone in and audio out could still be a headset")
		}
		if capCh == 1 && (playCh == 1 || playCh == 2) {
			c.addf(FormHeadset, 10, "mono capture with %d-channel playback: the usual headset shape", playCh)
		}
	default: // both ways, no microphone
		switch {
		case headphones != nil:
			c.addf(FormHeadphones, 30, "%s; the capture side has no microphone", *headphones)
		case speaker != nil || conference != nil:
			e := speaker
			if e == nil {
				e = conference
			}
			c.addf(FormSpeaker, 30, "%s; the capture side has no microphone", *e)
		}
		if lineIn != nil || lineOut != nil {
			c.addf(FormOther, 50, "line or undefined terminals on the device side (%d output(s), %d input(s)): an audio interface or adapter, not a transducer", len(outs), len(ins))
		}
	}
	if n := len(outs) + len(ins); n >= 4 {
		c.addf(FormOther, 50, "%d device-side terminals (%d output, %d input): a sound card or audio interface, not one transducer", n, len(outs), len(ins))
	}
	if mic != nil && (lineIn != nil || lineOut != nil && (headphones != nil || speaker != nil || conference != nil)) {
		c.addText(FormOther, 45, "a line or digital connector beside the microphone: a sound card")
	}
	c.studio(mic)
}

// studio applies rule 4: signs of a studio or USB microphone, and the
// device-internal mic-to-output paths (direct monitoring or sidetone).
func (c *classifier) studio(mic *pathEnd) {
	if mic == nil {
		return
	}
	signs := 0
	switch micCh := mic.path.Channels; {
	case micCh >= 3:
		signs++
		c.addf(FormMicrophone, 25, "the microphone is captured on %d channels; headset microphones have one or two", micCh)
		c.addf(FormHeadset, -10, "%d-channel capture is unusual for a headset", micCh)
	case micCh == 2:
		// Not a sign on its own: many headsets declare a stereo microphone.
		c.addText(FormMicrophone, 5, "the microphone is captured in stereo (weak: many headsets declare a stereo microphone too)")
	}
	switch rate, playRate := c.maxRate(Capture), c.maxRate(Playback); {
	case rate > 48000 && playRate >= rate:
		// One converter serves both ways at high resolution: a sound card
		// (VIA and C-Media dongles for analog headsets), not a sign of
		// which end is the product. A studio microphone's converter is for
		// its capsule; its monitor playback stays at 48 kHz or below.
		c.addf(FormOther, 0, "capture and playback both run up to %d Hz or more: a shared converter, no sign of a studio microphone", rate)
	case rate > 48000:
		signs++
		c.addf(FormMicrophone, 25, "capture runs up to %d Hz; headset microphones stop at 48 kHz", rate)
		c.addf(FormHeadset, -10, "%d Hz capture is unusual for a headset", rate)
	}
	if c.named == FormMicrophone {
		signs++ // its evidence comes from rule 7
	}
	if isMicArrayType(mic.typ) {
		signs++
		c.addf(FormMicrophone, 25, "input terminal %d is a microphone array (%s)", mic.id, mic.typ)
		c.addText(FormHeadset, -10, "a microphone array is unusual for a headset")
	}
	for _, p := range c.f.Paths {
		if p == nil || !p.Monitor {
			continue
		}
		from := p.FromType
		if !from.IsMicrophone() && from != TermHeadset {
			continue
		}
		if signs > 0 {
			c.monitor(FormMicrophone, 15, p, " is mixed straight into ", ": direct monitoring")
		} else {
			c.monitor(FormHeadset, 5, p, " is mixed into ", ": sidetone")
		}
		break
	}
}

// monitor scores a device-internal path: "input terminal 4 (Microphone)"
// + verb + "output terminal 3 (Speaker) on path 4→7→8→3" + tail.
func (c *classifier) monitor(form FormFactor, points int, p *Path, verb, tail string) {
	c.addf(form, points, "input terminal %d (%s)%soutput terminal %d (%s) on path %s%s",
		p.From, p.FromType.Name(), verb, p.To, p.ToType.Name(), chainArg(p.Chain), tail)
}

// noHostPaths falls back to the streaming interfaces when the topology
// gave no host path (missing or broken AC descriptors).
func (c *classifier) noHostPaths() {
	play, capt := 0, 0
	for _, s := range c.f.Streams {
		if s == nil {
			continue
		}
		switch s.Direction {
		case Playback:
			play++
		case Capture:
			capt++
		}
	}
	switch {
	case play > 0 && capt > 0:
		c.addf(FormOther, 10, "no signal path from USB to a transducer; %d playback and %d capture interface(s)", play, capt)
	case capt > 0:
		c.addf(FormMicrophone, 20, "no signal path from USB to a transducer, but %d capture interface(s) and no playback", capt)
	case play > 0:
		c.addf(FormSpeaker, 15, "no signal path from USB to a transducer, but %d playback interface(s) and no capture", play)
	default:
		c.addText(FormOther, 5, "no signal path and no streaming interface")
	}
}

// category applies rule 5, the AC header's bCategory (UAC2/3 only; UAC1
// has no such field).
func (c *classifier) category() {
	h := c.f.Header
	if h == nil || c.f.Version < UAC2 {
		return
	}
	cat, ok := acCategories[h.Category]
	if !ok || c.f.Version < cat.minVersion {
		return
	}
	c.addf(cat.form, cat.points, "AC header category 0x%02x (%s)", h.Category, cat.name)
}

// hid applies rule 6.
func (c *classifier) hid(h ClassifyHints) {
	if h.TelephonyHeadset {
		c.addText(FormHeadset, 30, "HID: a Telephony Headset collection")
	}
	if h.HookSwitch {
		c.addText(FormHeadset, 20, "HID: a telephony hook switch")
		c.addText(FormSpeakerphone, 15, "HID: a telephony hook switch")
		c.addText(FormHandset, 15, "HID: a telephony hook switch")
	}
	if h.PhoneMute {
		c.addText(FormHeadset, 10, "HID: a telephony phone-mute button")
		c.addText(FormSpeakerphone, 10, "HID: a telephony phone-mute button")
	}
	if h.ConsumerVolume || h.ConsumerMute {
		c.addText(FormHeadset, 5, "HID: consumer volume/mute buttons")
	}
	for _, e := range h.Extra {
		if e.For == "" {
			continue
		}
		c.addText(e.For, e.Points, e.Reason)
	}
}

func (c *classifier) verdict() Classification {
	out := Classification{FormFactor: FormOther}
	monitor := false
	for _, p := range c.f.Paths {
		switch {
		case p == nil:
		case p.Direction == Playback:
			out.HasPlayback = true
		case p.Direction == Capture:
			out.HasCapture = true
		case p.Monitor:
			monitor = true
		}
	}
	best := 0
	for i, form := range formOrder {
		if p := c.points[i]; p > best {
			best, out.FormFactor = p, form
		}
	}
	out.Score = min(best, 100)
	if out.FormFactor == FormMicrophone && (out.HasPlayback || monitor) {
		out.Monitor = true
		c.addText(FormMicrophone, 0, "its output is a monitor for the microphone, not a headset's earpiece")
	}
	out.Evidence = c.evidence()
	return out
}
