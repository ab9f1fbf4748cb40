package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmulatedDeviceFromLsusbText(t *testing.T) {
	text := filepath.Join("..", "..", "..", "shared", "realdata", "logitech-h340", "lsusb.txt")
	if _, err := os.Stat(text); err != nil {
		t.Skip("../shared/realdata not present")
	}
	rd := filepath.Join(t.TempDir(), "rd.hex")
	// A real consumer-control report descriptor (Logitech G535, realdata) as hex text.
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "realdata", "logitech-g535", "report_descriptor.hex"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rd, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	dev, err := emulatedDevice(text, []string{"3=" + rd}, "-60:6", "48000,44100")
	if err != nil {
		t.Fatal(err)
	}
	// H340: 18-byte device descriptor + wTotalLength 0x00eb configuration.
	if len(dev.Descriptors) != 18+0xeb {
		t.Errorf("descriptors: %d bytes, want %d", len(dev.Descriptors), 18+0xeb)
	}
	if dev.Strings[2] != "Logitech USB Headset H340" {
		t.Errorf("string 2 = %q", dev.Strings[2])
	}
	if n := len(dev.HIDReports[3]); n != 59 || !dev.PatchHIDLength {
		t.Errorf("report descriptor on interface 3: %d bytes (want 59), patch %v", n, dev.PatchHIDLength)
	}
	if dev.Audio.VolumeMin != -60*256 || dev.Audio.VolumeMax != 6*256 || dev.Audio.VolumeRes != 256 {
		t.Errorf("volume model %+v", dev.Audio)
	}
	if len(dev.Audio.SampleRates) != 2 || dev.Audio.SampleRates[0] != 48000 {
		t.Errorf("rates %v", dev.Audio.SampleRates)
	}
}

func TestEmulateFlagErrors(t *testing.T) {
	blob := filepath.Join("..", "..", "fixtures", "qemu", "qemu-usb-audio", "descriptors.bin")
	for _, args := range [][]string{
		{"emulate"},
		{"emulate", blob, "--volume-db", "0:-10"},
		{"emulate", blob, "--volume-db", "x"},
		{"emulate", blob, "--rates", "fast"},
		{"emulate", blob, "--report", "three=x"},
		{"emulate", blob, "--speed", "warp"},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitUsage {
			t.Errorf("%v: exit %d (%s), want %d", args, code, errb.String(), exitUsage)
		}
	}
}

// The command loop without a kernel: plug/unplug and send are fakes that
// record what the loop asked for.
func TestEmulateLoop(t *testing.T) {
	var log []string
	plugs := 0
	plug := func() (func() error, <-chan error, error) {
		plugs++
		log = append(log, "plug")
		served := make(chan error, 1)
		return func() error { log = append(log, "unplug"); served <- nil; return nil }, served, nil
	}
	send := func(iface int, report []byte) error {
		if iface != 3 {
			return errors.New("no interrupt IN endpoint")
		}
		log = append(log, "send")
		return nil
	}
	in := strings.NewReader("send 3 0102\nsend 3 zz\nsend 1 00\ndetach\nattach\nbogus\nquit\n")
	var out bytes.Buffer
	if err := emulateLoop(in, &out, make(chan os.Signal), plug, send); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(log, ","); got != "plug,send,unplug,plug,unplug" {
		t.Errorf("actions %s", got)
	}
	for _, want := range []string{"sent 0102 on interface 3", `bad line "send 3 zz"`, "send: no interrupt IN endpoint",
		"detached (detach: ok, connection: ok)", `bad line "bogus"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
