package hid

import "fmt"

// FieldValue is one field's decoded elements.
type FieldValue struct {
	Field  int     `json:"field"`  // index in Descriptor.Fields
	Values []int32 `json:"values"` // one per element, sign-extended when the field is signed
	// Usages per element: for a variable field the element's usage; for an
	// array field the usage the value selects, 0 when the slot is empty
	// (value outside the logical range, or selecting usage ID 0).
	Usages []Usage `json:"usages"`
}

// ReportValues is one decoded report.
type ReportValues struct {
	ID     uint8        `json:"report_id"`
	Kind   ReportKind   `json:"kind"`
	Fields []FieldValue `json:"fields"`
}

// extractBits reads size bits (at most 32; wider elements give their low 32
// bits) starting at bit off, least significant bit first (HID 1.11 §8.4).
// Bits past the end of b read as zero; callers check lengths first.
func extractBits(b []byte, off, size int) uint32 {
	if size > 32 {
		size = 32
	}
	if size <= 0 || off < 0 {
		return 0
	}
	first, shift := off>>3, off&7
	n := (shift + size + 7) >> 3
	var v uint64
	for i := range n {
		if j := first + i; j < len(b) {
			v |= uint64(b[j]) << (8 * i)
		}
	}
	return uint32(v>>shift) & uint32(1<<size-1)
}

// elementValue reads element i of a field, sign-extended when signed.
func (f *Field) elementValue(data []byte, i int) int32 {
	raw := extractBits(data, f.BitOffset+i*f.BitSize, f.BitSize)
	if f.Signed() {
		return signExtend(raw, min(f.BitSize, 32))
	}
	return int32(raw)
}

// arrayUsage is the usage an array slot value selects, 0 for none.
func (f *Field) arrayUsage(v int32) Usage {
	if v < f.LogicalMin || v > f.LogicalMax {
		return 0
	}
	u, ok := f.UsageAt(int(int64(v) - int64(f.LogicalMin)))
	if !ok || u.ID() == 0 {
		return 0
	}
	return u
}

// splitReportID takes the report ID byte off the front when the descriptor
// uses report IDs.
func (d *Descriptor) splitReportID(report []byte) (uint8, []byte, error) {
	if !d.UsesReportIDs {
		return 0, report, nil
	}
	if len(report) == 0 {
		return 0, nil, &FormatError{Off: 0, Msg: "empty report; a report ID byte was expected"}
	}
	return report[0], report[1:], nil
}

// DecodeReport decodes one report of a kind. When the descriptor uses report
// IDs the first byte is the ID; otherwise the whole slice is data. A report
// shorter than its layout decodes the fields that fit and returns an error.
func (d *Descriptor) DecodeReport(kind ReportKind, report []byte) (*ReportValues, error) {
	id, data, err := d.splitReportID(report)
	if err != nil {
		return nil, err
	}
	return d.DecodeReportData(kind, id, data)
}

// DecodeReportData decodes report data whose ID the caller already knows
// (data starts after any ID byte).
func (d *Descriptor) DecodeReportData(kind ReportKind, id uint8, data []byte) (*ReportValues, error) {
	r, ok := d.Report(kind, id)
	if !ok {
		return nil, &FormatError{Off: 0, Msg: fmt.Sprintf("%s report ID not in the descriptor", kind), Val: id}
	}
	rv := &ReportValues{ID: id, Kind: kind}
	var err error
	if len(data)*8 < r.Bits {
		err = &FormatError{Off: len(data), Msg: fmt.Sprintf("%s report %d is %d bytes, layout needs %d",
			kind, id, len(data), (r.Bits+7)/8)}
	}
	for _, fi := range r.Fields {
		f := &d.Fields[fi]
		if f.Constant() {
			continue
		}
		fv := FieldValue{Field: fi}
		var cursor usageCursor
		for i := range f.Count {
			if f.BitOffset+(i+1)*f.BitSize > len(data)*8 {
				break
			}
			v := f.elementValue(data, i)
			var u Usage
			if f.Variable() {
				u = cursor.next(f.Usages)
			} else {
				u = f.arrayUsage(v)
			}
			fv.Values = append(fv.Values, v)
			fv.Usages = append(fv.Usages, u)
		}
		rv.Fields = append(rv.Fields, fv)
	}
	return rv, err
}

// usageCursor yields a variable field's element usages in order without
// searching the ranges again for each element; past the end of the list the
// last usage repeats (HID 1.11 §6.2.2.8).
type usageCursor struct {
	r, k int
	last Usage
}

func (c *usageCursor) next(ranges []UsageRange) Usage {
	for c.r < len(ranges) {
		if rg := ranges[c.r]; c.k < rg.Len() {
			c.last = rg.Min + Usage(c.k)
			c.k++
			return c.last
		}
		c.r, c.k = c.r+1, 0
	}
	return c.last
}
