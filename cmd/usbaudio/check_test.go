package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"github.com/usbaudio/usbaudio/internal/testtree"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/bench"
	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/source"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// demoAudioDir is the QEMU usb-audio device directory of the demo tree.
var demoAudioDir = filepath.Join("sys", "devices", "pci0000:00", "0000:00:01.0", "usb1", "1-1")

// makeProfile runs usbaudio profile and returns the path of the profile.
func makeProfile(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := runLive(t, append([]string{"profile"}, args...)...)
	if code != 0 {
		t.Fatalf("profile %v: exit %d\n%s", args, code, errOut)
	}
	if _, err := bench.ParseProfile([]byte(out)); err != nil {
		t.Fatalf("profile does not read back: %v\n%s", err, out)
	}
	p := filepath.Join(t.TempDir(), "golden.json")
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// failLines are the FAIL lines of a check's text output, indentation off.
func failLines(out string) []string {
	var fails []string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "FAIL ") {
			fails = append(fails, l)
		}
	}
	return fails
}

// editFile rewrites a file in place.
func editFile(t *testing.T, path string, edit func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edit(b), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dropMasterMute clears the master mute bit of the first feature unit of
// a UAC1 descriptors file: bmaControls(0) starts at offset 6, mute is bit 0
// (UAC1 §4.3.2.5). The offset comes from the parsed model.
func dropMasterMute(t *testing.T, b []byte) []byte {
	t.Helper()
	d, _ := model.FromDescriptors(b, model.Strings{}, nil)
	if d == nil || len(d.AudioFunctions) == 0 {
		t.Fatal("no audio function")
	}
	for _, e := range d.AudioFunctions[0].Function.Entities {
		if fu, ok := e.(*usbdesc.FeatureUnit); ok {
			if b[fu.Offset+6]&1 == 0 {
				t.Fatal("no master mute to drop")
			}
			b[fu.Offset+6] &^= 1
			return b
		}
	}
	t.Fatal("no feature unit")
	return nil
}

func TestCheckDemoTreePassesItsProfile(t *testing.T) {
	need(t, demoRoot)
	golden := makeProfile(t, "--sysfs-root", demoRoot, "-d", "46f4:0002")
	out, errOut, code := runLive(t, "check", "--expect", golden, "--sysfs-root", demoRoot)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, s := range []string{
		"Unit 46f4:0002 QEMU USB Audio, serial ****.0-1, at 1-1\n",
		"  PASS playback 1 channels: 2\n",
		"  PASS playback 1 control mute: master, read-write\n",
		"  PASS playback 1 volume range: -127.99 to 8 dB\n",
		"Result: PASS (16 checks)\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	// The example profile in fixtures/profiles is this one.
	fixture := filepath.Join("..", "..", "fixtures", "profiles", "sysfs-demo.json")
	if _, _, code := runLive(t, "check", "--expect", fixture, "--sysfs-root", demoRoot); code != 0 {
		t.Errorf("fixtures/profiles/sysfs-demo.json: exit %d", code)
	}
}

// Mutated live trees: each fails exactly its check, with exit status 1.
func TestCheckDemoTreeMutations(t *testing.T) {
	need(t, demoRoot)
	golden := makeProfile(t, "--sysfs-root", demoRoot, "-d", "46f4:0002")
	cases := []struct {
		name string
		edit func(t *testing.T, root string)
		want []string
	}{
		{"no mute", func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, demoAudioDir, "descriptors"), func(b []byte) []byte { return dropMasterMute(t, b) })
		}, []string{"FAIL playback 1 control mute: expected master, read-write, got missing"}},
		{"kernel volume range", func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, "proc", "asound", "card0", "usbmixer"), func(b []byte) []byte {
				return []byte(strings.Replace(string(b), "dBmin=-12799", "dBmin=-6000", 1))
			})
		}, []string{"FAIL playback 1 volume range: expected -127.99 to 8 dB (±0.5), got -60 to 8 dB"}},
		{"other product string", func(t *testing.T, root string) {
			editFile(t, filepath.Join(root, demoAudioDir, "product"), func([]byte) []byte { return []byte("QEMU USB Speaker\n") })
		}, []string{`FAIL product: expected "QEMU USB Audio", got "QEMU USB Speaker"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := testtree.Copy(t, demoRoot)
			c.edit(t, root)
			out, errOut, code := runLive(t, "check", "--expect", golden, "--sysfs-root", root)
			if code != exitFailed {
				t.Errorf("exit %d, want 1\n%s", code, errOut)
			}
			if got := failLines(out); strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("failures\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if !strings.Contains(out, "Result: FAIL (1 of 16 checks failed)") {
				t.Errorf("no FAIL result line:\n%s", out)
			}
			if !strings.Contains(errOut, "usbaudio check: 1 of 1 unit(s) failed") {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// junitFile is the JUnit XML as a CI system reads it.
type junitFile struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, path string) junitFile {
	t.Helper()
	var j junitFile
	if err := xml.Unmarshal(readFileT(t, path), &j); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return j
}

func readFileT(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCheckJUnitAndJSON(t *testing.T) {
	need(t, demoRoot)
	golden := makeProfile(t, "--sysfs-root", demoRoot, "-d", "46f4:0002")
	root := testtree.Copy(t, demoRoot)
	editFile(t, filepath.Join(root, demoAudioDir, "descriptors"), func(b []byte) []byte { return dropMasterMute(t, b) })
	junit := filepath.Join(t.TempDir(), "unit.xml")

	for _, reveal := range []bool{false, true} {
		args := []string{"check", "--expect", golden, "--sysfs-root", root, "--junit", junit, "--json"}
		serial := "****.0-1"
		if reveal {
			args = append(args, "--reveal-serial")
			serial = "1-0000:00:01.0-1"
		}
		out, errOut, code := runLive(t, args...)
		if code != exitFailed {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		j := readJUnit(t, junit)
		if j.Tests != 16 || j.Failures != 1 || len(j.Suites) != 1 || len(j.Suites[0].Cases) != 16 {
			t.Fatalf("junit: %d tests, %d failures, %d suites", j.Tests, j.Failures, len(j.Suites))
		}
		props := map[string]string{}
		for _, p := range j.Suites[0].Properties {
			props[p.Name] = p.Value
		}
		if props["serial"] != serial || props["origin"] != "1-1" || props["vid_pid"] != "46f4:0002" {
			t.Errorf("reveal %v: properties %v", reveal, props)
		}
		var failed []string
		for _, c := range j.Suites[0].Cases {
			if c.Failure != nil {
				failed = append(failed, c.Name+" | "+c.Failure.Message)
			}
		}
		if want := "playback 1 control mute | playback 1 control mute: expected master, read-write, got missing"; len(failed) != 1 || failed[0] != want {
			t.Errorf("junit failures %q", failed)
		}

		var rep bench.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("--json: %v\n%s", err, out)
		}
		if rep.Schema != bench.ReportSchema || rep.Pass || len(rep.Units) != 1 || rep.Units[0].Failed != 1 ||
			rep.Units[0].Serial != serial || rep.Units[0].Origin != "1-1" {
			t.Errorf("--json report %+v", rep)
		}
	}
}

// FILE inputs: saved descriptors and lsusb text, -d filtering, exit 3.
func TestCheckFiles(t *testing.T) {
	need(t, qemuAudio, h340Text)
	golden := makeProfile(t, qemuAudio)
	if out, errOut, code := runLive(t, "check", "--expect", golden, qemuAudio); code != 0 {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	// The profile's vid:pid selects: the H340 is not the product under test.
	_, errOut, code := runLive(t, "check", "--expect", golden, h340Text)
	if code != exitNoDevice || !strings.Contains(errOut, "no device in the input matches -d 46f4:0002") {
		t.Errorf("other product: exit %d, %s", code, errOut)
	}
	// A profile from lsusb text, with the string table checked.
	h340 := makeProfile(t, h340Text)
	out, errOut, code := runLive(t, "check", "--expect", h340, h340Text)
	if code != 0 || !strings.Contains(out, `PASS product: "Logitech USB Headset H340"`) || !strings.Contains(out, "PASS string ") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	// The spec headset is checked against the QEMU profile with -d on
	// purpose: everything about it differs.
	uac2 := filepath.Join("..", "..", "fixtures", "spec", "uac2-headset", "descriptors.bin")
	out, _, code = runLive(t, "check", "--expect", golden, "-d", "1209:", uac2)
	fails := failLines(out)
	if code != exitFailed || len(fails) != 8 || fails[1] != "FAIL product id: expected 0002, got 5a01" ||
		fails[5] != "FAIL playback 1 to terminal: expected 0x0301 (Speaker), got 0x0402 (Headset)" {
		t.Errorf("exit %d, failures %q", code, fails)
	}
}

// A HID button missing from a FILE input given its report descriptor with
// --hid-report, as decode takes it.
func TestCheckHIDReportFile(t *testing.T) {
	jabra := filepath.Join("..", "..", "..", "shared", "realdata", "jabra-biz-2400-ii", "report_descriptor.bin")
	need(t, h340Text, jabra)
	golden := makeProfile(t, "--hid-report", "3="+jabra, h340Text)
	if !strings.Contains(string(readFileT(t, golden)), `"controls": ["volume-up", "volume-down", "mute", "hook-switch"`) {
		t.Errorf("profile lacks the HID controls:\n%s", readFileT(t, golden))
	}
	report := readFileT(t, jabra)
	d, err := hid.Parse(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range d.Items { // Usage (Mute) on the Consumer page → Usage 0
		if it.Type == hid.ItemLocal && it.Tag == hid.TagUsage && it.UsagePage == 0x0c && it.Data == hid.ConsumerMute {
			report[it.Offset+1] = 0
		}
	}
	mutant := filepath.Join(t.TempDir(), "report.bin")
	if err := os.WriteFile(mutant, report, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runLive(t, "check", "--expect", golden, "--hid-report", "3="+mutant, h340Text)
	if got := failLines(out); code != exitFailed || len(got) != 1 || got[0] != "FAIL hid control mute: expected present, got missing" {
		t.Errorf("exit %d, failures %q", code, got)
	}
	// Without the report descriptor the HID checks cannot pass, and say why.
	out, _, _ = runLive(t, "check", "--expect", golden, h340Text)
	if !strings.Contains(out, "FAIL hid control volume-up: expected present, got unknown (HID report descriptor not read)") {
		t.Errorf("no report descriptor:\n%s", out)
	}
}

func TestCheckUsage(t *testing.T) {
	need(t, demoRoot, qemuAudio)
	golden := makeProfile(t, qemuAudio)
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"schema": "usbaudio-profile/v1", "paths": [{"direction": "sideways"}]}`), 0o644)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"check"}, exitUsage, "--expect PROFILE is required"},
		{[]string{"check", "--expect", "/nonexistent.json"}, exitUsage, "--expect"},
		{[]string{"check", "--expect", bad}, exitUsage, `direction "sideways"`},
		{[]string{"check", "--expect", golden, "--press", "volume-upp", "--sysfs-root", demoRoot}, exitUsage, `unknown control "volume-upp"`},
		{[]string{"check", "--expect", golden, "--press", "mute", qemuAudio}, exitUsage, "--press needs a live unit"},
		{[]string{"check", "--expect", golden, "--count", "2"}, exitUsage, "--count goes with --wait"},
		{[]string{"check", "--expect", golden, "--wait", qemuAudio}, exitUsage, "it takes no FILE"},
		{[]string{"check", "--expect", golden, "--sysfs-root", demoRoot, qemuAudio}, exitUsage, "cannot be combined with FILE"},
		{[]string{"check", "--expect", golden, "--sysfs-root", demoRoot, "-d", "1234:5678"}, exitNoDevice, "no USB audio device found matching -d 1234:5678\n"},
		{[]string{"profile", "--sysfs-root", demoRoot, "--all"}, exitUsage, "unknown flag"},
		{[]string{"profile", "--sysfs-root", t.TempDir()}, exitNoDevice, "no USB devices found"},
	} {
		_, errOut, code := runLive(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, want %d with %q; stderr:\n%s", c.args, code, c.code, c.msg, errOut)
		}
	}
	help, _, code := runLive(t, "check", "--help") // help is output: stdout
	if code != 0 || !strings.Contains(help, "usage: usbaudio check --expect PROFILE") || !strings.Contains(help, "--press LIST") {
		t.Errorf("--help exit %d:\n%s", code, help)
	}
}

// hidFIFO makes the headset tree's /dev/hidraw5 a FIFO inside the tree, as
// the watch tests do, and returns its write end.
func hidFIFO(t *testing.T, root string) *os.File {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, "dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(root, "dev", "hidraw5")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0) // a writer stays open: no end of file
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// waitFor waits until the buffer contains s.
func waitFor(t *testing.T, b *syncBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(b.String(), s) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %q; have:\n%s", s, b.String())
}

// The press test end to end: the headset tree's hidraw node is a FIFO the
// "technician" writes one-byte input reports into (volume up bit 0, volume
// down bit 1, mute bit 2) when each prompt appears.
func TestCheckPress(t *testing.T) {
	need(t, headsetRoot)
	root := testtree.Copy(t, headsetRoot)
	w := hidFIFO(t, root)
	golden := makeProfile(t, "--sysfs-root", root)

	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"check", "--expect", golden, "--sysfs-root", root,
			"--press", "volume-up,volume-down,mute", "--press-timeout", "1s"}, &out, &errb)
	}()
	waitFor(t, &errb, "Press VOLUME UP now (1 s)\n")
	w.Write([]byte{0x01})
	waitFor(t, &errb, "Press VOLUME DOWN now (1 s)\n")
	w.Write([]byte{0x04}) // volume up released, mute pressed: the wrong button
	waitFor(t, &errb, "Press MUTE now (1 s)\n")
	// nobody presses mute again (it is still held): a timeout
	var code int
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("check did not finish:\n%s\n%s", out.String(), errb.String())
	}
	if code != exitFailed {
		t.Errorf("exit %d\n%s", code, errb.String())
	}
	text := out.String()
	if !regexp.MustCompile(`\n  PASS press volume-up: volume-up pressed \(\d+ ms\)\n`).MatchString(text) {
		t.Errorf("no passing volume-up with its latency:\n%s", text)
	}
	want := []string{
		"FAIL press volume-down: expected volume-down pressed within 1 s, got mute pressed instead",
		"FAIL press mute: expected mute pressed within 1 s, got no press within 1 s",
	}
	if got := failLines(text); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("failures\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The same, through an injected opener: a unit whose buttons all work, and
// one whose node cannot be opened.
func TestCheckPressInjected(t *testing.T) {
	need(t, headsetRoot)
	golden := makeProfile(t, "--sysfs-root", headsetRoot)
	op := &fakeOpener{}
	checkOpenHID = op.open
	defer func() { checkOpenHID = nil }()

	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"check", "--expect", golden, "--sysfs-root", headsetRoot, "--press", "mute,volume-down"}, &out, &errb)
	}()
	waitFor(t, &errb, "Press MUTE now (10 s)\n")
	op.last().reports <- []byte{0x04}
	op.last().reports <- []byte{0x00}
	waitFor(t, &errb, "Press VOLUME DOWN now (10 s)\n")
	op.last().reports <- []byte{0x02}
	if code := <-done; code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	if !op.last().isClosed() {
		t.Error("node left open")
	}
	if !strings.Contains(out.String(), "Result: PASS (13 checks)") {
		t.Errorf("%s", out.String())
	}

	op.err = os.ErrClosed
	o, _, code := runLive(t, "check", "--expect", golden, "--sysfs-root", headsetRoot, "--press", "mute")
	if code != exitFailed || !strings.Contains(o, "FAIL press mute: expected mute pressed within 10 s, got no HID node could be read (/dev/hidraw5: file already closed)") {
		t.Errorf("exit %d\n%s", code, o)
	}
	// Permission denied is the bench's problem: exit 4 with the udev fix.
	op.err = &source.PermissionError{Node: "/dev/hidraw5", Err: os.ErrPermission}
	o, e, code := runLive(t, "check", "--expect", golden, "--sysfs-root", headsetRoot, "--press", "mute")
	if code != exitDenied || !strings.Contains(o, "FAIL press mute: expected mute pressed within 10 s, got no HID node could be read (/dev/hidraw5: permission denied (the fix is on standard error))") ||
		!strings.Contains(e, `ATTRS{idVendor}=="1209"`) {
		t.Errorf("exit %d\n%s%s", code, o, e)
	}
}

// --wait on a tree where the test plugs units in: the QEMU device's link
// appears (a good unit), goes, and comes back with no mute (a bad one).
func TestCheckWait(t *testing.T) {
	need(t, demoRoot)
	golden := makeProfile(t, "--sysfs-root", demoRoot, "-d", "46f4:0002")
	root := testtree.Copy(t, demoRoot)
	link := filepath.Join(root, "sys", "bus", "usb", "devices", "1-1")
	target, err := os.Readlink(link)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	junit := filepath.Join(t.TempDir(), "bench.xml")
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"check", "--expect", golden, "--sysfs-root", root, "--wait", "--count", "2",
			"--poll", "20ms", "--junit", junit}, &out, &errb)
	}()
	waitFor(t, &errb, "Waiting for units (-d 46f4:0002)")
	if err := os.Symlink(target, link); err != nil { // unit 1 plugged in
		t.Fatal(err)
	}
	waitFor(t, &out, "units: 1, passed 1, failed 0\n")
	if err := os.Remove(link); err != nil { // unplugged
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // a few polls: the watcher sees it go
	editFile(t, filepath.Join(root, demoAudioDir, "descriptors"), func(b []byte) []byte { return dropMasterMute(t, b) })
	editFile(t, filepath.Join(root, demoAudioDir, "devnum"), func([]byte) []byte { return []byte("3\n") })
	if err := os.Symlink(target, link); err != nil { // unit 2
		t.Fatal(err)
	}
	var code int
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("--count 2 did not stop:\n%s\n%s", out.String(), errb.String())
	}
	if code != exitFailed {
		t.Errorf("exit %d\n%s", code, errb.String())
	}
	text := out.String()
	for _, s := range []string{"units: 1, passed 1, failed 0\n", "units: 2, passed 1, failed 1\n",
		"  FAIL playback 1 control mute: expected master, read-write, got missing\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("output lacks %q:\n%s", s, text)
		}
	}
	if strings.Count(text, "Unit 46f4:0002") != 2 {
		t.Errorf("want two units:\n%s", text)
	}
	if j := readJUnit(t, junit); len(j.Suites) != 2 || j.Failures != 1 || j.Suites[0].Failures != 0 {
		t.Errorf("junit: %d suites, %d failures", len(j.Suites), j.Failures)
	}
}

// --wait --json: one JSON line per unit, the tally on stderr; stopping
// (Ctrl-C) before any unit came is exit 3.
func TestCheckWaitJSONAndInterrupt(t *testing.T) {
	need(t, demoRoot)
	golden := makeProfile(t, "--sysfs-root", demoRoot, "-d", "46f4:0002")
	root := testtree.Copy(t, demoRoot)
	link := filepath.Join(root, "sys", "bus", "usb", "devices", "1-1")
	target, err := os.Readlink(link)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(link)

	ctx, cancel := context.WithCancel(context.Background())
	old := checkContext
	checkContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	defer func() { checkContext = old }()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"check", "--expect", golden, "--sysfs-root", root, "--wait", "--poll", "20ms", "--json"}, &out, &errb)
	}()
	waitFor(t, &errb, "Waiting for units")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &errb, "units: 1, passed 1, failed 0\n")
	cancel() // Ctrl-C
	if code := <-done; code != 0 {
		t.Errorf("exit %d after one good unit\n%s", code, errb.String())
	}
	var unit bench.UnitReport
	if err := json.Unmarshal([]byte(out.String()), &unit); err != nil || !unit.Pass || unit.Origin != "1-1" || len(unit.Checks) != 16 {
		t.Errorf("JSON line %q: %v", out.String(), err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	_, errOut, code := runLive(t, "check", "--expect", golden, "--sysfs-root", root, "--wait", "--poll", "20ms")
	if code != exitNoDevice || !strings.Contains(errOut, "stopped before any unit was plugged in") {
		t.Errorf("interrupted at once: exit %d %s", code, errOut)
	}
}
