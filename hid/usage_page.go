package hid

import "fmt"

// UsagePage is a HID usage page (HID Usage Tables §3).
type UsagePage uint16

const (
	PageGenericDesktop UsagePage = 0x01
	PageKeyboard       UsagePage = 0x07
	PageLED            UsagePage = 0x08
	PageButton         UsagePage = 0x09
	PageOrdinal        UsagePage = 0x0A
	PageTelephony      UsagePage = 0x0B
	PageConsumer       UsagePage = 0x0C
	PageVendorFirst    UsagePage = 0xFF00
	// PageMicrosoftTeams is a vendor page found on Teams-certified headsets;
	// it is still vendor-defined and named as such.
	PageMicrosoftTeams UsagePage = 0xFF99
)

var usagePageNames = map[UsagePage]string{
	0x01: "Generic Desktop", 0x02: "Simulation Controls", 0x03: "VR Controls",
	0x04: "Sport Controls", 0x05: "Game Controls", 0x06: "Generic Device Controls",
	0x07: "Keyboard/Keypad", 0x08: "LED", 0x09: "Button", 0x0A: "Ordinal",
	0x0B: "Telephony", 0x0C: "Consumer", 0x0D: "Digitizers", 0x0E: "Haptics",
	0x0F: "Physical Input Device", 0x10: "Unicode", 0x11: "SoC", 0x12: "Eye and Head Trackers",
	0x14: "Auxiliary Display", 0x20: "Sensors", 0x40: "Medical Instrument",
	0x41: "Braille Display", 0x59: "Lighting And Illumination", 0x80: "Monitor",
	0x81: "Monitor Enumerated", 0x82: "VESA Virtual Controls", 0x84: "Power",
	0x85: "Battery System", 0x8C: "Barcode Scanner", 0x8D: "Scales",
	0x8E: "Magnetic Stripe Reader", 0x90: "Camera Control", 0x91: "Arcade",
	0x92: "Gaming Device", 0xF1D0: "FIDO Alliance",
}

// Vendor reports whether the page is in the vendor-defined range 0xFF00–0xFFFF.
func (p UsagePage) Vendor() bool { return p >= PageVendorFirst }

func (p UsagePage) String() string {
	if n, ok := usagePageNames[p]; ok {
		return n
	}
	if p.Vendor() {
		return fmt.Sprintf("Vendor page 0x%04x", uint16(p))
	}
	return fmt.Sprintf("Page 0x%04x", uint16(p))
}

// UsagePageName names a page for item dumps.
func UsagePageName(p uint16) string { return UsagePage(p).String() }
