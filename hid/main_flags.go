package hid

import (
	"fmt"
	"strings"
)

// ReportKind is the direction of a report: which main item made it.
type ReportKind uint8

const (
	KindInput ReportKind = iota
	KindOutput
	KindFeature
)

var reportKindNames = [...]string{"input", "output", "feature"}

func (k ReportKind) String() string {
	if int(k) < len(reportKindNames) {
		return reportKindNames[k]
	}
	return fmt.Sprintf("ReportKind(%d)", uint8(k))
}

// MarshalText makes kinds appear as "input", "output", "feature" in JSON.
func (k ReportKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// MainFlags are the data bits of an Input, Output or Feature item
// (HID 1.11 §6.2.2.5). A clear bit is the first word of each pair.
type MainFlags uint32

const (
	FlagConstant      MainFlags = 1 << 0 // Data / Constant
	FlagVariable      MainFlags = 1 << 1 // Array / Variable
	FlagRelative      MainFlags = 1 << 2 // Absolute / Relative
	FlagWrap          MainFlags = 1 << 3 // No Wrap / Wrap
	FlagNonLinear     MainFlags = 1 << 4 // Linear / Non Linear
	FlagNoPreferred   MainFlags = 1 << 5 // Preferred State / No Preferred
	FlagNullState     MainFlags = 1 << 6 // No Null position / Null State
	FlagVolatile      MainFlags = 1 << 7 // Non Volatile / Volatile (not for Input)
	FlagBufferedBytes MainFlags = 1 << 8 // Bit Field / Buffered Bytes
)

// mainFlagWords are the abbreviations hid-tools and the specification
// examples use, as {clear, set} per bit.
var mainFlagWords = [...][2]string{
	{"Data", "Const"},
	{"Arr", "Var"},
	{"Abs", "Rel"},
	{"", "Wrap"},
	{"", "NonLin"},
	{"", "NoPref"},
	{"", "Null"},
	{"", "Vol"},
	{"", "Buff"},
}

func (f MainFlags) Constant() bool      { return f&FlagConstant != 0 }
func (f MainFlags) Variable() bool      { return f&FlagVariable != 0 }
func (f MainFlags) Relative() bool      { return f&FlagRelative != 0 }
func (f MainFlags) Wrap() bool          { return f&FlagWrap != 0 }
func (f MainFlags) NonLinear() bool     { return f&FlagNonLinear != 0 }
func (f MainFlags) NoPreferred() bool   { return f&FlagNoPreferred != 0 }
func (f MainFlags) NullState() bool     { return f&FlagNullState != 0 }
func (f MainFlags) Volatile() bool      { return f&FlagVolatile != 0 }
func (f MainFlags) BufferedBytes() bool { return f&FlagBufferedBytes != 0 }

func (f MainFlags) String() string { return f.format(KindOutput) }

// format lists the flags; bit 7 is reserved for Input items, so it is only
// named for Output and Feature.
func (f MainFlags) format(kind ReportKind) string {
	var b strings.Builder
	for i, w := range mainFlagWords {
		set := f&(1<<i) != 0
		if i == 7 && kind == KindInput {
			continue
		}
		word := w[0]
		if set {
			word = w[1]
		}
		if word == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(word)
	}
	return b.String()
}

// MarshalText writes the flags as their abbreviations, e.g. "Data,Var,Abs".
func (f MainFlags) MarshalText() ([]byte, error) { return []byte(f.String()), nil }
