package hid

import "fmt"

// Limits that keep hostile descriptors from claiming unbounded work. Linux
// uses the same orders of magnitude (HID_MAX_USAGES, HID_GLOBAL_STACK_SIZE,
// a 256-bit report size).
const (
	maxReportSize  = 256  // bits per element
	maxValueBits   = 32   // widest element whose value the decoder reads
	maxReportCount = 4096 // elements per main item
	maxReportBits  = 16384 * 8
	maxPushDepth   = 16
	maxUsageRange  = 0x1000 // wider Usage Minimum..Maximum ranges get a warning
	maxWarnings    = 64     // further warnings are counted, not kept
)

// globalState is the Global item table (HID 1.11 §6.2.2.7), saved by Push.
type globalState struct {
	usagePage      UsagePage
	logicalMin     uint32
	logicalMinSize int
	logicalMax     uint32
	logicalMaxSize int
	physicalMin    uint32
	physicalMinSz  int
	physicalMax    uint32
	physicalMaxSz  int
	unitExponent   int8
	unit           Unit
	reportSize     int
	reportID       uint8
	reportCount    int
}

// localState is the Local item table (HID 1.11 §6.2.2.8), cleared after
// every main item.
type localState struct {
	usages         []UsageRange // reused between main items
	extended       []bool       // per usage: written as a 4-byte extended usage
	usageMin       Usage
	minExtended    bool
	haveMin        bool
	usageMax       Usage
	haveMax        bool
	designator     uint32
	stringIndex    uint32
	delimiterDepth int
	delimiterSets  int // delimiter sets opened so far; only the first counts
}

func (l *localState) reset() {
	*l = localState{usages: l.usages[:0], extended: l.extended[:0]}
}

// parser holds the state while walking the items.
type parser struct {
	d          *Descriptor
	global     globalState
	stack      [maxPushDepth]globalState
	stackLen   int
	local      localState
	open       []int         // open collections, innermost last
	reportIdx  [3][256]int16 // index in d.Reports + 1; 0 for none yet
	usageStore []UsageRange  // backing store shared by all fields' Usages
	sawNoID    bool          // a main item came before any Report ID
	suppressed int           // warnings beyond maxWarnings
}

// Parse decodes a report descriptor. It returns everything it could parse;
// the error is non-nil only when the bytes end inside an item or hold no
// item at all, and is then a *FormatError with the offset. Problems it can
// step over are in Descriptor.Warnings.
func Parse(b []byte) (*Descriptor, error) {
	n := countItems(b)
	d := &Descriptor{Items: make([]Item, 0, n.items), Fields: make([]Field, 0, n.fields),
		Reports: make([]Report, 0, min(n.fields, 3*256)), Collections: make([]Collection, 0, n.collections)}
	p := &parser{d: d, open: make([]int, 0, n.collections)}
	p.usageStore = make([]UsageRange, 0, n.usages)
	var err error
	off := 0
	for off < len(b) {
		// countItems sized Items exactly and the array is fresh (zero), so
		// the next item is taken by reslicing rather than appending a zero
		// Item; append stays as the fallback should the count ever be short.
		if len(d.Items) < cap(d.Items) {
			d.Items = d.Items[:len(d.Items)+1]
		} else {
			d.Items = append(d.Items, Item{})
		}
		it := &d.Items[len(d.Items)-1]
		n, e := readItem(it, b, off)
		if e != nil {
			d.Items = d.Items[:len(d.Items)-1]
			err = e
			break
		}
		it.Depth = len(p.open)
		it.UsagePage = p.global.usagePage
		p.apply(it)
		off += n
	}
	if len(p.open) > 0 {
		p.warn(len(b), fmt.Sprintf("%d collection(s) not closed by End Collection", len(p.open)), nil)
	}
	if p.suppressed > 0 {
		d.Warnings = append(d.Warnings, &FormatError{Off: len(b),
			Msg: fmt.Sprintf("%d further warnings not listed", p.suppressed)})
	}
	if err == nil && len(d.Items) == 0 {
		err = &FormatError{Off: 0, Msg: "report descriptor is empty"}
	}
	p.indexReportFields()
	return d, err
}

// countItems walks the item prefixes once so the slices can be sized
// exactly: the counts are bounded by the input length, never by a value the
// input claims.
func countItems(b []byte) (n itemCounts) {
	for off := 0; off < len(b); {
		prefix := b[off]
		size := 1 + int(prefix&3)
		if prefix&3 == 3 {
			size = 5
		}
		if prefix == 0xFE && off+1 < len(b) {
			size = 3 + int(b[off+1])
		}
		n.items++
		switch prefix &^ 3 {
		case 0x80, 0x90, 0xB0: // Input, Output, Feature
			n.fields++
		case 0xA0:
			n.collections++
		case 0x08, 0x18, 0x28: // Usage, Usage Minimum, Usage Maximum
			n.usages++
		}
		off += size
	}
	return n
}

type itemCounts struct{ items, fields, collections, usages int }

// indexReportFields fills Report.Fields from one shared backing array.
func (p *parser) indexReportFields() {
	d := p.d
	counts := make([]int, len(d.Reports))
	for i := range d.Fields {
		counts[d.Fields[i].Report]++
	}
	all := make([]int, len(d.Fields))
	start := 0
	for ri := range d.Reports {
		d.Reports[ri].Fields = all[start : start : start+counts[ri]]
		start += counts[ri]
	}
	for i := range d.Fields {
		r := &d.Reports[d.Fields[i].Report]
		r.Fields = append(r.Fields, i)
	}
}

// readItem reads the item at off without trusting any length it claims.
func readItem(it *Item, b []byte, off int) (int, error) {
	prefix := b[off]
	if prefix == 0xFE { // long item: 0xFE, bDataSize, bLongItemTag, data
		if off+3 > len(b) {
			return 0, &FormatError{Off: off, Msg: "long item header runs past the end"}
		}
		size := int(b[off+1])
		end := off + 3 + size
		if end > len(b) {
			return 0, &FormatError{Off: off, Msg: "long item data runs past the end", Val: size}
		}
		it.Offset, it.Type, it.Tag, it.Size = off, ItemLong, b[off+2], size
		it.rawLen = uint8(copy(it.raw[:], b[off:off+3]))
		return end - off, nil
	}
	size := int(prefix & 3)
	if size == 3 {
		size = 4
	}
	end := off + 1 + size
	if end > len(b) {
		return 0, &FormatError{Off: off,
			Msg: fmt.Sprintf("item 0x%02x needs %d data bytes, %d left", prefix, size, len(b)-off-1)}
	}
	// Read the data bytes and keep them in raw in one pass; copy() would
	// cost a memmove call per item for at most 5 bytes.
	it.raw[0] = prefix
	var data uint32
	for i, c := range b[off+1 : end] {
		it.raw[1+i] = c
		data |= uint32(c) << (8 * uint(i))
	}
	it.Offset, it.Type, it.Tag, it.Size, it.Data = off, ItemType(prefix>>2&3), prefix>>4, size, data
	it.rawLen = uint8(1 + size)
	return end - off, nil
}

func (p *parser) warn(off int, msg string, val any) {
	if len(p.d.Warnings) >= maxWarnings {
		p.suppressed++
		return
	}
	p.d.Warnings = append(p.d.Warnings, &FormatError{Off: off, Msg: msg, Val: val})
}

func (p *parser) apply(it *Item) {
	switch it.Type {
	case ItemMain:
		p.main(it)
	case ItemGlobal:
		p.globalItem(it)
	case ItemLocal:
		p.localItem(it)
	case ItemReserved:
		p.warn(it.Offset, "reserved item type", fmt.Sprintf("0x%02x", it.raw[0]))
	case ItemLong:
		// No long item tags are defined (HID 1.11 §6.2.2.3); keep it in the list.
	}
}

func (p *parser) globalItem(it *Item) {
	g := &p.global
	switch it.Tag {
	case TagUsagePage:
		if it.Data > 0xFFFF {
			p.warn(it.Offset, "usage page wider than 16 bits", it.Data)
		}
		g.usagePage = UsagePage(it.Data)
	case TagLogicalMinimum:
		g.logicalMin, g.logicalMinSize = it.Data, it.Size
	case TagLogicalMaximum:
		g.logicalMax, g.logicalMaxSize = it.Data, it.Size
	case TagPhysicalMinimum:
		g.physicalMin, g.physicalMinSz = it.Data, it.Size
	case TagPhysicalMaximum:
		g.physicalMax, g.physicalMaxSz = it.Data, it.Size
	case TagUnitExponent:
		g.unitExponent = unitExponent(it.Data, it.Size)
	case TagUnit:
		g.unit = Unit(it.Data)
	case TagReportSize:
		size := int(min(it.Data, 1<<20))
		if size > maxReportSize {
			p.warn(it.Offset, fmt.Sprintf("report size above %d bits, clamped", maxReportSize), it.Data)
			size = maxReportSize
		}
		g.reportSize = size
	case TagReportID:
		if it.Data == 0 || it.Data > 0xFF {
			p.warn(it.Offset, "report ID must be 1..255", it.Data)
		}
		g.reportID = uint8(it.Data)
		p.d.UsesReportIDs = true
	case TagReportCount:
		count := int(min(it.Data, 1<<20))
		if count > maxReportCount {
			p.warn(it.Offset, fmt.Sprintf("report count above %d, clamped", maxReportCount), it.Data)
			count = maxReportCount
		}
		g.reportCount = count
	case TagPush:
		if p.stackLen == len(p.stack) {
			p.warn(it.Offset, "Push nested too deep, ignored", p.stackLen)
			return
		}
		p.stack[p.stackLen] = *g
		p.stackLen++
	case TagPop:
		if p.stackLen == 0 {
			p.warn(it.Offset, "Pop without Push", nil)
			return
		}
		p.stackLen--
		*g = p.stack[p.stackLen]
	default:
		p.warn(it.Offset, "reserved global item tag", it.Tag)
	}
}

func (p *parser) localItem(it *Item) {
	l := &p.local
	if it.Tag == TagDelimiter {
		switch it.Data {
		case 1:
			if l.delimiterDepth > 0 {
				p.warn(it.Offset, "nested Delimiter Open", nil)
			}
			l.delimiterDepth++
			l.delimiterSets++
		case 0:
			if l.delimiterDepth == 0 {
				p.warn(it.Offset, "Delimiter Close without Open", nil)
				return
			}
			l.delimiterDepth--
		default:
			p.warn(it.Offset, "Delimiter data must be 0 or 1", it.Data)
		}
		return
	}
	// Within a delimiter set only the first usage is used, as Linux does;
	// the alternatives stay visible in the item list.
	switch it.Tag {
	case TagUsage, TagUsageMinimum, TagUsageMaximum:
		if l.delimiterDepth > 0 && l.delimiterSets > 1 {
			return
		}
	}
	switch it.Tag {
	case TagUsage:
		u := it.Usage()
		l.usages = append(l.usages, UsageRange{u, u})
		l.extended = append(l.extended, it.Size == 4)
	case TagUsageMinimum:
		l.usageMin, l.haveMin, l.minExtended = it.Usage(), true, it.Size == 4
		p.closeRange(it)
	case TagUsageMaximum:
		l.usageMax, l.haveMax = it.Usage(), true
		p.closeRange(it)
	case TagDesignatorIndex, TagDesignatorMinimum:
		l.designator = it.Data
	case TagStringIndex, TagStringMinimum:
		l.stringIndex = it.Data
	case TagDesignatorMaximum, TagStringMaximum:
	default:
		p.warn(it.Offset, "reserved local item tag", it.Tag)
	}
}

// closeRange turns a complete Usage Minimum/Maximum pair into a range.
func (p *parser) closeRange(it *Item) {
	l := &p.local
	if !l.haveMin || !l.haveMax {
		return
	}
	lo, hi := l.usageMin, l.usageMax
	l.haveMin, l.haveMax = false, false
	if lo.Page() != hi.Page() {
		p.warn(it.Offset, "Usage Minimum and Maximum on different pages; using the minimum's page",
			fmt.Sprintf("%s..%s", lo, hi))
		hi = NewUsage(lo.Page(), hi.ID())
	}
	if lo > hi {
		p.warn(it.Offset, "Usage Minimum above Usage Maximum; swapped", fmt.Sprintf("0x%x..0x%x", lo.ID(), hi.ID()))
		lo, hi = hi, lo
	}
	if hi-lo >= maxUsageRange {
		p.warn(it.Offset, "usage range is unusually large", int(hi-lo)+1)
	}
	l.usages = append(l.usages, UsageRange{lo, hi})
	l.extended = append(l.extended, l.minExtended)
}

// repageUsages applies the Usage Page in effect at a main item to the
// short usages declared before it under another page. HID 1.11 §6.2.2.8
// says the parser joins the last declared Usage Page with the usages at the
// main item; Windows and Linux (hid_concatenate_last_usage_page) do so,
// walking back until a usage already on that page.
func (p *parser) repageUsages() {
	l := &p.local
	page := p.global.usagePage
	for i := len(l.usages) - 1; i >= 0; i-- {
		if l.extended[i] {
			continue
		}
		r := &l.usages[i]
		if r.Min.Page() == page {
			break
		}
		r.Min, r.Max = NewUsage(page, r.Min.ID()), NewUsage(page, r.Max.ID())
	}
}

// main handles a main item; the Local item table ends with it (HID 1.11
// §6.2.2.8). Reset without defer: it runs for every main item.
func (p *parser) main(it *Item) {
	p.mainItem(it)
	p.local.reset()
}

func (p *parser) mainItem(it *Item) {
	p.repageUsages()
	if p.local.delimiterDepth > 0 {
		p.warn(it.Offset, "main item inside an open Delimiter", nil)
	}
	if p.local.haveMin != p.local.haveMax {
		p.warn(it.Offset, "Usage Minimum without Usage Maximum (or the reverse)", nil)
	}
	switch it.Tag {
	case TagCollection:
		var u Usage
		if len(p.local.usages) > 0 {
			u = p.local.usages[0].Min
		}
		parent := -1
		if len(p.open) > 0 {
			parent = p.open[len(p.open)-1]
		}
		if it.Data > 0xFF {
			p.warn(it.Offset, "collection type wider than 8 bits", it.Data)
		}
		p.d.Collections = append(p.d.Collections, Collection{Offset: it.Offset,
			Type: CollectionType(it.Data), Usage: u, UsageID: uint32(u), Parent: parent, Depth: len(p.open)})
		p.open = append(p.open, len(p.d.Collections)-1)
	case TagEndCollection:
		if len(p.open) == 0 {
			p.warn(it.Offset, "End Collection without Collection", nil)
			return
		}
		p.open = p.open[:len(p.open)-1]
		it.Depth = len(p.open)
	case TagInput:
		p.field(it, KindInput)
	case TagOutput:
		p.field(it, KindOutput)
	case TagFeature:
		p.field(it, KindFeature)
	default:
		p.warn(it.Offset, "reserved main item tag", it.Tag)
	}
}

// field lays out one Input/Output/Feature item in its report.
func (p *parser) field(it *Item, kind ReportKind) {
	g := &p.global
	flags := MainFlags(it.Data)
	if g.reportSize == 0 || g.reportCount == 0 {
		p.warn(it.Offset, fmt.Sprintf("%s item with report size %d and count %d adds nothing",
			kind, g.reportSize, g.reportCount), nil)
		return
	}
	if !p.d.UsesReportIDs {
		p.sawNoID = true
	} else if p.sawNoID {
		p.sawNoID = false
		p.warn(it.Offset, "report ID items start after fields without one", nil)
	}
	if !flags.Constant() && g.reportSize > maxValueBits {
		p.warn(it.Offset, fmt.Sprintf("data elements wider than %d bits; only the low %d bits are decoded",
			maxValueBits, maxValueBits), g.reportSize)
	}
	ri := p.reportIdx[kind][g.reportID] - 1
	if ri < 0 {
		p.d.Reports = append(p.d.Reports, Report{ID: g.reportID, Kind: kind})
		ri = int16(len(p.d.Reports) - 1)
		p.reportIdx[kind][g.reportID] = ri + 1
	}
	r := &p.d.Reports[ri]
	bits := g.reportSize * g.reportCount
	if r.Bits+bits > maxReportBits {
		p.warn(it.Offset, "report longer than 16384 bytes; field dropped", r.Bits+bits)
		return
	}
	lmin, lmax := rangeValues(g.logicalMin, g.logicalMinSize, g.logicalMax, g.logicalMaxSize)
	pmin, pmax := rangeValues(g.physicalMin, g.physicalMinSz, g.physicalMax, g.physicalMaxSz)
	if pmin == 0 && pmax == 0 { // HID 1.11 §6.2.2.7: physical = logical when both are 0
		pmin, pmax = lmin, lmax
	}
	if lmin > lmax && !flags.Constant() {
		p.warn(it.Offset, "Logical Minimum above Logical Maximum", fmt.Sprintf("%d..%d", lmin, lmax))
	}
	start := len(p.usageStore)
	p.usageStore = append(p.usageStore, p.local.usages...)
	p.d.Fields = append(p.d.Fields, Field{})
	f := &p.d.Fields[len(p.d.Fields)-1]
	*f = Field{
		Offset: it.Offset, Kind: kind, ReportID: g.reportID, Report: int(ri),
		BitOffset: r.Bits, BitSize: g.reportSize, Count: g.reportCount, Flags: flags,
		LogicalMin: lmin, LogicalMax: lmax, PhysicalMin: pmin, PhysicalMax: pmax,
		Unit: g.unit, UnitExponent: g.unitExponent,
		Usages:          p.usageStore[start:len(p.usageStore):len(p.usageStore)],
		Collection:      -1,
		DesignatorIndex: p.local.designator, StringIndex: p.local.stringIndex,
	}
	if len(p.open) > 0 {
		f.Collection = p.open[len(p.open)-1]
	}
	if !flags.Constant() && len(f.Usages) == 0 {
		p.warn(it.Offset, fmt.Sprintf("%s data field without a usage", kind), nil)
	}
	r.Bits += bits
}

// rangeValues turns raw minimum/maximum data into numbers. Both are signed
// per the specification, but many devices write an unsigned maximum such as
// 0xFF in one byte; like Linux hid-core, the maximum is read unsigned when
// the minimum is not negative.
func rangeValues(minRaw uint32, minSize int, maxRaw uint32, maxSize int) (int32, int32) {
	lo := signExtend(minRaw, minSize*8)
	hi := signExtend(maxRaw, maxSize*8)
	if lo >= 0 && hi < 0 {
		hi = int32(maxRaw)
		if hi < 0 { // a 4-byte maximum above 2^31 cannot be represented
			hi = 1<<31 - 1
		}
	}
	return lo, hi
}
