package hid

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

// CollectionPath lists the collections enclosing a field or collection,
// outermost first, as indexes into d.Collections.
func (d *Descriptor) CollectionPath(innermost int) []int {
	var path []int
	for i, steps := innermost, 0; i >= 0 && i < len(d.Collections) && steps <= len(d.Collections); steps++ {
		path = append(path, i)
		i = d.Collections[i].Parent
	}
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	return path
}

// CollectionPathString renders a path as "Consumer.Consumer Control / ...".
func (d *Descriptor) CollectionPathString(innermost int) string {
	s := ""
	for i, c := range d.CollectionPath(innermost) {
		if i > 0 {
			s += " / "
		}
		s += d.Collections[c].Usage.String()
	}
	return s
}

// application is the top-level collection enclosing collection c, or -1.
func (d *Descriptor) application(c int) int {
	for steps := 0; c >= 0 && c < len(d.Collections) && steps <= len(d.Collections); steps++ {
		if d.Collections[c].Parent < 0 {
			return c
		}
		c = d.Collections[c].Parent
	}
	return -1
}
