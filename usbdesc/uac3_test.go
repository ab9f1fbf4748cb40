package usbdesc

import (
	"reflect"
	"testing"
)

// A UAC3 function with every inline AC descriptor (UAC3 4.5.2.x, layouts
// as in Linux audio-v3.h) and the UAC3 AS descriptors (4.7.2, 4.8.1.2).
func uac3Config() []byte {
	ac := join(
		cs(0x01, join([]byte{0x04}, le16(0), le32(0))...),                                                            // header, headset
		cs(0x0b, join([]byte{9, 0x03}, le32(0x05), []byte{0}, le16(0x31))...),                                        // clock source 9
		cs(0x0c, join([]byte{10, 1, 9}, le32(1), le16(0x32))...),                                                     // clock selector 10
		cs(0x0d, join([]byte{11, 10}, le32(0), le16(0x33))...),                                                       // clock multiplier 11
		cs(0x02, join([]byte{1}, le16(0x0101), []byte{0, 9}, le32(0), le16(0x100), le16(0), le16(0), le16(0x34))...), // IT 1
		cs(0x07, join([]byte{2, 1}, le32(0x0f), le32(0x0c), le16(0x35))...),                                          // FU 2, 1 ch
		cs(0x05, join([]byte{3, 1, 2}, le16(0x101), []byte{0x80}, le32(0), le16(0x36))...),                           // mixer 3
		cs(0x06, join([]byte{4, 1, 3}, le32(0), le16(0x37))...),                                                      // selector 4
		cs(0x08, join([]byte{5}, le16(1), []byte{4}, le32(0), le32(0), le16(0x38))...),                               // effect 5, 1 ch
		cs(0x09, join([]byte{6}, le16(1), []byte{1, 5}, le32(0), le16(0x39), []byte{0xee})...),                       // processing 6
		cs(0x0a, join([]byte{7}, le16(0x77), []byte{1, 6}, le16(0x3a), le32(0), le16(0x102))...),                     // extension 7
		cs(0x0e, 8, 7, 9, 11, 0x3b, 0x00),                                                                            // SRC 8
		cs(0x03, join([]byte{12}, le16(0x0402), []byte{0, 8, 9}, le32(0), le16(0), le16(0), le16(0x3c))...),          // OT 12 headset
		cs(0x10, join([]byte{13}, le16(100), le16(200), []byte{2, 1, 12}, le16(0x3d))...),                            // power domain 13
	)
	ac[4], ac[5] = byte(len(ac)), byte(len(ac)>>8)
	return config(1, 2,
		iad(0, 2, 0x01, 0x01, 0x30),
		iface(0, 0, 0, 0x01, 0x01, 0x30), ac,
		iface(1, 0, 0, 0x01, 0x02, 0x30),
		iface(1, 1, 1, 0x01, 0x02, 0x30),
		cs(0x01, join([]byte{1}, le32(0), le16(0x100), le32(0x01), le32(0), []byte{2, 16}, le16(0), []byte{0})...),
		ep(0x01, 0x09, 0xc0, 4),
		csEP(0x01, join(le32(0), []byte{1}, le16(2))...),
	)
}

func TestUAC3Descriptors(t *testing.T) {
	blob := mustParse(t, uac3Config())
	if len(blob.Warnings) != 0 {
		t.Fatalf("warnings %v", blob.Warnings)
	}
	f := blob.AudioFunctions()[0]
	if f.Version != UAC3 || f.BADDProfile != BADDNone {
		t.Fatalf("function %v badd %v", f.Version, f.BADDProfile)
	}
	if h := f.Header; h.Category != 0x04 || h.TotalLength != 196 || h.ADCVersion != 0 {
		t.Errorf("header %+v", h)
	}
	if len(f.Entities) != 13 {
		t.Fatalf("%d entities", len(f.Entities))
	}
	if c := f.Entity(9).(*ClockSource); c.Attributes != 3 || !c.Internal() || !c.SyncedToSOF() || c.Controls != 5 || c.DescrStr != 0x31 {
		t.Errorf("clock source %+v", c)
	}
	if c := f.Entity(10).(*ClockSelector); !reflect.DeepEqual(c.Sources(), []uint8{9}) || c.Controls != 1 || c.DescrStr != 0x32 {
		t.Errorf("clock selector %+v", c)
	}
	if c := f.Entity(11).(*ClockMultiplier); c.ClockID != 10 || c.DescrStr != 0x33 {
		t.Errorf("clock multiplier %+v", c)
	}
	if it := f.Entity(1).(*InputTerminal); it.ClockSource != 9 || it.ClusterID != 0x100 || it.DescrStr != 0x34 || it.Cluster.Channels != 0 {
		t.Errorf("IT %+v", it)
	}
	fu := f.Entity(2).(*FeatureUnit)
	if fu.Version != UAC3 || fu.Kind != KindFeatureUnit || !reflect.DeepEqual(fu.ChannelControls, []uint32{0x0f, 0x0c}) ||
		fu.DescrStr != 0x35 || fu.Access(1, FCVolume) != AccessReadWrite {
		t.Errorf("FU %+v", fu)
	}
	if m := f.Entity(3).(*MixerUnit); m.ClusterID != 0x101 || !reflect.DeepEqual([]byte(m.MixerControls), []byte{0x80}) || m.DescrStr != 0x36 {
		t.Errorf("mixer %+v", m)
	}
	if s := f.Entity(4).(*SelectorUnit); s.DescrStr != 0x37 {
		t.Errorf("selector %+v", s)
	}
	if e := f.Entity(5).(*EffectUnit); len(e.ChannelControls) != 2 || e.DescrStr != 0x38 {
		t.Errorf("effect %+v", e)
	}
	if p := f.Entity(6).(*ProcessingUnit); p.DescrStr != 0x39 || !reflect.DeepEqual([]byte(p.Specific), []byte{0xee}) {
		t.Errorf("processing %+v", p)
	}
	if x := f.Entity(7).(*ExtensionUnit); x.ExtensionCode != 0x77 || x.DescrStr != 0x3a || x.ClusterID != 0x102 {
		t.Errorf("extension %+v", x)
	}
	if s := f.Entity(8).(*SampleRateConverter); s.ClockSourceIn != 9 || s.ClockSourceOut != 11 || s.DescrStr != 0x3b {
		t.Errorf("SRC %+v", s)
	}
	if o := f.Entity(12).(*OutputTerminal); o.TerminalType != TermHeadset || o.SourceID != 8 || o.ClockSource != 9 || o.DescrStr != 0x3c {
		t.Errorf("OT %+v", o)
	}
	pd := f.Entity(13).(*PowerDomain)
	if pd.Kind != KindPowerDomain || pd.RecoveryTime1 != 100 || pd.RecoveryTime2 != 200 ||
		!reflect.DeepEqual([]uint8(pd.EntityIDs), []uint8{1, 12}) || pd.StringIndex != 0x3d {
		t.Errorf("power domain %+v", pd)
	}
	s := f.Streams[0]
	a := s.Alts[0]
	g := a.General
	if g.ClusterID != 0x100 || g.Formats != 1 || g.SubslotSize != 2 || g.BitResolution != 16 ||
		a.BitDepth != 16 || a.SubslotBytes != 2 || a.Channels != 0 || !reflect.DeepEqual(a.FormatNames, []string{"PCM"}) {
		t.Errorf("AS general %+v alt %+v", g, a)
	}
	if e := a.Endpoint.ClassSpecific[0].(*ASEndpoint); e.Length != 10 || e.LockDelayUnits != 1 || e.LockDelay != 2 {
		t.Errorf("AS endpoint %+v", e)
	}
}

func TestUAC3BADDProfileFromIAD(t *testing.T) {
	for sub, want := range map[byte]BADDProfile{0x20: BADDGenericIO, 0x24: BADDHeadset, 0x26: BADDSpeakerphone, 0x01: BADDNone, 0x27: BADDNone} {
		blob := mustParse(t, config(1, 1, iad(0, 1, 1, sub, 0x30), iface(0, 0, 0, 1, 1, 0x30)))
		if got := blob.AudioFunctions()[0].BADDProfile; got != want {
			t.Errorf("subclass 0x%02x: %v, want %v", sub, got, want)
		}
	}
	// A BADD subclass on a UAC2 function means nothing.
	blob := mustParse(t, config(1, 1, iad(0, 1, 1, 0x24, 0x20), iface(0, 0, 0, 1, 1, 0x20)))
	if got := blob.AudioFunctions()[0].BADDProfile; got != BADDNone {
		t.Errorf("UAC2 function got BADD %v", got)
	}
}

// The subtype codes differ between versions: 0x06 is a feature unit in UAC1
// and UAC2 but a selector unit in UAC3; 0x0a a clock source in UAC2 but an
// extension unit in UAC3.
func TestSubtypesRenumberedPerVersion(t *testing.T) {
	cases := []struct {
		protocol, subtype byte
		want              Kind
	}{
		{0x00, 0x06, KindFeatureUnit}, {0x20, 0x06, KindFeatureUnit}, {0x30, 0x06, KindSelectorUnit},
		{0x00, 0x07, KindProcessingUnit}, {0x20, 0x07, KindEffectUnit}, {0x30, 0x07, KindFeatureUnit},
		{0x20, 0x0a, KindClockSource}, {0x30, 0x0a, KindExtensionUnit}, {0x30, 0x0b, KindClockSource},
		{0x00, 0x0a, KindUnknown}, {0x30, 0x04, KindUnknown}, {0x30, 0x10, KindPowerDomain},
	}
	tables := map[byte]*csTable{0x00: &uac1AC, 0x20: &uac2AC, 0x30: &uac3AC}
	for _, c := range cases {
		kind := KindUnknown
		if parse := tables[c.protocol].lookup(c.subtype); parse != nil {
			// Decode a maximal all-zero body to learn the kind.
			raw := append([]byte{255, 0x24, c.subtype}, make([]byte, 252)...)
			r := body(wire{Raw: raw})
			r.pos = 3
			d, _ := parse(&parser{blob: &Blob{}}, wire{Raw: raw}, &r)
			kind = d.Head().Kind
		}
		if kind != c.want {
			t.Errorf("protocol 0x%02x subtype 0x%02x: %s, want %s", c.protocol, c.subtype, kind, c.want)
		}
	}
}
