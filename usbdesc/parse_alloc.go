package usbdesc

// Allocation strategy. A parse should allocate the model and little else:
// no per-byte allocations and no garbage from growing slices. Before a
// configuration is decoded, a quick walk over its bLength chain counts its
// descriptors (a count bounded by the bytes really present, never by a
// length field). That sizes:
//   - one backing array per list type (descriptor lists, entities, endpoint
//     and alt-setting pointers), which each list grows into in place while
//     it is the most recent list appended to (lists are filled in order);
//   - slabs for the most numerous structs (alt settings, endpoints).
// Lists handed out have cap == len, so a caller's append copies instead of
// overwriting a neighbour.

// pool is a shared backing array for many small lists.
type pool[T any] struct{ buf []T }

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
	return append(list, v)
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

// slab hands out pointers into one array of T.
type slab[T any] struct{ free []T }

func newSlab[T any](n int) slab[T] {
	if n <= 0 {
		return slab[T]{}
	}
	return slab[T]{free: make([]T, n)}
}

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		return new(T)
	}
	v := &s.free[0]
	s.free = s.free[1:]
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

	// Slabs for the most common class-specific descriptors, each sized
	// the first time it is used from cs (see csNew).
	cs          csCounts
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

	// Audio functions and their list (Configuration.AudioFunctions).
	functions    slab[functionAlloc]
	functionPtrs pool[*AudioFunction]
	// topology is the storage of the functions' paths (nil: each
	// function allocates its own).
	topology *topologyStore
}

// csCounts counts a configuration's class-specific audio descriptors by
// bDescriptorSubtype: in AudioControl interfaces, in AudioStreaming
// interfaces, and CS endpoint descriptors.
type csCounts struct {
	ac, as  [len(csTable{})]uint16
	ep      uint16
	numbers int // interfaces (alternate settings 0)
	// AudioStreaming interfaces, and their alternate settings with an
	// endpoint: the Stream and StreamAlt summaries finishConfiguration
	// builds.
	streams, streamAlts int
	iads                int // interface association descriptors
}

// maxSlab caps a class-specific slab: the counts are bounded by the bytes
// present, but a hostile configuration of 3-byte descriptors must not
// make each slab thousands of structs long. Real functions have a few.
const maxSlab = 16

// csNew returns a zero T for a class-specific descriptor whose subtype
// the configuration holds n of: the first call sizes the slab.
func csNew[T any](s *slab[T], n uint16) *T {
	if s.free == nil && n > 1 {
		*s = newSlab[T](min(int(n), maxSlab))
	}
	return s.new()
}

// acCount and asCount look up cs by the subtype byte of h.
func (c *csCounts) acCount(h wire) uint16 { return subtypeCount(&c.ac, h) }
func (c *csCounts) asCount(h wire) uint16 { return subtypeCount(&c.as, h) }

func subtypeCount(counts *[len(csTable{})]uint16, h wire) uint16 {
	if len(h.Raw) < 3 || int(h.Raw[2]) >= len(counts) {
		return 0
	}
	return counts[h.Raw[2]]
}

// configurationCounts walks the bLength chain from pos and counts the
// descriptors up to the next configuration descriptor or the first
// invalid length. interfaces counts interface descriptors (every
// alternate setting), cs.numbers those of alternate setting 0: the
// interfaces themselves, in a well-formed configuration.
func configurationCounts(b []byte, pos int, cs *csCounts) (total, interfaces, endpoints, classSpecific int) {
	var class, subclass uint8 // of the current interface
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
			class, subclass = 0, 0
			if l >= 7 {
				class, subclass = b[pos+5], b[pos+6]
			}
			if l >= 4 && b[pos+3] == 0 {
				cs.numbers++
			}
			if ClassCode(class) == ClassAudio && subclass == SubclassAudioStreaming && l >= 5 {
				if b[pos+3] == 0 {
					cs.streams++
				}
				if b[pos+4] > 0 {
					cs.streamAlts++
				}
			}
		case TypeEndpoint:
			endpoints++
		case TypeIAD:
			cs.iads++
		case TypeCSInterface:
			classSpecific++
			if ClassCode(class) == ClassAudio && l >= 3 && int(b[pos+2]) < len(cs.ac) {
				switch subclass {
				case SubclassAudioControl:
					cs.ac[b[pos+2]]++
				case SubclassAudioStreaming:
					cs.as[b[pos+2]]++
				}
			}
		case TypeCSEndpoint:
			cs.ep++
		}
		total++
		pos += l
	}
	return
}

func (p *parser) sizeArenas(pos int) {
	var counts csCounts
	total, interfaces, endpoints, cs := configurationCounts(p.data, pos, &counts)
	nDesc := total - interfaces - endpoints + 1
	if audio := counts.audio(); audio > 0 {
		// An audio configuration: the typical one fits one block.
		b := new(block)
		p.mem = arenas{
			cs:           counts,
			descriptors:  poolIn(b.descriptors[:], nDesc),
			entities:     poolIn(b.entities[:], counts.control()),
			endpoints:    poolIn(b.endpoints[:], endpoints),
			alts:         poolIn(b.alts[:], interfaces),
			interfaces:   poolIn(b.interfaces[:], counts.numbers),
			altSlab:      slabIn(b.altSlab[:], interfaces),
			epSlab:       slabIn(b.epSlab[:], endpoints),
			ifaceSlab:    slabIn(b.ifaceSlab[:], counts.numbers),
			streamSlab:   slabIn(b.streams[:], counts.streams),
			streams:      poolIn(b.streamPtrs[:], counts.streams),
			altSumSlab:   slabIn(b.streamAlts[:], counts.streamAlts),
			altSums:      poolIn(b.streamAltPtrs[:], counts.streamAlts),
			words:        pool[uint32]{buf: b.words[:0]},
			inputTerms:   slab[InputTerminal]{free: b.inputTerms[:]},
			outputTerms:  slab[OutputTerminal]{free: b.outputTerms[:]},
			features:     slab[FeatureUnit]{free: b.features[:]},
			clocks:       slab[ClockSource]{free: b.clocks[:]},
			asGenerals:   slab[ASGeneral]{free: b.asGenerals[:]},
			formats:      slab[FormatType]{free: b.formats[:]},
			asEndpoints:  slab[ASEndpoint]{free: b.asEndpoints[:]},
			acHeaders:    slab[ACHeader]{free: b.acHeaders[:]},
			iadSlab:      slabIn(b.iads[:], counts.iads),
			iads:         poolIn(b.iadPtrs[:], counts.iads),
			functions:    slab[functionAlloc]{free: b.functions[:]},
			functionPtrs: pool[*AudioFunction]{buf: b.functionPtrs[:0]},
			topology:     b.topology.newTopologyStore(),
		}
		p.streamCap = -1 // the block holds the stream summaries
		return
	}
	// An endpoint belongs to one alt setting, so there are no more alt
	// settings with an endpoint than endpoints (alt 0 usually has none).
	p.streamCap = min(interfaces, endpoints)
	p.mem = arenas{
		cs:          counts,
		descriptors: newPool[Descriptor](nDesc),
		entities:    newPool[Entity](cs),
		endpoints:   newPool[*Endpoint](endpoints),
		alts:        newPool[*AltSetting](interfaces),
		interfaces:  newPool[*Interface](interfaces),
		altSlab:     newSlab[AltSetting](interfaces),
		epSlab:      newSlab[Endpoint](endpoints),
		ifaceSlab:   newSlab[Interface](interfaces),
		iadSlab:     newSlab[InterfaceAssociation](counts.iads),
		iads:        newPool[*InterfaceAssociation](counts.iads),
		// Stream summaries: at most one per AS alt setting with an
		// endpoint, allocated on first use (most configurations of a
		// webcam or keyboard have none).
	}
}

// block is the storage of a typical audio configuration in one
// allocation: a real headset's 25 to 50 descriptors would otherwise take
// about 20 separate slabs and pools, and each allocation costs more than
// the few hundred bytes the block leaves unused on a small device. The
// capacities cover the real headsets of fixtures/devices; a configuration
// with more of a kind takes exact-size storage of its own for that kind
// (poolIn, slabIn) or, for the class-specific slabs, one struct at a time.
type block struct {
	descriptors   [32]Descriptor
	entities      [12]Entity
	endpoints     [8]*Endpoint
	alts          [10]*AltSetting
	interfaces    [6]*Interface
	altSlab       [10]AltSetting
	epSlab        [8]Endpoint
	ifaceSlab     [6]Interface
	streams       [6]Stream
	streamPtrs    [6]*Stream
	streamAlts    [6]StreamAlt
	streamAltPtrs [6]*StreamAlt
	words         [40]uint32
	inputTerms    [3]InputTerminal
	outputTerms   [3]OutputTerminal
	features      [3]FeatureUnit
	asGenerals    [5]ASGeneral
	formats       [5]FormatType
	asEndpoints   [5]ASEndpoint
	clocks        [2]ClockSource
	iads          [2]InterfaceAssociation
	iadPtrs       [2]*InterfaceAssociation
	acHeaders     [2]ACHeader
	functions     [2]functionAlloc
	functionPtrs  [2]*AudioFunction
	topology      topologyBlock // the paths of every function
}

// poolIn is a pool for n elements in arr when they fit, else its own.
func poolIn[T any](arr []T, n int) pool[T] {
	if n <= len(arr) {
		return pool[T]{buf: arr[:0:n]}
	}
	return newPool[T](n)
}

// slabIn is a slab of n elements in arr when they fit, else its own.
func slabIn[T any](arr []T, n int) slab[T] {
	if n <= len(arr) {
		return slab[T]{free: arr[:n:n]}
	}
	return newSlab[T](n)
}

// control is the number of class-specific AudioControl descriptors: an
// upper bound on the entities.
func (c *csCounts) control() int {
	n := 0
	for _, k := range c.ac {
		n += int(k)
	}
	return n
}

// audio is the number of audio class-specific interface descriptors
// (AudioControl and AudioStreaming) the configuration holds.
func (c *csCounts) audio() int {
	n := 0
	for i := range c.ac {
		n += int(c.ac[i]) + int(c.as[i])
	}
	return n
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

// streamArenas sizes the stream summary storage the first time a
// configuration with audio functions is finished.
func (p *parser) streamArenas() {
	if p.streamCap < 0 {
		return
	}
	n := p.streamCap
	p.mem.streamSlab = newSlab[Stream](min(n, 16))
	p.mem.streams = newPool[*Stream](min(n, 16))
	p.mem.altSumSlab = newSlab[StreamAlt](n)
	p.mem.altSums = newPool[*StreamAlt](n)
	p.streamCap = -1
}
