package lsusbtext

import (
	"regexp"
	"strings"
)

// Microsoft's USB Device Viewer (usbview, shipped with the Windows SDK) prints
// each descriptor under a "===>Title<===" line with one "name: 0xVALUE" field
// per line, the hex width giving the field size:
//
//	          ===>Endpoint Descriptor<===
//	bLength:                           0x07
//	wMaxPacketSize:                  0x0200 = 1 transactions per microframe, 0x200 max bytes
//
// and descriptors it cannot decode as "===>Descriptor Hex Dump<===" followed by
// their bytes. The lines are rewritten into lsusb's layout and read by the
// lsusb importer, so bLength and wTotalLength are checked the same way.

var (
	usbviewTitle = regexp.MustCompile(`^-*===>(.*)<===-*$`)
	usbviewField = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*(?:\[\d+\])?):\s+(\S+)(.*)$`)
	// A string descriptor shown under its index: `English (United States)  "Acme Co."`.
	usbviewString = regexp.MustCompile(`^[A-Z][^":]*\s"(.*)"$`)
)

func isUsbViewText(lines []textLine) bool {
	for _, l := range lines {
		if m := usbviewTitle.FindStringSubmatch(l.text); m != nil && (m[1] == "Device Descriptor" || m[1] == "Configuration Descriptor") {
			return true
		}
	}
	return false
}

// usbviewSkipped titles hold descriptors that are not part of the device's
// `descriptors` layout (the open pipes repeat endpoints of the configuration).
func usbviewSkipped(title string) bool {
	for _, s := range []string{"Open Pipes", "Other Speed", "Device Qualifier", "BOS", "String Descriptor"} {
		if strings.Contains(title, s) {
			return true
		}
	}
	return false
}

// usbviewToLsusb rewrites usbview lines into the lsusb layout, keeping line numbers.
func usbviewToLsusb(lines []textLine) []textLine {
	out := make([]textLine, 0, len(lines))
	skipping, hexDump, hexStarted := false, false, false
	emit := func(num int, s string) { out = append(out, textLine{num: num, text: s}) }
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := usbviewTitle.FindStringSubmatch(l.text); m != nil {
			title := strings.TrimSpace(m[1])
			hexDump, hexStarted = false, false
			switch {
			case title == "Device Descriptor":
				skipping = false
				emit(l.num, "Device Descriptor:")
			case title == "Full Configuration Descriptor" || title == "Device Information":
				skipping = false
			case usbviewSkipped(title):
				skipping = true
			case title == "Descriptor Hex Dump":
				hexDump = !skipping
			case !skipping:
				emit(l.num, title+":")
			}
			continue
		}
		if skipping {
			continue
		}
		if hexDump {
			if startsWithHexByte(l.text) {
				if !hexStarted {
					emit(l.num, "** UNRECOGNIZED: "+l.text)
					hexStarted = true
				} else {
					emit(l.num, l.text)
				}
			}
			continue
		}
		m := usbviewField.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		name, value, rest := m[1], m[2], strings.TrimSpace(m[3])
		if name == "MaxPower" {
			name = "bMaxPower" // usbview prints the raw 2 mA units: "0x32 = 100 mA"
		}
		if namePrefix(name) == "i" && i+1 < len(lines) {
			if s := usbviewString.FindStringSubmatch(lines[i+1].text); s != nil {
				rest = s[1]
				i++
			} else {
				rest = ""
			}
		}
		emit(l.num, name+" "+value+" "+rest)
	}
	return out
}
