package usbdesc

import (
	"fmt"
	stdbits "math/bits"
)

// The topology of an audio function is a directed graph: every entity
// (terminal, unit, clock) points back at the entities feeding it through
// bSourceID / baSourceID[] (UAC1 3.5, UAC2 3.13, UAC3 3.13), and UAC2/3
// terminals point at a clock entity through bCSourceID. Entity IDs are one
// byte, so the graph has at most 255 nodes (ID 0 is reserved): every walk
// below keeps a visited set indexed by ID and cannot run longer than that,
// whatever cycles or dangling IDs the descriptors contain.

// maxPaths bounds how many signal paths one function may report; a real
// device has a handful, a hostile one could ask for 255 x 255.
const maxPaths = 256

// maxCycleWarnings bounds the cycle report: a hostile graph can hold
// thousands of loops, one is enough to show the descriptors are broken.
const maxCycleWarnings = 16

// topology is the state of one analysis: the entity table and the warnings
// it produced.
type topology struct {
	f *AudioFunction
	// at[id] is 1 + the index in f.Entities of the entity with that
	// ID, 0 for none: 1 KB to clear per analysis, not the 4 KB a
	// table of interface values would take.
	at [256]uint32
	// order[:n] are the indexed entities' IDs in descriptor order: an
	// array and a count, because a slice the topology kept into its own
	// storage would move it to the heap.
	order    [255]uint8
	n        int
	warnings []Warning
	// What index learnt of each entity, by ID, so the walks need no
	// type switches: its kind, its one source (nodeOneSource) and the
	// clock its terminal runs from (bCSourceID, 0 for none).
	flags [256]nodeFlags
	src   [256]uint8
	clock [256]uint8
	// later is the set of entities (a bit per ID) that name a source
	// coming after them in descriptor order (checkSources). Every cycle
	// has one: along a cycle whose sources all came earlier, the
	// descriptor order would fall forever. So without one there can be
	// no cycle (see mayCycle).
	later idSet
	// Paths and their small ID lists (Chain, Streams, ClockSources) are
	// cut from shared storage (see analysisStore).
	store *analysisStore
}

// analysisStore is where the analysis cuts its results from: paths and
// their lists (topology), evidence and its text (classification). The
// parser keeps one over its block's arrays for all the functions of a
// configuration; a function analysed on its own gets a topologyBlock of
// its own. Each list refills from the heap when it runs out.
type analysisStore struct {
	paths    []Path // zero Paths not handed out yet
	pathPtrs []*Path
	ids      []uint8
	controls []PathControl
	evidence []Evidence // the classification's
	text     []byte     // the evidence reasons' bytes; append only
}

// topologyBlock is the first storage for a typical function's paths (a
// headset has two to four) in one allocation.
type topologyBlock struct {
	paths    [3]Path
	pathPtrs [6]*Path
	ids      [16]uint8
	controls [10]PathControl
}

// store is a store over b's arrays, with evidence and text room of the
// caller's.
func (b *topologyBlock) store(evidence []Evidence, text []byte) analysisStore {
	return analysisStore{paths: b.paths[:], pathPtrs: b.pathPtrs[:0], ids: b.ids[:0], controls: b.controls[:0],
		evidence: evidence, text: text}
}

// idList and controlList return an empty list with room for exactly n
// IDs or controls, cut from the shared storage (see reserve).
func (t *topology) idList(n int) []uint8 { return reserve(&t.store.ids, n, 64) }

func (t *topology) controlList(n int) []PathControl { return reserve(&t.store.controls, n, 16) }

// newPathStruct hands out a zero Path from pathSlab, refilled in blocks
// of up to 8.
func (t *topology) newPathStruct(bound int) *Path {
	st := t.store
	if len(st.paths) == 0 {
		st.paths = make([]Path, min(max(bound, 1), 8))
	}
	p := &st.paths[0]
	st.paths = st.paths[1:]
	return p
}

// buildTopology indexes the function's entities, reports structural
// problems (duplicate IDs, dangling and self sources, cycles, bad clock
// references) and returns every signal path from an input terminal to an
// output terminal.
func buildTopology(f *AudioFunction, st *analysisStore) ([]*Path, []Warning) {
	if st == nil {
		own := new(struct {
			b  topologyBlock
			st analysisStore
		})
		own.st = own.b.store(nil, nil)
		st = &own.st
	}
	var t topology
	t.f, t.store = f, st
	t.index()
	t.checkSources()
	t.checkCycles()
	t.checkStreamLinks()
	paths := t.paths()
	return paths, t.warnings
}

func (t *topology) warn(e Entity, format string, args ...any) {
	off := 0
	if e != nil {
		off = e.Head().Offset
	}
	t.warnings = append(t.warnings, Warning{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// nodeFlags say what kind of entity an ID is and where its sources are.
type nodeFlags uint8

const (
	nodeInput     nodeFlags = 1 << iota // *InputTerminal
	nodeOutput                          // *OutputTerminal
	nodeClock                           // clock source, selector or multiplier
	nodeOneSource                       // one source, in topology.src
	nodeSources                         // a source list: the entity's Sources()
	nodeFeature                         // *FeatureUnit, whose controls a path lists
)

// idLists[i] is the list of the one ID i: a one-source entity's source
// list, without an allocation or a pointer into the topology. Its cap is
// 1, so an append copies instead of writing over the next list.
var idLists = func() (a [256][1]uint8) {
	for i := range a {
		a[i][0] = uint8(i)
	}
	return a
}()

// sources are the IDs feeding entity id (audio or clock edges). The
// one-source case, most entities, is small enough to inline into the
// walks; a source list needs the entity.
func (t *topology) sources(id uint8) []uint8 {
	if t.flags[id]&nodeOneSource != 0 {
		return idLists[t.src[id]][:]
	}
	return t.sourceList(id)
}

// sourceList is sources for an entity with no single source: its
// Sources(), or none.
func (t *topology) sourceList(id uint8) []uint8 {
	if t.flags[id]&nodeSources != 0 {
		return t.entity(id).Sources()
	}
	return nil
}

// node records e's kind, single source and clock under its ID.
func (t *topology) node(id uint8, e Entity) {
	var f nodeFlags
	switch e := e.(type) {
	case *InputTerminal:
		f, t.clock[id] = nodeInput, e.ClockSource
	case *OutputTerminal:
		f, t.src[id], t.clock[id] = nodeOutput|nodeOneSource, e.SourceID, e.ClockSource
	case *FeatureUnit:
		f, t.src[id] = nodeFeature|nodeOneSource, e.SourceID
	case *EffectUnit:
		f, t.src[id] = nodeOneSource, e.SourceID
	case *SampleRateConverter:
		f, t.src[id], t.clock[id] = nodeOneSource, e.SourceID, e.ClockSourceOut
	case *ClockMultiplier:
		f, t.src[id] = nodeClock|nodeOneSource, e.ClockID
	case *ClockSource:
		f = nodeClock
	case *ClockSelector:
		f = nodeClock | nodeSources
	default:
		f = nodeSources
		if ce, ok := e.(ClockEntity); ok {
			t.clock[id] = ce.ClockSourceID()
		}
	}
	t.flags[id] = f
}

// index fills at, the node tables and order. The first entity with an
// ID wins, as in the Linux driver, which searches the descriptors front
// to back.
func (t *topology) index() {
	for i, e := range t.f.Entities {
		if e == nil {
			continue
		}
		id := e.EntityID()
		if id == 0 {
			t.warn(e, "%s uses the reserved entity ID 0; it is left out of the topology", entityName(e))
			continue
		}
		if t.has(id) {
			prev := t.entity(id)
			t.warn(e, "%s reuses entity ID %d of the %s at offset %d; the first one is used",
				entityName(e), id, entityName(prev), prev.Head().Offset)
			continue
		}
		t.at[id] = uint32(i + 1)
		t.node(id, e)
		t.order[t.n] = id
		t.n++
	}
}

// entity is the entity with this ID, nil for none.
func (t *topology) entity(id uint8) Entity {
	if i := t.at[id]; i != 0 {
		return t.f.Entities[i-1]
	}
	return nil
}

// has reports an entity with this ID.
func (t *topology) has(id uint8) bool { return t.at[id] != 0 }

// ents are the indexed entities' IDs, in descriptor order.
func (t *topology) ents() []uint8 { return t.order[:t.n] }

// checkSources reports source and clock references that lead nowhere.
// It looks an entity up only to word a warning: the node tables answer
// everything else.
func (t *topology) checkSources() {
	for _, id := range t.ents() {
		for _, src := range t.sources(id) {
			switch {
			case src == id:
				e := t.entity(id)
				t.warn(e, "%s %d is its own source; the loop is not followed", entityName(e), id)
			case !t.has(src):
				e := t.entity(id)
				t.warn(e, "%s %d names source ID %d, which no entity has", entityName(e), id, src)
			case t.at[src] > t.at[id]:
				t.later.add(id)
			}
		}
		clk := t.clock[id]
		switch {
		case clk == 0:
		case !t.has(clk):
			e := t.entity(id)
			t.warn(e, "%s %d names clock ID %d, which no entity has", entityName(e), id, clk)
		case t.flags[clk]&nodeClock == 0:
			e := t.entity(id)
			t.warn(e, "%s %d names clock ID %d, but that is a %s", entityName(e), id, clk, entityName(t.entity(clk)))
		}
	}
}

// checkStreamLinks reports AS interfaces whose bTerminalLink names no
// terminal, a terminal that is not USB-side, or a terminal of the wrong
// kind for the stream's direction: a playback (OUT) stream enters through a
// USB input terminal, a capture (IN) stream leaves through a USB output
// terminal (UAC1 4.5.2, UAC2 4.9.2, UAC3 4.7.2).
func (t *topology) checkStreamLinks() {
	for _, s := range t.f.Streams {
		if s == nil || s.TerminalLink == 0 {
			continue
		}
		link := s.TerminalLink
		w := func(format string, args ...any) {
			t.warnings = append(t.warnings, Warning{Offset: streamOffset(s),
				Msg: fmt.Sprintf("AS interface %d: ", s.Interface) + fmt.Sprintf(format, args...)})
		}
		switch e := t.entity(link).(type) {
		case nil:
			w("bTerminalLink %d names no entity", link)
		case *InputTerminal:
			if !e.TerminalType.IsUSB() {
				w("bTerminalLink %d is input terminal %s, not a USB streaming terminal", link, e.TerminalType)
			}
			if s.Direction == Capture {
				w("a capture stream links to input terminal %d; it should leave through an output terminal", link)
			}
		case *OutputTerminal:
			if !e.TerminalType.IsUSB() {
				w("bTerminalLink %d is output terminal %s, not a USB streaming terminal", link, e.TerminalType)
			}
			if s.Direction == Playback {
				w("a playback stream links to output terminal %d; it should enter through an input terminal", link)
			}
		default:
			w("bTerminalLink %d is a %s, not a terminal", link, entityName(e))
		}
	}
}

// streamOffset is where an AS interface's link was read: its first AS
// general descriptor, else its first endpoint, else 0.
func streamOffset(s *Stream) int {
	for _, a := range s.Alts {
		if a != nil && a.General != nil {
			return a.General.Offset
		}
	}
	for _, a := range s.Alts {
		if a != nil && a.Endpoint != nil {
			return a.Endpoint.Offset
		}
	}
	return 0
}

// checkCycles reports the loops in the source graph, unless mayCycle
// rules them out without a search.
func (t *topology) checkCycles() {
	if t.mayCycle() {
		t.findCycles()
	}
}

// findCycles finds loops in the source graph (audio and clock edges alike)
// with an iterative depth-first search, reporting each back edge once.
// Self-loops were reported by checkSources and are skipped here.
func (t *topology) findCycles() {
	const (
		white = iota
		grey
		black
	)
	var colour [256]uint8
	type frame struct {
		id   uint8
		next int // index of the next source to explore
	}
	stack := make([]frame, 0, 32)
	cycles := 0
	for _, rootID := range t.ents() {
		if colour[rootID] != white {
			continue
		}
		stack = append(stack[:0], frame{id: rootID})
		colour[rootID] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			srcs := t.sources(top.id)
			if top.next >= len(srcs) {
				colour[top.id] = black
				stack = stack[:len(stack)-1]
				continue
			}
			src := srcs[top.next]
			top.next++
			if src == top.id || !t.has(src) {
				continue
			}
			switch colour[src] {
			case white:
				colour[src] = grey
				stack = append(stack, frame{id: src})
			case grey:
				// The signal runs from the deepest frame back up to src
				// and from src into this entity: print it that way.
				var ids []uint8
				ids = append(ids, top.id)
				for i := len(stack) - 2; i >= 0; i-- {
					ids = append(ids, stack[i].id)
					if stack[i].id == src {
						break
					}
				}
				ids = append(ids, top.id)
				if cycles++; cycles <= maxCycleWarnings {
					t.warn(t.entity(top.id), "cycle through entities %s: not followed", chainString(ids))
				}
			}
		}
	}
	if cycles > maxCycleWarnings {
		t.warnings = append(t.warnings, Warning{Msg: fmt.Sprintf("%d more cycles not listed", cycles-maxCycleWarnings)})
	}
}

// maxCycleRoots bounds mayCycle's searches: with more entities naming a
// later source than this, findCycles searches the whole graph at once.
const maxCycleRoots = 4

// mayCycle reports whether the graph can hold a cycle. Every cycle runs
// through an entity of later, so there is none when no entity of later
// reaches itself again through its sources. That search covers only what
// lies upstream of those few entities, usually a handful of IDs, where
// findCycles colours every entity; with more than maxCycleRoots of them,
// mayCycle answers yes and leaves it to findCycles.
func (t *topology) mayCycle() bool {
	if t.later == (idSet{}) {
		return false // every source comes earlier (the usual layout)
	}
	if t.later.len() > maxCycleRoots {
		return true
	}
	for _, id := range t.ents() {
		if t.later.has(id) && t.reachesItself(id) {
			return true
		}
	}
	return false
}

// reachesItself reports whether following sources from u, self-loops
// and dangling IDs left out as in findCycles, leads back to u. Each ID
// is pushed once at most, so the stack never outgrows its 256 bytes.
func (t *topology) reachesItself(u uint8) bool {
	var seen idSet
	var buf [256]uint8
	stack := append(buf[:0], u)
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, src := range t.sources(cur) {
			switch {
			case src == cur || !t.has(src):
				continue
			case src == u:
				return true
			case !seen.has(src):
				seen.add(src)
				stack = append(stack, src)
			}
		}
	}
	return false
}

// paths finds, for every output terminal, the shortest chain back to each
// input terminal that feeds it (breadth-first over sources). One path per
// (input, output) pair: when two routes join the same terminals (e.g.
// through a selector), the shorter one is reported.
func (t *topology) paths() []*Path {
	// At most one path per (input, output) terminal pair.
	inputs, outputs := 0, 0
	for _, id := range t.ents() {
		switch {
		case t.flags[id]&nodeInput != 0:
			inputs++
		case t.flags[id]&nodeOutput != 0:
			outputs++
		}
	}
	bound := min(inputs*outputs, maxPaths)
	if bound == 0 {
		return nil
	}
	out := reserve(&t.store.pathPtrs, bound, 0)
	var next [256]uint8 // next[x] = the entity x feeds, toward the output terminal
	queue := make([]uint8, 0, 16)
	truncated := false
	for _, id := range t.ents() {
		if t.flags[id]&nodeOutput == 0 {
			continue
		}
		ot := t.entity(id).(*OutputTerminal)
		var seen idSet // 32 bytes to clear per output terminal, not 256
		queue = append(queue[:0], ot.ID)
		seen.add(ot.ID)
		// queue[head:] are still to visit; the visited stay in place,
		// so the queue is not re-sliced per entity.
		for head := 0; head < len(queue); head++ {
			id := queue[head]
			if t.flags[id]&nodeInput != 0 {
				if len(out) >= maxPaths {
					truncated = true
					continue
				}
				out = append(out, t.newPath(t.entity(id).(*InputTerminal), ot, &next, bound-len(out)))
				continue
			}
			for _, src := range t.sources(id) {
				if !t.has(src) || seen.has(src) || t.flags[src]&nodeClock != 0 {
					continue
				}
				seen.add(src)
				next[src] = id
				queue = append(queue, src)
			}
		}
	}
	if truncated {
		t.warnings = append(t.warnings, Warning{Msg: fmt.Sprintf("more than %d signal paths; the rest are not listed", maxPaths)})
	}
	if len(out) == 0 {
		return nil // as before the list was pre-sized
	}
	sortPaths(out)
	return out
}

// sortPaths orders paths by pathKey with an insertion sort: there are a
// handful, and a sort through a compare closure cost more than building
// them. The keys are unique (one path per terminal pair), so the order
// is the same as any sort by key, stable or not.
func sortPaths(ps []*Path) {
	for i := 1; i < len(ps); i++ {
		p, key := ps[i], pathKey(ps[i])
		j := i
		for ; j > 0 && pathKey(ps[j-1]) > key; j-- {
			ps[j] = ps[j-1]
		}
		ps[j] = p
	}
}

// pathKey orders paths by pathOrder, then input, then output terminal ID.
func pathKey(p *Path) uint32 {
	return uint32(pathOrder(p))<<16 | uint32(p.From)<<8 | uint32(p.To)
}

// pathOrder lists host paths (playback, capture) before device-internal ones.
func pathOrder(p *Path) int {
	switch p.Direction {
	case Playback:
		return 0
	case Capture:
		return 1
	}
	return 2
}

// newPath builds the path from it to ot along next[].
func (t *topology) newPath(it *InputTerminal, ot *OutputTerminal, next *[256]uint8, left int) *Path {
	p := t.newPathStruct(left)
	*p = Path{From: it.ID, To: ot.ID, FromType: it.TerminalType, ToType: ot.TerminalType}
	n := 1
	for id := it.ID; id != ot.ID && n <= 256; id = next[id] {
		n++
	}
	p.Chain = t.idList(n)
	for id := it.ID; len(p.Chain) < n; id = next[id] {
		p.Chain = append(p.Chain, id)
	}
	fromUSB, toUSB := it.TerminalType.IsUSB(), ot.TerminalType.IsUSB()
	var usbClock uint8    // bCSourceID of the terminal the host streams through
	deviceEndLast := true // the device end is the last chain entry
	switch {
	case fromUSB && !toUSB:
		p.Direction = Playback
		usbClock = it.ClockSource
		p.Streams = t.streamsLinkedTo(it.ID)
	case !fromUSB && toUSB:
		p.Direction = Capture
		usbClock = ot.ClockSource
		deviceEndLast = false
		p.Streams = t.streamsLinkedTo(ot.ID)
	case !fromUSB && !toUSB:
		// Device-internal: sidetone in a headset, direct monitoring in a
		// microphone. No host stream, no direction; the classifier uses it.
		p.Monitor = true
	default:
		// USB to USB (a loopback); kept so nothing is hidden.
		deviceEndLast = false
	}
	p.Channels = t.chainChannels(p.Chain, deviceEndLast)
	if p.Channels == 0 {
		p.Channels = t.streamChannels(p.Streams)
	}
	p.Controls = t.chainControls(p.Chain)
	p.ClockSources = t.resolveClock(usbClock)
	if len(p.ClockSources) == 0 {
		// No clock on the USB terminal: try the device end's (UAC2 lets
		// either terminal carry it).
		deviceEnd := p.Chain[0]
		if deviceEndLast {
			deviceEnd = p.Chain[len(p.Chain)-1]
		}
		p.ClockSources = t.resolveClock(t.clock[deviceEnd])
	}
	if len(p.ClockSources) > 0 {
		p.Clock = p.ClockSources[0]
	}
	return p
}

// chainChannels is the first channel count found walking the chain from
// its device end (the last entry when fromLast, else the first).
func (t *topology) chainChannels(chain []uint8, fromLast bool) int {
	for i := range chain {
		id := chain[i]
		if fromLast {
			id = chain[len(chain)-1-i]
		}
		if n := entityChannels(t.entity(id)); n > 0 {
			return n
		}
	}
	return 0
}

// entityChannels is the logical channel count an entity declares, 0 when it
// declares none (output terminals and selectors inherit theirs).
func entityChannels(e Entity) int {
	switch e := e.(type) {
	case *InputTerminal:
		return int(e.Cluster.Channels)
	case *MixerUnit:
		return int(e.Cluster.Channels)
	case *ProcessingUnit:
		return int(e.Cluster.Channels)
	case *ExtensionUnit:
		return int(e.Cluster.Channels)
	case *FeatureUnit:
		return e.Channels()
	case *EffectUnit:
		if len(e.ChannelControls) > 1 {
			return len(e.ChannelControls) - 1
		}
	}
	return 0
}

func (t *topology) streamsLinkedTo(id uint8) []uint8 {
	n := 0
	for _, s := range t.f.Streams {
		if s != nil && s.TerminalLink == id {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := t.idList(n)
	for _, s := range t.f.Streams {
		if s != nil && s.TerminalLink == id {
			out = append(out, s.Interface)
		}
	}
	return out
}

// streamChannels is the largest channel count of any alt setting of the
// given AS interfaces.
func (t *topology) streamChannels(ifaces []uint8) int {
	best := 0
	for _, s := range t.f.Streams {
		if s == nil || !containsID(ifaces, s.Interface) {
			continue
		}
		for _, a := range s.Alts {
			if a != nil && a.Channels > best {
				best = a.Channels
			}
		}
	}
	return best
}

func containsID(ids []uint8, id uint8) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// chainControls lists every control of every feature unit on the chain,
// per channel (0 = master), in chain order. The list is written straight
// into the room the shared storage has left; only when it does not fit
// there does a counting pass size it exactly (reserve), as the other
// lists are. Both visit only the controls present (presentControls)
// instead of asking about all 15 controls of every channel.
func (t *topology) chainControls(chain []uint8) []PathControl {
	st := t.store
	l := len(st.controls)
	if out, ok := t.appendControls(st.controls[l:l], chain); ok {
		if len(out) == 0 {
			return nil
		}
		st.controls = st.controls[:l+len(out)]
		return out[:len(out):len(out)]
	}
	n := 0
	for _, id := range chain {
		if t.flags[id]&nodeFeature != 0 {
			fu := t.entity(id).(*FeatureUnit)
			for _, bits := range fu.ChannelControls {
				n += stdbits.OnesCount32(presentControls(fu.Version, bits))
			}
		}
	}
	out, _ := t.appendControls(t.controlList(n), chain)
	return out
}

// appendControls appends the chain's controls to out while they fit its
// capacity, and reports whether all of them did: it never grows out, so
// a list cut from the shared storage cannot run into its neighbour.
func (t *topology) appendControls(out []PathControl, chain []uint8) ([]PathControl, bool) {
	for _, id := range chain {
		if t.flags[id]&nodeFeature == 0 {
			continue
		}
		fu := t.entity(id).(*FeatureUnit)
		for ch, bits := range fu.ChannelControls {
			for set := presentControls(fu.Version, bits); set != 0; set &= set - 1 {
				if len(out) == cap(out) {
					return out, false
				}
				c := FeatureControl(stdbits.TrailingZeros32(set))
				out = append(out, PathControl{Unit: id, Control: c, Channel: ch, Access: controlAccess(fu.Version, bits, c)})
			}
		}
	}
	return out, true
}

// presentControls turns one channel's bmaControls into a mask with bit c
// set for each control c (0..14) that the channel has: UAC1 uses one bit
// per control, UAC2/3 a non-zero bit pair (UAC2 4.7.2.8).
func presentControls(v UACVersion, bits uint32) uint32 {
	const controls = 1<<numFeatureControls - 1
	if v == UAC1 {
		return bits & controls
	}
	// Fold each pair onto its low bit, then gather the low bits of pairs
	// 0..14 into bits 0..14.
	pairs := (bits | bits>>1) & 0x15555555
	var out uint32
	for set := pairs; set != 0; set &= set - 1 {
		out |= 1 << (stdbits.TrailingZeros32(set) / 2)
	}
	return out
}

// resolveClock follows a clock reference through selectors (every input:
// the host picks one at run time) and multipliers to the clock sources
// behind it, in the order met. Bounded by the visited set.
func (t *topology) resolveClock(id uint8) []uint8 {
	if id == 0 {
		return nil
	}
	// Small buffers on the stack: a real clock tree has a few entities;
	// a bigger one spills to the heap (each ID is met once: seen).
	var foundBuf, stackBuf [16]uint8
	var seen idSet
	out := foundBuf[:0]
	stack := append(stackBuf[:0], id)
	for len(stack) > 0 && len(stack) <= 512 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cur == 0 || seen.has(cur) {
			continue
		}
		seen.add(cur)
		switch e := t.entity(cur).(type) {
		case *ClockSource:
			out = append(out, cur)
		case *ClockSelector:
			// push in reverse so input 1 (the default) is met first
			for i := len(e.ClockIDs) - 1; i >= 0; i-- {
				stack = append(stack, e.ClockIDs[i])
			}
		case *ClockMultiplier:
			stack = append(stack, e.ClockID)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return append(t.idList(len(out)), out...)
}

func isClockEntity(e Entity) bool {
	switch e.(type) {
	case *ClockSource, *ClockSelector, *ClockMultiplier:
		return true
	}
	return false
}

// entityNames names each entity type the way the specs do.
func entityName(e Entity) string {
	switch e.(type) {
	case *InputTerminal:
		return "input terminal"
	case *OutputTerminal:
		return "output terminal"
	case *MixerUnit:
		return "mixer unit"
	case *SelectorUnit:
		return "selector unit"
	case *FeatureUnit:
		return "feature unit"
	case *ProcessingUnit:
		return "processing unit"
	case *ExtensionUnit:
		return "extension unit"
	case *EffectUnit:
		return "effect unit"
	case *SampleRateConverter:
		return "sample rate converter"
	case *ClockSource:
		return "clock source"
	case *ClockSelector:
		return "clock selector"
	case *ClockMultiplier:
		return "clock multiplier"
	case *PowerDomain:
		return "power domain"
	}
	return "entity"
}

// chainString renders IDs as "1→2→3".
func chainString(ids []uint8) string {
	return string(appendChain(make([]byte, 0, 6*len(ids)), ids))
}
