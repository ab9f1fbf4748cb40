package lsusbtext

// A minimal descriptor walker for tests, independent of the importer, so the
// facts tests check the rebuilt bytes rather than the parser's own bookkeeping.

type walkedDescriptor struct {
	offset   int
	bytes    []byte
	class    byte // interface class, subclass and protocol the descriptor sits in
	subClass byte
	protocol byte
}

// walkConfigs returns every descriptor after the device descriptor.
func walkConfigs(blob []byte) []walkedDescriptor {
	var out []walkedDescriptor
	var class, sub, proto byte
	for off := 0; off+2 <= len(blob); {
		l := int(blob[off])
		if l < 2 || off+l > len(blob) {
			break
		}
		d := blob[off : off+l]
		if d[1] == 4 && l >= 9 {
			class, sub, proto = d[5], d[6], d[7]
		}
		out = append(out, walkedDescriptor{offset: off, bytes: d, class: class, subClass: sub, protocol: proto})
		off += l
	}
	return out
}

// audioControl returns the class-specific AudioControl descriptors of the given subtype.
func audioControl(blob []byte, subtype byte) [][]byte {
	var out [][]byte
	for _, d := range walkConfigs(blob) {
		if d.class == 1 && d.subClass == 1 && d.bytes[1] == 0x24 && len(d.bytes) >= 3 && d.bytes[2] == subtype {
			out = append(out, d.bytes)
		}
	}
	return out
}

// uac1SampleRates lists the discrete rates (or the lower/upper bounds of a
// continuous range) of every UAC1 format type I descriptor (UAC1 Formats §2.2.5).
func uac1SampleRates(blob []byte) []int {
	var out []int
	for _, d := range walkConfigs(blob) {
		b := d.bytes
		if d.class != 1 || d.subClass != 2 || d.protocol != 0 || b[1] != 0x24 || len(b) < 8 || b[2] != 2 || b[3] != 1 {
			continue
		}
		n := int(b[7])
		if n == 0 {
			n = 2
		}
		for i := 0; i < n && 8+3*i+3 <= len(b); i++ {
			p := b[8+3*i:]
			out = append(out, int(p[0])|int(p[1])<<8|int(p[2])<<16)
		}
	}
	return out
}

func interfaceNumbers(blob []byte) map[byte]bool {
	out := map[byte]bool{}
	for _, d := range walkConfigs(blob) {
		if d.bytes[1] == 4 && len(d.bytes) >= 3 {
			out[d.bytes[2]] = true
		}
	}
	return out
}

func configTotals(blob []byte) []int {
	var out []int
	for _, d := range walkConfigs(blob) {
		if d.bytes[1] == 2 && len(d.bytes) >= 4 {
			out = append(out, int(d.bytes[2])|int(d.bytes[3])<<8)
		}
	}
	return out
}
