package usbdesc

import "strconv"

// Audio data format names. UAC1 identifies one format by wFormatTag (UAC1
// Formats A.1); UAC2 and UAC3 list the formats an alternate setting accepts
// as a bitmap (UAC2 Formats A.2, UAC3 A.2). The slices returned for the
// common single-format cases are shared: callers must not modify them.

var formatTagNameList = map[uint16]string{
	0x0000: "TYPE_I_UNDEFINED", 0x0001: "PCM", 0x0002: "PCM8", 0x0003: "IEEE_FLOAT",
	0x0004: "ALAW", 0x0005: "MULAW",
	0x1000: "TYPE_II_UNDEFINED", 0x1001: "MPEG", 0x1002: "AC-3",
	0x2000: "TYPE_III_UNDEFINED", 0x2001: "IEC1937_AC-3", 0x2002: "IEC1937_MPEG-1_Layer1",
	0x2003: "IEC1937_MPEG-1_Layer2/3 or IEC1937_MPEG-2_NOEXT", 0x2004: "IEC1937_MPEG-2_EXT",
	0x2005: "IEC1937_MPEG-2_Layer1_LS", 0x2006: "IEC1937_MPEG-2_Layer2/3_LS",
}

// formatTagNames is built once so decoding allocates nothing per tag.
// The listed tags are 0x0000..0x0006 within each of the type I, II and
// III ranges (0x0nnn, 0x1nnn, 0x2nnn): an array lookup, not a map's hash.
var formatTagNames = func() func(uint16) []string {
	var shared [3][8][]string
	for tag, name := range formatTagNameList {
		shared[tag>>12][tag&0x0fff] = []string{name} // out of range: panics at init
	}
	return func(tag uint16) []string {
		if hi, lo := tag>>12, tag&0x0fff; hi < 3 && lo < 8 && shared[hi][lo] != nil {
			return shared[hi][lo]
		}
		return []string{"0x" + strconv.FormatUint(uint64(tag), 16)}
	}
}()

// Type I bitmap bits, the same in UAC2 and UAC3 for D0..D4; the raw-data
// bit is D31 in UAC2 and D6 in UAC3 (audio-v2.h, audio-v3.h).
var typeIFormatBits = [...]string{"PCM", "PCM8", "IEEE_FLOAT", "ALAW", "MULAW"}

// UAC2 Formats A.2.3: type III bitmap.
var typeIIIFormatBits = [...]string{
	"IEC61937_AC-3", "IEC61937_MPEG-1_Layer1", "IEC61937_MPEG-1_Layer2/3 or IEC61937_MPEG-2_NOEXT",
	"IEC61937_MPEG-2_EXT", "IEC61937_MPEG-2_AAC_ADTS", "IEC61937_MPEG-2_Layer1_LS",
	"IEC61937_MPEG-2_Layer2/3_LS", "IEC61937_DTS-I", "IEC61937_DTS-II", "IEC61937_DTS-III",
	"IEC61937_ATRAC", "IEC61937_ATRAC2/3", "TYPE_III_WMA",
}

var sharedPCM = []string{"PCM"}

// formatBitNames decodes bmFormats for a format type (1 = I, 3 = III).
func formatBitNames(bits uint64, formatType uint8, v UACVersion) []string {
	if bits == 1 && formatType == 1 {
		return sharedPCM
	}
	var table []string
	switch formatType {
	case 1:
		table = typeIFormatBits[:]
	case 3:
		table = typeIIIFormatBits[:]
	}
	raw := 31
	if v == UAC3 {
		raw = 6
	}
	var out []string
	for i := 0; i < 64; i++ {
		if bits&(1<<uint(i)) == 0 {
			continue
		}
		switch {
		case i < len(table):
			out = append(out, table[i])
		case formatType == 1 && i == raw:
			out = append(out, "TYPE_I_RAW_DATA")
		default:
			out = append(out, "bit "+strconv.Itoa(i))
		}
	}
	return out
}
