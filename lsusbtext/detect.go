package lsusbtext

import "strings"

// Detect reports whether text looks like `lsusb -v` output or descriptor-dumper
// text (UsbTreeView "Data (HexDump)" lines, usbview "===>...<===" sections), so callers can choose this importer over a
// hex or binary reader.
func Detect(text []byte) bool {
	lines := splitLines(text)
	if isHexDumpText(lines) || isUsbViewText(lines) {
		return true
	}
	for _, l := range lines {
		if l.text == "Device Descriptor:" || strings.HasPrefix(l.text, "Configuration Descriptor:") ||
			busLine().MatchString(l.text) {
			return true
		}
	}
	return false
}
