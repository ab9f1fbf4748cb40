package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/bench"
)

func TestProfileOutputFile(t *testing.T) {
	need(t, h340Text)
	dst := filepath.Join(t.TempDir(), "h340.json")
	out, errOut, code := runLive(t, "profile", "-o", dst, h340Text)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	p, err := bench.ParseProfile(readFileT(t, dst))
	if err != nil {
		t.Fatal(err)
	}
	if p.VIDPID() != "046d:0a38" || *p.Identity.Product != "Logitech USB Headset H340" ||
		*p.Classification.FormFactor != "headset" || len(p.Paths) != 2 || p.HID != nil ||
		p.Unit == nil || !strings.HasSuffix(p.Unit.Origin, "lsusb.txt line 1") {
		t.Errorf("profile %+v", p)
	}
	// lsusb ran without root: no report descriptor, so no HID list to check.
	if _, _, code := runLive(t, "profile", "-o", filepath.Join(t.TempDir(), "no", "dir.json"), h340Text); code != exitUsage {
		t.Errorf("unwritable -o: exit %d", code)
	}
}

func TestProfileSelectsWithD(t *testing.T) {
	need(t, demoRoot)
	out, errOut, code := runLive(t, "profile", "--sysfs-root", demoRoot, "-d", "46f4:0002")
	if code != 0 || !strings.Contains(out, `"origin": "1-1"`) || !strings.Contains(out, `"volume_db": {`) {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	_, errOut, code = runLive(t, "profile", "--sysfs-root", demoRoot, "-d", "dead:")
	if code != exitNoDevice || !strings.Contains(errOut, "no USB audio device found matching -d dead:") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// Several matching devices: profile refuses to guess, check checks each.
func TestSeveralUnits(t *testing.T) {
	need(t, qemuAudio)
	two := filepath.Join(t.TempDir(), "two.txt")
	text := readFileT(t, filepath.Join("..", "..", "fixtures", "lsusb", "qemu-usb-audio.lsusb.txt"))
	os.WriteFile(two, append(append(append([]byte(nil), text...), '\n'), text...), 0o644)
	_, errOut, code := runLive(t, "profile", two)
	if code != exitUsage || !strings.Contains(errOut, "2 devices match") {
		t.Errorf("profile of two: exit %d %s", code, errOut)
	}
	golden := makeProfile(t, qemuAudio)
	junit := filepath.Join(t.TempDir(), "j.xml")
	out, errOut, code := runLive(t, "check", "--expect", golden, "--junit", junit, two)
	if code != 0 || strings.Count(out, "Result: PASS") != 2 {
		t.Errorf("check of two: exit %d\n%s%s", code, out, errOut)
	}
	if j := readJUnit(t, junit); len(j.Suites) != 2 || j.Failures != 0 {
		t.Errorf("junit: %d suites, %d failures", len(j.Suites), j.Failures)
	}
}

// Every saved device the repository holds, and the real dumps beside it,
// through the FILE path: profile it, check it against that profile, exit 0.
func TestProfileCheckEveryFile(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		filepath.Join("..", "..", "fixtures", "qemu", "*", "descriptors.bin"),
		filepath.Join("..", "..", "fixtures", "spec", "*", "descriptors.bin"),
		filepath.Join("..", "..", "fixtures", "devices", "*", "lsusb.txt"),
		filepath.Join("..", "..", "..", "shared", "realdata", "*", "lsusb.txt"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	checks := 0
	for _, f := range files {
		golden := makeProfile(t, f)
		out, errOut, code := runLive(t, "check", "--expect", golden, f)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s%s", f, code, out, errOut)
			continue
		}
		checks += strings.Count(out, "\n  PASS ")
	}
	t.Logf("%d files, %d checks passed", len(files), checks)
}
