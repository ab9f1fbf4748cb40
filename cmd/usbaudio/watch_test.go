package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/usbaudio/usbaudio/internal/testtree"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/source"
)

// syncBuffer is an output stream the loop writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitLines waits until the buffer holds n lines.
func waitLines(t *testing.T, b *syncBuffer, n int) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s := b.String(); strings.Count(s, "\n") >= n {
			return s
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %d lines; have:\n%s", n, b.String())
	return ""
}

// fakeNode is a HID node the test writes reports into, one per Read, as
// hidraw delivers them.
type fakeNode struct {
	reports chan []byte
	mu      sync.Mutex
	closed  bool
	gone    bool
}

func (f *fakeNode) Read(buf []byte, timeout time.Duration) (int, error) {
	select {
	case r, ok := <-f.reports:
		if !ok {
			return 0, fmt.Errorf("fake: %w", source.ErrGone)
		}
		return copy(buf, r), nil
	case <-time.After(timeout):
		return 0, source.ErrTimeout
	}
}

func (f *fakeNode) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return fmt.Errorf("closed twice")
	}
	f.closed = true
	return nil
}

func (f *fakeNode) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}

// fakeOpener hands out a new fakeNode per open and remembers them all.
type fakeOpener struct {
	mu     sync.Mutex
	opened []*fakeNode
	nodes  []string
	err    error
}

func (o *fakeOpener) open(node string) (source.HIDReader, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.nodes = append(o.nodes, node)
	if o.err != nil {
		return nil, o.err
	}
	n := &fakeNode{reports: make(chan []byte)}
	o.opened = append(o.opened, n)
	return n, nil
}

func (o *fakeOpener) last() *fakeNode {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opened[len(o.opened)-1]
}

// fakeClock steps 1 ms per reading, so lines have distinct, exact times.
func fakeClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Millisecond)
		return t
	}
}

// headsetDevice is 3-2 of source/testdata/headset: 1209:0001, audio plus a
// HID interface on hidraw5 whose one-byte input report holds volume up
// (bit 0), volume down (bit 1) and mute (bit 2).
func headsetDevice(t *testing.T) source.RawDevice {
	t.Helper()
	need(t, headsetRoot)
	devs, err := source.Scan(source.Options{Backend: source.BackendSysfs, Root: headsetRoot})
	if err != nil || len(devs) == 0 || devs[0].PortPath != "3-2" {
		t.Fatalf("headset tree: %v %+v", err, devs)
	}
	return devs[0]
}

type loopRun struct {
	out, errb syncBuffer
	opener    fakeOpener
	hotplug   chan source.HotplugEvent
	cancel    context.CancelFunc
	done      chan error
}

func startLoop(t *testing.T, asJSON bool, count int) *loopRun {
	r := &loopRun{hotplug: make(chan source.HotplugEvent, 8), done: make(chan error, 1)}
	l := &eventLoop{stdout: &r.out, stderr: &r.errb, open: r.opener.open, now: fakeClock(), asJSON: asJSON, count: count}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- l.run(ctx, r.hotplug) }()
	t.Cleanup(cancel)
	return r
}

func (r *loopRun) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("event loop did not stop")
		return nil
	}
}

// A button press and release, an unplug, a re-plug at a new address and a
// press on the new node: exact lines, and every node closed.
func TestWatchLoopReplug(t *testing.T) {
	dev := headsetDevice(t)
	r := startLoop(t, false, 0)
	r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Initial: true, Device: dev}
	waitLines(t, &r.out, 1)
	first := r.opener.last()
	first.reports <- []byte{0x01}
	waitLines(t, &r.out, 2)
	first.reports <- []byte{0x00}
	waitLines(t, &r.out, 3)
	r.hotplug <- source.HotplugEvent{Action: source.HotplugRemove, Device: dev}
	waitLines(t, &r.out, 4)
	if !first.isClosed() {
		t.Error("the unplugged device's node is still open")
	}
	again := dev
	again.Dev = 8 // a re-plug gets a new address
	r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Device: again}
	waitLines(t, &r.out, 5)
	second := r.opener.last()
	if second == first {
		t.Fatal("re-plugged device not opened again")
	}
	second.reports <- []byte{0x04}
	waitLines(t, &r.out, 6)
	r.cancel()
	if err := r.wait(t); err != nil {
		t.Fatalf("run: %v", err)
	}
	want := "2026-11-26T12:00:00.001Z 3-2 1209:0001 add Acme\\xff Test Headset\n" +
		"2026-11-26T12:00:00.002Z 3-2 1209:0001 volume-up pressed\n" +
		"2026-11-26T12:00:00.003Z 3-2 1209:0001 volume-up released\n" +
		"2026-11-26T12:00:00.004Z 3-2 1209:0001 remove\n" +
		"2026-11-26T12:00:00.005Z 3-2 1209:0001 add Acme\\xff Test Headset\n" +
		"2026-11-26T12:00:00.006Z 3-2 1209:0001 mute pressed\n"
	if got := r.out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !second.isClosed() {
		t.Error("node left open after the loop stopped")
	}
	if strings.Join(r.opener.nodes, ",") != "/dev/hidraw5,/dev/hidraw5" {
		t.Errorf("opened %q", r.opener.nodes)
	}
}

func TestWatchLoopJSON(t *testing.T) {
	dev := headsetDevice(t)
	r := startLoop(t, true, 2)
	r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Initial: true, Device: dev}
	waitLines(t, &r.out, 1)
	n := r.opener.last()
	n.reports <- []byte{0x02}
	n.reports <- []byte{0x00}
	if err := r.wait(t); err != nil { // --count 2 stops it
		t.Fatalf("run: %v", err)
	}
	want := `{"time":"2026-11-26T12:00:00.001Z","device":"3-2","id":"1209:0001","event":"add","name":"Acme\ufffd Test Headset","nodes":["/dev/hidraw5"],"initial":true}` + "\n" +
		`{"time":"2026-11-26T12:00:00.002Z","device":"3-2","id":"1209:0001","node":"/dev/hidraw5","control":"volume-down","event":"pressed","value":1}` + "\n" +
		`{"time":"2026-11-26T12:00:00.003Z","device":"3-2","id":"1209:0001","node":"/dev/hidraw5","control":"volume-down","event":"released","value":0}` + "\n"
	if got := r.out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !n.isClosed() {
		t.Error("node left open after --count")
	}
}

func TestWatchLoopNodeGone(t *testing.T) {
	dev := headsetDevice(t)
	r := startLoop(t, false, 0)
	r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Initial: true, Device: dev}
	waitLines(t, &r.out, 1)
	n := r.opener.last()
	close(n.reports) // the node errors: unplugged
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(r.errb.String(), "waiting for it to come back") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(r.errb.String(), "3-2 1209:0001 /dev/hidraw5: fake: device gone") || !n.isClosed() {
		t.Errorf("stderr %q, closed %v", r.errb.String(), n.isClosed())
	}
	r.hotplug <- source.HotplugEvent{Action: source.HotplugRemove, Device: dev}
	waitLines(t, &r.out, 2)
	r.cancel()
	if err := r.wait(t); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(r.out.String(), " 3-2 1209:0001 remove\n") {
		t.Errorf("out %q", r.out.String())
	}
}

func TestWatchLoopPermissionDenied(t *testing.T) {
	dev := headsetDevice(t)
	r := startLoop(t, false, 0)
	r.opener.err = &source.PermissionError{Node: "/dev/hidraw5", Why: "hidraw node, needed for HID input reports", Err: syscall.EACCES}
	r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Initial: true, Device: dev}
	err := r.wait(t)
	code, msg := exitCodeOf(err)
	if code != exitDenied || !strings.Contains(msg, "permission denied") {
		t.Fatalf("err %v (exit %d), want exit 4", err, code)
	}
	e := r.errb.String()
	for _, s := range []string{
		"permission denied opening /dev/hidraw5 (hidraw node, needed for HID input reports)",
		"make install-udev",
		`ATTRS{idVendor}=="1209", ATTRS{idProduct}=="0001", TAG+="uaccess"`,
	} {
		if !strings.Contains(e, s) {
			t.Errorf("stderr lacks %q:\n%s", s, e)
		}
	}
}

func exitCodeOf(err error) (int, string) {
	var ee *exitError
	switch {
	case err == nil:
		return 0, ""
	case errors.As(err, &ee):
		return ee.code, ee.err.Error()
	}
	return exitFailed, err.Error()
}

// Devices that are not audio devices are not watched unless --all-hid.
func TestWatchLoopSkipsNonAudio(t *testing.T) {
	need(t, demoRoot)
	devs, err := source.Scan(source.Options{Backend: source.BackendSysfs, Root: demoRoot})
	if err != nil || len(devs) != 5 {
		t.Fatalf("%v %d", err, len(devs))
	}
	r := startLoop(t, false, 0)
	for _, d := range devs {
		r.hotplug <- source.HotplugEvent{Action: source.HotplugAdd, Initial: true, Device: d}
	}
	waitLines(t, &r.out, 2)
	time.Sleep(50 * time.Millisecond)
	r.cancel()
	r.wait(t)
	if got := r.out.String(); got != "2026-11-26T12:00:00.001Z 1-1 46f4:0002 add QEMU USB Audio\n2026-11-26T12:00:00.002Z 3-1 047f:c024 add Plantronics, Inc.\n" {
		t.Errorf("watched %q", got)
	}
	// QEMU's audio device has no HID and the keyboard, mouse and tablet are
	// not audio devices: only the headset's node is opened.
	if strings.Join(r.opener.nodes, " ") != "/dev/hidraw3" {
		t.Errorf("opened %q, want only the headset's /dev/hidraw3", r.opener.nodes)
	}
}

func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(entries)
}

// The real command on a temporary tree: sysfs hotplug by polling, the
// hidraw node a FIFO under ROOT/dev that the test writes reports into.
// The headset is unplugged (its /sys/bus/usb/devices link removed) and
// plugged back at a new address; --count 3 ends the run, and no file
// descriptor is left open.
func TestWatchCommandOnTree(t *testing.T) {
	need(t, headsetRoot)
	root := testtree.Copy(t, headsetRoot)
	if err := os.MkdirAll(filepath.Join(root, "dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(root, "dev", "hidraw5")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// O_RDWR keeps a writer open, so the reader never sees end of file.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before := openFDs(t)

	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"watch", "--sysfs-root", root, "--poll", "20ms", "--timeout", "30s", "--count", "3"}, &out, &errb)
	}()
	waitLines(t, &out, 1)
	w.Write([]byte{0x01})
	waitLines(t, &out, 2)
	w.Write([]byte{0x00})
	waitLines(t, &out, 3)

	link := filepath.Join(root, "sys", "bus", "usb", "devices", "3-2")
	target, err := os.Readlink(link)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(link); err != nil { // unplug
		t.Fatal(err)
	}
	waitLines(t, &out, 4)
	devnum := filepath.Join(root, "sys", "devices", "pci0000:00", "0000:00:14.0", "usb3", "3-2", "devnum")
	if err := os.WriteFile(devnum, []byte("8\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil { // plug back in
		t.Fatal(err)
	}
	waitLines(t, &out, 5)
	w.Write([]byte{0x04})
	var code int
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("watch did not stop after --count 3; out:\n%s\nerr:\n%s", out.String(), errb.String())
	}
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errb.String())
	}
	stamp := `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`
	want := []string{
		stamp + ` 3-2 1209:0001 add Acme\\xff Test Headset`,
		stamp + ` 3-2 1209:0001 volume-up pressed`,
		stamp + ` 3-2 1209:0001 volume-up released`,
		stamp + ` 3-2 1209:0001 remove`,
		stamp + ` 3-2 1209:0001 add Acme\\xff Test Headset`,
		stamp + ` 3-2 1209:0001 mute pressed`,
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out.String())
	}
	for i, re := range want {
		if !regexp.MustCompile("^" + re + "$").MatchString(lines[i]) {
			t.Errorf("line %d = %q, want /%s/", i+1, lines[i], re)
		}
	}
	if after := openFDs(t); after != before {
		t.Errorf("%d file descriptors open before watch, %d after", before, after)
	}
}

func TestWatchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"watch", "--count", "-1"},
		{"watch", "--backend", "usbfs"},
		{"watch", "--backend", "libusb", "--sysfs-root", "."},
		{"watch", "stray"},
		{"watch", "-d", "zz"},
		{"watch", "--sysfs-root", filepath.Join(os.TempDir(), "usbaudio-no-such-tree")},
	} {
		if _, errOut, code := runLive(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d (want 2), stderr %q", args, code, errOut)
		}
	}
}

// --timeout ends a watch with nothing to report, with status 0.
func TestWatchTimeout(t *testing.T) {
	need(t, demoRoot)
	start := time.Now()
	out, errOut, code := runLive(t, "watch", "--sysfs-root", demoRoot, "--timeout", "200ms", "--poll", "20ms", "--json")
	if code != 0 || time.Since(start) > 5*time.Second {
		t.Fatalf("exit %d after %v; stderr %q", code, time.Since(start), errOut)
	}
	re := regexp.MustCompile(`^\{"time":"[^"]+","device":"1-1","id":"46f4:0002","event":"add","name":"QEMU USB Audio","initial":true\}\n` +
		`\{"time":"[^"]+","device":"3-1","id":"047f:c024","event":"add","name":"Plantronics, Inc.","nodes":\["/dev/hidraw3"\],"initial":true\}\n$`)
	if !re.MatchString(out) {
		t.Errorf("out %q", out)
	}
}

// --all-hid reports every HID device; -d limits the watch like scan's.
func TestWatchAllHIDAndFilter(t *testing.T) {
	need(t, demoRoot)
	out, _, code := runLive(t, "watch", "--sysfs-root", demoRoot, "--all-hid", "--timeout", "200ms", "--poll", "20ms")
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.SplitN(l, " ", 2); len(f) == 2 {
			got = append(got, f[1])
		}
	}
	want := "1-1 46f4:0002 add QEMU USB Audio|1-2 0627:0001 add QEMU USB Keyboard|1-3 0627:0001 add QEMU USB Mouse|1-4 0627:0001 add QEMU USB Tablet|3-1 047f:c024 add Plantronics, Inc."
	if code != 0 || strings.Join(got, "|") != want {
		t.Errorf("--all-hid: exit %d, lines %q", code, got)
	}
	out, _, code = runLive(t, "watch", "--sysfs-root", demoRoot, "-d", "0627:", "--all-hid", "--timeout", "200ms", "--poll", "20ms")
	if code != 0 || strings.Contains(out, "46f4:0002") || strings.Count(out, " add ") != 3 {
		t.Errorf("-d 0627: --all-hid: exit %d\n%s", code, out)
	}
	out, _, code = runLive(t, "watch", "--sysfs-root", demoRoot, "-d", "1234:", "--timeout", "100ms", "--poll", "20ms")
	if code != 0 || out != "" {
		t.Errorf("-d 1234: exit %d, %q", code, out)
	}
}

// Ctrl-C (SIGINT) ends a watch with status 0 and closes its nodes.
func TestWatchInterrupt(t *testing.T) {
	need(t, headsetRoot)
	root := testtree.Copy(t, headsetRoot)
	os.MkdirAll(filepath.Join(root, "dev"), 0o755)
	fifo := filepath.Join(root, "dev", "hidraw5")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before := openFDs(t)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"watch", "--sysfs-root", root, "--poll", "20ms", "--timeout", "30s"}, &out, &errb)
	}()
	waitLines(t, &out, 1) // the signal handler is installed before the first line
	time.Sleep(50 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after SIGINT; stderr %q", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SIGINT did not stop watch")
	}
	if after := openFDs(t); after != before {
		t.Errorf("%d file descriptors before, %d after", before, after)
	}
}
