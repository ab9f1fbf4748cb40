package source

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestTreeResolveStaysInRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret"), []byte("outside"), 0o644)
	os.MkdirAll(filepath.Join(root, "sys/devices/x"), 0o755)
	os.WriteFile(filepath.Join(root, "sys/devices/x/attr"), []byte("inside\n"), 0o644)
	os.WriteFile(filepath.Join(root, "secret"), []byte("root secret"), 0o644)
	os.MkdirAll(filepath.Join(root, "sys/bus"), 0o755)
	links := map[string]string{
		"sys/bus/abs":    "/sys/devices/x",                         // absolute: re-rooted
		"sys/bus/rel":    "../devices/x",                           // relative
		"sys/bus/escape": "../../../../../../../../" + outside[1:], // climbs past the root
		"sys/bus/host":   outside,                                  // absolute host path
		"sys/bus/loop1":  "loop2",
		"sys/bus/loop2":  "loop1",
		"sys/bus/chain":  "abs/attr",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	tr := tree{root: root, fs: OSFS{}}
	for _, c := range []struct {
		name, want string
	}{
		{"/sys/bus/abs/attr", "/sys/devices/x/attr"},
		{"/sys/bus/rel/attr", "/sys/devices/x/attr"},
		{"/sys/bus/chain", "/sys/devices/x/attr"},
		{"/sys/bus/escape", "/" + filepath.ToSlash(outside[1:])},
		{"/../../secret", "/secret"},
	} {
		got, _, err := tr.resolve(c.name)
		if c.name == "/sys/bus/escape" {
			// ".." stops at the root, so the link lands on root+outside, which does not exist
			if err == nil {
				t.Errorf("resolve(%s) = %s, want not-exist inside the root", c.name, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("resolve(%s) = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if b, _, _, err := tr.readFile("/sys/bus/host/secret", attrCap); err == nil {
		t.Errorf("read %q outside the root through an absolute link", b)
	}
	if _, _, err := tr.resolve("/sys/bus/loop1"); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("loop: err = %v, want ELOOP", err)
	}
	b, p, links2, err := tr.readFile("/sys/bus/abs/attr", attrCap)
	if err != nil || string(b) != "inside\n" || p != "/sys/devices/x/attr" || len(links2) != 1 || links2[0] != "/sys/bus/abs" {
		t.Errorf("readFile = %q %q %v %v", b, p, links2, err)
	}
}

func TestPortPathOrder(t *testing.T) {
	names := []string{"1-1.10", "usb2", "1-1.9", "2-1", "1-1", "usb1", "1-2"}
	want := []string{"usb1", "1-1", "1-1.9", "1-1.10", "1-2", "usb2", "2-1"}
	// sort with the scanner's order
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if portPathLess(names[j], names[i]) {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("order = %v, want %v", names, want)
		}
	}
}
