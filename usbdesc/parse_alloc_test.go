package usbdesc

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"unsafe"
)

// TestParseRealHeadsetAllocs holds the allocation budget of a whole parse
// (descriptors, streams, topology, classification) of the real headsets
// that BenchmarkParseRealHeadset times. Before the block storage of
// parse_alloc.go they took 39 to 47 allocations; now 2: the Blob (with
// the device descriptor and first configuration) and one block per audio
// configuration (with the paths, the evidence, two HID descriptors, a
// mixer, a selector and two clock selectors: the Samsung has two of each
// of the last). The test fails when a change puts a single allocation
// back for any of them.
func TestParseRealHeadsetAllocs(t *testing.T) {
	for _, name := range realHeadsets {
		blob := realHeadsetBlob(t, name)
		got := testing.AllocsPerRun(50, func() {
			if _, err := Parse(blob); err != nil {
				t.Fatal(err)
			}
		})
		if got > 2 {
			t.Errorf("%s: Parse makes %.0f allocations, budget 2", name, got)
		}
	}
}

// TestParseFixtureAllocs holds devices other than the typical headsets
// to their allocation budgets: the hand-built UAC3 BADD headset to the
// block, the Blob and one allocation for every entity its profile implies
// (inferBADD's baddEntities; it took 26 before), and a webcam with a
// microphone to one allocation per 16 of its undecoded video descriptors
// (unknownRefill; it took one each, 63 in all).
func TestParseFixtureAllocs(t *testing.T) {
	for _, tc := range []struct {
		path   string
		budget float64
		check  func(*Blob) error
	}{
		{filepath.Join("spec", "uac3-badd-headset", "descriptors.bin"), 3, func(b *Blob) error {
			fn := b.Configurations[0].AudioFunctions[0]
			if !fn.Inferred || len(fn.Entities) != 9 {
				return fmt.Errorf("inferred %v, %d entities; want the 9 of a BADD headset with sidetone", fn.Inferred, len(fn.Entities))
			}
			return nil
		}},
		{filepath.Join("lsusb", "logitech-c270-webcam.bin"), 15, func(b *Blob) error {
			unknown := 0
			for _, in := range b.Configurations[0].Interfaces {
				for _, a := range in.AltSettings {
					for _, d := range a.ClassSpecific {
						if _, ok := d.(*Unknown); ok {
							unknown++
						}
					}
				}
			}
			if unknown < 2*unknownRefill {
				return fmt.Errorf("%d unknown descriptors; the test needs more than two refills' worth", unknown)
			}
			return nil
		}},
	} {
		blob := readFile(t, filepath.Join(fixturesDir, tc.path))
		var parsed *Blob
		got := testing.AllocsPerRun(50, func() {
			b, err := Parse(blob)
			if err != nil {
				t.Fatal(err)
			}
			parsed = b
		})
		if got > tc.budget {
			t.Errorf("%s: Parse makes %.0f allocations, budget %.0f", tc.path, got, tc.budget)
		}
		if err := tc.check(parsed); err != nil {
			t.Errorf("%s: %v", tc.path, err)
		}
	}
}

// TestBlockOverflow parses a configuration with more of every kind than
// the block holds: the extra descriptors take storage of their own and
// nothing is lost or shared between lists.
func TestBlockOverflow(t *testing.T) {
	var body []byte
	// AudioControl interface 0 with a UAC1 header listing 12 AS interfaces,
	// then 12 input terminals, 12 feature units and 12 output terminals.
	const n = 12
	body = append(body, iface(0, 0, 0, 0x01, 0x01, 0x00)...)
	hdr := []byte{byte(8 + n), 0x24, 0x01, 0x00, 0x01, 0, 0, n}
	for i := 1; i <= n; i++ {
		hdr = append(hdr, byte(i))
	}
	var units []byte
	for i := 0; i < n; i++ {
		it := byte(1 + 3*i)
		units = append(units, 12, 0x24, 0x02, it, 0x01, 0x02, 0, 2, 0x03, 0x00, 0, 0) // mic in
		units = append(units, 9, 0x24, 0x06, it+1, it, 1, 0x03, 0x03, 0)              // feature
		units = append(units, 9, 0x24, 0x03, it+2, 0x01, 0x01, 0, it+1, 0)            // USB out
	}
	total := len(hdr) + len(units)
	hdr[5], hdr[6] = byte(total), byte(total>>8)
	body = append(body, hdr...)
	body = append(body, units...)
	for i := 1; i <= n; i++ {
		body = append(body, iface(byte(i), 0, 0, 0x01, 0x02, 0x00)...)
		body = append(body, iface(byte(i), 1, 1, 0x01, 0x02, 0x00)...)
		body = append(body, 7, 0x24, 0x01, byte(3*(i-1)+3), 1, 0x01, 0x00)       // AS general, PCM
		body = append(body, 11, 0x24, 0x02, 0x01, 2, 2, 16, 1, 0x80, 0xbb, 0x00) // 48 kHz stereo 16-bit
		body = append(body, ep(0x80|byte(i), 0x05, 192, 1)...)
		body = append(body, 7, 0x25, 0x01, 0x01, 0x00, 0x00, 0x00) // AS iso endpoint
	}
	blob := mustParse(t, config(1, byte(1+n), body))
	cfg := blob.Configurations[0]
	if len(cfg.Interfaces) != 1+n {
		t.Fatalf("%d interfaces, want %d", len(cfg.Interfaces), 1+n)
	}
	if len(cfg.AudioFunctions) != 1 {
		t.Fatalf("%d audio functions", len(cfg.AudioFunctions))
	}
	f := cfg.AudioFunctions[0]
	if len(f.Entities) != 3*n || f.Header == nil {
		t.Errorf("%d entities, want %d, and the AC header (%v)", len(f.Entities), 3*n, f.Header)
	}
	if len(f.Streams) != n {
		t.Fatalf("%d streams, want %d", len(f.Streams), n)
	}
	seen := map[*Endpoint]bool{}
	for i, in := range cfg.Interfaces[1:] {
		if in.Number != uint8(i+1) || len(in.AltSettings) != 2 {
			t.Fatalf("interface %d: number %d, %d alt settings", i+1, in.Number, len(in.AltSettings))
		}
		alt := in.AltSettings[1]
		if len(alt.Endpoints) != 1 || alt.Endpoints[0].Address != EndpointAddress(0x80|byte(i+1)) {
			t.Fatalf("interface %d alt 1 endpoints %v", i+1, alt.Endpoints)
		}
		if seen[alt.Endpoints[0]] {
			t.Fatalf("interface %d shares an endpoint struct", i+1)
		}
		seen[alt.Endpoints[0]] = true
		if len(alt.ClassSpecific) != 2 || alt.ClassSpecific[0].Head().Kind != KindASGeneral {
			t.Fatalf("interface %d alt 1 class-specific %v", i+1, alt.ClassSpecific)
		}
		s := f.Streams[i]
		if s.Interface != uint8(i+1) || len(s.Alts) != 1 || s.Alts[0].Channels != 2 || s.TerminalLink != uint8(3*i+3) {
			t.Errorf("stream %d: %+v", i, s)
		}
	}
	if len(f.Paths) != n {
		t.Errorf("%d paths, want %d", len(f.Paths), n)
	}
	for i, p := range f.Paths {
		if p.Direction != Capture || len(p.Chain) != 3 || len(p.Controls) == 0 {
			t.Errorf("path %d: %+v", i, p)
		}
	}
}

// TestBlockSizeClass keeps the block inside Go's 6912-byte size class:
// an object with pointers above 512 bytes carries an 8-byte malloc
// header, and the next class, 8192 bytes, holds one object per span, so
// every Parse would fetch a fresh span from the heap (profiled: malloc
// went from 11% to 18% of a Parse). Trim the block's arrays rather than
// raise this bound.
func TestBlockSizeClass(t *testing.T) {
	const limit = 6912 - 8
	if n := unsafe.Sizeof(block{}); n > limit {
		t.Errorf("block is %d bytes, more than the %d that fit the 6912-byte size class", n, limit)
	}
}

// TestUseBlockSetsEveryField: useBlock assigns each arenas field instead
// of clearing the struct first, so a field it forgets would carry the
// previous configuration's storage into the next.
func TestUseBlockSetsEveryField(t *testing.T) {
	var m arenas
	m.useBlock(new(block))
	v := reflect.ValueOf(m)
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).IsZero() {
			t.Errorf("useBlock leaves arenas.%s unset", v.Type().Field(i).Name)
		}
	}
}

// TestEvidenceTextInBlock: the parser writes every function's evidence
// reasons into the block's text room and hands out strings over it; the
// second function's text must not disturb the first's, and each must
// read as Classify, with strings of their own, writes it.
func TestEvidenceTextInBlock(t *testing.T) {
	blob := mustParse(t, realHeadsetBlob(t, "razer-kraken-tournament-edition"))
	fns := blob.Configurations[0].AudioFunctions
	if len(fns) != 2 {
		t.Fatalf("%d functions, want 2", len(fns))
	}
	for _, f := range fns {
		own := Classify(f, ClassifyHints{})
		if len(own.Evidence) == 0 || len(own.Evidence) != len(f.Classification.Evidence) {
			t.Fatalf("function %d: %d pieces of evidence, Classify gives %d", f.ControlInterface, len(f.Classification.Evidence), len(own.Evidence))
		}
		for i, e := range f.Classification.Evidence {
			if e != own.Evidence[i] {
				t.Errorf("function %d evidence %d: %+v, Classify gives %+v", f.ControlInterface, i, e, own.Evidence[i])
			}
		}
	}
	// With no room left, the text gets a string of its own.
	f := fns[0]
	full := &analysisStore{text: make([]byte, 0, 4)}
	c := classify(f, ClassifyHints{}, full)
	if len(full.text) != 0 || c.Evidence[0] != f.Classification.Evidence[0] {
		t.Errorf("a store without room took %d bytes; evidence %+v", len(full.text), c.Evidence[0])
	}
}

// TestPoolOpenList checks the list building the parser uses for
// descriptor and entity lists: each list gets exactly its elements in
// order, with cap == len; a list opened again after another one (as
// hostile input can make a function's entity list) keeps its earlier
// elements; and a full pool moves the open list to a fresh array
// without touching the lists already closed.
func TestPoolOpenList(t *testing.T) {
	p := newPool[int](3)
	var o openList[int]
	var a, b, c []int
	p.push(&o, &a, 1)
	p.push(&o, &a, 2)
	p.push(&o, &b, 10) // closes a; the pool is full after this one
	p.push(&o, &b, 11) // moves b to a fresh array
	p.push(&o, &a, 3)  // opens a again
	p.push(&o, &c, 20)
	p.closeList(&o)
	p.closeList(&o) // closing twice is harmless
	for _, tc := range []struct {
		name      string
		got, want []int
	}{{"a", a, []int{1, 2, 3}}, {"b", b, []int{10, 11}}, {"c", c, []int{20}}} {
		if !reflect.DeepEqual(tc.got, tc.want) || cap(tc.got) != len(tc.got) {
			t.Errorf("list %s = %v (cap %d), want %v with cap == len", tc.name, tc.got, cap(tc.got), tc.want)
		}
	}
	a = append(a, 4)
	if !reflect.DeepEqual(b, []int{10, 11}) || !reflect.DeepEqual(c, []int{20}) {
		t.Errorf("appending to a list changed its neighbours: b %v, c %v", b, c)
	}
}

// TestParseIntoWarm checks the measurement path of
// BenchmarkParseRealHeadsetWarm: decoding into a reused block gives the
// model a fresh block gives, and only the first audio configuration
// takes the reused block (a blob with the headset's configuration twice
// would otherwise decode the second over the first).
func TestParseIntoWarm(t *testing.T) {
	warm := new(block)
	for _, name := range realHeadsets {
		blob := realHeadsetBlob(t, name)
		cfgLen := int(blob[18+2]) | int(blob[18+3])<<8
		if blob[19] != byte(TypeConfiguration) || 18+cfgLen != len(blob) {
			t.Fatalf("%s: not a device descriptor and one configuration", name)
		}
		twice := append(append([]byte{}, blob...), blob[18:]...)
		twice[18+cfgLen+5] = 2 // bConfigurationValue of the copy
		for _, in := range [][]byte{blob, twice} {
			want, werr := Parse(in)
			for round := 0; round < 2; round++ { // zeroed and reused, as the benchmark does
				*warm = block{}
				got, gerr := parseInto(in, true, warm)
				if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s (%d bytes, round %d): the warm block decodes differently", name, len(in), round)
				}
				if len(got.Configurations) != 1+len(in)/len(twice) {
					t.Fatalf("%s: %d configurations", name, len(got.Configurations))
				}
				if got.Configurations[0].AudioFunctions[0] != &warm.functions[0] {
					t.Fatalf("%s: the first audio configuration is not in the warm block", name)
				}
			}
		}
	}
}
