package usbdesc

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes to Parse, seeded with every fixture. It
// must never panic, and the model must stay consistent with the input.
func FuzzParse(f *testing.F) {
	for _, fx := range loadFixtures(f) {
		f.Add(fx.blob)
	}
	f.Add(uac2HeadsetBlob())
	f.Fuzz(func(t *testing.T, b []byte) {
		blob, err := Parse(b)
		if blob == nil {
			t.Fatal("nil blob")
		}
		checkInvariants(t, b, blob, err)
	})
}

// checkInvariants asserts what must hold for any input.
func checkInvariants(t *testing.T, b []byte, blob *Blob, err error) {
	t.Helper()
	if blob.Size != len(b) {
		t.Fatalf("Size %d, input %d", blob.Size, len(b))
	}
	if err != nil {
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Fatalf("error %T is not a *FormatError", err)
		}
		if fe.Offset < 0 || fe.Offset > len(b) {
			t.Fatalf("error offset %d outside input of %d bytes", fe.Offset, len(b))
		}
	}
	for _, w := range blob.Warnings {
		if w.Offset < 0 || w.Offset > len(b) {
			t.Fatalf("warning offset %d outside input of %d bytes: %s", w.Offset, len(b), w.Msg)
		}
	}
	last := -1
	for _, d := range walkDescriptors(blob) {
		h := d.Head()
		if h.Offset < 0 || h.Offset >= len(b) {
			t.Fatalf("%s at offset %d outside input of %d bytes", h.Kind, h.Offset, len(b))
		}
		if h.Offset <= last {
			t.Fatalf("%s at offset %d overlaps the descriptor at %d", h.Kind, h.Offset, last)
		}
		last = h.Offset
		if h.Kind == kindUnset {
			t.Fatalf("%T at %d has no Kind", d, h.Offset)
		}
		raw := blob.Bytes(h)
		if len(raw) == 0 || len(raw) != int(h.Size) || &raw[0] != &b[h.Offset] {
			t.Fatalf("%s at %d: Bytes does not alias the input (Size %d)", h.Kind, h.Offset, h.Size)
		}
		if h.Length >= 2 && int(h.Length) != len(raw) && h.Offset+int(h.Length) <= len(b) {
			t.Fatalf("%s at %d: bLength %d but Bytes holds %d bytes", h.Kind, h.Offset, h.Length, len(raw))
		}
	}
	for _, u := range blob.Unparsed {
		raw := blob.Bytes(&u.Header)
		if len(raw) == 0 || len(raw) != int(u.Size) || &raw[0] != &b[u.Offset] || len(u.Hex) != 2*len(raw) {
			t.Fatalf("unparsed bytes at %d (%d bytes) do not alias the input", u.Offset, u.Size)
		}
	}
	checkCoverage(t, b, blob, err)
	for _, f := range blob.AudioFunctions() {
		if f.Version < UAC1 || f.Version > UAC3 {
			t.Fatalf("function at interface %d has version %v", f.ControlInterface, f.Version)
		}
		for _, s := range f.Streams {
			for _, a := range s.Alts {
				if a.Endpoint == nil {
					t.Fatalf("stream %d alt %d without endpoint", s.Interface, a.Alternate)
				}
			}
		}
	}
}

// checkCoverage checks that nothing read is lost: the model's descriptors
// and unparsed bytes tile the input from offset 0 without gaps, up to
// its end, or at least up to where an error stopped parsing (a bLength
// of 0 or 1, where the next descriptor cannot be found).
func checkCoverage(t *testing.T, b []byte, blob *Blob, err error) {
	t.Helper()
	heads := make([]*Header, 0, 32)
	for _, d := range walkDescriptors(blob) {
		heads = append(heads, d.Head())
	}
	for _, u := range blob.Unparsed {
		heads = append(heads, &u.Header)
	}
	sort.SliceStable(heads, func(i, j int) bool { return heads[i].Offset < heads[j].Offset })
	end := 0
	for _, h := range heads {
		if h.Offset != end {
			t.Fatalf("%s at offset %d, but the descriptors before it end at %d: bytes %d..%d are in no descriptor",
				h.Kind, h.Offset, end, end, h.Offset-1)
		}
		end += int(h.Size)
	}
	if end == len(b) {
		return
	}
	var fe *FormatError
	if !errors.As(err, &fe) || end < fe.Offset {
		t.Fatalf("the descriptors end at offset %d of %d bytes, before parsing stopped (error %v)", end, len(b), err)
	}
}

// FuzzClassifyProduct feeds arbitrary product strings to the name rule
// (rule 7) on a fixed function: it must never panic, a name that names a
// form factor must leave exactly one evidence line for it, and a valid
// UTF-8 name must leave valid UTF-8 evidence.
func FuzzClassifyProduct(f *testing.F) {
	for _, s := range []string{"Yeti Stereo Microphone", "C-Media USB Headphone Set", "USB Headset Microphone",
		"M-Audio Micro", "", "  ", "Mic\xff", strings.Repeat("é", 50) + " headset"} {
		f.Add(s)
	}
	fn := studioMic(48000)
	fn.Analyze()
	f.Fuzz(func(t *testing.T, product string) {
		c := Classify(fn, ClassifyHints{Product: product})
		named, _ := namedForm(product)
		lines := 0
		for _, e := range c.Evidence {
			if strings.HasPrefix(e.Reason, "the product is named ") {
				lines++
				if e.For != named || e.Points != namePoints {
					t.Fatalf("%q: name evidence %+v, named %q", product, e, named)
				}
			}
			if utf8.ValidString(product) && !utf8.ValidString(e.Reason) {
				t.Fatalf("%q: evidence not UTF-8: %q", product, e.Reason)
			}
		}
		if (named != "") != (lines == 1) || lines > 1 {
			t.Fatalf("%q: named %q, %d name line(s)", product, named, lines)
		}
	})
}
