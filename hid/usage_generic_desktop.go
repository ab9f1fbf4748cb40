package hid

// Generic Desktop page (HUT §4).
func init() {
	usageTables[PageGenericDesktop] = usageTable{names: map[uint16]string{
		0x00: "Undefined", 0x01: "Pointer", 0x02: "Mouse", 0x04: "Joystick", 0x05: "Gamepad", 0x06: "Keyboard",
		0x07: "Keypad", 0x08: "Multi-axis Controller", 0x09: "Tablet PC System Controls",
		0x0A: "Water Cooling Device", 0x0B: "Computer Chassis Device", 0x0C: "Wireless Radio Controls",
		0x0D: "Portable Device Control", 0x0E: "System Multi-Axis Controller",
		0x0F: "Spatial Controller", 0x10: "Assistive Control", 0x11: "Device Dock",
		0x12: "Dockable Device", 0x13: "Call State Management Control",
		0x30: "X", 0x31: "Y", 0x32: "Z", 0x33: "Rx", 0x34: "Ry", 0x35: "Rz",
		0x36: "Slider", 0x37: "Dial", 0x38: "Wheel", 0x39: "Hat Switch",
		0x3A: "Counted Buffer", 0x3B: "Byte Count", 0x3C: "Motion Wakeup", 0x3D: "Start",
		0x3E: "Select", 0x40: "Vx", 0x41: "Vy", 0x42: "Vz", 0x43: "Vbrx", 0x44: "Vbry",
		0x45: "Vbrz", 0x46: "Vno", 0x47: "Feature Notification", 0x48: "Resolution Multiplier",
		0x49: "Qx", 0x4A: "Qy", 0x4B: "Qz", 0x4C: "Qw",
		0x80: "System Control", 0x81: "System Power Down", 0x82: "System Sleep",
		0x83: "System Wake Up", 0x84: "System Context Menu", 0x85: "System Main Menu",
		0x86: "System App Menu", 0x87: "System Menu Help", 0x88: "System Menu Exit",
		0x89: "System Menu Select", 0x8A: "System Menu Right", 0x8B: "System Menu Left",
		0x8C: "System Menu Up", 0x8D: "System Menu Down", 0x8E: "System Cold Restart",
		0x8F: "System Warm Restart", 0x90: "D-pad Up", 0x91: "D-pad Down",
		0x92: "D-pad Right", 0x93: "D-pad Left", 0xA0: "System Dock", 0xA1: "System Undock",
		0xA2: "System Setup", 0xA7: "System Speaker Mute", 0xA8: "System Hibernate",
		0xB0: "System Display Invert", 0xB1: "System Display Internal",
		0xB2: "System Display External", 0xB3: "System Display Both",
		0xB4: "System Display Dual", 0xB5: "System Display Toggle Int/Ext",
		0xC6: "Wireless Radio Button", 0xC7: "Wireless Radio LED",
		0xC8: "Wireless Radio Slider Switch", 0xE0: "Call Active LED",
		0xE1: "Call Mute Toggle", 0xE2: "Call Mute LED",
	}}
}
