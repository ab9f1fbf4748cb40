package vm

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

// GoTool is the go command the harness builds guest programs with.
func GoTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// BuildStatic builds a Go package as a static linux/amd64 binary (no cgo,
// so it runs in a libc-less initramfs). dir is the directory to build from
// (any directory inside the module); pkg is an import path or ./relative.
func BuildStatic(ctx context.Context, dir, pkg, out string, tags ...string) error {
	args := []string{"build", "-trimpath", "-o", out}
	if len(tags) > 0 {
		t := tags[0]
		for _, s := range tags[1:] {
			t += "," + s
		}
		args = append(args, "-tags", t)
	}
	args = append(args, pkg)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, GoTool(), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64")
	if out, err := cmd.CombinedOutput(); err != nil {
		return &buildError{pkg: pkg, err: err, out: string(out)}
	}
	return nil
}

type buildError struct {
	pkg, out string
	err      error
}

func (e *buildError) Error() string { return "go build " + e.pkg + ": " + e.err.Error() + "\n" + e.out }

// BuildCgo builds a Go package with cgo for the host (linux/amd64), as a
// dynamically linked binary; carry it into the guest with GuestSpec.Dynamic.
func BuildCgo(ctx context.Context, dir, pkg, out string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, GoTool(), "build", "-trimpath", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return &buildError{pkg: pkg, err: err, out: string(out)}
	}
	return nil
}
