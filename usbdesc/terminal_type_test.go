package usbdesc

import "testing"

// Name reads an array built from terminalTypeNames: every listed code must
// come back with its own name, and unlisted codes with their group's.
func TestTerminalTypeName(t *testing.T) {
	for tt, name := range terminalTypeNames {
		if got := tt.Name(); got != name {
			t.Errorf("%#04x: Name() = %q, want %q", uint16(tt), got, name)
		}
	}
	for tt, want := range map[TerminalType]string{
		0x0207: "Input (unlisted)", 0x0318: "Output (unlisted)", 0x01fe: "USB (unlisted)",
		0x0800: "Unknown", 0xffff: "Unknown", 0x0000: "Unknown",
	} {
		if got := tt.Name(); got != want {
			t.Errorf("%#04x: Name() = %q, want %q", uint16(tt), got, want)
		}
	}
	if got := TermHeadset.String(); got != "0x0402 Headset" {
		t.Errorf("String() = %q", got)
	}
}
