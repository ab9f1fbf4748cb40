package udev

import (
	"fmt"
	"io"
)

// Property is one KEY=VALUE line. Keys are ours (never from the device);
// values pass through Safe or Encoded before they get here, or are numbers
// and fixed words.
type Property struct {
	Key   string
	Value string
}

// validKey: an upper-case letter, then upper-case letters, digits and
// '_' — what udev accepts as a property name and what we emit.
func validKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '_')) {
			return false
		}
	}
	return k != ""
}

// Write prints props one per line. It refuses (rather than prints) a key
// that is not a plain upper-case name or a value holding a byte that could
// end the line or be taken for quoting — a bug guard: encoded values never
// trip it.
func Write(w io.Writer, props []Property) error {
	for _, p := range props {
		if !validKey(p.Key) {
			return fmt.Errorf("udev: refusing property key %q", p.Key)
		}
		for i := 0; i < len(p.Value); i++ {
			switch c := p.Value[i]; {
			case c < 0x20, c == 0x7f, c == '"', c == '\'', c == '`', c == '$', c == '\\' && !isHexEscape(p.Value, i):
				return fmt.Errorf("udev: refusing unencoded byte 0x%02x in %s", c, p.Key)
			}
		}
		if _, err := fmt.Fprintf(w, "%s=%s\n", p.Key, p.Value); err != nil {
			return err
		}
	}
	return nil
}

// isHexEscape reports whether s[i:] starts a \xNN escape made by Encoded.
func isHexEscape(s string, i int) bool {
	if i+3 >= len(s) || s[i+1] != 'x' {
		return false
	}
	return isHex(s[i+2]) && isHex(s[i+3])
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
