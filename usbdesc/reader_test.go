package usbdesc

import (
	"bytes"
	"testing"
)

// TestLayoutMatchesFieldReads checks that taking a fixed part whole
// (wire.fixed, reader.fixed) gives what reading its fields one by one
// gives: the same bytes when they fit and, cut at every length, the same
// failure (field name, offset, bytes wanted and left).
func TestLayoutMatchesFieldReads(t *testing.T) {
	layouts := map[string]*layout{
		"interface": interfaceLayout, "endpoint": endpointLayout, "association": associationLayout,
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
				short := body(h)
				short.walk(l)
				if g, w := short.failure(), want.failure(); g == nil || *g != *w {
					t.Errorf("%s cut to %d: walk failure %v, want %v", name, n, g, w)
				}
				continue
			}
			if !bytes.Equal(b, full[2:]) || !bytes.Equal(wb, full[2:]) || got.failed() || got.pos != want.pos {
				t.Errorf("%s: fixed returned %x, %x (pos %d), want %x (pos %d)", name, b, wb, got.pos, full[2:], want.pos)
			}
		}
	}
}
