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

// SpeedFromDescriptor guesses the bus speed a device descriptor implies:
// bcdUSB 3.x is super speed, a 64-byte EP0 with bcdUSB 2.x high speed,
// otherwise full speed (USB 2.0 §9.6.1: bMaxPacketSize0 is 64 at high speed).
func SpeedFromDescriptor(dev []byte) Speed {
	if len(dev) < 8 {
		return SpeedFull
	}
	bcdUSB := uint16(dev[2]) | uint16(dev[3])<<8
	switch {
	case bcdUSB >= 0x0300:
		return SpeedSuper
	case bcdUSB >= 0x0200 && dev[7] == 64:
		return SpeedHigh
	}
	return SpeedFull
}
