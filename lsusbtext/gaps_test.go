package lsusbtext

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func fixtureText(t *testing.T, name string) ([]byte, []byte) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(fixtureDir, name+".lsusb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(filepath.Join(fixtureDir, name+".bin"))
	if err != nil {
		t.Fatal(err)
	}
	return text, bin
}

func TestManyDevices(t *testing.T) {
	a, abin := fixtureText(t, "synthetic-uac2")
	b, bbin := fixtureText(t, "qemu-usb-kbd")
	// The second device without its "Bus" line: "Device Descriptor:" alone starts it.
	_, bNoBus, _ := bytes.Cut(b, []byte("\n"))
	text := bytes.Join([][]byte{a, b, bNoBus}, []byte("\n"))
	devs, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(devs) != 3 {
		t.Fatalf("got %d devices, want 3", len(devs))
	}
	for i, want := range [][]byte{abin, bbin, bbin} {
		if !bytes.Equal(devs[i].Descriptors, want) {
			t.Errorf("device %d: bytes differ", i)
		}
	}
	if !devs[1].HasHeader || devs[2].HasHeader || devs[1].VendorID != 0x0627 || devs[2].VendorID != 0x0627 {
		t.Errorf("headers: %v %04x, %v %04x", devs[1].HasHeader, devs[1].VendorID, devs[2].HasHeader, devs[2].VendorID)
	}
	if devs[1].Line <= devs[0].Line || devs[2].Line <= devs[1].Line {
		t.Errorf("device lines %d %d %d", devs[0].Line, devs[1].Line, devs[2].Line)
	}
}

func TestCouldNotOpen(t *testing.T) {
	text, bin := fixtureText(t, "qemu-usb-mouse")
	s := strings.Replace(string(text), "Device Descriptor:", "Couldn't open device, some information will be missing\nDevice Descriptor:", 1)
	devs, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if !bytes.Equal(d.Descriptors, bin) {
		t.Error("bytes differ")
	}
	if len(d.Gaps) != 1 || d.Gaps[0].Kind != GapDeviceNotOpened || d.Gaps[0].Line != 2 {
		t.Errorf("gaps %v", d.Gaps)
	}
	if d.Missing() {
		t.Error("an unopened device still has all its descriptors")
	}
}

// TestCutMidDescriptor: a paste that stops inside a descriptor keeps what came
// before, pads the cut descriptor and names the missing bytes.
func TestCutMidDescriptor(t *testing.T) {
	text, bin := fixtureText(t, "synthetic-uac2")
	lines := strings.Split(string(text), "\n")
	cut := -1
	for i, l := range lines {
		if strings.Contains(l, "FEATURE_UNIT") {
			cut = i + 4 // keeps bUnitID, bSourceID and bmaControls(0)
			break
		}
	}
	devs, err := Parse([]byte(strings.Join(lines[:cut], "\n")))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if !d.Missing() || !hasGap(d, GapTruncated) || !hasGap(d, GapPadded) || !hasGap(d, GapInterfaceCutOff) {
		t.Errorf("gaps %v", d.Gaps)
	}
	// Everything up to the feature unit's first control is exact.
	fu := bytes.Index(bin, []byte{0x12, 0x24, 0x06, 3, 1})
	if fu < 0 || len(d.Descriptors) <= fu+9 || !bytes.Equal(d.Descriptors[:fu+9], bin[:fu+9]) {
		t.Errorf("prefix differs")
	}
	for _, g := range d.Gaps {
		if g.Line == 0 {
			t.Errorf("gap without line: %v", g)
		}
	}
}

func TestNoDevice(t *testing.T) {
	for _, text := range []string{"", "hello\nworld\n", "12 01 00 02", "\x00\xff\xfe"} {
		if _, err := Parse([]byte(text)); !errors.Is(err, ErrNoDevice) {
			t.Errorf("%q: err %v, want ErrNoDevice", text, err)
		}
		if Detect([]byte(text)) {
			t.Errorf("%q detected as lsusb text", text)
		}
	}
}

func TestDetect(t *testing.T) {
	text, _ := fixtureText(t, "logitech-c270-webcam")
	if !Detect(text) {
		t.Error("lsusb text not detected")
	}
	bin, _ := os.ReadFile(filepath.Join(fixtureDir, "logitech-c270-webcam.bin"))
	if Detect(bin) {
		t.Error("binary blob detected as text")
	}
}

func TestBadValues(t *testing.T) {
	text := "Device Descriptor:\n bLength 18\n bDescriptorType 1\n bcdUSB 2.x0\n bDeviceClass 300\n bDeviceSubClass zz\n"
	devs, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if len(d.Descriptors) != 18 {
		t.Fatalf("%d bytes, want the device descriptor padded to 18", len(d.Descriptors))
	}
	var bad []int
	for _, g := range d.Gaps {
		if g.Kind == GapBadField {
			bad = append(bad, g.Line)
		}
	}
	if len(bad) != 3 || bad[0] != 4 || bad[1] != 5 || bad[2] != 6 {
		t.Errorf("bad-field lines %v, gaps %v", bad, d.Gaps)
	}
}

func TestPasteWithoutDeviceDescriptor(t *testing.T) {
	text, bin := fixtureText(t, "qemu-usb-kbd")
	_, rest, _ := strings.Cut(string(text), "  Configuration Descriptor:")
	list := "Bus 001 Device 001: ID 1d6b:0002 Linux Foundation 2.0 root hub\n"
	devs, err := Parse([]byte(list + "Configuration Descriptor:" + rest))
	if err != nil {
		t.Fatal(err)
	}
	// The configuration belongs to the device of the "Bus" line above it.
	if len(devs) != 1 || devs[0].HeaderOnly() || !bytes.Equal(devs[0].Descriptors, bin[18:]) || devs[0].VendorID != 0x1d6b {
		t.Fatalf("%d devices", len(devs))
	}
	listed, err := Parse([]byte(list + list))
	if err != nil || len(listed) != 2 || !listed[0].HeaderOnly() || !listed[1].HeaderOnly() {
		t.Fatalf("plain lsusb list: %v, %d devices", err, len(listed))
	}
	devs, err = Parse([]byte("Configuration Descriptor:" + rest))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if !bytes.Equal(d.Descriptors, bin[18:]) || !hasGap(d, GapNoDeviceDescriptor) || !d.Missing() {
		t.Errorf("%d bytes, gaps %v", len(d.Descriptors), d.Gaps)
	}
}

func TestProseFieldsIgnored(t *testing.T) {
	text, bin := fixtureText(t, "qemu-usb-kbd")
	s := strings.Replace(string(text), "      Endpoint Descriptor:", "Regards, on Monday someone wrote:\niPhone 12 works fine\n      Endpoint Descriptor:", 1)
	devs, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(devs[0].Descriptors, bin) {
		t.Error("prose changed the bytes")
	}
}

func TestMissingNumConfigurations(t *testing.T) {
	text, bin := fixtureText(t, "qemu-usb-audio")
	s := regexp.MustCompile(`(?m)^ *bNumConfigurations.*\n`).ReplaceAllString(string(text), "")
	devs, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	if !bytes.Equal(d.Descriptors, bin) || !hasGap(d, GapInferred) || hasGap(d, GapPadded) || d.Missing() {
		t.Errorf("bytes equal %v, gaps %v", bytes.Equal(d.Descriptors, bin), d.Gaps)
	}
}
