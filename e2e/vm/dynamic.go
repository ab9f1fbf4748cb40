package vm

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// SharedLibraries lists the absolute paths of the shared objects a host
// binary needs, the dynamic loader included, as `ldd` prints them. A static
// binary needs none. Copying them into the initramfs at the same paths lets
// a cgo binary (libusb, hidapi, libudev) run in the guest.
func SharedLibraries(ctx context.Context, binary string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ldd", binary).CombinedOutput()
	if err != nil {
		if bytes.Contains(out, []byte("not a dynamic executable")) {
			return nil, nil
		}
		return nil, fmt.Errorf("ldd %s: %v: %s", binary, err, bytes.TrimSpace(out))
	}
	var libs []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.Contains(line, "not found") {
			return nil, fmt.Errorf("ldd %s: %s", binary, line)
		}
		// "libusb-1.0.so.0 => /lib/x86_64-linux-gnu/libusb-1.0.so.0 (0x...)"
		// or the loader: "/lib64/ld-linux-x86-64.so.2 (0x...)"; linux-vdso has no path.
		if _, after, ok := strings.Cut(line, "=> "); ok {
			line = after
		}
		path, _, _ := strings.Cut(line, " ")
		if filepath.IsAbs(path) {
			libs = append(libs, path)
		}
	}
	return libs, nil
}
