package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/model"
)

// Commands that read saved descriptors (decode, convert) share this:
// a FILE or "-" for standard input, holding binary descriptors, hex text or
// the text of `lsusb -v` (one device or many), told apart by content.

// inputStdin is where "-" reads from; tests replace it.
var inputStdin io.Reader = os.Stdin

// maxInputBytes bounds what one input may hold: a sysfs descriptors file is
// at most a few configurations of 64 KiB, and lsusb text for many devices a
// few MiB. Larger inputs are refused rather than read into memory.
const maxInputBytes = 64 << 20

// inputFormat says how an input was read.
type inputFormat int

const (
	inputBinary inputFormat = iota
	inputHex
	inputLsusb
)

var inputFormatNames = [...]string{"binary", "hex text", "lsusb -v text"}

func (f inputFormat) String() string { return inputFormatNames[f] }

// inputDevice is one device's descriptor bytes and what came with them.
type inputDevice struct {
	origin      string // "headset.bin", "lsusb.txt line 12"
	format      inputFormat
	descriptors []byte
	strings     model.Strings
	idName      string
	// hidReports are HID report descriptors by interface number, when the
	// input carried them (lsusb -v run as root prints their items).
	hidReports map[uint8][]byte
	// gaps are what the lsusb text lacked (truncated paste, no root...);
	// missing is set when some of them lose descriptor bytes.
	gaps    []string
	missing bool
}

// inputMalformedError marks input that could not be read as any format;
// commands exit 5 for it.
type inputMalformedError struct{ msg string }

func (e *inputMalformedError) Error() string { return e.msg }

// readInputFiles reads every named input ("-" is standard input; no names
// means standard input) and returns the devices found in order.
func readInputFiles(names []string) ([]inputDevice, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var out []inputDevice
	for _, name := range names {
		data, err := readInputFile(name)
		if err != nil {
			return out, err
		}
		devs, err := parseInput(displayName(name), data)
		if err != nil {
			return out, err
		}
		out = append(out, devs...)
	}
	return out, nil
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

func readInputFile(name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = inputStdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a directory (for a sysfs device, give its descriptors file)", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	if len(data) > maxInputBytes {
		return nil, &inputMalformedError{fmt.Sprintf("%s: larger than %d MiB; not a descriptor dump", displayName(name), maxInputBytes>>20)}
	}
	return data, nil
}

// parseInput tells the format from the content: text that lsusbtext
// recognises is lsusb output; other text must be hex; anything with bytes
// outside printable ASCII is binary.
func parseInput(origin string, data []byte) ([]inputDevice, error) {
	if len(data) == 0 {
		return nil, &inputMalformedError{origin + ": empty"}
	}
	if !isText(data) {
		return []inputDevice{{origin: origin, format: inputBinary, descriptors: data}}, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark from Windows editors
	if lsusbtext.Detect(data) {
		devs, err := lsusbtext.Parse(data)
		if err != nil {
			return nil, &inputMalformedError{fmt.Sprintf("%s: %v", origin, err)}
		}
		out := make([]inputDevice, 0, len(devs))
		for i := range devs {
			d := &devs[i]
			in := inputDevice{
				origin:      fmt.Sprintf("%s line %d", origin, d.Line),
				format:      inputLsusb,
				descriptors: d.Descriptors,
				strings: model.Strings{Manufacturer: d.Manufacturer, Product: d.Product,
					Serial: d.Serial, Table: d.StringTable},
				idName:  d.IDName,
				missing: d.Missing(),
			}
			for _, g := range d.Gaps {
				in.gaps = append(in.gaps, g.String())
			}
			for _, rd := range d.ReportDescriptors {
				if rd.Interface < 0 || rd.Interface > 255 || len(rd.Bytes) == 0 {
					continue
				}
				if in.hidReports == nil {
					in.hidReports = map[uint8][]byte{}
				}
				in.hidReports[uint8(rd.Interface)] = rd.Bytes
			}
			out = append(out, in)
		}
		return out, nil
	}
	b, err := parseHexText(data)
	if err != nil {
		return nil, &inputMalformedError{fmt.Sprintf("%s: not binary, hex or lsusb -v text: %v", origin, err)}
	}
	return []inputDevice{{origin: origin, format: inputHex, descriptors: b}}, nil
}

// isText: only printable ASCII and whitespace, plus UTF-8 (lsusb prints
// device strings, and mailers add non-breaking spaces). Descriptor bytes
// start with a small bLength and a type below 0x20, so a binary blob is
// never mistaken for text.
func isText(data []byte) bool {
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			return false
		}
	}
	return true
}

// parseHexText reads hex bytes in the layouts people paste: "12 01 00 02",
// "0x12, 0x01," (C arrays: the declaration before '{' is skipped), "12010002" runs,
// xxd ("00000000: 1201 0002 ...  ascii") and hexdump -C ("00000000  12 01
// ... |ascii|"), with any number of bytes a line. Offset columns and ASCII
// columns are skipped; anything else that is not hex is an error naming
// its line.
func parseHexText(text []byte) ([]byte, error) {
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	var out []byte
	offsets := false // lines so far had an offset column
	for n, line := range strings.Split(string(text), "\n") {
		lineNo := n + 1
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if i := strings.IndexByte(line, '{'); i >= 0 {
			line = line[i+1:] // a C declaration: "static const uint8_t desc[] = {"
		}
		// An offset column: "0000:" / "00000010:" (xxd and most dumps), or
		// hexdump -C's 8 digits without a colon. hexdump -C ends with a
		// line holding only the length, which a run of 4 bytes would look
		// like: only after offset lines is it one.
		fields := strings.Fields(line)
		if len(fields) > 0 {
			first := fields[0]
			colon := strings.HasSuffix(first, ":") && isHexDigits(strings.TrimSuffix(first, ":"))
			if colon || len(first) == 8 && isHexDigits(first) &&
				(len(fields) > 1 && len(fields[1]) == 2 || len(fields) == 1 && offsets) {
				offsets = true
				line = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(line, " \t"), first), " \t")
				if colon {
					// xxd puts its ASCII column two spaces after the hex.
					if i := strings.Index(line, "  "); i >= 0 {
						line = line[:i]
					}
				}
			}
		}
		tokens := strings.FieldsFunc(line, func(r rune) bool {
			return r == ' ' || r == '\t' || r == '\r' || r == '\f' || r == ',' || r == ';' ||
				r == '{' || r == '}' || r == '[' || r == ']' || r == 0xa0
		})
		for _, t := range tokens {
			h := strings.TrimPrefix(strings.TrimPrefix(t, "0x"), "0X")
			if !isHexDigits(h) || len(h)%2 != 0 {
				return nil, fmt.Errorf("line %d: %q is not a hex byte", lineNo, t)
			}
			for i := 0; i < len(h); i += 2 {
				out = append(out, hexByte(h[i])<<4|hexByte(h[i+1]))
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no hex bytes found")
	}
	return out, nil
}

func isHexDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexByte(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// formatHex writes bytes as lower-case hex, 16 a line, with no offsets, so
// the output reads back with parseHexText and with `xxd -r -p`.
func formatHex(w io.Writer, b []byte) error {
	var buf bytes.Buffer
	for i, c := range b {
		if i > 0 {
			if i%16 == 0 {
				buf.WriteByte('\n')
			} else {
				buf.WriteByte(' ')
			}
		}
		fmt.Fprintf(&buf, "%02x", c)
	}
	if len(b) > 0 {
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}
