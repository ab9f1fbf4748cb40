package lsusbtext

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// damage simulates what mail clients, web forms and quoting do to a paste.
var damage = map[string]func(string) string{
	"collapsed spaces": func(s string) string { return regexp.MustCompile(` +`).ReplaceAllString(s, " ") },
	"no indentation": func(s string) string {
		return regexp.MustCompile(`(?m)^ +`).ReplaceAllString(s, "")
	},
	"nbsp": func(s string) string {
		return regexp.MustCompile(`  `).ReplaceAllString(s, " \u00a0")
	},
	"latin1 nbsp": func(s string) string { return strings.ReplaceAll(s, "  ", " \xa0") },
	"crlf":        func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
	"quoted":      func(s string) string { return regexp.MustCompile(`(?m)^`).ReplaceAllString(s, "> ") },
	"double quoted collapsed": func(s string) string {
		s = regexp.MustCompile(` +`).ReplaceAllString(s, " ")
		return regexp.MustCompile(`(?m)^`).ReplaceAllString(s, ">> ")
	},
	"tabs": func(s string) string { return regexp.MustCompile(`(?m)^(  )+`).ReplaceAllString(s, "\t\t") },
	"prose around": func(s string) string {
		return "Hi all,\n\nhere is the output you asked for:\n\n" + s + "\nThanks,\nA User\n"
	},
}

func TestMailerDamage(t *testing.T) {
	bins, _ := filepath.Glob(filepath.Join(fixtureDir, "*.bin"))
	for _, bin := range bins {
		name := strings.TrimSuffix(filepath.Base(bin), ".bin")
		want, _ := os.ReadFile(bin)
		text, err := os.ReadFile(filepath.Join(fixtureDir, name+".lsusb.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for how, f := range damage {
			devs, err := Parse([]byte(f(string(text))))
			if err != nil {
				t.Errorf("%s, %s: %v", name, how, err)
				continue
			}
			if len(devs) != 1 || !bytes.Equal(devs[0].Descriptors, want) {
				t.Errorf("%s, %s: %d devices, bytes differ", name, how, len(devs))
			}
		}
	}
}

func TestWrappedLines(t *testing.T) {
	text := `Device Descriptor:
 bLength 18
 bDescriptorType 1
 bcdUSB 2.00
 bDeviceClass 0
 bDeviceSubClass 0
 bDeviceProtocol 0
 bMaxPacketSize0 64
 idVendor 0x1234
 idProduct 0x5678
 bcdDevice 1.00
 iManufacturer 0
 iProduct 0
 iSerial 0
 bNumConfigurations 1
 Configuration Descriptor:
 bLength 9
 bDescriptorType 2
 wTotalLength 0x0020
 bNumInterfaces 1
 bConfigurationValue 1
 iConfiguration 0
 bmAttributes 0x80
 MaxPower 100mA
 Interface Descriptor:
 bLength 9
 bDescriptorType 4
 bInterfaceNumber 0
 bAlternateSetting 0
 bNumEndpoints 0
 bInterfaceClass 14 Video
 bInterfaceSubClass 2
 bInterfaceProtocol 0
 iInterface 0
 ** UNRECOGNIZED: 0e 24 99 01 02 03 04
 05 06 07 08
 09 0a 0b
`
	devs, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := devs[0]
	want := []byte{0x0e, 0x24, 0x99, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xa, 0xb}
	if got := d.Descriptors[len(d.Descriptors)-14:]; !bytes.Equal(got, want) {
		t.Errorf("wrapped unrecognised descriptor: % x", got)
	}
	if len(d.Descriptors) != 18+0x20 || d.Missing() {
		t.Errorf("%d bytes, gaps %v", len(d.Descriptors), d.Gaps)
	}
	if d.Descriptors[18+8] != 50 {
		t.Errorf("MaxPower 100mA gave %d units, want 50", d.Descriptors[18+8])
	}
}
