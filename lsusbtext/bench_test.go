package lsusbtext

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParseTRX40(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(realdataDir, "msi-trx40-usb-audio-0db0_543d", "lsusb.txt"))
	if err != nil {
		b.Skip("shared/realdata not present")
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}
