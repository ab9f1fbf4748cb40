package usbdesc

import (
	"fmt"
	"sync"
)

// Parse decodes a descriptor blob: either a Linux sysfs `descriptors` file
// (the device descriptor followed by every configuration, back to back) or
// a single configuration (wTotalLength bytes). The kind is detected from
// the first descriptor's type.
//
// Parse always returns a non-nil *Blob holding everything decoded so far.
// The error, when not nil, is a *FormatError naming the byte offset where
// parsing had to stop:
//   - bLength 0 or 1: there is no safe way to find the next descriptor
//     (the Linux kernel also gives up on the rest of such a configuration),
//     so parsing stops there;
//   - a descriptor whose bLength runs past the end of the input: its bytes
//     are kept as an *Unknown and parsing stops;
//   - an input that starts with neither a device nor a configuration
//     descriptor, or a device/configuration descriptor too short to decode.
//
// Recoverable problems go to Blob.Warnings with their offsets: a
// wTotalLength that is shorter or longer than the descriptors really are,
// bytes after the last configuration, descriptors too short for their
// type (kept as *Unknown), misplaced class-specific descriptors.
//
// The model aliases the input (Blob.Bytes, ID lists): do not modify b
// while the Blob is in use.
func Parse(b []byte) (*Blob, error) {
	return parse(b, true)
}

// parse is Parse with the analysis (analyzeFunction) optional, so the
// benchmarks can tell decoding cost from topology and classification cost.
func parse(b []byte, analyze bool) (*Blob, error) { return parseInto(b, analyze, nil) }

// parseInto is parse with the audio configurations decoded into warm, a
// block the caller zeroes and reuses, when it is not nil: only the warm
// benchmarks (BenchmarkParseRealHeadsetWarm) use it, to measure decoding
// without the cost of fresh memory and the collector (the model it
// returns is overwritten by the next call).
func parseInto(b []byte, analyze bool, warm *block) (*Blob, error) {
	blob := new(Blob)
	blob.Size, blob.Configurations, blob.data = len(b), blob.store.configs[:0:1], b
	p := parsers.Get().(*parser)
	p.data, p.blob, p.analyze, p.warm = b, blob, analyze, warm
	err := p.run()
	// The parser is scratch: clear it so the pool keeps nothing of this
	// model alive, and hand it to the next Parse.
	*p = parser{}
	parsers.Put(p)
	if err != nil {
		return blob, err
	}
	return blob, nil
}

// parsers recycles parser state (about 1 KB of slab and pool headers)
// between Parse calls: only the model is allocated per call.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// parser holds the state of one Parse call. Descriptors are attached to the
// innermost open context: the current endpoint, else the current alternate
// setting, else the configuration's Extra list.
type parser struct {
	data    []byte
	blob    *Blob
	analyze bool   // run analyzeFunction on each audio function
	warm    *block // the block to reuse for an audio configuration (parseInto)
	mem     arenas // backing storage for the current configuration
	hexAll  string // hex of the whole input, for *Unknown (see unknownHex)
	cs      reader // reader for the class-specific descriptor being decoded

	cfg   *Configuration
	alt   *AltSetting
	ep    *Endpoint
	iface *Interface
	// fn is the audio function the current alternate setting belongs to
	// (its AudioControl interface or one of its AudioStreaming interfaces).
	fn *functionState
	// csTable decodes the current alternate setting's class-specific
	// interface descriptors (nil: not an audio AC or AS interface), by
	// UAC version (see classTable).
	csTable *csTable
	version UACVersion
	funcs   []*functionState // audio functions of the current configuration
	funcBuf [4]*functionState
	// states are the parse state of the functions (funcs), which is
	// scratch: the model keeps only the AudioFunctions.
	states  [4]functionState
	nStates int
	// orphans are AS interfaces seen before any AudioControl interface.
	orphans []uint8
	// descList and entList are the descriptor list (a context's
	// ClassSpecific or the configuration's Extra) and the entity list
	// (a function's Entities) being filled; finishConfiguration closes
	// them before anything reads the lists.
	descList openList[Descriptor]
	entList  openList[Entity]
}

func (p *parser) warnf(off int, format string, args ...any) {
	p.blob.Warnings = append(p.blob.Warnings, Warning{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// fail reports the problem that stops parsing.
func (p *parser) fail(off int, format string, args ...any) error {
	return &FormatError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) run() error {
	b := p.data
	if len(b) < 2 {
		p.keepRest(0)
		return p.fail(0, "input is %d byte(s), too short for any descriptor", len(b))
	}
	off := 0
	switch DescriptorType(b[1]) {
	case TypeDevice:
		n, err := p.device()
		if err != nil {
			return err
		}
		off = n
	case TypeConfiguration:
	default:
		p.keepRest(0)
		return p.fail(0, "input starts with descriptor type 0x%02x, not a device (0x01) or configuration (0x02) descriptor", b[1])
	}
	for off < len(b) {
		if off+1 == len(b) && len(p.blob.Configurations) == 0 {
			p.keepRest(off)
			return p.fail(off, "input ends inside the first configuration descriptor (1 byte left)")
		}
		if !p.startsConfiguration(off) {
			p.warnf(off, "%d byte(s) after the last configuration are not a configuration descriptor; kept unparsed", len(b)-off)
			p.keepRest(off)
			break
		}
		next, err := p.configuration(off)
		if err != nil {
			return err
		}
		off = next
	}
	if d := p.blob.Device; d != nil && int(d.NumConfigurations) != len(p.blob.Configurations) {
		p.warnf(0, "device descriptor says %d configuration(s), input holds %d", d.NumConfigurations, len(p.blob.Configurations))
	}
	return nil
}

// newFunctionState is a zero functionState from the parser's scratch
// (or the heap, past four functions in a configuration).
func (p *parser) newFunctionState() *functionState {
	if p.nStates < len(p.states) {
		s := &p.states[p.nStates]
		p.nStates++
		*s = functionState{}
		return s
	}
	return new(functionState)
}

// keepRest keeps the input from off on as one unparsed *Unknown.
func (p *parser) keepRest(off int) {
	if off < len(p.data) {
		p.blob.Unparsed = append(p.blob.Unparsed, p.unknown(headerOf(p.data[off:], off)))
	}
}

// startsConfiguration reports a plausible configuration descriptor at off.
func (p *parser) startsConfiguration(off int) bool {
	b := p.data
	return off+2 <= len(b) && DescriptorType(b[off+1]) == TypeConfiguration && b[off] >= 2
}

// span checks the descriptor at off: its bLength and that it fits. It
// returns the descriptor's bytes, or an error after keeping the truncated
// bytes as an *Unknown in the current context.
func (p *parser) span(off int) ([]byte, error) {
	b := p.data
	if off+1 >= len(b) {
		p.attach(p.unknown(headerOf(b[off:off+1], off)))
		return nil, p.fail(off, "input ends inside a descriptor header (1 byte left)")
	}
	l := int(b[off])
	if l < 2 {
		return nil, p.fail(off, "bLength %d is invalid (a descriptor is at least 2 bytes); cannot find the next descriptor", l)
	}
	if off+l > len(b) {
		p.attach(p.unknown(headerOf(b[off:], off)))
		return nil, p.fail(off, "descriptor type 0x%02x with bLength %d runs past the end of the input (%d byte(s) left); kept as unknown", b[off+1], l, len(b)-off)
	}
	return b[off : off+l : off+l], nil
}

// configuration parses the configuration descriptor at off and everything
// that belongs to it, and returns the offset after it.
func (p *parser) configuration(off int) (int, error) {
	p.cfg = nil // a cut configuration descriptor belongs to no configuration
	raw, err := p.span(off)
	if err != nil {
		return 0, err
	}
	cfg := &p.blob.store.config // the first configuration's
	if p.blob.store.configUsed {
		cfg = new(Configuration)
	}
	p.blob.store.configUsed = true
	if !parseConfigurationDescriptor(cfg, raw, off) {
		p.attachExtra(p.unknown(headerOf(raw, off)))
		return 0, p.fail(off, "configuration descriptor bLength %d, needs 9 bytes", raw[0])
	}
	if int(raw[0]) > 9 {
		p.warnf(off, "configuration descriptor bLength %d, expected 9; extra bytes ignored", raw[0])
	}
	p.cfg, p.alt, p.ep, p.iface, p.fn, p.funcs, p.nStates = cfg, nil, nil, nil, nil, p.funcBuf[:0], 0
	p.blob.Configurations = append(p.blob.Configurations, cfg)
	defer p.finishConfiguration()
	p.sizeArenas(off + len(raw))

	end := off + int(cfg.TotalLength)
	if end < off+len(raw) {
		p.warnf(off+2, "wTotalLength %d is shorter than the configuration descriptor itself", cfg.TotalLength)
		end = off + len(raw)
	}
	if end > len(p.data) {
		p.warnf(off+2, "wTotalLength %d runs past the end of the input (%d byte(s) from the configuration on); parsing what is there",
			cfg.TotalLength, len(p.data)-off)
		end = len(p.data)
	}
	// extended is set once wTotalLength proved too short and the
	// descriptors that follow are taken into this configuration.
	extended := false
	pos := off + len(raw)
	for {
		if !extended {
			pos = p.descriptors(pos, end)
		}
		if pos >= end {
			if extended || !p.continuesConfiguration(pos) {
				return pos, nil
			}
			p.warnf(off+2, "wTotalLength %d is shorter than the configuration: descriptors continue at offset %d; parsing them as part of it",
				cfg.TotalLength, pos)
			extended, end = true, len(p.data)
		}
		if extended && !p.continuesConfiguration(pos) {
			return pos, nil
		}
		if p.startsConfiguration(pos) && !extended {
			p.warnf(pos, "configuration descriptor inside the previous configuration's wTotalLength %d; starting a new configuration here", cfg.TotalLength)
			return pos, nil
		}
		d, err := p.span(pos)
		if err != nil {
			return 0, err
		}
		if pos+len(d) > end {
			p.warnf(pos, "descriptor at offset %d runs past wTotalLength (configuration ends at %d); parsing on", pos, end)
			extended, end = true, len(p.data)
		}
		p.descriptor(d, pos)
		pos += len(d)
	}
}

// descriptors decodes the common case, whole descriptors other than a
// configuration descriptor inside wTotalLength, from pos up to end
// (<= len(p.data)), and returns where it stopped: at end, or at the
// first descriptor the caller must look at (a bad bLength, one running
// past end, a configuration descriptor). It is the parser's hot loop,
// kept to the checks every descriptor needs.
func (p *parser) descriptors(pos, end int) int {
	b := p.data[:end]
	for pos+2 <= len(b) {
		l, t := int(b[pos]), DescriptorType(b[pos+1])
		if l < 2 || l > len(b)-pos || t == TypeConfiguration {
			break
		}
		raw := b[pos : pos+l : pos+l]
		if parse := standardParsers[t]; parse != nil {
			parse(p, wire{Raw: raw, Offset: pos})
		} else {
			p.descriptor(raw, pos)
		}
		pos += l
	}
	return pos
}

// continuesConfiguration reports whether the bytes at pos look like a
// descriptor that belongs inside a configuration (so a short wTotalLength
// lied), rather than trailing garbage or the next configuration.
func (p *parser) continuesConfiguration(pos int) bool {
	b := p.data
	if pos+2 > len(b) {
		return false
	}
	l := int(b[pos])
	return l >= 2 && pos+l <= len(b) && inConfigurationTypes[b[pos+1]]
}

// inConfigurationTypes are the descriptor types that appear inside a
// configuration after its configuration descriptor.
var inConfigurationTypes = [256]bool{
	TypeInterface: true, TypeEndpoint: true, TypeIAD: true, 0x21: true,
	TypeCSInterface: true, TypeCSEndpoint: true, TypeSSCompanion: true, TypeSSPIsoCompanion: true,
}

// descriptor decodes one descriptor inside a configuration and attaches it.
func (p *parser) descriptor(raw []byte, off int) {
	h := headerOf(raw, off)
	if parse := standardParsers[raw[1]]; parse != nil {
		parse(p, h)
		return
	}
	p.attach(p.unknown(h))
}

func headerOf(raw []byte, off int) wire { return wire{Raw: raw, Offset: off} }

// body is a reader over a descriptor positioned after bLength and
// bDescriptorType.
func body(h wire) reader {
	r := newReader(h.Raw, h.Offset)
	r.pos = 2
	return r
}

// unknown keeps a descriptor undecoded, with its raw bytes in hex.
func (p *parser) unknown(h wire) *Unknown {
	h.Kind = KindUnknown
	u := p.mem.unknowns.new()
	u.Hex = p.unknownHex(h)
	u.setHeader(h)
	if len(h.Raw) > 2 {
		u.Subtype = h.Raw[2]
	}
	return u
}

// tooShort turns a descriptor whose fields ran past its bLength into an
// *Unknown, with a warning naming the field that did not fit.
func (p *parser) tooShort(h wire, r *reader, what string) *Unknown {
	p.warnf(r.failure().Offset, "%s (bLength %d) is too short: %s; kept as unknown", what, h.Length(), r.failure().Msg)
	return p.unknown(h)
}

// tooShortLayout is tooShort for a descriptor too short for the fixed
// part l that follows bDescriptorType.
func (p *parser) tooShortLayout(h wire, l *layout, what string) *Unknown {
	r := body(h)
	r.fixed(l)
	return p.tooShort(h, &r, what)
}

// attach puts a descriptor into the innermost open context: the list
// contextList names once an alternate setting is open (an endpoint is
// only ever current inside one), else the configuration's Extra.
func (p *parser) attach(d Descriptor) {
	if p.alt == nil {
		p.attachExtra(d)
		return
	}
	p.mem.descriptors.push(&p.descList, p.contextList(), d)
}

// contextList is where attach puts a descriptor when an alternate
// setting is open (p.alt is set): the current endpoint's ClassSpecific,
// else the alternate setting's. The class-specific parsers, which run
// only then, push there themselves and save the call to attach.
func (p *parser) contextList() *[]Descriptor {
	if p.ep != nil {
		return &p.ep.ClassSpecific
	}
	return &p.alt.ClassSpecific
}

// attachExtra keeps a descriptor found before the first interface.
func (p *parser) attachExtra(d Descriptor) {
	if p.cfg == nil {
		// Outside any configuration: a cut device or configuration
		// descriptor.
		if u, ok := d.(*Unknown); ok {
			p.blob.Unparsed = append(p.blob.Unparsed, u)
		}
		return
	}
	p.mem.descriptors.push(&p.descList, &p.cfg.Extra, d)
}
