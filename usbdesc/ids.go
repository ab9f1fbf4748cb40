package usbdesc

import (
	"encoding/hex"
	"strconv"
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
		out = strconv.AppendUint(out, uint64(id), 10)
	}
	return append(out, ']'), nil
}

// HexBytes is an undecoded byte field (a bitmap, process-specific data).
// It marshals as lower-case hex.
type HexBytes []byte

func (b HexBytes) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(b)))
	hex.Encode(out, b)
	return out, nil
}
