//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// env is shared by every scenario: one kernel, guest programs built once.
var env struct {
	kernel *vm.Kernel
	build  string            // cache directory for initramfs images and logs
	bins   map[string]string // guest path -> host binary
	// cgoBin is usbaudio built with cgo (libusb, hidapi): scenarios that
	// need --backend libusb carry it with GuestSpec.Dynamic.
	cgoBin string
	err    error
}

// Guest paths of the two usbaudio builds. The static one is in every guest
// (it is also the emulator: usbaudio emulate); the cgo one only where a
// scenario asks for it, with its shared libraries.
const (
	guestUsbaudio    = "/usr/local/bin/usbaudio"
	guestUsbaudioCgo = "/usr/local/bin/usbaudio-cgo"
)

// repoRoot is the module root: tests run in e2e/.
const repoRoot = ".."

func TestMain(m *testing.M) {
	ctx := context.Background()
	start := time.Now()
	env.err = setup(ctx)
	if env.err == nil {
		fmt.Printf("e2e setup: kernel %s (%s), guest programs built, %.1fs\n",
			env.kernel.Release, env.kernel.DebVersion, time.Since(start).Seconds())
	}
	os.Exit(m.Run())
}

func setup(ctx context.Context) error {
	logf := func(f string, a ...any) { fmt.Printf(f+"\n", a...) }
	if err := vm.EnsureHostTools(ctx, logf); err != nil {
		return err
	}
	cache := vm.CacheDir()
	k, err := vm.FetchKernel(ctx, cache, logf)
	if err != nil {
		return err
	}
	env.kernel = k
	env.build = filepath.Join(cache, "build")
	if err := os.MkdirAll(env.build, 0o755); err != nil {
		return err
	}
	env.bins = map[string]string{}
	capBin := filepath.Join(env.build, "sysfscapture")
	if err := vm.BuildStatic(ctx, repoRoot, "./e2e/guest/sysfscapture", capBin); err != nil {
		return err
	}
	env.bins["bin/sysfscapture"] = capBin
	// usbaudio builds without cgo (sysfs and hidraw are read directly), so
	// the guest needs no libc for it.
	static := filepath.Join(env.build, "usbaudio")
	if err := vm.BuildStatic(ctx, repoRoot, "./cmd/usbaudio", static); err != nil {
		return err
	}
	env.bins[strings.TrimPrefix(guestUsbaudio, "/")] = static
	env.cgoBin = filepath.Join(env.build, "usbaudio-cgo")
	return vm.BuildCgo(ctx, repoRoot, "./cmd/usbaudio", env.cgoBin)
}

// boot builds an initramfs for one scenario, boots it and fails the test
// with the console tail when the guest does not finish. The console is
// kept in the cache's build/ directory for post-mortems.
func boot(t *testing.T, name string, spec vm.GuestSpec, devices []string, timeout time.Duration) *vm.Result {
	t.Helper()
	if env.err != nil {
		t.Fatalf("e2e setup failed: %v", env.err)
	}
	ctx := context.Background()
	if spec.Files == nil {
		spec.Files = map[string]string{}
	}
	for g, h := range env.bins {
		spec.Files[g] = h
	}
	initrd := filepath.Join(env.build, "e2e-"+name+".cpio.gz")
	if err := env.kernel.BuildInitramfs(ctx, spec, initrd); err != nil {
		t.Fatalf("initramfs: %v", err)
	}
	res, err := vm.Boot{Kernel: env.kernel, Initrd: initrd, Devices: devices, Timeout: timeout}.Run(ctx)
	logPath := filepath.Join(env.build, "e2e-"+name+".console.log")
	if res != nil {
		res.SaveConsole(logPath)
		booted, _ := res.Uptime("@@E2E-BOOTED")
		mods, _ := res.Uptime("@@E2E-MODULES")
		t.Logf("scenario %s: %.1fs wall (guest: /init at %.1fs, modules loaded at %.1fs); console: %s",
			name, res.Elapsed.Seconds(), booted.Seconds(), mods.Seconds(), logPath)
		fmt.Printf("=== TIME %s %.1fs\n", name, res.Elapsed.Seconds())
	}
	if err != nil {
		t.Fatalf("scenario %s: %v", name, err)
	}
	return res
}

// section returns a named section of the guest output or fails.
func section(t *testing.T, res *vm.Result, name string) string {
	t.Helper()
	s, ok := res.Section(name)
	if !ok {
		t.Fatalf("guest printed no complete section %q; console tail:\n%s", name, tailLines(res.Console, 40))
	}
	return s
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
