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
	// The first failed read is recorded here, without a call, so the
	// reads stay small enough to inline; failure() builds the error. A
	// failure also cuts b at pos, so every later read fails too.
	missed   bool
	missWhat string
	missN    int // bytes the failed read wanted
	missLeft int // bytes that were left
	// missLayout is the fixed part a failed fixed read wanted: failure
	// walks it to name the field, off the fast path.
	missLayout *layout
	fail       *FormatError
}

func newReader(b []byte, base int) reader { return reader{b: b, base: base} }

// start points a reader that lives on the heap (the parser's) at a
// descriptor's bytes b (at offset base in the blob) from pos on, field by
// field: assigning a whole reader there would take the garbage
// collector's bulk write barrier for every descriptor. It takes the
// wire's fields rather than the wire, which the compiler would copy to
// the stack first.
func (r *reader) start(b []byte, base, pos int) {
	r.b, r.pos, r.base = b, pos, base
	if r.missed {
		r.missed, r.missWhat, r.missN, r.missLeft, r.missLayout, r.fail = false, "", 0, 0, nil, nil
	}
}

// offset is the absolute offset of the next byte.
func (r *reader) offset() int { return r.base + r.pos }

// remaining is how many bytes are left.
func (r *reader) remaining() int { return len(r.b) - r.pos }

// miss records a failed read (the first one only: later ones fail because
// the first cut b) and cuts b at pos.
func (r *reader) miss(n int, what string) {
	if !r.missed {
		r.missed, r.missWhat, r.missN, r.missLeft = true, what, n, len(r.b)-r.pos
		r.b = r.b[:r.pos]
	}
}

// failed reports whether a read ran out of bytes.
func (r *reader) failed() bool { return r.missed }

// failure is the first failed read as a *FormatError with its absolute
// offset, or nil.
func (r *reader) failure() *FormatError {
	if r.missed && r.fail == nil {
		off := r.offset()
		if l := r.missLayout; l != nil {
			off += r.settle(l)
		}
		r.fail = &FormatError{Offset: off, Msg: fmt.Sprintf("%s needs %d byte(s), %d left", r.missWhat, r.missN, r.missLeft)}
	}
	return r.fail
}

func (r *reader) u8(what string) uint8 {
	if r.pos < len(r.b) {
		v := r.b[r.pos]
		r.pos++
		return v
	}
	r.miss(1, what)
	return 0
}

func (r *reader) u16(what string) uint16 {
	if r.pos+2 <= len(r.b) {
		v := binary.LittleEndian.Uint16(r.b[r.pos:])
		r.pos += 2
		return v
	}
	r.miss(2, what)
	return 0
}

func (r *reader) u24(what string) uint32 {
	if r.pos+3 <= len(r.b) {
		v := uint32(r.b[r.pos]) | uint32(r.b[r.pos+1])<<8 | uint32(r.b[r.pos+2])<<16
		r.pos += 3
		return v
	}
	r.miss(3, what)
	return 0
}

func (r *reader) u32(what string) uint32 {
	if r.pos+4 <= len(r.b) {
		v := binary.LittleEndian.Uint32(r.b[r.pos:])
		r.pos += 4
		return v
	}
	r.miss(4, what)
	return 0
}

// bytes returns the next n bytes without copying; n is checked against what
// is really there, never trusted. After a failed read even n = 0 fails.
func (r *reader) bytes(n int, what string) []byte {
	if !r.missed && uint(n) <= uint(len(r.b)-r.pos) {
		v := r.b[r.pos : r.pos+n : r.pos+n]
		r.pos += n
		return v
	}
	r.miss(n, what)
	return nil
}

// field is one field of a descriptor's fixed part: its name, for the
// "too short" warning, and its size in bytes.
type field struct {
	name string
	size int
}

// layout is the fixed part of a descriptor, its fields in wire order.
// The hot parsers take a fixed part whole (wire.fixed, reader.fixed):
// one length check, then constant indexes the compiler need not check
// again, instead of a checked read per field. The fields are walked
// only when the descriptor is too short, to name the one that did not
// fit exactly as reading them one by one would.
type layout struct {
	fields []field
	size   int // the sum of the fields' sizes
}

func newLayout(fields ...field) *layout {
	l := &layout{fields: fields}
	for _, f := range fields {
		l.size += f.size
	}
	return l
}

// fixed returns the bytes of l from pos on (len == l.size), or nil when
// the descriptor is too short for them.
func (w wire) fixed(pos int, l *layout) []byte {
	if end := pos + l.size; end <= len(w.Raw) {
		return w.Raw[pos:end:end]
	}
	return nil
}

// fixed reads l's bytes whole (len == l.size), or returns nil and
// records a failed read like a read of l's fields one by one would:
// the fields are walked only if failure is asked for.
func (r *reader) fixed(l *layout) []byte {
	n := l.size
	if r.pos+n > len(r.b) {
		// After a failed read b ends at pos, so this fails too.
		if !r.missed {
			r.missed, r.missLayout, r.missLeft = true, l, len(r.b)-r.pos
			r.b = r.b[:r.pos]
		}
		return nil
	}
	r.pos += n
	return r.b[r.pos-n : r.pos]
}

// settle names the field of l, the fixed part that did not fit, that a
// read field by field would have failed on, and returns its distance
// from the start of l.
func (r *reader) settle(l *layout) int {
	r.missLayout = nil
	skipped, left := 0, r.missLeft
	for _, f := range l.fields {
		if f.size > left {
			r.missWhat, r.missN, r.missLeft = f.name, f.size, left
			break
		}
		skipped, left = skipped+f.size, left-f.size
	}
	return skipped
}

// u16le and u32le decode the little-endian fields of a fixed part.
func u16le(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func u32le(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }

// err is the first failed read, or nil.
func (r *reader) err() error {
	if f := r.failure(); f != nil {
		return f
	}
	return nil
}
