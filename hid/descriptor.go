package hid

import (
	"slices"
	"strings"
)

// Descriptor is a parsed report descriptor: its items as they appear, the
// collections, and the report layout they define.
type Descriptor struct {
	Items       []Item
	Collections []Collection
	Reports     []Report
	Fields      []Field
	// UsesReportIDs is true when any Report ID item appears: every report
	// on the wire then starts with its ID byte (HID 1.11 §5.6).
	UsesReportIDs bool
	// Warnings are problems the parser stepped over, in byte order.
	Warnings []*FormatError
}

// Report finds the report of a kind and ID.
func (d *Descriptor) Report(kind ReportKind, id uint8) (*Report, bool) {
	for i := range d.Reports {
		if r := &d.Reports[i]; r.Kind == kind && r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// maxCollectionPath bounds how many enclosing collections a path lists, so
// hostile nesting cannot make every field's path as long as the descriptor.
// Real devices nest a handful deep (Linux gives up beyond 4).
const maxCollectionPath = 16

// CollectionPath lists the collections enclosing a field or collection,
// outermost first, as indexes into d.Collections; at most the innermost
// maxCollectionPath (the bool reports the cut).
func (d *Descriptor) CollectionPath(innermost int) ([]int, bool) {
	var path []int
	i := innermost
	for steps := 0; i >= 0 && i < len(d.Collections) && steps <= len(d.Collections); steps++ {
		if len(path) == maxCollectionPath {
			break
		}
		path = append(path, i)
		i = d.Collections[i].Parent
	}
	cut := i >= 0 && i < len(d.Collections) && len(path) == maxCollectionPath
	slices.Reverse(path)
	return path, cut
}

// CollectionPathString renders a path as "Telephony.Headset / Telephony.Telephony Key Pad".
func (d *Descriptor) CollectionPathString(innermost int) string {
	path, cut := d.CollectionPath(innermost)
	var b strings.Builder
	if cut {
		b.WriteString("...")
	}
	for _, c := range path {
		if b.Len() > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(d.Collections[c].Usage.String())
	}
	return b.String()
}
