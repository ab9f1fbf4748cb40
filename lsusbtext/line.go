package lsusbtext

import (
	"bytes"
	"strings"
)

// maxLines bounds the work on hostile input; real dumps have a few thousand lines.
const maxLines = 1 << 20

// textLine is one input line after undoing mailer damage.
type textLine struct {
	num  int    // 1-based line number in the original text
	text string // trimmed, whitespace runs kept as they were (tabs and NBSP turned to spaces)
}

// splitLines undoes the damage mail clients and web forms do to pasted text:
// CRLF, tabs, U+00A0 non-breaking spaces (UTF-8 or a bare Latin-1 0xA0 byte),
// and leading "> " quote markers. Indentation is dropped: the importer never
// relies on it because mailers collapse it.
func splitLines(text []byte) []textLine {
	var out []textLine
	num := 0
	for len(text) > 0 && num < maxLines {
		var line []byte
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, nil
		}
		num++
		out = append(out, textLine{num: num, text: cleanLine(line)})
	}
	return joinWrapped(out)
}

// joinWrapped undoes mail line-wrapping that moved a field's value to the
// next line ("guidFormat" / "{32595559-...}"): a field line without a value
// takes a following line that starts like a value.
func joinWrapped(lines []textLine) []textLine {
	for i := 0; i+1 < len(lines); i++ {
		f, ok := parseField(lines[i].text)
		if !ok || f.value != "" {
			continue
		}
		next := lines[i+1].text
		if next == "" || !startsLikeValue(next) {
			continue
		}
		if _, isField := parseField(next); isField {
			continue
		}
		lines[i].text += " " + next
		lines[i+1].text = ""
	}
	return lines
}

func startsLikeValue(s string) bool {
	c := s[0]
	return c == '{' || c >= '0' && c <= '9'
}

func cleanLine(line []byte) string {
	var b strings.Builder
	b.Grow(len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == 0xC2 && i+1 < len(line) && line[i+1] == 0xA0:
			b.WriteByte(' ')
			i++
		case c == 0xA0, c == '\t', c == '\r', c == '\v', c == '\f':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	s := strings.TrimSpace(b.String())
	// Quote markers: "> ", ">> ", "> > ". lsusb never starts a line with '>'.
	for strings.HasPrefix(s, ">") {
		s = strings.TrimSpace(s[1:])
	}
	return s
}

// field is a line of the form "name[(index)] value rest...".
type field struct {
	name    string // without index
	indexed bool   // name carried "(n)" or "[n]"
	value   string // first token after the name
	rest    string // text after the value (decoded meaning, string text)
}

// parseField recognises lsusb field lines. Field names are Hungarian-notation
// identifiers: a lowercase prefix then an uppercase letter (bLength, wTotalLength,
// tSamFreq, guidFormat, bmaControls); MaxPower is the one exception. Decoded
// lines ("Mute Control", "Transfer Type Isochronous", "(Bus Powered)") start
// uppercase or with punctuation and are not fields.
func parseField(s string) (field, bool) {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	// MaxPower, and MIDI OUT jacks' BaSourcePin, break the naming rule.
	isMaxPower := strings.HasPrefix(s, "MaxPower") || strings.HasPrefix(s, "BaSourcePin")
	if !isMaxPower && (i == 0 || i > 4 || i >= len(s) || !(s[i] >= 'A' && s[i] <= 'Z')) {
		return field{}, false
	}
	for i < len(s) && isIdentByte(s[i]) {
		i++
	}
	f := field{name: s[:i]}
	rest := s[i:]
	trimmed := strings.TrimLeft(rest, " ")
	if len(trimmed) > 0 && (trimmed[0] == '(' || trimmed[0] == '[') {
		closer := byte(')')
		if trimmed[0] == '[' {
			closer = ']'
		}
		j := strings.IndexByte(trimmed, closer)
		if j < 0 || !allDigitsOrSpace(trimmed[1:j]) {
			if f.name == "bmAttributes" || f.name == "bInterfaceClass" {
				// "(Bus Powered)" on the same line in old lsusb output.
				goto value
			}
			return field{}, false
		}
		f.indexed = true
		rest = trimmed[j+1:]
	} else if len(rest) > 0 && rest[0] != ' ' {
		return field{}, false // "bLengthX": not a field name followed by a value
	}
value:
	rest = strings.TrimLeft(rest, " ")
	if k := strings.IndexByte(rest, ' '); k >= 0 {
		f.value, f.rest = rest[:k], strings.TrimLeft(rest[k:], " ")
	} else {
		f.value = rest
	}
	return f, true
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func allDigitsOrSpace(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] == ' ') {
			return false
		}
	}
	return true
}
