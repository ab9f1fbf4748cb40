package usbdesc

// Allocation strategy. A parse should allocate the model and little else:
// no per-byte allocations and no garbage from growing slices.
//   - A configuration with an audio interface takes one block: room for a
//     typical headset's descriptors, lists and summaries in one
//     allocation. A kind that outgrows its room falls back to the heap
//     (a list grows by append, a struct is allocated on its own).
//   - Any other configuration is sized exactly: a quick walk over its
//     bLength chain counts its descriptors (a count bounded by the bytes
//     really present, never by a length field) and sizes one backing
//     array per list type and slabs for alt settings and endpoints.
// Lists grow in place in a shared pool while they are the most recent
// list appended to (lists are filled in order); the descriptor and
// entity lists, the longest, are written to their owner once, when the
// next list opens (openList). Lists handed out have cap == len, so a
// caller's append copies instead of overwriting a neighbour.

// pool is a shared backing array for many small lists. A pool with a
// refill size starts a fresh array of at least that many when it is full;
// without one, lists outgrowing it grow by append.
type pool[T any] struct {
	buf    []T
	refill int
}

func newPool[T any](n int) pool[T] {
	if n <= 0 {
		return pool[T]{}
	}
	return pool[T]{buf: make([]T, 0, n)}
}

// add appends v to list, growing it in place when list ends where the pool
// ends; otherwise (or when the pool is full) it falls back to append.
func (p *pool[T]) add(list []T, v T) []T {
	n := len(p.buf)
	if n < cap(p.buf) {
		if len(list) == 0 {
			p.buf = append(p.buf, v)
			return p.buf[n : n+1 : n+1]
		}
		if n > 0 && &list[len(list)-1] == &p.buf[n-1] {
			p.buf = append(p.buf, v)
			return p.buf[n-len(list) : n+1 : n+1]
		}
	}
	if p.refill > 0 {
		// The list moves to the fresh array's start, so it keeps growing
		// in place there.
		p.buf = append(make([]T, 0, max(p.refill, 4*(len(list)+1))), list...)
		p.buf = append(p.buf, v)
		return p.buf[: len(list)+1 : len(list)+1]
	}
	return append(list, v)
}

// openList is the list a pool is filling: the elements pushed since
// start belong to *dst, which is written once, when the list closes
// (closeList), instead of at every element. The parser fills one list
// of a kind at a time (a context's descriptors, a function's entities),
// so pushing is an append and a comparison.
type openList[T any] struct {
	dst   *[]T
	start int
}

// push appends v to the list at dst, closing the list that was open
// before when dst is another one. A full pool moves the open list's
// elements to the start of a fresh array.
func (p *pool[T]) push(o *openList[T], dst *[]T, v T) {
	if o.dst != dst {
		p.closeList(o)
		o.dst, o.start = dst, len(p.buf)
	}
	if len(p.buf) == cap(p.buf) {
		open := p.buf[o.start:]
		p.buf = append(make([]T, 0, max(p.refill, 4*(len(open)+1))), open...)
		o.start = 0
	}
	p.buf = append(p.buf, v)
}

// closeList writes the open list to its destination (cap == len, so a
// caller's append copies instead of overwriting a neighbour). A list
// that was closed before and opened again (hostile input can interleave
// contexts) gets the new elements appended in a copy.
func (p *pool[T]) closeList(o *openList[T]) {
	if o.dst == nil {
		return
	}
	n := len(p.buf)
	list := p.buf[o.start:n:n]
	if old := *o.dst; len(old) > 0 {
		list = append(append(make([]T, 0, len(old)+len(list)), old...), list...)
	}
	*o.dst, o.dst = list, nil
}

// take returns n zero elements cut from the pool (cap == len), refilling
// it with a fresh block of at least 32 when it runs out: the small
// bitmap and sample-rate lists of a configuration then share a few
// allocations instead of one each.
func (p *pool[T]) take(n int) []T { return reserve(&p.buf, n, 32)[:n] }

// reserve returns an empty list with room for exactly n elements, cut
// from *block: its cap is n, so an append past n copies instead of
// overwriting a neighbour. When *block has less than n elements of room
// left, it is replaced by a fresh one of max(n, refill).
func reserve[T any](block *[]T, n, refill int) []T {
	if cap(*block)-len(*block) < n {
		*block = make([]T, 0, max(n, refill))
	}
	l := len(*block)
	*block = (*block)[:l+n]
	return (*block)[l : l : l+n]
}

// slab hands out pointers into one array of T: free[used:] are not handed
// out yet. Handing one out only counts (an int write, which the garbage
// collector's write barrier leaves alone, unlike re-slicing free). When
// it runs out, a slab with a refill size allocates a fresh array of that
// many; without one, each further T is allocated on its own.
type slab[T any] struct {
	free   []T
	used   int
	refill int
}

func newSlab[T any](n int) slab[T] {
	if n <= 0 {
		return slab[T]{}
	}
	return slab[T]{free: make([]T, n)}
}

func (s *slab[T]) new() *T {
	if s.used >= len(s.free) {
		if s.refill <= 1 {
			return new(T)
		}
		s.free, s.used = make([]T, s.refill), 0
	}
	v := &s.free[s.used]
	s.used++
	return v
}

// arenas is the per-configuration allocation state.
type arenas struct {
	descriptors pool[Descriptor]
	entities    pool[Entity]
	endpoints   pool[*Endpoint]
	alts        pool[*AltSetting]
	interfaces  pool[*Interface]
	altSlab     slab[AltSetting]
	epSlab      slab[Endpoint]
	ifaceSlab   slab[Interface]
	streamSlab  slab[Stream]
	altSumSlab  slab[StreamAlt]
	altSums     pool[*StreamAlt]
	streams     pool[*Stream]
	words       pool[uint32] // bmaControls and tSamFreq lists (take)

	// Slabs for the most common class-specific audio descriptors: in
	// the block; an audio configuration always has one.
	inputTerms  slab[InputTerminal]
	outputTerms slab[OutputTerminal]
	features    slab[FeatureUnit]
	clocks      slab[ClockSource]
	asGenerals  slab[ASGeneral]
	formats     slab[FormatType]
	asEndpoints slab[ASEndpoint]
	acHeaders   slab[ACHeader]

	iadSlab slab[InterfaceAssociation]
	iads    pool[*InterfaceAssociation]

	// The HID descriptor of a headset's buttons and room for its class
	// descriptor list (reserve).
	hids       slab[HIDDescriptor]
	hidReports []HIDClassDescriptor

	// Audio functions and their list (Configuration.AudioFunctions).
	functions    slab[AudioFunction]
	functionPtrs pool[*AudioFunction]
	// topology is where the functions' paths and evidence are cut from.
	topology analysisStore

	// Descriptors kept undecoded (a webcam's video descriptors, vendor
	// descriptors): refilled 16 at a time, never in the block, since a
	// typical headset has none.
	unknowns slab[Unknown]

	// Units most headsets have none or one of.
	mixers         slab[MixerUnit]
	selectors      slab[SelectorUnit]
	clockSelectors slab[ClockSelector]
}

// csCounts are the counts configurationCounts makes besides descriptor
// totals.
type csCounts struct {
	numbers int // interfaces (alternate settings 0)
	iads    int // interface association descriptors
}

// configurationCounts walks the bLength chain from pos and counts the
// descriptors up to the next configuration descriptor or the first
// invalid length. interfaces counts interface descriptors (every
// alternate setting), cs.numbers those of alternate setting 0: the
// interfaces themselves, in a well-formed configuration.
func configurationCounts(b []byte, pos int, cs *csCounts) (total, interfaces, endpoints int) {
	for pos+2 <= len(b) {
		l := int(b[pos])
		if l < 2 || pos+l > len(b) {
			break
		}
		switch DescriptorType(b[pos+1]) {
		case TypeConfiguration:
			return
		case TypeInterface:
			interfaces++
			if l >= 4 && b[pos+3] == 0 {
				cs.numbers++
			}
		case TypeEndpoint:
			endpoints++
		case TypeIAD:
			cs.iads++
		}
		total++
		pos += l
	}
	return
}

func (p *parser) sizeArenas(pos int) {
	if hasAudioInterface(p.data, pos) {
		b := p.warm
		p.warm = nil // a second audio configuration gets its own
		if b == nil {
			b = new(block)
		}
		p.mem.useBlock(b)
		return
	}
	var counts csCounts
	total, interfaces, endpoints := configurationCounts(p.data, pos, &counts)
	nDesc := total - interfaces - endpoints + 1
	p.mem = arenas{
		// No audio interface: no audio function, so no entities, audio
		// descriptors, stream summaries or paths (the parser only makes
		// a function for an audio interface descriptor, which
		// hasAudioInterface would have found).
		descriptors: newPool[Descriptor](nDesc),
		endpoints:   newPool[*Endpoint](endpoints),
		alts:        newPool[*AltSetting](interfaces),
		interfaces:  newPool[*Interface](interfaces),
		altSlab:     newSlab[AltSetting](interfaces),
		epSlab:      newSlab[Endpoint](endpoints),
		ifaceSlab:   newSlab[Interface](interfaces),
		iadSlab:     newSlab[InterfaceAssociation](counts.iads),
		iads:        newPool[*InterfaceAssociation](counts.iads),
		unknowns:    slab[Unknown]{refill: unknownRefill},
	}
}

// hasAudioInterface reports an audio interface descriptor in the
// configuration whose descriptors start at pos. It stops at the first
// one: an AudioControl interface usually comes first.
func hasAudioInterface(b []byte, pos int) bool {
	for pos+2 <= len(b) {
		l := int(b[pos])
		if l < 2 || pos+l > len(b) {
			return false
		}
		switch DescriptorType(b[pos+1]) {
		case TypeConfiguration:
			return false
		case TypeInterface:
			if l >= 6 && ClassCode(b[pos+5]) == ClassAudio {
				return true
			}
		}
		pos += l
	}
	return false
}

// useBlock points every pool and slab at b's arrays. It sets every
// field, so nothing a previous configuration left in m survives
// (TestUseBlockSetsEveryField). A configuration bigger than a headset's
// (a webcam with audio has dozens of video alternate settings) refills
// the standard descriptors' pools and slabs in chunks, not one
// allocation per item; the audio kinds overflow one at a time.
func (m *arenas) useBlock(b *block) {
	m.descriptors = pool[Descriptor]{buf: b.descriptors[:0], refill: 32}
	m.entities = pool[Entity]{buf: b.entities[:0], refill: 16}
	m.endpoints = pool[*Endpoint]{buf: b.endpoints[:0], refill: 16}
	m.alts = pool[*AltSetting]{buf: b.alts[:0], refill: 16}
	m.interfaces = pool[*Interface]{buf: b.interfaces[:0], refill: 8}
	m.altSlab = slab[AltSetting]{free: b.altSlab[:], refill: 8}
	m.epSlab = slab[Endpoint]{free: b.epSlab[:], refill: 8}
	m.ifaceSlab = slab[Interface]{free: b.ifaceSlab[:], refill: 4}
	m.streamSlab = slab[Stream]{free: b.streams[:]}
	m.streams = pool[*Stream]{buf: b.streamPtrs[:0]}
	m.altSumSlab = slab[StreamAlt]{free: b.streamAlts[:]}
	m.altSums = pool[*StreamAlt]{buf: b.streamAltPtrs[:0]}
	m.words = pool[uint32]{buf: b.words[:0]}
	m.inputTerms = slab[InputTerminal]{free: b.inputTerms[:]}
	m.outputTerms = slab[OutputTerminal]{free: b.outputTerms[:]}
	m.features = slab[FeatureUnit]{free: b.features[:]}
	m.clocks = slab[ClockSource]{free: b.clocks[:]}
	m.asGenerals = slab[ASGeneral]{free: b.asGenerals[:]}
	m.formats = slab[FormatType]{free: b.formats[:]}
	m.asEndpoints = slab[ASEndpoint]{free: b.asEndpoints[:]}
	m.acHeaders = slab[ACHeader]{free: b.acHeaders[:]}
	m.iadSlab = slab[InterfaceAssociation]{free: b.iads[:]}
	m.iads = pool[*InterfaceAssociation]{buf: b.iadPtrs[:0]}
	m.hids = slab[HIDDescriptor]{free: b.hids[:]}
	m.hidReports = b.hidReports[:0]
	m.functions = slab[AudioFunction]{free: b.functions[:]}
	m.functionPtrs = pool[*AudioFunction]{buf: b.functionPtrs[:0]}
	m.topology = b.topology.store(b.evidence[:0], b.evidenceText[:0])
	m.mixers = slab[MixerUnit]{free: b.mixers[:]}
	m.selectors = slab[SelectorUnit]{free: b.selectors[:]}
	m.clockSelectors = slab[ClockSelector]{free: b.clockSelectors[:]}
	m.unknowns = slab[Unknown]{refill: unknownRefill}
}

// unknownRefill is how many *Unknown one allocation holds.
const unknownRefill = 16

// block is the storage of a typical audio configuration in one
// allocation: a real headset's 25 to 50 descriptors would otherwise take
// about 20 separate slabs and pools, and each allocation costs more than
// the few hundred bytes the block leaves unused on a small device. The
// capacities cover the real headsets of fixtures/devices; a configuration
// with more of a kind takes exact-size storage of its own for that kind
// (poolIn, slabIn) or, for the class-specific slabs, one struct at a time.
type block struct {
	descriptors   [28]Descriptor
	entities      [10]Entity
	endpoints     [7]*Endpoint
	alts          [10]*AltSetting
	interfaces    [6]*Interface
	altSlab       [10]AltSetting
	epSlab        [7]Endpoint
	ifaceSlab     [6]Interface
	streams       [3]Stream // the corpus has 1 to 3 per audio configuration
	streamPtrs    [3]*Stream
	streamAlts    [5]StreamAlt
	streamAltPtrs [5]*StreamAlt
	words         [40]uint32
	inputTerms    [3]InputTerminal
	outputTerms   [3]OutputTerminal
	features      [3]FeatureUnit
	asGenerals    [5]ASGeneral
	formats       [5]FormatType
	asEndpoints   [5]ASEndpoint
	clocks        [2]ClockSource
	iads          [3]InterfaceAssociation
	iadPtrs       [3]*InterfaceAssociation
	acHeaders     [2]ACHeader
	functions     [2]AudioFunction
	functionPtrs  [2]*AudioFunction
	topology      topologyBlock // the paths of every function
	evidence      [4]Evidence   // of every function: a headset has 1 to 4
	// evidenceText holds the evidence reasons of every function (the
	// real headsets need 112 to 189 bytes); they are strings over it,
	// written once and never changed (see classifier.reasons).
	evidenceText   [208]byte
	hids           [2]HIDDescriptor // most headsets have 1, a few 2 or 3
	hidReports     [2]HIDClassDescriptor
	mixers         [1]MixerUnit
	selectors      [1]SelectorUnit
	clockSelectors [2]ClockSelector
}

// unknownHex is the hex of raw, sliced from one encoding of the whole
// input made the first time an unknown descriptor needs it.
func (p *parser) unknownHex(h wire) string {
	if p.hexAll == "" {
		const digits = "0123456789abcdef"
		buf := make([]byte, 2*len(p.data))
		for i, c := range p.data {
			buf[2*i], buf[2*i+1] = digits[c>>4], digits[c&0x0f]
		}
		p.hexAll = string(buf)
	}
	return p.hexAll[2*h.Offset : 2*(h.Offset+len(h.Raw))]
}
