package usbdesc

// Small builders for hand-made descriptor blobs in tests. Each takes the
// descriptor's bytes after bLength and prepends the right bLength, so the
// test bodies read like the spec tables.

// d builds one descriptor: bLength is computed, rest starts at bDescriptorType.
func d(rest ...byte) []byte { return append([]byte{byte(len(rest) + 1)}, rest...) }

// cs builds a CS_INTERFACE (0x24) descriptor with this subtype.
func cs(subtype byte, rest ...byte) []byte { return d(append([]byte{0x24, subtype}, rest...)...) }

// csEP builds a CS_ENDPOINT (0x25) descriptor with this subtype.
func csEP(subtype byte, rest ...byte) []byte { return d(append([]byte{0x25, subtype}, rest...)...) }

// iface builds an interface descriptor.
func iface(number, alt, endpoints, class, subclass, protocol byte) []byte {
	return d(0x04, number, alt, endpoints, class, subclass, protocol, 0)
}

// ep builds a 7-byte endpoint descriptor.
func ep(addr, attr byte, maxPacket uint16, interval byte) []byte {
	return d(0x05, addr, attr, byte(maxPacket), byte(maxPacket>>8), interval)
}

// iad builds an interface association descriptor.
func iad(first, count, class, subclass, protocol byte) []byte {
	return d(0x0b, first, count, class, subclass, protocol, 0)
}

// config builds a configuration with a correct wTotalLength.
func config(value, interfaces byte, body ...[]byte) []byte {
	c := cat(append([][]byte{d(0x02, 0, 0, interfaces, value, 0, 0x80, 50)}, body...)...)
	c[2], c[3] = byte(len(c)), byte(len(c)>>8)
	return c
}

// device builds a device descriptor for a 1209:0001 device with n configurations.
func device(n byte) []byte {
	return d(0x01, 0x00, 0x02, 0, 0, 0, 64, 0x09, 0x12, 0x01, 0x00, 0x00, 0x01, 1, 2, 0, n)
}

// le16 and le32 spell little-endian fields.
func le16(v uint16) []byte { return []byte{byte(v), byte(v >> 8)} }
func le32(v uint32) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)} }

// join concatenates byte fields for a descriptor body.
func join(parts ...[]byte) []byte { return cat(parts...) }
