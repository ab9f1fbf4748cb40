package vm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Boot describes one QEMU run.
type Boot struct {
	Kernel  *Kernel
	Initrd  string
	Devices []string // extra QEMU arguments, e.g. "-device", "qemu-xhci"
	Timeout time.Duration
	Log     io.Writer // optional live copy of the serial console
}

// BaseQEMUArgs are the flags VM.md verified: software emulation, 2 vCPUs,
// serial console on stdio, no default devices, exit instead of reboot.
func BaseQEMUArgs(vmlinuz, initrd string) []string {
	return []string{
		"-machine", "q35", "-cpu", "max", "-smp", "2", "-m", "1024",
		"-accel", "tcg,thread=multi",
		"-kernel", vmlinuz, "-initrd", initrd,
		"-append", "console=ttyS0 quiet panic=-1 rdinit=/init",
		"-nographic", "-no-reboot", "-nodefaults", "-serial", "stdio",
	}
}

// Result is the serial console of a finished run.
type Result struct {
	Console  string // with \r removed
	Elapsed  time.Duration
	Args     []string
	ExitCode int // of the scenario script, -1 if it never finished
}

// ErrTimeout is returned (with the partial Result) when the guest did not
// power off in time.
var ErrTimeout = errors.New("vm: guest did not power off before the timeout")

// Run boots the guest and waits for it to power off.
func (b Boot) Run(ctx context.Context) (*Result, error) {
	timeout := b.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	args := append(BaseQEMUArgs(b.Kernel.Vmlinuz, b.Initrd), b.Devices...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "qemu-system-x86_64", args...)
	cmd.WaitDelay = 5 * time.Second
	var buf lockedBuffer
	var out io.Writer = &buf
	if b.Log != nil {
		out = io.MultiWriter(&buf, b.Log)
	}
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.Stdin = nil
	start := time.Now()
	err := cmd.Run()
	res := &Result{
		Console: strings.ReplaceAll(buf.String(), "\r", ""),
		Elapsed: time.Since(start),
		Args:    append([]string{"qemu-system-x86_64"}, args...),
	}
	res.ExitCode = res.scenarioExit()
	if ctx.Err() == context.DeadlineExceeded {
		return res, fmt.Errorf("%w (%s); console tail:\n%s", ErrTimeout, timeout, tail(res.Console, 30))
	}
	if err != nil {
		return res, fmt.Errorf("qemu-system-x86_64: %v; console tail:\n%s", err, tail(res.Console, 30))
	}
	if !strings.Contains(res.Console, "@@E2E-DONE") {
		return res, fmt.Errorf("vm: guest stopped before its script finished; console tail:\n%s", tail(res.Console, 30))
	}
	return res, nil
}

func (r *Result) scenarioExit() int {
	i := strings.LastIndex(r.Console, MarkerExit)
	if i < 0 {
		return -1
	}
	var code int
	if _, err := fmt.Sscanf(r.Console[i+len(MarkerExit):], "%d", &code); err != nil {
		return -1
	}
	return code
}

// Section returns the lines printed between `begin NAME` and `end NAME`
// (the first such section), without the markers and without the status
// line `section` adds.
func (r *Result) Section(name string) (string, bool) {
	s, ok := r.rawSection(name)
	if i := strings.LastIndex(s, "@@E2E-STATUS "+name+" "); i >= 0 {
		s = s[:i]
	}
	return s, ok
}

func (r *Result) rawSection(name string) (string, bool) {
	begin := MarkerBegin + name + "\n"
	i := strings.Index(r.Console, begin)
	if i < 0 {
		return "", false
	}
	rest := r.Console[i+len(begin):]
	j := strings.Index(rest, MarkerEnd+name+"\n")
	if j < 0 {
		return rest, false
	}
	return rest[:j], true
}

// SectionStatus is the exit status `section NAME CMD` recorded, or -1.
func (r *Result) SectionStatus(name string) int {
	s, _ := r.rawSection(name)
	i := strings.LastIndex(s, "@@E2E-STATUS "+name+" ")
	if i < 0 {
		return -1
	}
	var code int
	fmt.Sscanf(s[i+len("@@E2E-STATUS "+name+" "):], "%d", &code)
	return code
}

// Uptime returns the guest uptime printed after a marker such as
// "@@E2E-BOOTED", "@@E2E-MODULES" or "@@E2E-DONE".
func (r *Result) Uptime(marker string) (time.Duration, bool) {
	i := strings.Index(r.Console, marker+" ")
	if i < 0 {
		return 0, false
	}
	var secs float64
	if _, err := fmt.Sscanf(r.Console[i+len(marker)+1:], "%f", &secs); err != nil {
		return 0, false
	}
	return time.Duration(secs * float64(time.Second)), true
}

// Notes returns the text of every "@@E2E-NOTE ..." line: scenarios print
// one when a wait times out or a step goes wrong.
func (r *Result) Notes() []string {
	var notes []string
	for _, line := range strings.Split(r.Console, "\n") {
		if strings.HasPrefix(line, "@@E2E-NOTE ") {
			notes = append(notes, strings.TrimPrefix(line, "@@E2E-NOTE "))
		}
	}
	return notes
}

// SaveConsole writes the console to a file, for failure reports.
func (r *Result) SaveConsole(path string) error {
	return os.WriteFile(path, []byte(r.Console), 0o644)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
