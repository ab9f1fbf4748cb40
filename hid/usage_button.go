package hid

import "fmt"

// Button page (HUT §12): usage N is "Button N", 0 means no button pressed.
func init() {
	usageTables[PageButton] = usageTable{
		names:    map[uint16]string{0: "No Button Pressed"},
		numbered: func(id uint16) string { return fmt.Sprintf("Button %d", id) },
	}
	// Ordinal page (HUT §13): usage N is instance N.
	usageTables[PageOrdinal] = usageTable{
		numbered: func(id uint16) string {
			if id == 0 {
				return ""
			}
			return fmt.Sprintf("Instance %d", id)
		},
	}
}
