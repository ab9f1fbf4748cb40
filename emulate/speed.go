package emulate

// Speed is the kernel's enum usb_device_speed, as vhci_hcd's attach file
// expects it.
type Speed int

const (
	SpeedLow   Speed = 1
	SpeedFull  Speed = 2
	SpeedHigh  Speed = 3
	SpeedSuper Speed = 5
)

var speedNames = map[Speed]string{SpeedLow: "low", SpeedFull: "full", SpeedHigh: "high", SpeedSuper: "super"}

func (s Speed) String() string {
	if n, ok := speedNames[s]; ok {
		return n
	}
	return "unknown"
}

// SpeedFromDescriptors guesses the bus speed of a descriptor set (device
// descriptor + configurations). bcdUSB 3.x means super speed. bcdUSB 2.0
// alone does not mean high speed (most USB headsets are full-speed 2.0
// devices), so high speed is chosen only when an endpoint could not exist at
// full speed: a 512-byte bulk endpoint or a periodic one over 1023 bytes or
// with additional transactions per microframe (USB 2.0 §5.6.3, §9.6.6).
func SpeedFromDescriptors(blob []byte) Speed {
	if len(blob) < 8 {
		return SpeedFull
	}
	if uint16(blob[2])|uint16(blob[3])<<8 >= 0x0300 {
		return SpeedSuper
	}
	for off := int(blob[0]); off+2 <= len(blob) && blob[off] >= 2; off += int(blob[off]) {
		d := blob[off:]
		if d[1] != dtEndpoint || d[0] < 7 || len(d) < 7 {
			continue
		}
		mps := uint16(d[4]) | uint16(d[5])<<8
		switch d[3] & 0x03 {
		case 0x02: // bulk
			if mps&0x7FF > 64 {
				return SpeedHigh
			}
		case 0x01, 0x03: // isochronous, interrupt
			if mps&0x1800 != 0 || mps&0x7FF > 1023 {
				return SpeedHigh
			}
		}
	}
	return SpeedFull
}
