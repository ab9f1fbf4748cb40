package usbdesc

import "fmt"

// FormatError is a fatal problem in the input at a byte offset, in the manner
// of debug/elf.FormatError: parsing stopped there, and what was parsed
// before it is still in the returned model.
type FormatError struct {
	Offset int    // byte offset into the blob
	Msg    string // what was wrong
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("malformed descriptor at byte offset %d (0x%04x): %s", e.Offset, e.Offset, e.Msg)
}

// Warning is a recoverable problem: the parser noted it and went on.
type Warning struct {
	Offset int    `json:"offset"`
	Msg    string `json:"message"`
}

func (w Warning) String() string {
	return fmt.Sprintf("offset %d (0x%04x): %s", w.Offset, w.Offset, w.Msg)
}
