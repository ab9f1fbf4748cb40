package usbdesc

import (
	"bytes"
	"reflect"
	"testing"
)

// TestLayoutMatchesFieldReads checks that taking a fixed part whole
// (wire.fixed, reader.fixed) gives what reading its fields one by one
// gives: the same bytes when they fit and, cut at every length, the same
// failure (field name, offset, bytes wanted and left).
func TestLayoutMatchesFieldReads(t *testing.T) {
	layouts := map[string]*layout{
		"interface": interfaceLayout, "endpoint": endpointLayout, "association": associationLayout,
		"uac1 header": uac1HeaderLayout, "uac1 input terminal": uac1InputTerminalLayout,
		"uac1 output terminal": uac1OutputTerminalLayout, "uac1 feature": uac1FeatureLayout,
		"uac1 as general": uac1ASGeneralLayout, "uac1 format type I": uac1FormatTypeILayout,
		"uac1 as endpoint": uac1ASEndpointLayout, "uac2 header": uac2HeaderLayout,
		"uac2 input terminal": uac2InputTerminalLayout, "uac2 output terminal": uac2OutputTerminalLayout,
		"uac2 feature": uac2FeatureLayout, "uac2 clock source": uac2ClockSourceLayout,
		"uac2 as general": uac2ASGeneralLayout, "uac2 format type I": uac2FormatTypeILayout,
		"uac2 as endpoint": uac2ASEndpointLayout,
	}
	for name, l := range layouts {
		full := make([]byte, 2+l.size)
		for i := range full {
			full[i] = byte(0x40 + i)
		}
		for n := 2; n <= len(full); n++ {
			h := wire{Raw: full[:n], Offset: 100}
			// One by one.
			want := body(h)
			for _, f := range l.fields {
				switch f.size {
				case 1:
					want.u8(f.name)
				case 2:
					want.u16(f.name)
				case 4:
					want.u32(f.name)
				default:
					t.Fatalf("%s: field %s of size %d", name, f.name, f.size)
				}
			}
			got := body(h)
			b := got.fixed(l)
			wb := h.fixed(2, l)
			if want.failed() {
				if b != nil || wb != nil {
					t.Errorf("%s cut to %d: fixed returned %x, %x; want nil", name, n, b, wb)
				}
				if g, w := got.failure(), want.failure(); g == nil || *g != *w {
					t.Errorf("%s cut to %d: failure %v, want %v", name, n, g, w)
				}
				// A read after the failed one fails and changes nothing.
				if got.u8("later") != 0 || got.fixed(l) != nil || *got.failure() != *want.failure() {
					t.Errorf("%s cut to %d: a read after the failure changed it to %v", name, n, got.failure())
				}
				continue
			}
			if !bytes.Equal(b, full[2:]) || !bytes.Equal(wb, full[2:]) || got.failed() || got.pos != want.pos {
				t.Errorf("%s: fixed returned %x, %x (pos %d), want %x (pos %d)", name, b, wb, got.pos, full[2:], want.pos)
			}
		}
	}
}

// TestFixedPartsDecodeTheirFields checks the constant indexes of the
// parsers that read a fixed part whole: each field named by the layout
// must land in the struct field of that wire name (its usb tag, or the
// channel cluster for the cluster fields), decoded little-endian. The
// bytes are all different, so a field read from the wrong index shows.
func TestFixedPartsDecodeTheirFields(t *testing.T) {
	cases := []struct {
		name    string
		l       *layout
		parse   csParser
		subtype byte
		pre     []byte // fields read before the fixed part
	}{
		{"uac1 header", uac1HeaderLayout, parseUAC1Header, 0x01, nil},
		{"uac1 input terminal", uac1InputTerminalLayout, parseUAC1InputTerminal, 0x02, nil},
		{"uac1 output terminal", uac1OutputTerminalLayout, parseUAC1OutputTerminal, 0x03, nil},
		{"uac1 feature unit", uac1FeatureLayout, parseUAC1Feature, 0x06, nil},
		{"uac1 as general", uac1ASGeneralLayout, parseUAC1ASGeneral, 0x01, nil},
		{"uac1 format type I", uac1FormatTypeILayout, parseUAC1FormatType, 0x02, []byte{1}},
		{"uac1 as endpoint", uac1ASEndpointLayout, parseUAC1ASEndpoint, 0x01, nil},
		{"uac2 header", uac2HeaderLayout, parseUAC2Header, 0x01, nil},
		{"uac2 input terminal", uac2InputTerminalLayout, parseUAC2InputTerminal, 0x02, nil},
		{"uac2 output terminal", uac2OutputTerminalLayout, parseUAC2OutputTerminal, 0x03, nil},
		{"uac2 feature unit", uac2FeatureLayout, parseUAC2Feature, 0x06, nil},
		{"uac2 clock source", uac2ClockSourceLayout, parseUAC2ClockSource, 0x0a, nil},
		{"uac2 as general", uac2ASGeneralLayout, parseUAC2ASGeneral, 0x01, nil},
		{"uac2 format type I", uac2FormatTypeILayout, parseUAC2FormatType, 0x02, []byte{1}},
		{"uac2 as endpoint", uac2ASEndpointLayout, parseUAC2ASEndpoint, 0x01, nil},
	}
	cluster := map[string]string{
		"bNrChannels": "Channels", "wChannelConfig": "Config", "bmChannelConfig": "Config", "iChannelNames": "NamesIndex",
	}
	for _, c := range cases {
		raw := append([]byte{0, 0x24, c.subtype}, c.pre...)
		for i := 0; i < c.l.size; i++ {
			raw = append(raw, byte(0x41+i))
		}
		raw[0] = byte(len(raw))
		p := &parser{blob: new(Blob)}
		p.mem.useBlock(new(block))
		h := wire{Raw: raw, Offset: 7}
		r := body(h)
		r.pos = 3
		d, _ := c.parse(p, h, &r)
		v := reflect.ValueOf(d).Elem()
		pos := 3 + len(c.pre)
		for _, f := range c.l.fields {
			var want uint64
			for i := f.size - 1; i >= 0; i-- {
				want = want<<8 | uint64(raw[pos+i])
			}
			pos += f.size
			if f.name == "bInCollection" {
				continue // a count, not kept
			}
			got, ok := usbField(v, f.name)
			if !ok {
				got, ok = v.FieldByName("Cluster"), cluster[f.name] != ""
				if ok {
					got = got.FieldByName(cluster[f.name])
				}
			}
			if !ok {
				if f.name == "bSubslotSize" { // UAC2's name for bSubframeSize
					got, ok = v.FieldByName("SubframeSize"), true
				} else {
					t.Errorf("%s: no struct field for %s", c.name, f.name)
					continue
				}
			}
			if got.Uint() != want {
				t.Errorf("%s: %s = %#x, want %#x", c.name, f.name, got.Uint(), want)
			}
		}
	}
}

// usbField is the field of struct v tagged usb:"name".
func usbField(v reflect.Value, name string) (reflect.Value, bool) {
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).Tag.Get("usb") == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// TestChannelControlsEverySize checks the bitmap list against le for
// the sizes with a loop of their own (1, 4) and those without.
func TestChannelControlsEverySize(t *testing.T) {
	for size := 1; size <= 6; size++ {
		const n = 3
		raw := make([]byte, n*size)
		for i := range raw {
			raw[i] = byte(0x81 + i)
		}
		p := &parser{blob: new(Blob)}
		r := newReader(raw, 0)
		got := p.channelControls(&r, n, size)
		if len(got) != n {
			t.Fatalf("size %d: %d bitmaps, want %d", size, len(got), n)
		}
		for i := range got {
			if want := le(raw[i*size : (i+1)*size]); got[i] != want {
				t.Errorf("size %d: bitmap %d = %#x, want %#x", size, i, got[i], want)
			}
		}
	}
}
