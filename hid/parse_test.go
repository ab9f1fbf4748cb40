package hid

import (
	"errors"
	"strings"
	"testing"
)

func TestItemStrings(t *testing.T) {
	d := mustParse(t, []byte{
		0x05, 0x0c, // 0 Usage Page (Consumer)
		0x09, 0xe9, // 2 Usage (Volume Increment)
		0xa1, 0x01, // 4 Collection (Application)
		0x15, 0x81, // 6 Logical Minimum (-127)
		0x26, 0xff, 0x00, // 8 Logical Maximum (255)
		0x55, 0x0e, // 11 Unit Exponent (-2)
		0x65, 0x11, // 13 Unit (SI Linear cm)
		0x75, 0x08, // 15 Report Size (8)
		0x95, 0x02, // 17 Report Count (2)
		0x0b, 0x21, 0x00, 0x0b, 0x00, // 19 Usage (Telephony.Flash), extended
		0x81, 0x62, // 24 Input (Data,Var,Abs,NoPref,Null)
		0xb1, 0x83, // 26 Feature (Const,Var,Abs,Vol)
		0xfe, 0x02, 0x10, 0xaa, 0xbb, // 28 long item
		0xc0, // 33 End Collection
	})
	want := []struct {
		off   int
		depth int
		text  string
	}{
		{0, 0, "Usage Page (Consumer)"},
		{2, 0, "Usage (Volume Increment)"},
		{4, 0, "Collection (Application)"},
		{6, 1, "Logical Minimum (-127)"},
		{8, 1, "Logical Maximum (255)"},
		{11, 1, "Unit Exponent (-2)"},
		{13, 1, "Unit (SI Linear cm)"},
		{15, 1, "Report Size (8)"},
		{17, 1, "Report Count (2)"},
		{19, 1, "Usage (Telephony.Flash)"},
		{24, 1, "Input (Data,Var,Abs,NoPref,Null)"},
		{26, 1, "Feature (Const,Var,Abs,Vol)"},
		{28, 1, "Long Item (tag 0x10, 2 bytes)"},
		{33, 0, "End Collection"},
	}
	if len(d.Items) != len(want) {
		t.Fatalf("%d items, want %d", len(d.Items), len(want))
	}
	for i, w := range want {
		it := &d.Items[i]
		if it.Offset != w.off || it.Depth != w.depth || it.String() != w.text {
			t.Errorf("item %d: offset %d depth %d %q; want %d %d %q", i, it.Offset, it.Depth, it.String(), w.off, w.depth, w.text)
		}
	}
	if got := d.Items[4].HexBytes(); got != "26 ff 00" {
		t.Errorf("hex bytes %q", got)
	}
	f := d.Fields[0]
	if f.LogicalMin != -127 || f.LogicalMax != 255 || f.UnitExponent != -2 || f.Unit != 0x11 ||
		f.PhysicalMin != -127 || f.PhysicalMax != 255 {
		t.Errorf("field %+v", f)
	}
	// Volume Increment went to the Collection; the extended usage keeps its
	// own page and repeats for the second element.
	if u0, _ := f.UsageAt(0); u0 != NewUsage(PageTelephony, 0x21) || f.UsageCount() != 1 {
		t.Errorf("usage 0 = %v of %d", u0, f.UsageCount())
	}
	if u1, _ := f.ElementUsage(1); u1 != NewUsage(PageTelephony, 0x21) {
		t.Errorf("element 1 usage = %v", u1)
	}
	if c := d.Collections[0]; c.Usage != NewUsage(PageConsumer, 0xE9) || c.Type != CollectionApplication {
		t.Errorf("collection %+v", c)
	}
}

// warningsContain checks that a warning with the offset and text exists.
func warningsContain(t *testing.T, d *Descriptor, off int, text string) {
	t.Helper()
	for _, w := range d.Warnings {
		if w.Off == off && strings.Contains(w.Msg, text) {
			return
		}
	}
	t.Errorf("no warning %q at offset %d; warnings: %v", text, off, d.Warnings)
}

func TestBadInput(t *testing.T) {
	t.Run("truncated item", func(t *testing.T) {
		d, err := Parse([]byte{0x05, 0x0c, 0x09, 0x01, 0x26, 0xff})
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Off != 4 {
			t.Fatalf("error %v, want a FormatError at 4", err)
		}
		if len(d.Items) != 2 || d.Items[1].String() != "Usage (Consumer Control)" {
			t.Errorf("items before the error not kept: %v", d.Items)
		}
	})
	t.Run("truncated long item", func(t *testing.T) {
		d, err := Parse([]byte{0x05, 0x01, 0xfe, 0xff, 0x00, 0x01})
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Off != 2 || len(d.Items) != 1 {
			t.Fatalf("error %v items %d", err, len(d.Items))
		}
	})
	t.Run("empty", func(t *testing.T) {
		if _, err := Parse(nil); err == nil {
			t.Error("empty descriptor parsed without error")
		}
	})
	t.Run("pop without push, unbalanced collections", func(t *testing.T) {
		d, err := Parse([]byte{0xb4, 0xc0, 0x05, 0x01, 0xa1, 0x01, 0xa1, 0x00})
		if err != nil {
			t.Fatal(err)
		}
		warningsContain(t, d, 0, "Pop without Push")
		warningsContain(t, d, 1, "End Collection without Collection")
		warningsContain(t, d, 8, "2 collection(s) not closed")
		if len(d.Collections) != 2 || d.Collections[1].Parent != 0 {
			t.Errorf("collections %+v", d.Collections)
		}
	})
	t.Run("push pop restores globals", func(t *testing.T) {
		d := mustParse(t, []byte{0x05, 0x0c, 0x75, 0x08, 0x95, 0x01, 0xa4, 0x75, 0x01, 0x95, 0x03,
			0x09, 0xe9, 0x81, 0x02, 0xb4, 0x09, 0xea, 0x81, 0x02})
		if len(d.Fields) != 2 || d.Fields[0].BitSize != 1 || d.Fields[0].Count != 3 ||
			d.Fields[1].BitSize != 8 || d.Fields[1].Count != 1 || d.Fields[1].BitOffset != 3 {
			t.Errorf("fields %+v", d.Fields)
		}
	})
	t.Run("reversed and enormous usage ranges", func(t *testing.T) {
		d, _ := Parse([]byte{0x05, 0x09, 0x19, 0x08, 0x29, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02,
			0x05, 0x0c, 0x19, 0x00, 0x2a, 0xff, 0xff, 0x75, 0x10, 0x95, 0x01, 0x81, 0x00})
		warningsContain(t, d, 4, "swapped")
		warningsContain(t, d, 16, "unusually large")
		if u, _ := d.Fields[0].UsageAt(0); u != NewUsage(PageButton, 1) {
			t.Errorf("swapped range starts at %v", u)
		}
		if n := d.Fields[1].UsageCount(); n != 0x10000 || len(d.Fields[1].Usages) != 1 {
			t.Errorf("range kept as %d usages in %d ranges", n, len(d.Fields[1].Usages))
		}
	})
	t.Run("huge report count and size", func(t *testing.T) {
		// Report Count 0xffffffff and Report Size 0xffff: clamped, no huge allocation.
		d, _ := Parse([]byte{0x05, 0x0c, 0x09, 0xe9, 0x97, 0xff, 0xff, 0xff, 0xff, 0x76, 0xff, 0xff, 0x81, 0x02,
			0x95, 0x00, 0x75, 0x08, 0x81, 0x02, 0x75, 0x28, 0x95, 0x01, 0x09, 0xe9, 0x81, 0x02})
		warningsContain(t, d, 4, "report count above 4096")
		warningsContain(t, d, 9, "report size above 256")
		warningsContain(t, d, 18, "count 0 adds nothing")
		warningsContain(t, d, 12, "report longer than 16384 bytes")
		warningsContain(t, d, 26, "wider than 32 bits")
		if len(d.Fields) != 1 || d.Fields[0].BitOffset != 0 || d.Fields[0].BitSize != 40 {
			t.Errorf("fields %+v", d.Fields)
		}
		// A clamped count that still fits is kept at the clamp.
		d, _ = Parse([]byte{0x09, 0x01, 0x97, 0xff, 0xff, 0xff, 0xff, 0x75, 0x01, 0x81, 0x02})
		if len(d.Fields) != 1 || d.Fields[0].Count != maxReportCount {
			t.Errorf("clamped fields %+v", d.Fields)
		}
	})
	t.Run("report id zero and reserved items", func(t *testing.T) {
		d, _ := Parse([]byte{0x85, 0x00, 0x0c, 0xf0, 0x00})
		warningsContain(t, d, 0, "report ID must be 1..255")
		warningsContain(t, d, 2, "reserved item type")
		warningsContain(t, d, 3, "reserved main item tag")
	})
	t.Run("delimiters keep the first usage", func(t *testing.T) {
		d := mustParse(t, []byte{0x05, 0x0c, 0xa9, 0x01, 0x09, 0xe9, 0xa9, 0x00, 0xa9, 0x01, 0x09, 0xea, 0xa9, 0x00,
			0x75, 0x01, 0x95, 0x01, 0x81, 0x02, 0xa9, 0x00})
		warningsContain(t, d, 20, "Delimiter Close without Open")
		if len(d.Fields) != 1 || d.Fields[0].UsageCount() != 1 {
			t.Fatalf("fields %+v", d.Fields)
		}
		if u, _ := d.Fields[0].UsageAt(0); u.ID() != ConsumerVolumeIncrement {
			t.Errorf("delimited usage %v", u)
		}
	})
	t.Run("report too long for decoding", func(t *testing.T) {
		d := mustParse(t, consumerArrayDescriptor)
		rv, err := d.DecodeReport(KindInput, []byte{0xe2, 0x00, 0xe9})
		if err == nil || len(rv.Fields[0].Values) != 1 {
			t.Errorf("short report: %v, values %+v", err, rv)
		}
		if _, err := d.DecodeReport(KindFeature, []byte{0}); err == nil {
			t.Error("missing feature report decoded without error")
		}
	})
}

func TestExtractBits(t *testing.T) {
	b := []byte{0xb4, 0x5a, 0xff, 0x01}
	for _, c := range []struct {
		off, size int
		want      uint32
	}{
		{0, 1, 0}, {2, 1, 1}, {0, 8, 0xb4}, {4, 8, 0xab}, {8, 16, 0xff5a}, {3, 20, 0xfeb56},
		{0, 32, 0x01ff5ab4}, {28, 8, 0}, {30, 40, 0}, {25, 3, 0},
	} {
		if got := extractBits(b, c.off, c.size); got != c.want {
			t.Errorf("extractBits(%d, %d) = %#x, want %#x", c.off, c.size, got, c.want)
		}
	}
	if signExtend(0x3, 2) != -1 || signExtend(0x81, 8) != -127 || signExtend(0x7f, 8) != 127 {
		t.Error("signExtend")
	}
}

func TestUsageNames(t *testing.T) {
	for _, c := range []struct {
		u    Usage
		want string
	}{
		{NewUsage(PageConsumer, 0xE9), "Consumer.Volume Increment"},
		{NewUsage(PageTelephony, 0x20), "Telephony.Hook Switch"},
		{NewUsage(PageTelephony, 0xB3), "Telephony.Phone Key 3"},
		{NewUsage(PageLED, 0x17), "LED.Off-Hook"},
		{NewUsage(PageButton, 12), "Button.Button 12"},
		{NewUsage(PageKeyboard, 0x04), "Keyboard/Keypad.a and A"},
		{NewUsage(PageKeyboard, 0x45), "Keyboard/Keypad.F12"},
		{NewUsage(PageGenericDesktop, 0x38), "Generic Desktop.Wheel"},
		{NewUsage(PageMicrosoftTeams, 0x20), "Vendor page 0xff99 usage 0x20"},
		{NewUsage(0xFF00, 0x01), "Vendor page 0xff00 usage 0x01"},
		{NewUsage(0x0042, 0x07), "Page 0x0042.0x07"},
	} {
		if got := c.u.String(); got != c.want {
			t.Errorf("%#x: %q, want %q", uint32(c.u), got, c.want)
		}
	}
}

// A descriptor that claims 900 fields of 4096 bits in one report stops
// adding fields at the 16384-byte report limit instead of growing without
// bound.
func TestReportLengthCap(t *testing.T) {
	var b []byte
	for range 700 {
		b = append(b, 0x09, 0x01)
	}
	b = append(b, 0x97, 0xff, 0xff, 0xff, 0xff, 0x75, 0x01)
	for range 900 {
		b = append(b, 0x81, 0x02)
	}
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Fields) != maxReportBits/maxReportCount || d.Reports[0].Bits != maxReportBits {
		t.Errorf("%d fields, %d bits", len(d.Fields), d.Reports[0].Bits)
	}
	// Warnings: the count clamp at 1400, 31 fields without usages (the
	// usages went to the first field), then the first dropped field at 1471.
	if len(d.Warnings) != maxWarnings+1 || d.Warnings[0].Off != 1400 || d.Warnings[32].Off != 1471 ||
		!strings.Contains(d.Warnings[32].Msg, "report longer than 16384 bytes") {
		t.Fatalf("%d warnings; first %v; 33rd %v", len(d.Warnings), d.Warnings[0], d.Warnings[min(32, len(d.Warnings)-1)])
	}
	if last := d.Warnings[maxWarnings]; last.Msg != "836 further warnings not listed" {
		t.Errorf("last warning %v", last)
	}
}

// Deep nesting: paths are cut to the innermost collections and vendor
// collections are found in one walk per field, so a descriptor of nested
// collections costs time linear in fields × depth, not cubic.
func TestDeepNesting(t *testing.T) {
	var b []byte
	for range 1500 {
		b = append(b, 0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x05, 0x0c, 0x09, 0x01, 0xa1, 0x02)
	}
	b = append(b, 0x05, 0x0c, 0x09, 0xe9, 0x75, 0x01, 0x95, 0x01, 0x85, 0x07, 0x81, 0x02)
	d, _ := Parse(b)
	if len(d.Collections) != 3000 || len(d.Fields) != 1 {
		t.Fatalf("%d collections, %d fields", len(d.Collections), len(d.Fields))
	}
	warningsContain(t, d, len(b), "3000 collection(s) not closed")
	path, cut := d.CollectionPath(d.Fields[0].Collection)
	if len(path) != maxCollectionPath || !cut || path[len(path)-1] != 2999 {
		t.Errorf("path %v cut %v", path, cut)
	}
	if s := d.CollectionPathString(d.Fields[0].Collection); !strings.HasPrefix(s, "... / ") {
		t.Errorf("path string %.40q", s)
	}
	vc := d.VendorCollections()
	if len(vc) != 1500 || len(vc[0].ReportIDs) != 1 || vc[0].ReportIDs[0] != 7 || vc[1499].ReportIDs[0] != 7 {
		t.Errorf("%d vendor collections", len(vc))
	}
	if cs := d.Controls(); len(cs) != 1 || cs[0].Name != ControlVolumeUp {
		t.Errorf("controls %v", cs)
	}
}
