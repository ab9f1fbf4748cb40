package usbdesc

import (
	"strconv"
	"unsafe"
)

// Evidence text. Every Reason of one classification is written with
// appendf into a buffer that lives in the classifier, on the stack, and is
// cut from a single string when the verdict is made: a classification
// costs two allocations of exactly the size needed (that string and the
// Evidence list), not one per reason, and no fmt.

// chainArg formats as a path's entity chain, "4→12→5→6".
type chainArg []uint8

// appendf appends format to b with args in place of its verbs: %s (string,
// TerminalType as "0x0402 Headset", pathEnd, chainArg), %d (int, uint8,
// uint32) and %02x (uint8). Its argument types are the closed set the
// classifier uses, so the args do not escape.
func appendf(b []byte, format string, args ...any) []byte {
	next := 0
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' || i+1 == len(format) {
			b = append(b, ch)
			continue
		}
		i++
		hex2 := false
		if format[i] == '0' && i+2 < len(format) && format[i+1] == '2' && format[i+2] == 'x' {
			hex2, i = true, i+2
		}
		if next == len(args) {
			b = append(b, "%!(MISSING)"...)
			continue
		}
		arg := args[next]
		next++
		switch v := arg.(type) {
		case string:
			b = append(b, v...)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case uint32:
			b = strconv.AppendUint(b, uint64(v), 10)
		case uint8:
			if hex2 {
				const digits = "0123456789abcdef"
				b = append(b, digits[v>>4], digits[v&15])
			} else {
				b = appendID(b, v)
			}
		case TerminalType:
			b = appendTerminalType(b, v)
		case pathEnd:
			b = v.appendTo(b)
		case chainArg:
			b = appendChain(b, v)
		default:
			b = append(b, "%!(BADTYPE)"...)
		}
	}
	return b
}

// appendTerminalType is TerminalType.String appended: "0x0402 Headset".
func appendTerminalType(b []byte, t TerminalType) []byte {
	const digits = "0123456789abcdef"
	b = append(b, '0', 'x', digits[t>>12&0xf], digits[t>>8&0xf], digits[t>>4&0xf], digits[t&0xf], ' ')
	return append(b, t.Name()...)
}

// appendChain appends IDs as "1→2→3".
func appendChain(b []byte, ids []uint8) []byte {
	for i, id := range ids {
		if i > 0 {
			b = append(b, "→"...)
		}
		b = appendID(b, id)
	}
	return b
}

// evidenceMark is one piece of evidence before its text is a string: its
// reason is text[start:end] of the classifier's buffer, or own when it did
// not fit there.
type evidenceMark struct {
	form       FormFactor
	points     int
	start, end int
	own        string
}

// addf scores points for form with a reason written by appendf.
func (c *classifier) addf(form FormFactor, points int, format string, args ...any) {
	b := appendf(c.text[c.n:c.n], format, args...)
	c.mark(form, points, b)
}

// addText scores points for form with a fixed reason.
func (c *classifier) addText(form FormFactor, points int, reason string) {
	c.mark(form, points, append(c.text[c.n:c.n], reason...))
}

// mark records evidence whose reason b was appended at c.text[c.n:], or
// somewhere else when the buffer was too small.
func (c *classifier) mark(form FormFactor, points int, b []byte) {
	for i := range formOrder {
		if formOrder[i] == form { // each form is listed once
			c.points[i] += points
			break
		}
	}
	m := evidenceMark{form: form, points: points}
	if len(b) <= len(c.text)-c.n && (len(b) == 0 || &b[0] == &c.text[c.n]) {
		m.start, m.end = c.n, c.n+len(b)
		c.n += len(b)
	} else {
		m.own = string(b)
	}
	if c.nMarks < len(c.marks) {
		c.marks[c.nMarks] = m
		c.nMarks++
	} else {
		c.more = append(c.more, m)
	}
}

// reasons is the text of the reasons that fit the buffer as one string:
// in the store's text room when it has enough (a string over bytes that
// are written here once and never again, as strings.Builder does), else
// a copy of its own.
func (c *classifier) reasons() string {
	if c.n == 0 {
		return ""
	}
	if st := c.store; st != nil && cap(st.text)-len(st.text) >= c.n {
		start := len(st.text)
		st.text = append(st.text, c.text[:c.n]...)
		return unsafe.String(&st.text[start], c.n)
	}
	return string(c.text[:c.n])
}

// evidence is the Evidence list with every Reason filled in, those that
// fit the buffer cut from one string.
func (c *classifier) evidence() []Evidence {
	n := c.nMarks + len(c.more)
	var out []Evidence
	if c.store != nil {
		out = reserve(&c.store.evidence, n, n)[:n]
	} else {
		out = make([]Evidence, n)
	}
	text := c.reasons()
	for i, m := range append(c.marks[:c.nMarks:c.nMarks], c.more...) {
		out[i] = Evidence{Points: m.points, Reason: text[m.start:m.end], For: m.form}
		if m.own != "" {
			out[i].Reason = m.own
		}
	}
	return out
}
