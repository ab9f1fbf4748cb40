//go:build e2e

package e2e

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

var udevLineRE = regexp.MustCompile(`^(USBAUDIO_[A-Z0-9_]+|SOUND_FORM_FACTOR)=([!-~]*)$`)

// udevProperties checks that `usbaudio udev` printed one KEY=VALUE line per
// property, keys unique, values printable ASCII without shell metacharacters
// (the _ENC values escape them as \xNN), and returns the properties.
func udevProperties(t *testing.T, what, out string) map[string]string {
	t.Helper()
	props := map[string]string{}
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		m := udevLineRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s: line %q is not KEY=VALUE with a USBAUDIO_ key and a printable value", what, line)
			continue
		}
		if _, dup := props[m[1]]; dup {
			t.Errorf("%s: property %s printed twice (injected?)", what, m[1])
		}
		if strings.ContainsAny(m[2], "'\"$`;|&<>()") || (!strings.HasSuffix(m[1], "_ENC") && strings.Contains(m[2], `\`)) {
			t.Errorf("%s: %s=%s holds an unescaped shell metacharacter", what, m[1], m[2])
		}
		props[m[1]] = m[2]
	}
	return props
}

func keys(m map[string]string) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// TestHostileDevice serves fixtures/hostile (lying wTotalLength, a feature
// unit running past the end, a unit that is its own source, strings with
// shell metacharacters, newlines and invalid UTF-8) into the kernel: scan,
// watch and udev must exit 0, and udev must print exactly the properties it
// prints for an honest audio device, once each, with the strings encoded.
func TestHostileDevice(t *testing.T) {
	d := replayDevice{name: "hostile",
		blob: readFile(t, filepath.Join(repoRoot, "fixtures", "hostile", "descriptors.bin")),
		text: readFile(t, filepath.Join(repoRoot, "fixtures", "hostile", "descriptors.txt"))}
	spec := vm.GuestSpec{Modules: vm.AllHostModules}
	dev := "/devices/platform/vhci_hcd.0/usb1/1-1"
	spec.Scenario = `
wait_for /sys/devices/platform/vhci_hcd.0/attach 10
mkfifo /tmp/ctl
` + d.stage(&spec) + ` < /tmp/ctl > /tmp/emu.out 2>&1 &
exec 3>/tmp/ctl
wait_for /sys` + dev + `/1-1:1.1 60 || echo "@@E2E-NOTE the hostile device did not enumerate"
sleep 3
section product sh -c 'od -c /sys` + dev + `/product'
section scan /usr/local/bin/usbaudio scan --all --json
section scan-text /usr/local/bin/usbaudio scan --all -v
section watch /usr/local/bin/usbaudio watch --json --timeout 3s
section udev-device sh -c '/usr/local/bin/usbaudio udev ` + dev + ` 2>/tmp/udev.err'
section udev-err cat /tmp/udev.err
section udev-interface sh -c '/usr/local/bin/usbaudio udev ` + dev + `/1-1:1.0 2>/dev/null'
card=$(ls -d /sys` + dev + `/1-1:1.0/sound/card* 2>/dev/null | head -1)
begin card; echo "card=$card"; end card
[ -n "$card" ] && section udev-card sh -c "/usr/local/bin/usbaudio udev ${card#/sys} 2>/dev/null"
echo quit >&3
exec 3>&-
wait
section emulate sh -c "grep -v '^request:' /tmp/emu.out"
`
	res := boot(t, "hostile-device", spec, nil, 5*time.Minute)
	if notes := res.Notes(); len(notes) > 0 {
		t.Fatalf("guest: %v\nemulate:\n%s\nkernel:\n%s", notes, section(t, res, "emulate"), kernelLines(res, "usb", "snd"))
	}
	t.Logf("kernel on the hostile device:\n%s", kernelLines(res, "usb 1-1", "snd", "config"))
	t.Logf("sysfs product:\n%s", section(t, res, "product"))
	for _, s := range []string{"scan", "scan-text", "watch", "udev-device", "udev-interface"} {
		if st := res.SectionStatus(s); st != 0 {
			t.Errorf("%s exited %d on the hostile device (want 0):\n%s", s, st, tailLines(section(t, res, s), 20))
		}
		if out := section(t, res, s); strings.Contains(out, "panic:") || strings.Contains(out, "goroutine ") {
			t.Errorf("%s crashed:\n%s", s, tailLines(out, 30))
		}
	}
	// Text output escapes the strings too: no line may start with an injected property.
	for _, s := range []string{"scan-text", "watch"} {
		for _, l := range strings.Split(section(t, res, s), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "USBAUDIO_") {
				t.Errorf("%s printed the product's newline raw: line %q", s, l)
			}
		}
	}
	rep := parseScan(t, res, "scan")
	var hostile *scanDevice
	for i := range rep.Devices {
		if rep.Devices[i].id() == "1209:0bad" {
			hostile = &rep.Devices[i]
		}
	}
	if hostile == nil {
		t.Fatalf("scan --all does not list the hostile device 1209:0bad")
	}
	if !strings.Contains(hostile.Identity.Product, "\nUSBAUDIO_FORM_FACTOR=speaker") {
		t.Errorf("scan --json product = %q, want the device's string with its newlines (JSON-escaped)", hostile.Identity.Product)
	}

	// The honest reference: the same command on QEMU's usb-audio in the demo tree.
	ref, err := exec.CommandContext(context.Background(), env.bins[strings.TrimPrefix(guestUsbaudio, "/")], "udev",
		"--sysfs-root", filepath.Join(repoRoot, "fixtures", "sysfs", "demo"), "/devices/pci0000:00/0000:00:01.0/usb1/1-1").Output()
	if err != nil {
		t.Fatalf("usbaudio udev on the demo tree: %v", err)
	}
	want := keys(udevProperties(t, "demo usb-audio", string(ref)))
	props := udevProperties(t, "hostile device", section(t, res, "udev-device"))
	if got := keys(props); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("udev on the hostile device printed properties\n%v\nwant exactly those of an honest audio device\n%v", got, want)
	}
	if props["USBAUDIO_FORM_FACTOR"] != hostile.Verdict.FormFactor {
		t.Errorf("USBAUDIO_FORM_FACTOR=%s, scan says %s", props["USBAUDIO_FORM_FACTOR"], hostile.Verdict.FormFactor)
	}
	if enc := props["USBAUDIO_MODEL_ENC"]; !strings.Contains(enc, `\x0aUSBAUDIO_FORM_FACTOR=speaker`) && !strings.Contains(enc, `\x0aUSBAUDIO_FORM_FACTOR\x3dspeaker`) {
		t.Errorf("USBAUDIO_MODEL_ENC=%s does not carry the product's newline encoded as \\x0a", enc)
	}
	for _, s := range []string{"udev-interface", "udev-card"} {
		if out, ok := res.Section(s); ok && strings.TrimSpace(out) != "" {
			udevProperties(t, s, out)
		}
	}
	t.Logf("udev on the hostile device:\n%s", section(t, res, "udev-device"))
}
