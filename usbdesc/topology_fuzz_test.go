package usbdesc

import (
	"encoding/binary"
	"testing"
)

// fuzzTerminalTypes are the types worth hitting often; a fuzz byte picks
// one, or (index past the end) two more bytes make an arbitrary type.
var fuzzTerminalTypes = [...]TerminalType{
	TermUSBStreaming, TermMicrophone, TermHeadset, TermHeadphones, TermSpeaker, TermLineConnector,
	TermHandset, TermEchoCancelingSP, TermMicArray, TermInputUndefined, TermCommSpeaker,
}

// functionFromFuzz turns fuzz bytes into an audio function: a random
// entity graph (any IDs, any sources, cycles and dangling IDs included),
// a few streams, maybe a BADD profile. Reading past the end yields zeros.
func functionFromFuzz(data []byte) *AudioFunction {
	pos := 0
	next := func() uint8 {
		if pos >= len(data) {
			return 0
		}
		b := data[pos]
		pos++
		return b
	}
	ids := func(n int) []uint8 {
		out := make([]uint8, n)
		for i := range out {
			out[i] = next()
		}
		return out
	}
	termType := func() TerminalType {
		i := int(next())
		if i < len(fuzzTerminalTypes) {
			return fuzzTerminalTypes[i]
		}
		return TerminalType(uint16(next()) | uint16(next())<<8)
	}
	head := next()
	f := &AudioFunction{Version: UACVersion(head % 4)}
	if head&0x80 != 0 {
		f.BADDProfile = BADDProfile(0x1f + head%9) // 0x1f..0x27: just outside both ends too
	}
	if head&0x40 != 0 {
		f.Header = &ACHeader{Category: next()}
	}
	nStreams := int(next() % 4)
	for i := 0; i < nStreams; i++ {
		s := &Stream{Interface: next(), TerminalLink: next(), Direction: Direction(next() % 3)}
		for j := int(next() % 3); j > 0; j-- {
			ep := &Endpoint{Address: EndpointAddress(next()), MaxPacketSize: uint16(next()) | uint16(next())<<8}
			s.Alts = append(s.Alts, &StreamAlt{Channels: int(next()), SampleRates: []uint32{uint32(next()) * 1000}, Endpoint: ep})
		}
		f.Streams = append(f.Streams, s)
	}
	for pos < len(data) && len(f.Entities) < 400 {
		kind, id := next()%13, next()
		h := Header{Offset: pos}
		var e Entity
		switch kind {
		case 0:
			e = &InputTerminal{Header: h, ID: id, TerminalType: termType(), ClockSource: next(), Cluster: ChannelCluster{Channels: next()}}
		case 1:
			e = &OutputTerminal{Header: h, ID: id, TerminalType: termType(), SourceID: next(), ClockSource: next()}
		case 2:
			e = &MixerUnit{Header: h, ID: id, SourceIDs: ids(int(next() % 6)), Cluster: ChannelCluster{Channels: next()}}
		case 3:
			e = &SelectorUnit{Header: h, ID: id, SourceIDs: ids(int(next() % 6))}
		case 4:
			fu := &FeatureUnit{Header: h, ID: id, SourceID: next(), Version: UACVersion(next() % 4)}
			for ch := int(next() % 4); ch >= 0; ch-- {
				var b [4]byte
				b[0], b[1], b[2], b[3] = next(), next(), next(), next()
				fu.ChannelControls = append(fu.ChannelControls, binary.LittleEndian.Uint32(b[:]))
			}
			e = fu
		case 5:
			e = &ProcessingUnit{Header: h, ID: id, SourceIDs: ids(int(next() % 4)), Cluster: ChannelCluster{Channels: next()}}
		case 6:
			e = &ExtensionUnit{Header: h, ID: id, SourceIDs: ids(int(next() % 4)), Cluster: ChannelCluster{Channels: next()}}
		case 7:
			e = &EffectUnit{Header: h, ID: id, SourceID: next(), ChannelControls: make([]uint32, next()%4)}
		case 8:
			e = &SampleRateConverter{Header: h, ID: id, SourceID: next(), ClockSourceIn: next(), ClockSourceOut: next()}
		case 9:
			e = &ClockSource{Header: h, ID: id, Attributes: ClockAttributes(next())}
		case 10:
			e = &ClockSelector{Header: h, ID: id, ClockIDs: ids(int(next() % 5))}
		case 11:
			e = &ClockMultiplier{Header: h, ID: id, ClockID: next()}
		default:
			e = &PowerDomain{Header: h, ID: id, EntityIDs: ids(int(next() % 4))}
		}
		f.Entities = append(f.Entities, e)
	}
	return f
}

// FuzzTopology: whatever the graph, analysis terminates without panicking
// and its results hang together.
func FuzzTopology(f *testing.F) {
	f.Add([]byte{0x01, 0x00, 0, 1, 0, 1, 4, 2, 1, 1, 0, 1, 3, 1, 4, 2, 0})      // IT1 → FU2 → OT3
	f.Add([]byte{0x02, 0x00, 4, 5, 5, 0, 0, 0, 0, 0, 1, 6, 4, 5, 0})            // FU5 is its own source
	f.Add([]byte{0x02, 0x00, 3, 5, 1, 6, 3, 6, 1, 5, 1, 7, 4, 6, 0})            // 5 ⇄ 6
	f.Add([]byte{0x02, 0x00, 10, 12, 2, 12, 13, 10, 13, 1, 12, 0, 1, 0, 12, 2}) // clock selector loop
	f.Add([]byte{0xa3, 0x02, 1, 1, 0, 1, 0xc0, 0x00, 2, 48, 2, 6, 1, 1, 0x82, 0x62, 0x00, 1, 48})
	f.Fuzz(func(t *testing.T, data []byte) {
		fn := functionFromFuzz(data)
		// mayCycle may only say no when the full search finds nothing.
		tp := checkedTopology(fn)
		if n := len(tp.warnings); !tp.mayCycle() {
			if tp.findCycles(); len(tp.warnings) > n {
				t.Fatalf("mayCycle ruled out a cycle the search finds: %v", tp.warnings[n:])
			}
		}
		fn.Analyze()
		_ = fn.DOT()
		if len(fn.Paths) > maxPaths {
			t.Fatalf("%d paths", len(fn.Paths))
		}
		for _, p := range fn.Paths {
			if len(p.Chain) < 2 || len(p.Chain) > 256 || p.Chain[0] != p.From || p.Chain[len(p.Chain)-1] != p.To {
				t.Fatalf("bad path %+v", p)
			}
			if p.Monitor && p.Direction != DirectionUnknown {
				t.Fatalf("monitor path with direction %v", p.Direction)
			}
		}
		c := fn.Classification
		if c.Score < 0 || c.Score > 100 || c.Evidence == nil || c.FormFactor == "" {
			t.Fatalf("classification %+v", c)
		}
	})
}
