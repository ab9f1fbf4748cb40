package vm

import (
	"context"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"time"
)

// BusyboxPath is where Debian's busybox-static installs its binary.
const BusyboxPath = "/bin/busybox"

// EnsureHostTools installs what the harness runs on the host (QEMU, a static
// busybox for the guest, kmod for depmod/modprobe, cpio) when missing. It
// needs root for apt-get; without root it only reports what is missing.
func EnsureHostTools(ctx context.Context, logf func(string, ...any)) error {
	var missing []string
	if _, err := exec.LookPath("qemu-system-x86_64"); err != nil {
		missing = append(missing, "qemu-system-x86")
	}
	if !isStaticELF(BusyboxPath) {
		missing = append(missing, "busybox-static")
	}
	_, e1 := exec.LookPath("depmod")
	_, e2 := exec.LookPath("modprobe")
	if e1 != nil || e2 != nil {
		missing = append(missing, "kmod")
	}
	if _, err := exec.LookPath("dpkg"); err != nil {
		return fmt.Errorf("dpkg not found: the e2e harness needs a Debian-like host")
	}
	if len(missing) == 0 {
		return nil
	}
	if os.Geteuid() != 0 {
		return fmt.Errorf("missing host packages %v and not root: apt-get install -y %v", missing, missing)
	}
	if logf != nil {
		logf("vm: apt-get install %v", missing)
	}
	args := append([]string{"install", "-y", "--no-install-recommends"}, missing...)
	if err := run(ctx, 5*time.Minute, "", "apt-get", args...); err != nil {
		if uerr := run(ctx, 5*time.Minute, "", "apt-get", "update"); uerr != nil {
			return fmt.Errorf("%v (apt-get update: %v)", err, uerr)
		}
		if err := run(ctx, 5*time.Minute, "", "apt-get", args...); err != nil {
			return err
		}
	}
	if !isStaticELF(BusyboxPath) {
		return fmt.Errorf("%s is not a static binary after installing busybox-static", BusyboxPath)
	}
	return nil
}

// isStaticELF reports whether path is an ELF executable with no program
// interpreter, i.e. one that runs in an initramfs without a libc.
func isStaticELF(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return false
		}
	}
	return true
}

// QEMUVersion is the first line of `qemu-system-x86_64 --version`.
func QEMUVersion(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "qemu-system-x86_64", "--version").Output()
	if err != nil {
		return "unknown"
	}
	return firstLine(string(out))
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
