package usbdesc

import (
	"reflect"
	"testing"
)

// The hand-built UAC2 headset (fixtures/spec/uac2-headset, see SOURCE.md).
func TestUAC2HeadsetFixture(t *testing.T) {
	blob := mustParse(t, uac2HeadsetBlob())
	if len(blob.Warnings) != 0 {
		t.Fatalf("warnings %v", blob.Warnings)
	}
	fns := blob.AudioFunctions()
	if len(fns) != 1 {
		t.Fatalf("%d functions", len(fns))
	}
	f := fns[0]
	if f.Version != UAC2 || f.Association == nil || f.Association.FunctionProtocol != 0x20 || f.BADDProfile != BADDNone {
		t.Fatalf("function %+v", f)
	}
	if h := f.Header; h == nil || h.ADCVersion != 0x0200 || h.Category != 0x04 || h.TotalLength != 124 || h.Controls != 0 {
		t.Errorf("header %+v", f.Header)
	}
	cs10 := f.Entity(0x10).(*ClockSource)
	if cs10.Kind != KindClockSource || cs10.Attributes.Kind() != 3 || cs10.Attributes.SyncedToSOF() ||
		cs10.FrequencyAccess() != AccessReadWrite || cs10.ValidityAccess() != AccessReadOnly {
		t.Errorf("clock 0x10 %+v", cs10)
	}
	cs11 := f.Entity(0x11).(*ClockSource)
	if cs11.Attributes.String() != "internal fixed" || !cs11.Internal() || cs11.SyncedToSOF() || cs11.FrequencyAccess() != AccessReadOnly {
		t.Errorf("clock 0x11 %+v", cs11)
	}
	sel := f.Entity(0x12).(*ClockSelector)
	if sel.Kind != KindClockSelector || !reflect.DeepEqual(sel.Sources(), []uint8{0x10, 0x11}) || sel.Controls != 3 {
		t.Errorf("selector %+v", sel)
	}
	it1 := f.Entity(1).(*InputTerminal)
	if it1.TerminalType != TermUSBStreaming || it1.ClockSourceID() != 0x12 || it1.Cluster.Channels != 2 ||
		!reflect.DeepEqual(it1.Cluster.ChannelNames(UAC2), []string{"Front Left (FL)", "Front Right (FR)"}) {
		t.Errorf("IT 1 %+v", it1)
	}
	fu2 := f.Entity(2).(*FeatureUnit)
	if fu2.Version != UAC2 || fu2.Channels() != 2 || !reflect.DeepEqual(fu2.ChannelControls, []uint32{0x0f, 0x0c, 0x0c}) {
		t.Errorf("FU 2 %+v", fu2)
	}
	for ch, want := range [][2]Access{{AccessReadWrite, AccessReadWrite}, {AccessNone, AccessReadWrite}, {AccessNone, AccessReadWrite}} {
		if fu2.Access(ch, FCMute) != want[0] || fu2.Access(ch, FCVolume) != want[1] {
			t.Errorf("FU 2 channel %d: mute %v volume %v", ch, fu2.Access(ch, FCMute), fu2.Access(ch, FCVolume))
		}
	}
	fu5 := f.Entity(5).(*FeatureUnit)
	if fu5.Channels() != 1 || fu5.Access(0, FCMute) != AccessReadWrite || fu5.Access(1, FCVolume) != AccessReadOnly {
		t.Errorf("FU 5 %+v", fu5)
	}
	ot3 := f.Entity(3).(*OutputTerminal)
	if ot3.TerminalType != TermHeadset || ot3.AssocTerminal != 4 || ot3.SourceID != 2 || ot3.ClockSource != 0x12 {
		t.Errorf("OT 3 %+v", ot3)
	}

	if len(f.Streams) != 2 {
		t.Fatalf("%d streams", len(f.Streams))
	}
	play, capture := f.Streams[0], f.Streams[1]
	if play.Interface != 1 || play.Direction != Playback || play.TerminalLink != 1 || len(play.Alts) != 2 {
		t.Fatalf("playback %+v", play)
	}
	want := []struct{ ch, bits, slot, packet int }{{2, 16, 2, 196}, {2, 24, 3, 294}}
	for i, w := range want {
		a := play.Alts[i]
		if a.Channels != w.ch || a.BitDepth != w.bits || a.SubslotBytes != w.slot || a.MaxPacket != w.packet ||
			!reflect.DeepEqual(a.FormatNames, []string{"PCM"}) || a.SampleRates != nil {
			t.Errorf("playback alt %d %+v", i, a)
		}
	}
	g := play.Alts[0].General
	if g.FormatType != 1 || g.Formats != 1 || g.Cluster.Config != 3 {
		t.Errorf("AS general %+v", g)
	}
	ase := play.Alts[0].Endpoint.ClassSpecific[0].(*ASEndpoint)
	if ase.Length != 8 || ase.Controls != 0 || ase.LockDelayUnits != 0 {
		t.Errorf("AS endpoint %+v", ase)
	}
	if capture.Direction != Capture || capture.TerminalLink != 6 || len(capture.Alts) != 1 ||
		capture.Alts[0].Channels != 1 || capture.Alts[0].MaxPacket != 98 {
		t.Errorf("capture %+v", capture)
	}
}

// Every other UAC2 AC unit (UAC2 4.7.2.3, 4.7.2.6, 4.7.2.7, 4.7.2.9-12).
func TestUAC2Units(t *testing.T) {
	ac := join(
		cs(0x01, join(le16(0x0200), []byte{0x08}, le16(0), []byte{0})...),
		cs(0x0a, 0x20, 0x00, 0x01, 0, 0), // clock source 0x20 external
		cs(0x0c, 0x21, 0x20, 0x01, 0),    // clock multiplier 0x21 <- 0x20
		cs(0x02, join([]byte{1}, le16(0x0101), []byte{0, 0x21, 2}, le32(3), []byte{0}, le16(0), []byte{0})...), // IT 1
		cs(0x04, join([]byte{2, 1, 1, 2}, le32(3), []byte{0, 0x90, 0x01, 9})...),                               // mixer 2
		cs(0x05, 3, 1, 2, 0x01, 10), // selector 3
		cs(0x07, join([]byte{4}, le16(0x0001), []byte{3}, le32(0x03), le32(0), le32(0), []byte{11})...),                 // effect 4, 2 ch
		cs(0x08, join([]byte{5}, le16(0x0002), []byte{1, 4, 2}, le32(3), []byte{0}, le16(0x0005), []byte{12, 0xaa})...), // processing 5
		cs(0x09, join([]byte{6}, le16(0x4242), []byte{1, 5, 2}, le32(3), []byte{0, 0x01, 13})...),                       // extension 6
		cs(0x0d, 7, 6, 0x20, 0x21, 14), // SRC 7
		cs(0x03, join([]byte{8}, le16(0x0301), []byte{0, 7, 0x21}, le16(0), []byte{0})...), // OT 8
	)
	blob := mustParse(t, config(1, 1, iad(0, 1, 1, 0, 0x20), iface(0, 0, 0, 1, 1, 0x20), ac))
	if len(blob.Warnings) != 0 {
		t.Fatalf("warnings %v", blob.Warnings)
	}
	f := blob.AudioFunctions()[0]
	if len(f.Entities) != 10 {
		t.Fatalf("%d entities", len(f.Entities))
	}
	if m := f.Entity(0x21).(*ClockMultiplier); m.Kind != KindClockMultiplier || m.ClockID != 0x20 || m.Controls != 1 {
		t.Errorf("multiplier %+v", m)
	}
	if m := f.Entity(2).(*MixerUnit); m.Kind != KindMixerUnit || !reflect.DeepEqual(m.Sources(), []uint8{1}) ||
		m.Cluster.Channels != 2 || !reflect.DeepEqual([]byte(m.MixerControls), []byte{0x90}) || m.Controls != 1 || m.StringIndex != 9 {
		t.Errorf("mixer %+v", m)
	}
	if s := f.Entity(3).(*SelectorUnit); s.Controls != 1 || s.StringIndex != 10 {
		t.Errorf("selector %+v", s)
	}
	if e := f.Entity(4).(*EffectUnit); e.Kind != KindEffectUnit || e.EffectType != 1 || e.SourceID != 3 ||
		!reflect.DeepEqual(e.ChannelControls, []uint32{3, 0, 0}) || e.StringIndex != 11 {
		t.Errorf("effect %+v", e)
	}
	if p := f.Entity(5).(*ProcessingUnit); p.ProcessType != 2 || p.Controls != 5 || p.StringIndex != 12 ||
		!reflect.DeepEqual([]byte(p.Specific), []byte{0xaa}) {
		t.Errorf("processing %+v", p)
	}
	if x := f.Entity(6).(*ExtensionUnit); x.ExtensionCode != 0x4242 || x.Controls != 1 || x.StringIndex != 13 {
		t.Errorf("extension %+v", x)
	}
	if s := f.Entity(7).(*SampleRateConverter); s.Kind != KindSampleRateConverter || s.SourceID != 6 ||
		s.ClockSourceIn != 0x20 || s.ClockSourceOut != 0x21 || s.ClockSourceID() != 0x21 || s.StringIndex != 14 {
		t.Errorf("SRC %+v", s)
	}
}

func TestUAC2FormatTypes(t *testing.T) {
	as := func(general, format []byte) []byte {
		return config(1, 2, iad(0, 2, 1, 0, 0x20), iface(0, 0, 0, 1, 1, 0x20),
			iface(1, 1, 1, 1, 2, 0x20), general, format, ep(0x81, 0x05, 100, 1))
	}
	generalRaw := cs(0x01, join([]byte{1, 0, 1}, le32(0x80000005), []byte{255}, le32(0), []byte{0})...)
	blob := mustParse(t, as(generalRaw, cs(0x02, 1, 4, 32)))
	a := blob.AudioFunctions()[0].Streams[0].Alts[0]
	if a.Channels != 255 || a.BitDepth != 32 || a.SubslotBytes != 4 ||
		!reflect.DeepEqual(a.FormatNames, []string{"PCM", "IEEE_FLOAT", "TYPE_I_RAW_DATA"}) {
		t.Errorf("type I alt %+v", a)
	}
	// Type II (UAC2 Formats 2.3.2.6) and IV (2.3.4.1).
	blob = mustParse(t, as(generalRaw, cs(0x02, join([]byte{2}, le16(320), le16(1152))...)))
	if f := blob.AudioFunctions()[0].Streams[0].Alts[0].Format; f.MaxBitRate != 320 || f.SamplesPerFrame != 1152 {
		t.Errorf("type II %+v", f)
	}
	blob = mustParse(t, as(generalRaw, cs(0x02, 4)))
	if f := blob.AudioFunctions()[0].Streams[0].Alts[0].Format; f.FormatTypeName() != "IV" {
		t.Errorf("type IV %+v", f)
	}
}
