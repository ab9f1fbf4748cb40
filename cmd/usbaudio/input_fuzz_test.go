package main

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseInput: format detection and the hex reader take any bytes
// without panicking, and hex they accept reads back from formatHex.
func FuzzParseInput(f *testing.F) {
	for _, p := range []string{"qemu-usb-audio.xxd", "qemu-usb-audio.hexdump", "qemu-usb-audio.c"} {
		if b, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("12 01 00 02\n"))
	f.Add([]byte("Bus 001 Device 002: ID 046d:0a38 x\nDevice Descriptor:\n  bLength 18\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		devs, err := parseInput("fuzz", data)
		if err != nil {
			return
		}
		for _, d := range devs {
			if d.format != inputHex {
				continue
			}
			var buf writeBuffer
			if err := formatHex(&buf, d.descriptors); err != nil {
				t.Fatal(err)
			}
			back, err := parseHexText(buf.b)
			if err != nil || string(back) != string(d.descriptors) {
				t.Fatalf("formatHex output does not read back: %v", err)
			}
		}
	})
}

type writeBuffer struct{ b []byte }

func (w *writeBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
