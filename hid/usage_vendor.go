package hid

import "fmt"

// Vendor-defined pages 0xFF00–0xFFFF (HUT §3) have no public names: gaming
// headsets keep battery, sidetone and chat-mix there, and headsets made for
// Microsoft Teams add a collection on 0xFF99. Their usages are shown by
// number so nobody mistakes a guess for a standard name.
func vendorUsageName(page UsagePage, id uint16) string {
	return fmt.Sprintf("Vendor page 0x%04x usage 0x%02x", uint16(page), id)
}
