package hid

import "fmt"

// FormatError reports a problem in a report descriptor or a report at a byte
// offset, in the style of debug/elf.FormatError. Problems the parser can step
// over are kept as warnings; the parse continues.
type FormatError struct {
	Off int    // byte offset of the item (or report byte) at fault
	Msg string // what is wrong
	Val any    // the offending value, if any
}

func (e *FormatError) Error() string {
	if e.Val != nil {
		return fmt.Sprintf("hid: offset %d (0x%04x): %s: %v", e.Off, e.Off, e.Msg, e.Val)
	}
	return fmt.Sprintf("hid: offset %d (0x%04x): %s", e.Off, e.Off, e.Msg)
}
