package hid

// Keyboard/Keypad page (HUT §10). Letters, digits and function keys follow
// runs of IDs, so they are generated; the rest is listed.
func init() {
	names := map[uint16]string{
		0x00: "Reserved (no event)", 0x01: "ErrorRollOver", 0x02: "POSTFail", 0x03: "ErrorUndefined",
		0x28: "Enter", 0x29: "Escape", 0x2A: "Backspace", 0x2B: "Tab", 0x2C: "Space",
		0x2D: "- and _", 0x2E: "= and +", 0x2F: "[ and {", 0x30: "] and }", 0x31: "\\ and |",
		0x32: "Non-US # and ~", 0x33: "; and :", 0x34: "' and \"", 0x35: "` and ~",
		0x36: ", and <", 0x37: ". and >", 0x38: "/ and ?", 0x39: "Caps Lock",
		0x46: "Print Screen", 0x47: "Scroll Lock", 0x48: "Pause", 0x49: "Insert", 0x4A: "Home",
		0x4B: "Page Up", 0x4C: "Delete Forward", 0x4D: "End", 0x4E: "Page Down",
		0x4F: "Right Arrow", 0x50: "Left Arrow", 0x51: "Down Arrow", 0x52: "Up Arrow",
		0x53: "Keypad Num Lock", 0x54: "Keypad /", 0x55: "Keypad *", 0x56: "Keypad -",
		0x57: "Keypad +", 0x58: "Keypad Enter", 0x62: "Keypad 0", 0x63: "Keypad .",
		0x64: "Non-US \\ and |", 0x65: "Application", 0x66: "Power", 0x67: "Keypad =",
		0x74: "Execute", 0x75: "Help", 0x76: "Menu", 0x77: "Select", 0x78: "Stop",
		0x79: "Again", 0x7A: "Undo", 0x7B: "Cut", 0x7C: "Copy", 0x7D: "Paste", 0x7E: "Find",
		0x7F: "Mute", 0x80: "Volume Up", 0x81: "Volume Down",
		0xE0: "Left Control", 0xE1: "Left Shift", 0xE2: "Left Alt", 0xE3: "Left GUI",
		0xE4: "Right Control", 0xE5: "Right Shift", 0xE6: "Right Alt", 0xE7: "Right GUI",
	}
	for i := range uint16(26) {
		names[0x04+i] = string(rune('a'+i)) + " and " + string(rune('A'+i))
	}
	digits := "1234567890"
	for i := range uint16(10) {
		names[0x1E+i] = digits[i : i+1]
	}
	for i := range uint16(12) { // F1..F12
		names[0x3A+i] = "F" + itoa(int(i)+1)
	}
	for i := range uint16(12) { // F13..F24
		names[0x68+i] = "F" + itoa(int(i)+13)
	}
	for i := range uint16(9) { // Keypad 1..9
		names[0x59+i] = "Keypad " + itoa(int(i)+1)
	}
	usageTables[PageKeyboard] = usageTable{names: names}
}

// itoa avoids pulling strconv into table setup for small numbers.
func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
