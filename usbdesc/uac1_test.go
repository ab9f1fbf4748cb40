package usbdesc

import (
	"reflect"
	"testing"
)

func u24(v uint32) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16)} }

// uac1Config is a UAC1 function using every AC descriptor type (UAC1
// 4.3.2.x) and the AS descriptors of UAC1 4.5.2 / Formats 2.2.5, 2.3.6.
func uac1Config() []byte {
	ac := join(
		cs(0x02, join([]byte{1}, le16(0x0201), []byte{0, 1}, le16(0), []byte{0, 0})...),      // IT 1 microphone, 1 ch
		cs(0x02, join([]byte{2}, le16(0x0101), []byte{0, 2}, le16(0x0003), []byte{0, 0})...), // IT 2 USB streaming, 2 ch
		cs(0x06, 3, 2, 2, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0),                             // FU 3 <- 2, bControlSize 2
		cs(0x04, join([]byte{4, 2, 3, 1, 2}, le16(0x0003), []byte{0, 0x3c, 5})...),           // mixer 4 <- 3,1
		cs(0x05, 5, 1, 4, 6), // selector 5 <- 4
		cs(0x07, join([]byte{6}, le16(0x0001), []byte{1, 5, 2}, le16(0x0003), []byte{0, 1, 0x01, 7, 1, 3, 0})...), // processing 6
		cs(0x08, join([]byte{7}, le16(0x1234), []byte{1, 6, 2}, le16(0x0003), []byte{0, 1, 0x01, 8})...),          // extension 7
		cs(0x03, join([]byte{8}, le16(0x0301), []byte{0, 7, 0})...),                                               // OT 8 speaker <- 7
		cs(0x03, join([]byte{9}, le16(0x0101), []byte{0, 1, 0})...),                                               // OT 9 USB streaming <- 1
	)
	header := cs(0x01, join(le16(0x0100), le16(0), []byte{2, 1, 2})...)
	total := len(header) + len(ac)
	header[5], header[6] = byte(total), byte(total>>8)
	return config(1, 3,
		iface(0, 0, 0, 0x01, 0x01, 0x00), header, ac,
		iface(1, 0, 0, 0x01, 0x02, 0x00),
		iface(1, 1, 1, 0x01, 0x02, 0x00),
		cs(0x01, join([]byte{2, 1}, le16(0x0001))...),
		cs(0x02, join([]byte{1, 2, 2, 16, 2}, u24(44100), u24(48000))...),
		d(0x05, 0x01, 0x09, 0xc0, 0x00, 1, 0, 0),
		csEP(0x01, 0x01, 0x02, 0x01, 0x00),
		iface(2, 0, 0, 0x01, 0x02, 0x00),
		iface(2, 1, 1, 0x01, 0x02, 0x00),
		cs(0x01, join([]byte{9, 1}, le16(0x0001))...),
		cs(0x02, join([]byte{1, 1, 3, 24, 0}, u24(8000), u24(96000))...),
		d(0x05, 0x82, 0x05, 0x20, 0x01, 1, 0, 0),
		iface(2, 2, 1, 0x01, 0x02, 0x00),
		cs(0x01, join([]byte{9, 0}, le16(0x1001))...),
		cs(0x02, join([]byte{2}, le16(256), le16(1152), []byte{1}, u24(48000))...),
		d(0x05, 0x82, 0x05, 0x00, 0x01, 1, 0, 0),
	)
}

func TestUAC1ControlDescriptors(t *testing.T) {
	blob := mustParse(t, uac1Config())
	if len(blob.Warnings) != 0 {
		t.Fatalf("warnings %v", blob.Warnings)
	}
	fns := blob.AudioFunctions()
	if len(fns) != 1 {
		t.Fatalf("%d functions", len(fns))
	}
	f := fns[0]
	if f.Version != UAC1 || f.ControlInterface != 0 || f.Association != nil {
		t.Errorf("function %v ctrl %d", f.Version, f.ControlInterface)
	}
	h := f.Header
	if h == nil || h.Kind != KindACHeader || h.ADCVersion != 0x0100 || h.TotalLength != 10+12+12+13+13+7+18+15+9+9 ||
		!reflect.DeepEqual([]uint8(h.InterfaceNumbers), []uint8{1, 2}) {
		t.Fatalf("header %+v", h)
	}
	kinds := []Kind{}
	for _, e := range f.Entities {
		kinds = append(kinds, e.Head().Kind)
	}
	wantKinds := []Kind{KindInputTerminal, KindInputTerminal, KindFeatureUnit, KindMixerUnit, KindSelectorUnit,
		KindProcessingUnit, KindExtensionUnit, KindOutputTerminal, KindOutputTerminal}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Fatalf("entities %v", kinds)
	}
	it := f.Entity(1).(*InputTerminal)
	if it.TerminalType != TermMicrophone || it.Cluster.Channels != 1 || it.ClockSource != 0 {
		t.Errorf("IT 1 %+v", it)
	}
	it2 := f.Entity(2).(*InputTerminal)
	if it2.TerminalType != TermUSBStreaming || it2.Cluster.Channels != 2 || it2.Cluster.Config != 3 ||
		!reflect.DeepEqual(it2.Cluster.ChannelNames(UAC1), []string{"Left Front (L)", "Right Front (R)"}) {
		t.Errorf("IT 2 %+v", it2)
	}
	fu := f.Entity(3).(*FeatureUnit)
	if fu.Version != UAC1 || fu.SourceID != 2 || fu.ControlSize != 2 || fu.Channels() != 2 ||
		!reflect.DeepEqual(fu.ChannelControls, []uint32{1, 2, 2}) {
		t.Errorf("FU 3 %+v", fu)
	}
	if fu.Access(0, FCMute) != AccessReadWrite || fu.Access(0, FCVolume) != AccessNone ||
		fu.Access(1, FCVolume) != AccessReadWrite || fu.Access(2, FCMute) != AccessNone {
		t.Error("FU 3 access bits")
	}
	mu := f.Entity(4).(*MixerUnit)
	if !reflect.DeepEqual(mu.Sources(), []uint8{3, 1}) || mu.Cluster.Channels != 2 ||
		!reflect.DeepEqual([]byte(mu.MixerControls), []byte{0x3c}) || mu.StringIndex != 5 {
		t.Errorf("mixer %+v", mu)
	}
	su := f.Entity(5).(*SelectorUnit)
	if !reflect.DeepEqual(su.Sources(), []uint8{4}) || su.StringIndex != 6 {
		t.Errorf("selector %+v", su)
	}
	pu := f.Entity(6).(*ProcessingUnit)
	if pu.ProcessType != 1 || !reflect.DeepEqual(pu.Sources(), []uint8{5}) || pu.Controls != 1 || pu.StringIndex != 7 ||
		!reflect.DeepEqual([]byte(pu.Specific), []byte{1, 3, 0}) {
		t.Errorf("processing %+v", pu)
	}
	xu := f.Entity(7).(*ExtensionUnit)
	if xu.ExtensionCode != 0x1234 || !reflect.DeepEqual(xu.Sources(), []uint8{6}) || xu.Controls != 1 || xu.StringIndex != 8 {
		t.Errorf("extension %+v", xu)
	}
	ot := f.Entity(8).(*OutputTerminal)
	if ot.TerminalType != TermSpeaker || ot.SourceID != 7 {
		t.Errorf("OT 8 %+v", ot)
	}
}

func TestUAC1StreamingDescriptors(t *testing.T) {
	blob := mustParse(t, uac1Config())
	f := blob.AudioFunctions()[0]
	if len(f.Streams) != 2 {
		t.Fatalf("%d streams", len(f.Streams))
	}
	play, capture := f.Streams[0], f.Streams[1]
	if play.Interface != 1 || play.TerminalLink != 2 || play.Direction != Playback || len(play.Alts) != 1 {
		t.Fatalf("playback stream %+v", play)
	}
	a := play.Alts[0]
	if a.Alternate != 1 || a.Channels != 2 || a.BitDepth != 16 || a.SubslotBytes != 2 || a.MaxPacket != 192 ||
		!reflect.DeepEqual(a.SampleRates, []uint32{44100, 48000}) || a.RateRange != nil ||
		!reflect.DeepEqual(a.FormatNames, []string{"PCM"}) {
		t.Errorf("playback alt %+v", a)
	}
	if a.General.Kind != KindASGeneral || a.General.Delay != 1 || a.General.FormatTag != 1 {
		t.Errorf("AS general %+v", a.General)
	}
	if a.Format.Kind != KindFormatType || a.Format.FormatTypeName() != "I" || a.Format.SamFreqType != 2 {
		t.Errorf("format %+v", a.Format)
	}
	if len(a.Endpoint.ClassSpecific) != 1 {
		t.Fatalf("AS endpoint missing")
	}
	ase := a.Endpoint.ClassSpecific[0].(*ASEndpoint)
	if ase.Kind != KindASEndpoint || ase.Attributes != 0x01 || ase.LockDelayUnits != 2 || ase.LockDelay != 1 {
		t.Errorf("AS endpoint %+v", ase)
	}
	if capture.Direction != Capture || capture.TerminalLink != 9 || len(capture.Alts) != 2 {
		t.Fatalf("capture stream %+v", capture)
	}
	c1 := capture.Alts[0]
	if c1.Channels != 1 || c1.BitDepth != 24 || c1.SubslotBytes != 3 || c1.SampleRates != nil ||
		c1.RateRange == nil || *c1.RateRange != (RateRange{8000, 96000}) || c1.MaxPacket != 288 {
		t.Errorf("continuous alt %+v", c1)
	}
	c2 := capture.Alts[1]
	if c2.Format.FormatTypeName() != "II" || c2.Format.MaxBitRate != 256 || c2.Format.SamplesPerFrame != 1152 ||
		!reflect.DeepEqual(c2.SampleRates, []uint32{48000}) || !reflect.DeepEqual(c2.FormatNames, []string{"MPEG"}) {
		t.Errorf("type II alt %+v / %+v", c2, c2.Format)
	}
}

func TestUAC1FeatureUnitOneByteControls(t *testing.T) {
	// The Logitech C270's microphone: bControlSize 1, master mute+volume,
	// one channel with none (lsusb: bmaControls(0) 0x03, (1) 0x00).
	blob := mustParse(t, fixtureByName(t, "logitech-c270-webcam"))
	f := blob.AudioFunctions()[0]
	fu := f.Entity(5).(*FeatureUnit)
	if fu.ControlSize != 1 || fu.Channels() != 1 || !reflect.DeepEqual(fu.ChannelControls, []uint32{3, 0}) ||
		fu.Access(0, FCVolume) != AccessReadWrite || fu.Access(1, FCVolume) != AccessNone {
		t.Errorf("FU 5 %+v", fu)
	}
}

// TestEntityParsersAddTheirEntities checks that every AC table parser
// that decodes an entity puts it into its function's Entities once (the
// parsers do it themselves, addEntity), that the header goes to Header
// instead, and that a descriptor too short to decode adds nothing.
func TestEntityParsersAddTheirEntities(t *testing.T) {
	for _, v := range []UACVersion{UAC1, UAC2, UAC3} {
		for subtype, parse := range acTables[v] {
			if parse == nil {
				continue
			}
			for _, size := range []int{64, 3} { // decodable; too short
				p := &parser{blob: new(Blob)}
				p.mem.useBlock(new(block))
				p.fn = p.newFunctionState()
				p.fn.f = &AudioFunction{Version: v}
				p.alt = &AltSetting{Class: ClassAudio, SubClass: SubclassAudioControl}
				p.csTable, p.version = acTables[v], v
				raw := make([]byte, size)
				raw[0], raw[1], raw[2] = byte(size), byte(TypeCSInterface), byte(subtype)
				p.data = raw
				p.classSpecificInterface(wire{Raw: raw})
				p.mem.entities.closeList(&p.entList)
				p.mem.descriptors.closeList(&p.descList)
				f, list := p.fn.f, p.alt.ClassSpecific
				if len(list) != 1 {
					t.Fatalf("UAC%d subtype %#x: %d descriptor(s) attached", v, subtype, len(list))
				}
				d := list[0]
				_, unknown := d.(*Unknown)
				if size == 64 && unknown {
					t.Errorf("UAC%d subtype %#x: 64 zero bytes not decoded", v, subtype)
				}
				e, isEntity := d.(Entity)
				switch {
				case unknown || !isEntity:
					if len(f.Entities) != 0 {
						t.Errorf("UAC%d subtype %#x (%T): %d entities added", v, subtype, d, len(f.Entities))
					}
				case len(f.Entities) != 1 || f.Entities[0] != e:
					t.Errorf("UAC%d subtype %#x (%T): entities %v, want it once", v, subtype, d, f.Entities)
				}
				if _, ok := d.(*ACHeader); ok != (f.Header != nil) {
					t.Errorf("UAC%d subtype %#x (%T): function header %v", v, subtype, d, f.Header)
				}
			}
		}
	}
}
