package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/lsusbtext"
)

func TestConvertLsusbToBinAndBack(t *testing.T) {
	need(t, arctis)
	text, _ := os.ReadFile(arctis)
	devs, err := lsusbtext.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(t, nil, "convert", "--to", "bin", arctis)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !bytes.Equal([]byte(out), devs[0].Descriptors) {
		t.Fatalf("bin output (%d bytes) differs from the rebuilt descriptors (%d bytes)", len(out), len(devs[0].Descriptors))
	}
	// 18-byte device descriptor, then the configuration: 09 02 wTotalLength.
	if len(out) < 20 || out[0] != 0x12 || out[1] != 0x01 || out[18] != 0x09 || out[19] != 0x02 {
		t.Errorf("not a device descriptor followed by a configuration: % x", []byte(out[:20]))
	}
	hexOut, _, code := runCmd(t, []byte(out), "convert", "--to", "hex", "-")
	if code != 0 || !strings.HasPrefix(hexOut, "12 01 10 01 00 00 00 40 38 10 ad 12") {
		t.Errorf("hex: exit %d, %q", code, hexOut[:min(len(hexOut), 40)])
	}
	back, _, code := runCmd(t, []byte(hexOut), "convert", "--to", "bin", "-")
	if code != 0 || back != out {
		t.Errorf("hex did not read back to the same bytes")
	}
	file := filepath.Join(t.TempDir(), "a7.bin")
	if _, _, code := runCmd(t, nil, "convert", "--to", "bin", "-o", file, arctis); code != 0 {
		t.Fatalf("-o: exit %d", code)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, devs[0].Descriptors) {
		t.Errorf("-o file differs")
	}
}

func TestConvertManyDevices(t *testing.T) {
	need(t, arctis, h340Text)
	a, _ := os.ReadFile(arctis)
	h, _ := os.ReadFile(h340Text)
	stdin := append(append(append([]byte{}, a...), '\n'), h...)
	if _, _, code := runCmd(t, stdin, "convert", "--to", "bin", "-"); code != 2 {
		t.Errorf("binary of two devices: exit %d, want 2", code)
	}
	out, _, code := runCmd(t, stdin, "convert", "--to", "bin", "--index", "2", "-")
	if code != 0 || len(out) < 12 || out[8] != 0x6d || out[9] != 0x04 || out[10] != 0x38 || out[11] != 0x0a {
		t.Errorf("--index 2: exit %d, want the H340 (046d:0a38)", code)
	}
	hexOut, _, code := runCmd(t, stdin, "convert", "--to", "hex", "-")
	if code != 0 || strings.Count(hexOut, "\n# ") != 1 || !strings.HasPrefix(hexOut, "# ") {
		t.Errorf("hex of two devices: exit %d\n%s", code, hexOut)
	}
	for _, c := range [][]string{{"convert"}, {"convert", "--to", "pdf", arctis}, {"convert", "--to", "bin", "--index", "3", "-"}} {
		if _, _, code := runCmd(t, stdin, c...); code != 2 {
			t.Errorf("%v: exit %d, want 2", c, code)
		}
	}
}
