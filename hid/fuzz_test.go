package hid

import (
	"os"
	"path/filepath"
	"testing"
)

// seedDescriptors adds every real descriptor this repository can see.
func seedDescriptors(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, name := range realHeadsets {
		if b, err := os.ReadFile(filepath.Join(realdataDir(), name, "report_descriptor.bin")); err == nil {
			seeds = append(seeds, b)
		}
	}
	for _, dev := range []string{"qemu-usb-kbd", "qemu-usb-mouse", "qemu-usb-tablet", "razer-kraken-kitty-v2"} {
		if b, err := os.ReadFile(filepath.Join("..", "fixtures", "hid", dev, "report_descriptor.bin")); err == nil {
			seeds = append(seeds, b)
		}
	}
	seeds = append(seeds, consumerArrayDescriptor, onOffDescriptor)
	return seeds
}

// checkInvariants asserts what must hold for any input.
func checkInvariants(t *testing.T, in []byte, d *Descriptor) {
	prev := -1
	for i := range d.Items {
		it := &d.Items[i]
		if it.Offset <= prev || it.Offset+it.Len() > len(in) || it.Depth < 0 {
			t.Fatalf("item %d out of order or bounds: %+v", i, it)
		}
		prev = it.Offset
		_ = it.String()
	}
	for _, r := range d.Reports {
		if r.Bits > maxReportBits {
			t.Fatalf("report of %d bits", r.Bits)
		}
		for _, fi := range r.Fields {
			f := &d.Fields[fi]
			if f.BitOffset+f.Count*f.BitSize > r.Bits || f.Count > maxReportCount || f.BitSize > maxReportSize {
				t.Fatalf("field outside its report: %+v in %d bits", f, r.Bits)
			}
		}
	}
	for _, c := range d.Controls() {
		_ = c.String()
	}
	_ = d.Summary()
}

func FuzzParse(f *testing.F) {
	for _, s := range seedDescriptors(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _ := Parse(b)
		checkInvariants(t, b, d)
	})
}

// FuzzDecode feeds arbitrary reports to the decoder of arbitrary descriptors.
func FuzzDecode(f *testing.F) {
	for _, s := range seedDescriptors(f) {
		f.Add(s, []byte{0x01, 0x01, 0x00, 0x00, 0x00})
		f.Add(s, []byte{0x02, 0x05, 0x00})
	}
	f.Fuzz(func(t *testing.T, desc, report []byte) {
		d, _ := Parse(desc)
		dec := NewDecoder(d)
		_ = dec.Decode(report, func(e Event) {
			if e.Control == "" {
				t.Fatal("event without a control name")
			}
		})
		_ = dec.Decode(report[:len(report)/2], func(Event) {})
		for _, k := range []ReportKind{KindInput, KindOutput, KindFeature} {
			_, _ = d.DecodeReport(k, report)
		}
	})
}
