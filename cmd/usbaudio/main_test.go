package main

import (
	"bytes"
	"strings"
	"testing"
)

// Every command's --help prints its usage and examples on stdout and exits
// 0; a bad flag prints usage on stderr and exits 2.
func TestHelpAndBadFlags(t *testing.T) {
	for name := range commands {
		if name == "hid" {
			continue // dispatches to sub-commands, tested in hid_test.go
		}
		var out, errb bytes.Buffer
		if code := run([]string{name, "--help"}, &out, &errb); code != exitOK {
			t.Errorf("%s --help: exit %d", name, code)
		}
		if !strings.HasPrefix(out.String(), "usage: usbaudio "+name) || errb.Len() != 0 {
			t.Errorf("%s --help: stdout %q, stderr %q", name, firstLine(out.String()), firstLine(errb.String()))
		}
		out.Reset()
		errb.Reset()
		if code := run([]string{name, "--no-such-flag"}, &out, &errb); code != exitUsage {
			t.Errorf("%s --no-such-flag: exit %d, want %d", name, code, exitUsage)
		}
		if !strings.Contains(errb.String(), "no-such-flag") {
			t.Errorf("%s --no-such-flag: stderr %q", name, firstLine(errb.String()))
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "unknown command") {
		t.Errorf("unknown command: exit %d, stderr %q", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"--help"}, &out, &errb); code != exitOK || !strings.Contains(out.String(), "decode") {
		t.Errorf("usbaudio --help: exit %d, %q", code, out.String())
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func TestWatchHIDBackendFlag(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"watch", "--hid-backend", "usbfs", "--sysfs-root", "../../fixtures/sysfs/demo"}, &out, &errb); code != exitUsage ||
		!strings.Contains(errb.String(), "want hidraw or hidapi") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}
