package usbdesc

import (
	"encoding/hex"
	stdbits "math/bits"
)

// IDs is a list of entity, terminal or interface IDs taken from the wire
// (baSourceID, baInterfaceNr...). It marshals to JSON as numbers; a plain
// []uint8 would become a base64 string.
type IDs []uint8

func (ids IDs) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, 2+4*len(ids))
	out = append(out, '[')
	for i, id := range ids {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendID(out, id)
	}
	return append(out, ']'), nil
}

// appendID appends id in decimal: IDs fill the evidence text and the
// JSON lists, and strconv's general path costs several times this.
func appendID(b []byte, id uint8) []byte {
	if id >= 100 {
		b = append(b, '0'+id/100)
	}
	if id >= 10 {
		b = append(b, '0'+id/10%10)
	}
	return append(b, '0'+id%10)
}

// HexBytes is an undecoded byte field (a bitmap, process-specific data).
// It marshals as lower-case hex.
type HexBytes []byte

func (b HexBytes) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(b)))
	hex.Encode(out, b)
	return out, nil
}

// idSet is a set of entity IDs, a bit per ID: what the topology's walks
// have met, without a map.
type idSet [4]uint64

func (s *idSet) add(id uint8)      { s[id>>6] |= 1 << (id & 63) }
func (s *idSet) has(id uint8) bool { return s[id>>6]&(1<<(id&63)) != 0 }

// len is how many IDs the set holds.
func (s *idSet) len() int {
	n := 0
	for _, w := range s {
		n += stdbits.OnesCount64(w)
	}
	return n
}
