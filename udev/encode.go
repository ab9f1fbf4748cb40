package udev

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxValueBytes caps what one device string may contribute; a hostile
// device's 255-byte (or longer) string is cut, never copied whole.
const maxValueBytes = 128

// allowedByte is udev's set of bytes that need no encoding
// (systemd's allow-listed characters for device node names).
func allowedByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' ||
		strings.IndexByte("#+-.:=@_", c) >= 0
}

// Safe is the plain form udev gives ID_MODEL: white space and every byte
// outside the allowed set become '_', leading and trailing white space is
// dropped. The result is printable ASCII with no quote, no '$', no
// backslash and no line break.
func Safe(s string) string {
	s = strings.TrimSpace(cut(s))
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if allowedByte(s[i]) {
			b.WriteByte(s[i])
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// Encoded is the _ENC form (as ID_MODEL_ENC): bytes outside the allowed set
// and the backslash become \xNN; valid multi-byte UTF-8 sequences are kept
// as they are (they contain no ASCII, hence no line break or quote).
func Encoded(s string) string {
	s = cut(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case size > 1 && r != utf8.RuneError && !unsafeRune(r):
			b.WriteString(s[i : i+size])
		case allowedByte(s[i]):
			b.WriteByte(s[i])
			size = 1
		default:
			fmt.Fprintf(&b, `\x%02x`, s[i])
			size = 1
		}
		i += size
	}
	return b.String()
}

// unsafeRune rejects Unicode line and paragraph separators and other
// format characters that some consumers treat as line breaks.
func unsafeRune(r rune) bool {
	return r == '\u0085' || r == '\u2028' || r == '\u2029' || r == '\ufeff' || (r >= '\u200b' && r <= '\u200f')
}

// cut limits s to maxValueBytes without splitting a UTF-8 sequence.
func cut(s string) string {
	if len(s) <= maxValueBytes {
		return s
	}
	end := maxValueBytes
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}
