package hid

import (
	"encoding/json"
	"fmt"
)

// Report is one report of the device: all fields of one direction that share
// a report ID (HID 1.11 §5.6, §8.1).
type Report struct {
	ID   uint8      `json:"id"` // 0 when the descriptor uses no Report ID items
	Kind ReportKind `json:"kind"`
	// Bits is the size of the report data, without the report ID byte.
	Bits int `json:"bits"`
	// Fields are indexes into Descriptor.Fields, in bit order.
	Fields []int `json:"fields"`
}

// Bytes is the length of the report on the wire, with the report ID byte
// when the descriptor uses report IDs.
func (r *Report) Bytes(withID bool) int {
	n := (r.Bits + 7) / 8
	if withID {
		n++
	}
	return n
}

// Field is the part of a report one Input, Output or Feature item describes:
// Count elements of BitSize bits each, starting at BitOffset (HID 1.11 §6.2.2.5).
type Field struct {
	Offset    int        `json:"offset"` // byte offset of the main item
	Kind      ReportKind `json:"kind"`
	ReportID  uint8      `json:"report_id"`
	Report    int        `json:"-"`          // index in Descriptor.Reports
	BitOffset int        `json:"bit_offset"` // from the first data bit, after any report ID byte
	BitSize   int        `json:"bit_size"`   // Report Size
	Count     int        `json:"count"`      // Report Count
	Flags     MainFlags  `json:"flags"`

	LogicalMin   int32 `json:"logical_min"`
	LogicalMax   int32 `json:"logical_max"`
	PhysicalMin  int32 `json:"physical_min"`
	PhysicalMax  int32 `json:"physical_max"`
	Unit         Unit  `json:"unit"`
	UnitExponent int8  `json:"unit_exponent"`

	// Usages in declaration order. A variable field gives element i the i-th
	// usage (the last one repeats); an array field's values select usage
	// (value - LogicalMin).
	Usages []UsageRange `json:"usages"`
	// Collection is the innermost enclosing collection (index in
	// Descriptor.Collections), -1 for none.
	Collection int `json:"-"`

	DesignatorIndex uint32 `json:"designator_index,omitempty"`
	StringIndex     uint32 `json:"string_index,omitempty"`
}

// Variable reports whether each element is its own control (not an array).
func (f *Field) Variable() bool { return f.Flags.Variable() }

// Constant reports padding or constant data.
func (f *Field) Constant() bool { return f.Flags.Constant() }

// Signed reports whether values are two's complement: when the logical
// range reaches below zero (as Linux hid-core decides it).
func (f *Field) Signed() bool { return f.LogicalMin < 0 }

// UsageCount is the number of usages listed.
func (f *Field) UsageCount() int {
	n := 0
	for _, r := range f.Usages {
		n += r.Len()
	}
	return n
}

// UsageAt is the i-th usage of the list, or false past the end.
func (f *Field) UsageAt(i int) (Usage, bool) {
	if i < 0 {
		return 0, false
	}
	for _, r := range f.Usages {
		if n := r.Len(); i < n {
			return r.Min + Usage(i), true
		} else {
			i -= n
		}
	}
	return 0, false
}

// ElementUsage is the usage of element i of a variable field: the i-th usage,
// the last one repeating when there are fewer usages than elements (HID 1.11
// §6.2.2.8).
func (f *Field) ElementUsage(i int) (Usage, bool) {
	if u, ok := f.UsageAt(i); ok {
		return u, true
	}
	if len(f.Usages) == 0 {
		return 0, false
	}
	return f.Usages[len(f.Usages)-1].Max, true
}

// indexOfUsage finds u in the list, the inverse of UsageAt.
func (f *Field) indexOfUsage(u Usage) (int, bool) {
	base := 0
	for _, r := range f.Usages {
		if u >= r.Min && u <= r.Max {
			return base + int(u-r.Min), true
		}
		base += r.Len()
	}
	return 0, false
}

// MarshalJSON writes a range with numeric usages (page<<16 | id) and names,
// so machines need no usage tables.
func (r UsageRange) MarshalJSON() ([]byte, error) {
	text, err := json.Marshal(r.String())
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, `{"min":%d,"max":%d,"text":%s}`, uint32(r.Min), uint32(r.Max), text), nil
}
