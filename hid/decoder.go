package hid

import (
	"fmt"
	"slices"
)

// EventKind is what happened to a control between two reports.
type EventKind uint8

const (
	EventPressed    EventKind = iota // a button or selector went down (Value: +1/-1 for on/off buttons)
	EventReleased                    // it came back up
	EventToggledOn                   // a toggle switch reports on
	EventToggledOff                  // a toggle switch reports off
	EventChanged                     // a level changed (Value: new value, or the delta when relative)
)

var eventKindNames = [...]string{"pressed", "released", "toggled on", "toggled off", "changed"}

func (k EventKind) String() string {
	if int(k) < len(eventKindNames) {
		return eventKindNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", uint8(k))
}

// MarshalText writes the kind name.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Event is one change of a named control.
type Event struct {
	Control  string    `json:"control"` // a control name (see the Control* constants)
	Kind     EventKind `json:"kind"`
	Value    int32     `json:"value"`
	ReportID uint8     `json:"report_id"`
	Usage    Usage     `json:"usage"`
}

func (e Event) String() string {
	switch {
	case e.Kind == EventChanged:
		return fmt.Sprintf("%s changed to %d", e.Control, e.Value)
	case e.Kind == EventPressed && e.Value < 0:
		return e.Control + " off pressed"
	case e.Kind == EventReleased && e.Value < 0:
		return e.Control + " off released"
	}
	return e.Control + " " + e.Kind.String()
}

// decoderControl is a Control with the state the decoder keeps for it.
type decoderControl struct {
	name       string
	usage      Usage
	sem        Semantics
	relative   bool
	array      bool
	signed     bool
	bitOffset  int
	bitSize    int
	slots      int
	arrayValue int32
	prev       int32
}

// decoderReport is an input report and its controls' range in controls.
type decoderReport struct {
	id        uint8
	bytes     int // data bytes needed, without the ID byte
	lo, hi    int
	populated bool
}

// Decoder turns a stream of input reports into events for the named
// controls (Descriptor.Controls). Other fields produce no events; use
// Descriptor.DecodeReport for every field's value. A Decoder is not safe
// for concurrent use. Once built, Decode does not allocate.
type Decoder struct {
	usesIDs  bool
	byID     [256]decoderReport
	controls []decoderControl
}

// NewDecoder prepares a decoder for the descriptor's input reports. Every
// control starts released/off/0.
func NewDecoder(d *Descriptor) *Decoder {
	dec := &Decoder{usesIDs: d.UsesReportIDs}
	for _, r := range d.Reports {
		if r.Kind == KindInput {
			dec.byID[r.ID] = decoderReport{id: r.ID, bytes: (r.Bits + 7) / 8, populated: true}
		}
	}
	controls := d.Controls()
	// Group input controls by report ID (stable, so bit order is kept) so
	// Decode visits one contiguous run per report.
	inputs := controls[:0]
	for _, c := range controls {
		if c.Kind == KindInput {
			inputs = append(inputs, c)
		}
	}
	slices.SortStableFunc(inputs, func(a, b Control) int { return int(a.ReportID) - int(b.ReportID) })
	dec.controls = make([]decoderControl, 0, len(inputs))
	for i, c := range inputs {
		dr := &dec.byID[c.ReportID]
		if !dr.populated {
			continue
		}
		if i == 0 || inputs[i-1].ReportID != c.ReportID {
			dr.lo = len(dec.controls)
		}
		f := &d.Fields[c.Field]
		dec.controls = append(dec.controls, decoderControl{name: c.Name, usage: c.Usage,
			sem: c.Semantics, relative: f.Flags.Relative(), array: c.Array, signed: f.Signed(),
			bitOffset: c.BitOffset, bitSize: c.BitSize, slots: c.Slots, arrayValue: c.ArrayValue})
		dr.hi = len(dec.controls)
	}
	return dec
}

// Decode reads one input report (starting with its ID byte when the
// descriptor uses report IDs) and calls emit for each control that changed.
// Reports with an ID the descriptor lacks, or too short for their layout,
// are ignored and reported as a *FormatError; decoding continues with the
// next report.
func (dec *Decoder) Decode(report []byte, emit func(Event)) error {
	var id uint8
	data := report
	if dec.usesIDs {
		if len(report) == 0 {
			return &FormatError{Off: 0, Msg: "empty report; a report ID byte was expected"}
		}
		id, data = report[0], report[1:]
	}
	return dec.DecodeData(id, data, emit)
}

// DecodeData is Decode for callers that have already split off the report
// ID (or that read reports with a leading 0 byte from an unnumbered
// device, as hidapi does on Windows): data starts after any ID byte, and id
// is 0 when the descriptor uses no report IDs.
func (dec *Decoder) DecodeData(id uint8, data []byte, emit func(Event)) error {
	dr := &dec.byID[id]
	if !dr.populated {
		return &FormatError{Off: 0, Msg: "input report ID not in the descriptor; ignored", Val: id}
	}
	if len(data) < dr.bytes {
		return &FormatError{Off: len(data), Msg: fmt.Sprintf("input report %d is %d data bytes, layout needs %d; ignored",
			id, len(data), dr.bytes)}
	}
	for i := dr.lo; i < dr.hi; i++ {
		dec.controls[i].update(data, id, emit)
	}
	return nil
}

// read gives the control's current value: for array controls 1 when any
// slot holds its value, else 0.
func (c *decoderControl) read(data []byte) int32 {
	if c.array {
		for s := range c.slots {
			raw := extractBits(data, c.bitOffset+s*c.bitSize, c.bitSize)
			v := int32(raw)
			if c.signed {
				v = signExtend(raw, min(c.bitSize, 32))
			}
			if v == c.arrayValue {
				return 1
			}
		}
		return 0
	}
	raw := extractBits(data, c.bitOffset, c.bitSize)
	if c.signed {
		return signExtend(raw, min(c.bitSize, 32))
	}
	return int32(raw)
}

func (c *decoderControl) update(data []byte, id uint8, emit func(Event)) {
	cur := c.read(data)
	prev := c.prev
	c.prev = cur
	ev := Event{Control: c.name, ReportID: id, Usage: c.usage}
	switch c.sem {
	case SemanticsLinear:
		if cur != prev || (c.relative && cur != 0) {
			if c.relative && cur == 0 {
				return
			}
			ev.Kind, ev.Value = EventChanged, cur
			emit(ev)
		}
	case SemanticsOnOffButtons:
		if cur == prev {
			return
		}
		if prev != 0 {
			ev.Kind, ev.Value = EventReleased, prev
			emit(ev)
		}
		if cur != 0 {
			ev.Kind, ev.Value = EventPressed, cur
			emit(ev)
		}
	case SemanticsToggleSwitch:
		on, was := cur != 0, prev != 0
		if on == was {
			return
		}
		ev.Kind, ev.Value = EventToggledOff, 0
		if on {
			ev.Kind, ev.Value = EventToggledOn, 1
		}
		emit(ev)
	default: // buttons, toggle buttons, selectors: down while non-zero
		on, was := cur != 0, prev != 0
		if on == was {
			return
		}
		ev.Kind, ev.Value = EventReleased, 0
		if on {
			ev.Kind, ev.Value = EventPressed, 1
		}
		emit(ev)
	}
}
