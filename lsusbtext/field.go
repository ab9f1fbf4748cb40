package lsusbtext

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// widthByPrefix gives the size in bytes of a field printed in decimal, from its
// Hungarian-notation prefix (USB 2.0 §9.6 naming; UAC and UVC follow it).
// "t" is the 3-byte sample rate of UAC1 format descriptors (UAC1 Formats §2.2.5).
var widthByPrefix = map[string]int{
	"b": 1, "i": 1, "ba": 1, "bm": 1, "bma": 1,
	"w": 2, "wa": 2, "id": 2, "bcd": 2,
	"t": 3,
	"d": 4, "dw": 4, "dwa": 4,
	"guid": 16,
}

func namePrefix(name string) string {
	if name == "BaSourcePin" {
		return "ba" // MIDI OUT jack source pins (USB MIDI 1.0 §6.1.2.3), capitalised by lsusb
	}
	i := 0
	for i < len(name) && name[i] >= 'a' && name[i] <= 'z' {
		i++
	}
	return name[:i]
}

// encodeContext carries what a field's width may depend on.
type encodeContext struct {
	controlSize int  // last bControlSize printed in this descriptor, 0 if none
	superSpeed  bool // MaxPower is in 8 mA units (USB 3.2 §9.6.3)
}

// encodeField turns one printed field back into its little-endian bytes.
func encodeField(f field, ctx encodeContext) ([]byte, error) {
	v := f.value
	prefix := namePrefix(f.name)
	switch {
	case f.name == "MaxPower":
		return encodeMaxPower(v, ctx.superSpeed)
	case v == "":
		return nil, fmt.Errorf("%s has no value", f.name)
	case strings.HasPrefix(v, "{"):
		return encodeGUID(v)
	case strings.HasSuffix(v, "MHz"):
		// UVC header dwClockFrequency, printed as "%.6fMHz".
		mhz, err := strconv.ParseFloat(strings.TrimSuffix(v, "MHz"), 64)
		if err != nil || mhz < 0 || mhz > math.MaxUint32/1e6 {
			return nil, fmt.Errorf("%s: bad frequency %q", f.name, v)
		}
		return le(uint64(math.Round(mhz*1e6)), 4), nil
	case prefix == "bcd" && strings.Contains(v, "."):
		return encodeBCD(f.name, v)
	case strings.HasPrefix(v, "0x") || strings.HasPrefix(v, "0X"):
		digits := v[2:]
		n, err := strconv.ParseUint(digits, 16, 64)
		if err != nil || len(digits) == 0 || len(digits) > 16 {
			return nil, fmt.Errorf("%s: bad hex value %q", f.name, v)
		}
		width := (len(digits) + 1) / 2
		// UVC camera terminal and processing unit bmControls are printed as
		// 32-bit values but are bControlSize bytes long (UVC 1.5 §3.7.2.3, §3.7.2.5).
		if !f.indexed && strings.HasPrefix(f.name, "bm") && ctx.controlSize > 0 && ctx.controlSize <= 8 {
			width = ctx.controlSize
		}
		return fitted(f.name, n, width)
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s: bad value %q", f.name, v)
	}
	width, ok := widthByPrefix[prefix]
	if !ok {
		return nil, fmt.Errorf("%s: unknown field width (prefix %q)", f.name, prefix)
	}
	if prefix == "bma" && ctx.controlSize > 0 && ctx.controlSize <= 8 {
		width = ctx.controlSize
	}
	return fitted(f.name, n, width)
}

// fitted encodes n in width bytes, complaining (but still encoding the low
// bytes) when it does not fit.
func fitted(name string, n uint64, width int) ([]byte, error) {
	b := le(n, width)
	if width < 8 && n>>(8*uint(width)) != 0 {
		return b, fmt.Errorf("%s: value %d does not fit in %d byte(s)", name, n, width)
	}
	return b, nil
}

func le(n uint64, width int) []byte {
	b := make([]byte, width)
	for i := range b {
		if i < 8 {
			b[i] = byte(n >> (8 * uint(i)))
		}
	}
	return b
}

// encodeBCD reverses lsusb's "%2x.%02x" rendering of binary-coded decimal
// versions: "2.00" is 0x0200, "1.15" is 0x0115.
func encodeBCD(name, v string) ([]byte, error) {
	major, minor, _ := strings.Cut(v, ".")
	hi, err1 := strconv.ParseUint(major, 16, 8)
	lo, err2 := strconv.ParseUint(minor, 16, 8)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%s: bad version %q", name, v)
	}
	return []byte{byte(lo), byte(hi)}, nil
}

// encodeMaxPower reverses "MaxPower 100mA": bMaxPower counts 2 mA units, or
// 8 mA units when the device runs at SuperSpeed (USB 3.2 §9.6.3).
func encodeMaxPower(v string, superSpeed bool) ([]byte, error) {
	num := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(v, "mA"), "mW"), " ")
	n, err := strconv.ParseUint(num, 10, 32)
	if err != nil {
		return []byte{0}, fmt.Errorf("MaxPower: bad value %q", v)
	}
	unit := uint64(2)
	if superSpeed {
		unit = 8
	}
	return fitted("MaxPower", n/unit, 1)
}

// encodeGUID reverses lsusb's "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" GUID
// rendering; the first three groups are stored little-endian (UVC 1.5 §2.9).
func encodeGUID(v string) ([]byte, error) {
	s := strings.Trim(v, "{}")
	parts := strings.Split(s, "-")
	if len(parts) != 5 || len(parts[0]) != 8 || len(parts[1]) != 4 || len(parts[2]) != 4 ||
		len(parts[3]) != 4 || len(parts[4]) != 12 {
		return nil, fmt.Errorf("bad GUID %q", v)
	}
	out := make([]byte, 0, 16)
	for i, p := range parts {
		raw := make([]byte, len(p)/2)
		for j := range raw {
			x, err := strconv.ParseUint(p[2*j:2*j+2], 16, 8)
			if err != nil {
				return nil, fmt.Errorf("bad GUID %q", v)
			}
			raw[j] = byte(x)
		}
		if i < 3 {
			for l, r := 0, len(raw)-1; l < r; l, r = l+1, r-1 {
				raw[l], raw[r] = raw[r], raw[l]
			}
		}
		out = append(out, raw...)
	}
	return out, nil
}

// parseHexBytes reads "0a 24 01 ..." (as in "** UNRECOGNIZED: 0a 24 01") and
// stops at the first token that is not a byte.
func parseHexBytes(s string, limit int) []byte {
	var out []byte
	for _, tok := range strings.Fields(s) {
		if len(tok) != 2 || len(out) >= limit {
			break
		}
		x, err := strconv.ParseUint(tok, 16, 8)
		if err != nil {
			break
		}
		out = append(out, byte(x))
	}
	return out
}
