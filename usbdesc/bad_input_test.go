package usbdesc

import (
	"errors"
	"strings"
	"testing"
)

// formatError asserts err is a *FormatError at off.
func formatError(t *testing.T, err error, off int) {
	t.Helper()
	var fe *FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), want *FormatError at %d", err, err, off)
	}
	if fe.Offset != off {
		t.Fatalf("error at offset %d (%v), want %d", fe.Offset, fe, off)
	}
}

// descriptorStarts lists the offset of every descriptor in a well-formed blob.
func descriptorStarts(b []byte) []int {
	var out []int
	for off := 0; off+2 <= len(b) && b[off] >= 2; off += int(b[off]) {
		out = append(out, off)
	}
	return out
}

// Cutting a real blob after every byte: never a panic; a cut inside a
// descriptor is an error at that descriptor's offset; everything before it
// is kept; a cut between descriptors is only a wTotalLength warning.
func TestTruncatedAtEveryByte(t *testing.T) {
	full := fixtureByName(t, "anker-powerconf-c200")
	starts := descriptorStarts(full)
	if starts[len(starts)-1]+int(full[starts[len(starts)-1]]) != len(full) {
		t.Fatal("fixture does not walk cleanly")
	}
	for n := 0; n <= len(full); n++ {
		b := full[:n]
		blob, err := Parse(b)
		if blob == nil {
			t.Fatalf("cut %d: nil blob", n)
		}
		checkInvariants(t, b, blob, err)
		// The descriptor the cut falls in, and how many are complete.
		complete, cutAt := 0, -1
		for _, s := range starts {
			end := s + int(full[s])
			if end <= n {
				complete++
			} else if s < n {
				cutAt = s
			}
		}
		switch {
		case n < 2:
			formatError(t, err, 0)
		case cutAt >= 0:
			formatError(t, err, cutAt)
		case n == len(full):
			if err != nil || len(blob.Warnings) != 0 {
				t.Fatalf("full blob: %v %v", err, blob.Warnings)
			}
		default:
			if err != nil {
				t.Fatalf("cut %d at a descriptor boundary: %v", n, err)
			}
			if n > 18 && !hasWarning(blob, 18+2, "runs past the end of the input") {
				t.Fatalf("cut %d: warnings %v", n, blob.Warnings)
			}
		}
		got := len(walkDescriptors(blob)) + len(blob.Unparsed)
		// The cut descriptor is kept too: as *Unknown inside its
		// configuration, or in Unparsed for a device/configuration
		// descriptor.
		want := complete
		if cutAt >= 0 || n == 1 {
			want++
		}
		if got != want {
			t.Fatalf("cut %d: %d descriptors kept, want %d", n, got, want)
		}
		if cutAt > 18 {
			var u *Unknown
			for _, d := range walkDescriptors(blob) {
				if d.Head().Offset == cutAt {
					u, _ = d.(*Unknown)
				}
			}
			if u == nil || int(u.Size) != n-cutAt || len(blob.Bytes(&u.Header)) != n-cutAt {
				t.Fatalf("cut %d: truncated descriptor at %d not kept as unknown (%v)", n, cutAt, u)
			}
		}
	}
}

func TestBLengthZeroOrOne(t *testing.T) {
	for _, bad := range []byte{0, 1} {
		b := config(1, 1, iface(0, 0, 1, 0xff, 0, 0), []byte{bad, 0x05, 0x81, 0x02, 0x40, 0x00, 0x01})
		blob, err := Parse(b)
		formatError(t, err, 18)
		if !strings.Contains(err.Error(), "bLength") || len(blob.Configurations) != 1 ||
			len(blob.Configurations[0].Interfaces) != 1 {
			t.Errorf("bLength %d: %v, model %+v", bad, err, blob.Configurations)
		}
	}
}

func TestBLengthPastEnd(t *testing.T) {
	b := config(1, 1, iface(0, 0, 1, 0xff, 0, 0), ep(0x81, 0x02, 64, 1))
	b[18] = 40 // the endpoint claims 40 bytes, 7 are there
	blob, err := Parse(b)
	formatError(t, err, 18)
	alt := blob.Configurations[0].Interfaces[0].AltSettings[0]
	if len(alt.Endpoints) != 0 || len(alt.ClassSpecific) != 1 {
		t.Fatalf("alt %+v", alt)
	}
	u := alt.ClassSpecific[0].(*Unknown)
	if u.Offset != 18 || u.Length != 40 || u.Size != 7 || string(blob.Bytes(&u.Header)) != string(b[18:]) || u.Hex != "2805810240"+"0001" {
		t.Errorf("unknown %+v", u)
	}
}

func TestWTotalLengthShorterThanData(t *testing.T) {
	b := config(1, 2, iface(0, 0, 0, 0xff, 0, 0), iface(1, 0, 1, 0xff, 0, 0), ep(0x81, 0x02, 64, 1))
	b[2] = 18 // claims the configuration ends after the first interface
	blob, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	c := blob.Configurations[0]
	if len(c.Interfaces) != 2 || len(c.Interfaces[1].AltSettings[0].Endpoints) != 1 {
		t.Errorf("interfaces %+v", c.Interfaces)
	}
	if !hasWarning(blob, 2, "shorter than the configuration") {
		t.Errorf("warnings %v", blob.Warnings)
	}

	// In a sysfs blob the next configuration still starts a new one.
	second := config(2, 1, iface(0, 0, 0, 0xff, 0, 0))
	blob, err = Parse(cat(device(2), b, second))
	if err != nil || len(blob.Configurations) != 2 || len(blob.Configurations[0].Interfaces) != 2 ||
		blob.Configurations[1].ConfigurationValue != 2 {
		t.Errorf("sysfs: %v %+v", err, blob.Configurations)
	}

	// A wTotalLength cutting a descriptor in half.
	b[2] = 20
	blob, err = Parse(b)
	if err != nil || len(blob.Configurations[0].Interfaces) != 2 || !hasWarning(blob, 18, "runs past wTotalLength") {
		t.Errorf("split descriptor: %v, warnings %v", err, blob.Warnings)
	}
}

func TestWTotalLengthLongerThanData(t *testing.T) {
	b := config(1, 1, iface(0, 0, 1, 0xff, 0, 0), ep(0x81, 0x02, 64, 1))
	b[2], b[3] = 0x00, 0x10 // 4096
	blob, err := Parse(b)
	if err != nil || len(blob.Configurations[0].Interfaces[0].AltSettings[0].Endpoints) != 1 ||
		!hasWarning(blob, 2, "wTotalLength 4096 runs past the end") {
		t.Errorf("%v, warnings %v", err, blob.Warnings)
	}
	// Swallowing the next configuration of a sysfs blob: the configuration
	// descriptor inside it starts a new one.
	first := config(1, 1, iface(0, 0, 0, 0xff, 0, 0))
	second := config(2, 1, iface(0, 0, 0, 0xff, 0, 0))
	first[2] = byte(len(first) + len(second))
	blob, err = Parse(cat(device(2), first, second))
	if err != nil || len(blob.Configurations) != 2 || !hasWarning(blob, 18+len(first), "inside the previous configuration") {
		t.Errorf("%v, %d configurations, warnings %v", err, len(blob.Configurations), blob.Warnings)
	}
}

func TestGarbageAfterLastConfiguration(t *testing.T) {
	b := cat(device(1), config(1, 1, iface(0, 0, 0, 0xff, 0, 0)), []byte{0xde, 0xad, 0xbe, 0xef, 0x00})
	blob, err := Parse(b)
	if err != nil || len(blob.Configurations) != 1 || !hasWarning(blob, 18+18, "5 byte(s) after the last configuration") {
		t.Errorf("%v, warnings %v", err, blob.Warnings)
	}
	if len(blob.Unparsed) != 1 || blob.Unparsed[0].Offset != 36 || blob.Unparsed[0].Hex != "deadbeef00" {
		t.Errorf("garbage not kept: %+v", blob.Unparsed)
	}
}

func TestNotADescriptorBlob(t *testing.T) {
	for _, b := range [][]byte{nil, {0x12}, {0x05, 0x04, 0, 0, 0}, []byte("hello world")} {
		blob, err := Parse(b)
		formatError(t, err, 0)
		if blob == nil || blob.Device != nil || len(blob.Configurations) != 0 {
			t.Errorf("%q: %+v", b, blob)
		}
	}
	// A device descriptor too short to decode.
	_, err := Parse([]byte{0x08, 0x01, 0, 2, 0, 0, 0, 64})
	formatError(t, err, 8)
}

func TestDeviceWithoutConfigurations(t *testing.T) {
	blob, err := Parse(device(1))
	if err != nil || blob.Device == nil || !hasWarning(blob, 0, "says 1 configuration(s), input holds 0") {
		t.Errorf("%v, warnings %v", err, blob.Warnings)
	}
}

func TestManyChannels(t *testing.T) {
	// UAC1 feature unit with bControlSize 1 and bLength 255: 248 bitmaps,
	// master + 247 channels, all from bytes really present.
	fu := append([]byte{255, 0x24, 0x06, 2, 1, 1}, make([]byte, 249)...)
	fu[6] = 0x03
	it := cs(0x02, join([]byte{1}, le16(0x0101), []byte{0, 255}, le16(0xffff), []byte{0, 0})...)
	b := config(1, 1, iface(0, 0, 0, 1, 1, 0), uac1Header(), it, fu)
	blob := mustParse(t, b)
	f := blob.AudioFunctions()[0]
	unit := f.Entity(2).(*FeatureUnit)
	if unit.Channels() != 247 || unit.Access(0, FCMute) != AccessReadWrite || unit.Access(247, FCMute) != AccessNone {
		t.Errorf("feature unit: %d channels", unit.Channels())
	}
	if ch := f.Entity(1).(*InputTerminal).Cluster.Channels; ch != 255 {
		t.Errorf("terminal channels %d", ch)
	}
	// UAC2: 4 bytes per channel, bLength 255 leaves 1 stray byte: warning.
	fu2 := append([]byte{255, 0x24, 0x06, 2, 1}, make([]byte, 250)...)
	blob = mustParse(t, config(1, 1, iad(0, 1, 1, 0, 0x20), iface(0, 0, 0, 1, 1, 0x20), fu2))
	unit = blob.AudioFunctions()[0].Entity(2).(*FeatureUnit)
	if len(unit.ChannelControls) != 62 || !hasWarning(blob, 9+8+9, "not a multiple of 4") {
		t.Errorf("UAC2 unit: %d bitmaps, warnings %v", len(unit.ChannelControls), blob.Warnings)
	}
}

func TestLyingCounts(t *testing.T) {
	// bControlSize 0: no division by zero, a warning.
	b := config(1, 1, iface(0, 0, 0, 1, 1, 0), uac1Header(), cs(0x06, 2, 1, 0, 0x03, 0))
	blob := mustParse(t, b)
	fu := blob.AudioFunctions()[0].Entity(2).(*FeatureUnit)
	if fu.ChannelControls != nil || !hasWarning(blob, 9+9+8+5, "bControlSize 0") {
		t.Errorf("%+v, warnings %v", fu, blob.Warnings)
	}
	// bSamFreqType claims 200 rates, 2 are there.
	b = config(1, 2, iface(0, 0, 0, 1, 1, 0), uac1Header(1), iface(1, 1, 1, 1, 2, 0),
		cs(0x02, join([]byte{1, 2, 2, 16, 200}, u24(44100), u24(48000))...), ep(0x01, 0x09, 192, 1))
	blob = mustParse(t, b)
	a := blob.AudioFunctions()[0].Streams[0].Alts[0]
	if len(a.SampleRates) != 2 || a.SampleRates[1] != 48000 || !hasWarning(blob, 9+9+9+9+8, "claims 200 sample rate(s)") {
		t.Errorf("rates %v, warnings %v", a.SampleRates, blob.Warnings)
	}
	// bNrInPins claims more sources than bLength holds: kept as unknown.
	b = config(1, 1, iface(0, 0, 0, 1, 1, 0), uac1Header(), cs(0x05, 5, 200, 1, 2, 0))
	blob = mustParse(t, b)
	alt := blob.Configurations[0].Interfaces[0].AltSettings[0]
	if u, ok := alt.ClassSpecific[1].(*Unknown); !ok || u.Subtype != 0x05 || len(blob.AudioFunctions()[0].Entities) != 0 ||
		!hasWarning(blob, 9+9+8+5, "selector_unit descriptor (bLength 8) is too short") {
		t.Errorf("%#v, warnings %v", alt.ClassSpecific[1], blob.Warnings)
	}
	// HID descriptor listing more class descriptors than it holds.
	b = config(1, 1, iface(0, 0, 0, 3, 0, 0), d(0x21, 0x11, 0x01, 0, 9, 0x22, 50, 0))
	blob = mustParse(t, b)
	h := blob.Configurations[0].Interfaces[0].AltSettings[0].ClassSpecific[0].(*HIDDescriptor)
	if len(h.Reports) != 1 || h.Reports[0].Length != 50 || !hasWarning(blob, 18, "lists 9 class descriptor(s)") {
		t.Errorf("%+v, warnings %v", h, blob.Warnings)
	}
}

func TestShortStandardDescriptorsKeptAsUnknown(t *testing.T) {
	b := config(1, 1, iface(0, 0, 1, 0xff, 0, 0), d(0x05, 0x81, 0x02), d(0x04, 1, 0))
	blob := mustParse(t, b)
	cs := blob.Configurations[0].Interfaces[0].AltSettings[0].ClassSpecific
	if len(cs) != 2 || cs[0].Head().Kind != KindUnknown || cs[1].Head().Kind != KindUnknown {
		t.Fatalf("%v", cs)
	}
	if !hasWarning(blob, 18+4, "endpoint descriptor (bLength 4) is too short") ||
		!hasWarning(blob, 22+4, "interface descriptor (bLength 4) is too short") {
		t.Errorf("warnings %v", blob.Warnings)
	}
}
