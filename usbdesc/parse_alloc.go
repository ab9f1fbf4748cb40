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
func (p *pool[T]) take(n int) []T {
	if cap(p.buf)-len(p.buf) < n {
		p.buf = make([]T, 0, max(n, 32))
	}
	l := len(p.buf)
	p.buf = p.buf[:l+n]
	return p.buf[l : l+n : l+n]
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
}

// csCounts counts a configuration's class-specific audio descriptors by
// bDescriptorSubtype: in AudioControl interfaces, in AudioStreaming
// interfaces, and CS endpoint descriptors.
type csCounts struct {
	ac, as [len(csTable{})]uint16
	ep     uint16
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
// invalid length.
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
		case TypeEndpoint:
			endpoints++
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
	p.mem = arenas{
		cs:          counts,
		descriptors: newPool[Descriptor](total - interfaces - endpoints + 1),
		entities:    newPool[Entity](cs),
		endpoints:   newPool[*Endpoint](endpoints),
		alts:        newPool[*AltSetting](interfaces),
		interfaces:  newPool[*Interface](interfaces),
		altSlab:     newSlab[AltSetting](interfaces),
		epSlab:      newSlab[Endpoint](endpoints),
		ifaceSlab:   newSlab[Interface](interfaces),
		// Stream summaries: at most one per AS alt setting with an
		// endpoint, allocated on first use (most configurations of a
		// webcam or keyboard have none).
	}
	// An endpoint belongs to one alt setting, so there are no more alt
	// settings with an endpoint than endpoints (alt 0 usually has none).
	p.streamCap = min(interfaces, endpoints)
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
