package udev

import (
	"bytes"
	"strings"
	"testing"
)

// hostile are product strings a malicious device could report.
var hostile = []string{
	"Headset\nUSBAUDIO_FORM_FACTOR=speaker",
	"X\r\nRUN+=\"/bin/sh\"",
	`a"b'c`,
	"$(reboot)",
	"`id`",
	"\\x41 backslash",
	"tab\there",
	"bad\xff\xfeutf8\xc3",
	"nul\x00byte",
	"line\u2028sep",
	strings.Repeat("A", 255),
	strings.Repeat("é", 200),
	"=leading equals",
	"",
}

func TestSafe(t *testing.T) {
	cases := map[string]string{
		"Logitech USB Headset H340": "Logitech_USB_Headset_H340",
		"  padded  ":                "padded",
		"Headset\nX=1":              "Headset_X=1",
		"$(reboot)":                 "__reboot_",
		"caf\xc3\xa9":               "caf__",
		"a\"b":                      "a_b",
	}
	for in, want := range cases {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncoded(t *testing.T) {
	cases := map[string]string{
		"USB Headset": `USB\x20Headset`,
		"caf\xc3\xa9": "caf\xc3\xa9", // valid UTF-8 kept, as udev keeps it
		"a\nb":        `a\x0ab`,
		`back\slash`:  `back\x5cslash`,
		"bad\xff":     `bad\xff`,
		"$(x)":        `\x24\x28x\x29`,
		"l\u2028s":    `l\xe2\x80\xa8s`,
	}
	for in, want := range cases {
		if got := Encoded(in); got != want {
			t.Errorf("Encoded(%q) = %q, want %q", in, got, want)
		}
	}
}

// parseLikeUdev reads KEY=VALUE lines the way udev's IMPORT{program} does:
// one property per line, split at the first '=', surrounding quotes removed.
func parseLikeUdev(out string) map[string]string {
	props := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		props[k] = v
	}
	return props
}

// TestHostileStringsCannotAddOrAlterVariables is the property the rules rely
// on: whatever the device says, exactly our keys come out, each once, with
// the fixed values untouched.
func TestHostileStringsCannotAddOrAlterVariables(t *testing.T) {
	for _, s := range hostile {
		props := []Property{
			{"USBAUDIO_MODEL", Safe(s)},
			{"USBAUDIO_MODEL_ENC", Encoded(s)},
			{"USBAUDIO_FORM_FACTOR", "headset"},
		}
		var buf bytes.Buffer
		if err := Write(&buf, props); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out := buf.String()
		if n := strings.Count(out, "\n"); n != 3 {
			t.Errorf("%q: %d lines, want 3:\n%s", s, n, out)
		}
		got := parseLikeUdev(out)
		if len(got) != 3 || got["USBAUDIO_FORM_FACTOR"] != "headset" {
			t.Errorf("%q: parsed %v", s, got)
		}
		for k, v := range got {
			if len(v) > 4*maxValueBytes {
				t.Errorf("%q: %s is %d bytes", s, k, len(v))
			}
		}
	}
}

func TestWriteRefusesUnencoded(t *testing.T) {
	for _, p := range []Property{
		{"USBAUDIO_X", "a\nB=1"},
		{"USBAUDIO_X", `$(id)`},
		{"USBAUDIO_X", `a\b`},
		{"lower", "1"},
		{"A B", "1"},
	} {
		if err := Write(&bytes.Buffer{}, []Property{p}); err == nil {
			t.Errorf("Write(%q=%q) accepted", p.Key, p.Value)
		}
	}
	if err := Write(&bytes.Buffer{}, []Property{{"USBAUDIO_X", `a\x20b`}}); err != nil {
		t.Errorf("an encoded escape was refused: %v", err)
	}
}

func FuzzEncoding(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := Write(&buf, []Property{{"USBAUDIO_A", Safe(s)}, {"USBAUDIO_B", Encoded(s)}}); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got := parseLikeUdev(buf.String()); len(got) != 2 {
			t.Fatalf("%q: parsed %v", s, got)
		}
	})
}
