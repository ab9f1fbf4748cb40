package usbdesc

import (
	"encoding/binary"
	"fmt"
)

// reader is a cursor over one descriptor. Reads past the end do not panic:
// they return zero and record the first failure, which err reports with the
// absolute offset of the field that did not fit. Callers read all fields of
// a descriptor and check err once, the way binary.Read users check once.
type reader struct {
	b    []byte // the descriptor's bytes (bLength of them, or fewer if cut)
	pos  int    // next byte to read, relative to b
	base int    // absolute offset of b[0] in the blob
	fail *FormatError
}

func newReader(b []byte, base int) reader { return reader{b: b, base: base} }

// offset is the absolute offset of the next byte.
func (r *reader) offset() int { return r.base + r.pos }

// remaining is how many bytes are left.
func (r *reader) remaining() int { return len(r.b) - r.pos }

// need reports whether n more bytes are there. The check is the hot path
// of every field read, so it is kept small enough to inline; the failure
// (formatting the message) lives in short.
func (r *reader) need(n int, what string) bool {
	if r.fail == nil && uint(n) <= uint(len(r.b)-r.pos) {
		return true
	}
	return r.short(n, what)
}

// short records the first failed read (a negative n fails too) and
// returns false.
func (r *reader) short(n int, what string) bool {
	if r.fail == nil {
		r.fail = &FormatError{Offset: r.offset(), Msg: fmt.Sprintf("%s needs %d byte(s), %d left", what, n, r.remaining())}
	}
	return false
}

func (r *reader) u8(what string) uint8 {
	if !r.need(1, what) {
		return 0
	}
	v := r.b[r.pos]
	r.pos++
	return v
}

func (r *reader) u16(what string) uint16 {
	if !r.need(2, what) {
		return 0
	}
	v := binary.LittleEndian.Uint16(r.b[r.pos:])
	r.pos += 2
	return v
}

func (r *reader) u24(what string) uint32 {
	if !r.need(3, what) {
		return 0
	}
	v := uint32(r.b[r.pos]) | uint32(r.b[r.pos+1])<<8 | uint32(r.b[r.pos+2])<<16
	r.pos += 3
	return v
}

func (r *reader) u32(what string) uint32 {
	if !r.need(4, what) {
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b[r.pos:])
	r.pos += 4
	return v
}

// bytes returns the next n bytes without copying; n is checked against what
// is really there, never trusted.
func (r *reader) bytes(n int, what string) []byte {
	if !r.need(n, what) {
		return nil
	}
	v := r.b[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return v
}

// err is the first failed read, or nil.
func (r *reader) err() error {
	if r.fail == nil {
		return nil
	}
	return r.fail
}
