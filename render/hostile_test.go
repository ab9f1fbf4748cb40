package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

// Device strings (the header and every string the verbose dump shows)
// reach a terminal only escaped: no control byte, escape
// sequence, carriage return, bidirectional override or line of the
// device's making appears in the text report or the descriptor dump.
func TestTextAndDumpEscapeDeviceStrings(t *testing.T) {
	blob, err := os.ReadFile(filepath.Join("..", "fixtures", "qemu", "qemu-usb-audio", "descriptors.bin"))
	if err != nil {
		t.Fatal(err)
	}
	evil := "Evil\nFAKE LINE\r\x1b[2J\u202etxt.exe\x85\xff"
	table := map[uint8]string{1: evil, 2: evil, 3: evil, 4: evil, 5: evil}
	d, err := model.FromDescriptors(blob, model.Strings{Manufacturer: evil, Product: evil, Serial: evil, Table: table}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Text(&buf, d, Options{Verbose: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\r", "\x1b", "\u202e", "\u0085", "\xff"} {
		if strings.Contains(out, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "FAKE LINE") {
			t.Errorf("a device string started a line: %q", line)
		}
	}
	if !strings.Contains(out, `Evil\nFAKE LINE\r\x1b[2J\u202etxt.exe`) {
		t.Errorf("the escaped product string is missing:\n%s", out[:min(len(out), 400)])
	}
}
