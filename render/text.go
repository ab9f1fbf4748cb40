package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// Options select what Text prints.
type Options struct {
	// Verbose adds the full descriptor dump after the summary.
	Verbose bool
}

// Text writes a report for people: the verdict and its evidence first, then
// each audio function's playback and capture paths (terminals, channels,
// formats, controls), clocks, HID buttons and LEDs, warnings; with Verbose
// the descriptor dump follows.
func Text(w io.Writer, d *model.Device, o Options) error {
	t := &textWriter{w: w}
	t.identity(d)
	t.verdict(d)
	for i := range d.AudioFunctions {
		t.function(&d.AudioFunctions[i])
	}
	for i := range d.HID {
		t.hid(&d.HID[i])
	}
	t.live(d.Live)
	t.warnings(d)
	if o.Verbose && d.Descriptors != nil && t.err == nil {
		t.line(0, "")
		t.line(0, "Descriptors:")
		t.err = Dump(&indented{w: w, prefix: "  "}, d.Descriptors, d.Strings)
	}
	return t.err
}

type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) line(depth int, format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, "%s%s\n", strings.Repeat("  ", depth), fmt.Sprintf(format, args...))
}

func (t *textWriter) identity(d *model.Device) {
	id := d.Identity
	if name := id.Name(); name != "" {
		t.line(0, "%s (%s)", printable(name), id.VIDPID())
	} else {
		t.line(0, "USB device %s", id.VIDPID())
	}
	var facts []string
	if id.USBVersion != 0 {
		facts = append(facts, "USB "+id.USBVersion.String())
	}
	if id.DeviceVersion != 0 {
		facts = append(facts, "device version "+id.DeviceVersion.String())
	}
	if id.Serial != "" {
		facts = append(facts, "serial "+printable(id.Serial))
	}
	if id.IDName != "" && id.IDName != id.Name() {
		facts = append(facts, "usb.ids: "+printable(id.IDName))
	}
	if d.Origin != "" {
		facts = append(facts, "from "+printable(d.Origin))
	}
	if len(facts) > 0 {
		t.line(1, "%s", strings.Join(facts, ", "))
	}
}

func (t *textWriter) verdict(d *model.Device) {
	v := d.Verdict
	what := formName(string(v.FormFactor))
	if v.Monitor {
		what += " with monitor output"
	}
	t.line(0, "")
	if v.Function < 0 {
		what = "not an audio device"
	}
	t.line(0, "Verdict: %s (score %d)", what, v.Score)
	// The evidence for the verdict first; then what spoke for the other
	// forms, each line saying which, so a fact that scores for several
	// forms (a hook switch: headset, speakerphone, handset) does not read
	// as counted twice.
	var others []usbdesc.Evidence
	for _, e := range v.Evidence {
		if e.For != "" && e.For != v.FormFactor {
			others = append(others, e)
			continue
		}
		t.evidence(e, "")
	}
	if len(others) > 0 {
		t.line(1, "also considered:")
		for _, e := range others {
			t.evidence(e, " (for "+string(e.For)+")")
		}
	}
}

func (t *textWriter) evidence(e usbdesc.Evidence, suffix string) {
	if e.Points != 0 {
		t.line(1, "%+4d  %s%s", e.Points, printable(e.Reason), suffix)
	} else {
		t.line(1, "   ·  %s%s", printable(e.Reason), suffix)
	}
}

// formName is a form factor as a heading word ("Headset").
func formName(f string) string {
	if f == "" {
		return "Unknown"
	}
	f = strings.ReplaceAll(f, "-", " ")
	return strings.ToUpper(f[:1]) + f[1:]
}

func (t *textWriter) function(f *model.AudioFunction) {
	t.line(0, "")
	extra := ""
	if f.BADDProfile != "" {
		extra = ", BADD " + f.BADDProfile + " profile"
		if f.Inferred {
			extra += " (layout inferred)"
		}
	}
	t.line(0, "Audio function on interface %d (%s, configuration %d%s): %s (score %d)",
		f.ControlInterface, f.UACVersion, f.Configuration, extra,
		formName(string(f.Classification.FormFactor)), f.Classification.Score)
	if len(f.Playback) == 0 && len(f.Capture) == 0 {
		t.line(1, "no playback or capture path")
	}
	for i := range f.Playback {
		t.path(1, "Playback", &f.Playback[i])
	}
	for i := range f.Capture {
		t.path(1, "Capture", &f.Capture[i])
	}
	for i := range f.Monitor {
		t.path(1, "Monitor (device-internal)", &f.Monitor[i])
	}
	for _, c := range f.Clocks {
		name := ""
		if c.Name != "" {
			name = " " + quote(c.Name)
		}
		sof := ""
		if c.SyncedToSOF {
			sof = ", synchronised to SOF"
		}
		t.line(1, "Clock %d%s: %s%s, frequency control %s", c.ID, name, c.Kind, sof, c.FrequencyAccess)
	}
	for _, w := range f.Warnings {
		t.line(1, "warning: %s", w)
	}
}

func terminalText(term model.Terminal) string {
	if term.Type == "" {
		return term.TypeName
	}
	s := fmt.Sprintf("%s (terminal %d, %s)", term.TypeName, term.ID, term.Type)
	if term.Name != "" {
		s += " " + quote(term.Name)
	}
	return s
}

func (t *textWriter) path(depth int, dir string, p *model.Path) {
	ch := fmt.Sprintf("%d channel%s", p.Channels, plural(p.Channels))
	if len(p.ChannelNames) > 0 {
		ch += " (" + strings.Join(p.ChannelNames, ", ") + ")"
	}
	t.line(depth, "%s: %s -> %s, %s", dir, terminalText(p.From), terminalText(p.To), ch)
	if p.Partial {
		t.line(depth+1, "(topology could not follow this path; shown from its streaming interface)")
	}
	if len(p.Chain) > 2 {
		ids := make([]string, len(p.Chain))
		for i, id := range p.Chain {
			ids[i] = fmt.Sprint(id)
		}
		t.line(depth+1, "Chain: %s", strings.Join(ids, " -> "))
	}
	for _, f := range p.Formats {
		t.line(depth+1, "Format: interface %d alt %d: %s", f.Interface, f.Alternate, formatText(f, p.ClockSource))
	}
	if len(p.Formats) == 0 && !p.Internal {
		t.line(depth+1, "Format: no streaming interface linked")
	}
	for _, c := range groupControls(p.Controls) {
		t.line(depth+1, "Control: %s", c)
	}
	if len(p.Controls) == 0 {
		t.line(depth+1, "Control: none (no volume or mute on this path)")
	}
	if p.ClockSource != 0 {
		t.line(depth+1, "Clock: source %d", p.ClockSource)
	}
}

func formatText(f model.Format, clock uint8) string {
	var parts []string
	if len(f.Encodings) > 0 {
		parts = append(parts, strings.Join(f.Encodings, "/"))
	}
	parts = append(parts, fmt.Sprintf("%d ch", f.Channels))
	bits := fmt.Sprintf("%d-bit", f.BitDepth)
	if f.SubslotBytes > 0 && f.SubslotBytes*8 != f.BitDepth {
		bits += fmt.Sprintf(" in %d-byte slots", f.SubslotBytes)
	}
	parts = append(parts, bits)
	switch {
	case len(f.SampleRates) > 0:
		rates := make([]string, len(f.SampleRates))
		for i, r := range f.SampleRates {
			rates[i] = fmt.Sprint(r)
		}
		parts = append(parts, strings.Join(rates, ", ")+" Hz")
	case f.RateRange != nil:
		parts = append(parts, f.RateRange.String()+" (continuous)")
	case clock != 0:
		parts = append(parts, fmt.Sprintf("rates set by clock %d (not in the descriptors)", clock))
	default:
		parts = append(parts, "rates not in the descriptors")
	}
	parts = append(parts, fmt.Sprintf("max packet %d bytes", f.MaxPacket))
	return strings.Join(parts, ", ")
}

// groupControls folds per-channel controls into one line per unit, control
// and access: "volume (unit 2): master, ch 1, ch 2 read-write".
func groupControls(cs []model.Control) []string {
	type key struct {
		unit           uint8
		control, acc   string
		rangeSignature string
	}
	var order []key
	chans := map[key][]string{}
	for _, c := range cs {
		k := key{c.Unit, c.Control, c.Access, rangeText(c.Range)}
		if _, ok := chans[k]; !ok {
			order = append(order, k)
		}
		name := "master"
		if c.Channel > 0 {
			name = fmt.Sprintf("ch %d", c.Channel)
		}
		chans[k] = append(chans[k], name)
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		s := fmt.Sprintf("%s (unit %d): %s, %s", k.control, k.unit, strings.Join(chans[k], ", "), k.acc)
		if k.rangeSignature != "" {
			s += ", " + k.rangeSignature
		}
		out = append(out, s)
	}
	return out
}

func rangeText(r *model.MixerRange) string {
	if r == nil {
		return ""
	}
	s := fmt.Sprintf("%.2f to %.2f dB (kernel)", r.MinDB, r.MaxDB)
	if r.Suspicious {
		s += ", range suspicious"
	}
	return s
}

func (t *textWriter) hid(h *model.HIDInterface) {
	t.line(0, "")
	size := ""
	if h.ReportLength > 0 {
		size = fmt.Sprintf(", report descriptor %d bytes", h.ReportLength)
	}
	t.line(0, "HID interface %d%s", h.Interface, size)
	if !h.HaveReport {
		t.line(1, "report descriptor not read: buttons and LEDs unknown (decode --hid-report %d=FILE, or a live scan)", h.Interface)
		return
	}
	if b := h.Buttons(); len(b) > 0 {
		// How a button reports matters to whoever decodes its events
		// (SPEC-FACTS: hook switch and phone mute differ between vendors).
		sem := map[string]string{}
		for _, c := range h.Controls {
			if _, seen := sem[c.Name]; !seen && c.Kind == hid.KindInput {
				sem[c.Name] = c.Semantics.String()
			}
		}
		for i, n := range b {
			if s := sem[n]; s != "" && s != "button" && s != "selector" {
				b[i] = n + " (" + s + ")"
			}
		}
		t.line(1, "Buttons: %s", strings.Join(b, ", "))
	} else {
		t.line(1, "Buttons: none that a headset uses")
	}
	if l := h.LEDs(); len(l) > 0 {
		t.line(1, "LEDs: %s", strings.Join(l, ", "))
	}
	if h.Summary != nil {
		for _, vc := range h.Summary.VendorCollections {
			t.line(1, "Vendor collection %s (reports %v)", vc.Usage, vc.ReportIDs)
		}
	}
	for _, w := range h.Warnings {
		t.line(1, "warning: %s", w)
	}
}

func (t *textWriter) live(l *model.Live) {
	if l == nil {
		return
	}
	t.line(0, "")
	where := l.Source
	if l.PortPath != "" {
		where += ", port " + l.PortPath
	}
	if l.Bus != 0 {
		where += fmt.Sprintf(", bus %d device %d", l.Bus, l.Address)
	}
	if l.Speed != "" {
		where += ", " + l.Speed + " speed"
	}
	t.line(0, "Live (%s)", where)
	for _, dr := range l.Drivers {
		t.line(1, "interface %d: driver %s", dr.Interface, dr.Driver)
	}
	if a := l.ALSA; a != nil {
		t.line(1, "ALSA card %d %s", a.Number, quote(a.ID))
		for _, m := range a.Mixer {
			s := fmt.Sprintf("mixer %s (unit %d)", quote(m.Name), m.Unit)
			if r := rangeText(m.Range); r != "" {
				s += ": " + r
			}
			t.line(2, "%s", s)
		}
		for _, st := range a.Streams {
			t.line(2, "%s", kernelStreamText(st))
		}
	}
	for _, n := range l.HIDRaw {
		t.line(1, "interface %d: %s", n.Interface, n.Path)
	}
}

func (t *textWriter) warnings(d *model.Device) {
	if len(d.Warnings) == 0 && d.Error == "" {
		return
	}
	t.line(0, "")
	t.line(0, "Warnings:")
	for _, w := range d.Warnings {
		t.line(1, "%s", printable(w))
	}
	if d.Error != "" {
		t.line(1, "parsing stopped: %s", d.Error)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// quote prints a device string safely: device strings are chosen by
// whoever made the device, so control characters are escaped.
func quote(s string) string { return fmt.Sprintf("%q", s) }

// printable makes a device string safe to print on a terminal: a string
// with anything but printable characters (control bytes, C1 controls,
// bidirectional overrides, invalid UTF-8) is shown Go-escaped, so a device
// cannot move the cursor, fake lines or reorder what follows.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' || r == utf8.RuneError }) < 0 {
		return s
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}

// indented prefixes every line written through it.
type indented struct {
	w      io.Writer
	prefix string
	mid    bool
}

func (i *indented) Write(p []byte) (int, error) {
	for rest := p; len(rest) > 0; {
		if !i.mid {
			if _, err := io.WriteString(i.w, i.prefix); err != nil {
				return 0, err
			}
			i.mid = true
		}
		chunk := rest
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			chunk, i.mid = rest[:nl+1], false
		}
		if _, err := i.w.Write(chunk); err != nil {
			return 0, err
		}
		rest = rest[len(chunk):]
	}
	return len(p), nil
}

// kernelStreamText is one format the kernel accepted, as a line:
// "stream0 playback: interface 1 alt 1, S16_LE, 2 channels, 16 bits, 48000 Hz (Stop)".
func kernelStreamText(s model.KernelStream) string {
	parts := []string{fmt.Sprintf("stream%d %s: interface %d alt %d", s.PCM, s.Direction, s.Interface, s.Altset)}
	if s.Format != "" {
		parts = append(parts, s.Format)
	}
	parts = append(parts, fmt.Sprintf("%d channel%s", s.Channels, plural(s.Channels)))
	if s.Bits > 0 {
		parts = append(parts, fmt.Sprintf("%d bits", s.Bits))
	}
	switch {
	case len(s.Rates) > 0:
		rates := make([]string, len(s.Rates))
		for i, r := range s.Rates {
			rates[i] = fmt.Sprint(r)
		}
		parts = append(parts, strings.Join(rates, ", ")+" Hz")
	case s.RateMax > 0:
		parts = append(parts, fmt.Sprintf("%d-%d Hz", s.RateMin, s.RateMax))
	}
	text := strings.Join(parts, ", ")
	if s.Status != "" {
		state := s.Status
		if s.Active {
			state += ", in use"
		}
		text += " (" + state + ")"
	}
	return text
}
