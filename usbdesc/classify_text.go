package usbdesc

import "strconv"

// Evidence text. Every Reason of one classification is written into one
// buffer with appendf and cut from a single string when the verdict is
// made: a classification costs three allocations (the buffer, that string
// and the Evidence list), not one per reason, and no fmt.

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
				b = strconv.AppendUint(b, uint64(v), 10)
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
		b = strconv.AppendUint(b, uint64(id), 10)
	}
	return b
}

// addf scores points for form with a reason written by appendf.
func (c *classifier) addf(form FormFactor, points int, format string, args ...any) {
	start := len(c.text)
	c.text = appendf(c.text, format, args...)
	c.mark(form, points, start)
}

// addText scores points for form with a fixed reason.
func (c *classifier) addText(form FormFactor, points int, reason string) {
	start := len(c.text)
	c.text = append(c.text, reason...)
	c.mark(form, points, start)
}

func (c *classifier) mark(form FormFactor, points int, start int) {
	for i, f := range formOrder {
		if f == form {
			c.points[i] += points
		}
	}
	c.ev = append(c.ev, Evidence{Points: points, For: form})
	if i := len(c.ev) - 1; i < len(c.spans) {
		c.spans[i] = [2]int32{int32(start), int32(len(c.text))}
	} else {
		c.ev[i].Reason = string(c.text[start:]) // past the spans: a string of its own
	}
}

// evidence is the Evidence list with every Reason filled in, the first
// ones cut from one string.
func (c *classifier) evidence() []Evidence {
	n := min(len(c.ev), len(c.spans))
	if n == 0 {
		return c.ev
	}
	text := string(c.text[:c.spans[n-1][1]])
	for i := range n {
		c.ev[i].Reason = text[c.spans[i][0]:c.spans[i][1]]
	}
	return c.ev
}
