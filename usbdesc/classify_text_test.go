package usbdesc

import "testing"

func TestAppendf(t *testing.T) {
	p := &Path{Direction: Capture, Chain: IDs{4, 5, 6}}
	for _, tc := range []struct {
		format string
		args   []any
		want   string
	}{
		{"%s %d is %s", []any{"input terminal", uint8(4), TermMicrophone}, "input terminal 4 is 0x0201 Microphone"},
		{"profile 0x%02x, %d Hz, %d ch", []any{uint8(0x24), uint32(192000), 3}, "profile 0x24, 192000 Hz, 3 ch"},
		{"path %s", []any{chainArg{1, 12, 5}}, "path 1→12→5"},
		{"%s; no playback path", []any{pathEnd{path: p, typ: TermMicrophone, id: 4}},
			"input terminal 4 is 0x0201 Microphone (capture path 4→5→6); no playback path"},
		{"100%", nil, "100%"},
		{"%d and %d", []any{1}, "1 and %!(MISSING)"},
		{"%s", []any{1.5}, "%!(BADTYPE)"},
	} {
		if got := string(appendf(nil, tc.format, tc.args...)); got != tc.want {
			t.Errorf("appendf(%q) = %q, want %q", tc.format, got, tc.want)
		}
	}
}
