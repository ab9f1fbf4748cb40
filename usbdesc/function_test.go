package usbdesc

import (
	"strings"
	"testing"
)

// hasWarning reports a warning at off whose message contains text.
func hasWarning(b *Blob, off int, text string) bool {
	for _, w := range b.Warnings {
		if w.Offset == off && strings.Contains(w.Msg, text) {
			return true
		}
	}
	return false
}

func uac1Header(streams ...byte) []byte {
	return cs(0x01, join(le16(0x0100), le16(uint16(8+len(streams))), []byte{byte(len(streams))}, streams)...)
}

func TestStreamsOwnedByHeaderList(t *testing.T) {
	// Two UAC1 functions; the second lists interface 3, the first 1.
	b := config(1, 4,
		iface(0, 0, 0, 1, 1, 0), uac1Header(1),
		iface(2, 0, 0, 1, 1, 0), uac1Header(3),
		iface(3, 0, 0, 1, 2, 0),
		iface(1, 0, 0, 1, 2, 0),
	)
	blob := mustParse(t, b)
	fns := blob.AudioFunctions()
	if len(fns) != 2 || len(blob.Warnings) != 0 {
		t.Fatalf("%d functions, warnings %v", len(fns), blob.Warnings)
	}
	if fns[0].ControlInterface != 0 || len(fns[0].Streams) != 1 || fns[0].Streams[0].Interface != 1 {
		t.Errorf("function 0 streams %+v", fns[0].Streams)
	}
	if fns[1].ControlInterface != 2 || len(fns[1].Streams) != 1 || fns[1].Streams[0].Interface != 3 {
		t.Errorf("function 2 streams %+v", fns[1].Streams)
	}
}

func TestStreamOwnerFallbackWarns(t *testing.T) {
	asOff := 9 + 9 + 8
	b := config(1, 2,
		iface(0, 0, 0, 1, 1, 0), uac1Header(), // lists nothing
		iface(1, 0, 0, 1, 2, 0),
	)
	blob := mustParse(t, b)
	f := blob.AudioFunctions()[0]
	if len(f.Streams) != 1 || f.Streams[0].Interface != 1 {
		t.Errorf("streams %+v", f.Streams)
	}
	if !hasWarning(blob, asOff, "not listed by any AC header or IAD") {
		t.Errorf("warnings %v", blob.Warnings)
	}

	// An AS interface before any AC interface belongs to no function.
	blob = mustParse(t, config(1, 1, iface(1, 0, 0, 1, 2, 0), iface(1, 1, 1, 1, 2, 0),
		cs(0x01, 1, 0, 1, 0), ep(0x01, 0x09, 100, 1)))
	if len(blob.AudioFunctions()) != 0 || !hasWarning(blob, 9, "belongs to no AudioControl interface") {
		t.Errorf("functions %d warnings %v", len(blob.AudioFunctions()), blob.Warnings)
	}
	// Its descriptors are still decoded, as UAC1 from its own protocol.
	if _, ok := blob.Configurations[0].Interfaces[0].AltSettings[1].ClassSpecific[0].(*ASGeneral); !ok {
		t.Errorf("AS general not decoded: %T", blob.Configurations[0].Interfaces[0].AltSettings[1].ClassSpecific[0])
	}
}

func TestVersionChoice(t *testing.T) {
	cases := []struct {
		name              string
		iadProto, ifProto byte
		withIAD           bool
		want              UACVersion
		warn              string
	}{
		{"interface protocol", 0, 0x20, false, UAC2, ""},
		{"IAD when interface protocol unknown", 0x30, 0x07, true, UAC3, "using the IAD"},
		{"interface wins a disagreement", 0x00, 0x20, true, UAC2, "its IAD says UAC1"},
		{"unknown falls back to UAC1", 0, 0x04, false, UAC1, "decoding as UAC1"},
	}
	for _, c := range cases {
		var parts [][]byte
		if c.withIAD {
			parts = append(parts, iad(0, 1, 1, 0, c.iadProto))
		}
		parts = append(parts, iface(0, 0, 0, 1, 1, c.ifProto))
		blob := mustParse(t, config(1, 1, parts...))
		f := blob.AudioFunctions()[0]
		if f.Version != c.want {
			t.Errorf("%s: %v, want %v", c.name, f.Version, c.want)
		}
		if c.warn != "" && (len(blob.Warnings) != 1 || !strings.Contains(blob.Warnings[0].Msg, c.warn)) {
			t.Errorf("%s: warnings %v", c.name, blob.Warnings)
		}
		if c.warn == "" && len(blob.Warnings) != 0 {
			t.Errorf("%s: unexpected warnings %v", c.name, blob.Warnings)
		}
	}
}

// Plantronics and Sennheiser headsets put the class-specific AS endpoint
// descriptor before the standard endpoint: decoded where it stands.
func TestMisplacedClassSpecificEndpoint(t *testing.T) {
	b := config(1, 2,
		iface(0, 0, 0, 1, 1, 0), uac1Header(1),
		iface(1, 0, 0, 1, 2, 0),
		iface(1, 1, 1, 1, 2, 0),
		cs(0x01, 1, 1, 1, 0),
		csEP(0x01, 0x01, 0x00, 0x00, 0x00), // before its endpoint
		cs(0x02, join([]byte{1, 2, 2, 16, 1}, u24(48000))...),
		d(0x05, 0x01, 0x09, 0xc0, 0x00, 1, 0, 0),
		cs(0x02, join([]byte{1, 1, 2, 16, 1}, u24(16000))...), // after its endpoint
	)
	csepOff := 9 + 9 + 9 + 9 + 9 + 7
	blob := mustParse(t, b)
	if !hasWarning(blob, csepOff, "before its standard endpoint") {
		t.Errorf("warnings %v", blob.Warnings)
	}
	alt := blob.Configurations[0].Interfaces[1].AltSettings[1]
	found := false
	for _, d := range alt.ClassSpecific {
		if e, ok := d.(*ASEndpoint); ok && e.Offset == csepOff && e.Attributes == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("misplaced AS endpoint not decoded: %v", alt.ClassSpecific)
	}
	late := alt.Endpoints[0].ClassSpecific
	if len(late) != 1 || late[0].Head().Kind != KindFormatType {
		t.Errorf("descriptor after the endpoint: %v", late)
	}
	if !hasWarning(blob, late[0].Head().Offset, "after endpoint 0x01") {
		t.Errorf("warnings %v", blob.Warnings)
	}
	a := blob.AudioFunctions()[0].Streams[0].Alts[0]
	if a.Channels != 2 || a.SampleRates[0] != 48000 {
		t.Errorf("stream alt %+v", a)
	}
}

func TestFeedbackEndpointIsNotTheDataEndpoint(t *testing.T) {
	b := config(1, 2,
		iad(0, 2, 1, 0, 0x20),
		iface(0, 0, 0, 1, 1, 0x20),
		iface(1, 1, 2, 1, 2, 0x20),
		ep(0x81, 0x11, 4, 4), // feedback IN
		ep(0x01, 0x05, 200, 1),
	)
	blob := mustParse(t, b)
	s := blob.AudioFunctions()[0].Streams[0]
	if s.Direction != Playback || s.Alts[0].Endpoint.Address != 0x01 || s.Alts[0].MaxPacket != 200 {
		t.Errorf("stream %+v alt %+v", s, s.Alts[0])
	}
}

// The Teufel Cinebar One (a real soundbar, rebuilt from its lsusb text)
// puts the class-specific AS endpoint descriptor before its endpoint.
func TestRealMisplacedEndpoint(t *testing.T) {
	blob := mustParse(t, fixtureByName(t, "teufel-cinebar-one"))
	if len(blob.Warnings) != 1 || !hasWarning(blob, 130, "before its standard endpoint (interface 1 alt 1)") {
		t.Fatalf("warnings %v", blob.Warnings)
	}
	alt := blob.Configurations[0].Interfaces[1].AltSettings[1]
	last := alt.ClassSpecific[len(alt.ClassSpecific)-1]
	e, ok := last.(*ASEndpoint)
	if !ok || e.Offset != 130 || e.Attributes != 0x81 || e.LockDelayUnits != 2 || e.LockDelay != 0 {
		t.Fatalf("misplaced descriptor %#v", last)
	}
	s := blob.AudioFunctions()[0].Streams[0]
	a := s.Alts[0]
	if s.Direction != Playback || a.Endpoint.Address != 0x03 || a.Channels != 2 || a.BitDepth != 16 || a.MaxPacket != 192 ||
		len(a.SampleRates) != 6 || a.SampleRates[0] != 48000 || a.SampleRates[5] != 8000 {
		t.Errorf("stream %+v alt %+v", s, a)
	}
}

func TestStreamBeforeItsControlInterface(t *testing.T) {
	b := config(1, 2,
		iface(1, 0, 0, 1, 2, 0),
		iface(1, 1, 1, 1, 2, 0),
		cs(0x01, 5, 1, 1, 0),
		cs(0x02, join([]byte{1, 1, 2, 16, 1}, u24(48000))...),
		ep(0x82, 0x05, 96, 1),
		iface(0, 0, 0, 1, 1, 0), uac1Header(1),
	)
	blob := mustParse(t, b)
	f := blob.AudioFunctions()[0]
	if len(f.Streams) != 1 || f.Streams[0].Interface != 1 || f.Streams[0].TerminalLink != 5 ||
		f.Streams[0].Direction != Capture || f.Streams[0].Alts[0].Channels != 1 {
		t.Errorf("streams %+v", f.Streams)
	}
	if !hasWarning(blob, 9, "comes before its AudioControl interface 0") {
		t.Errorf("warnings %v", blob.Warnings)
	}
}
