package hid

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// realHeadsets are the report descriptors in /work/shared/realdata, read in place.
var realHeadsets = []string{
	"epos-impact-d", "epos-impact-d1", "epos-impact-dw", "jabra-biz-2400-ii",
	"jabra-evolve-link-ms", "jabra-speak-810", "logitech-g535", "plantronics-blackwire-c5220",
	"plantronics-poly-bt700", "plantronics-poly-voyager-base-cd", "sennheiser-sc660-anc-usb",
	"yealink-wh66",
}

func realdataDir() string { return filepath.Join("..", "..", "shared", "realdata") }

// loadReal reads a real headset descriptor, skipping when the data is absent.
func loadReal(t testing.TB, name string) []byte {
	t.Helper()
	if _, err := os.Stat(realdataDir()); err != nil {
		t.Skip("shared realdata not present")
	}
	b, err := os.ReadFile(filepath.Join(realdataDir(), name, "report_descriptor.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadFixture(t testing.TB, path ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "fixtures"}, path...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, b []byte) *Descriptor {
	t.Helper()
	d, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

// TestRealDescriptorsControls checks, for every real headset and the QEMU
// devices, which named controls are present (checked by reading each
// descriptor's item dump by hand) and that they parse without warnings.
func TestRealDescriptorsControls(t *testing.T) {
	telephonyLEDs := []string{"led-mute", "led-microphone", "led-off-hook", "led-ring", "led-hold"}
	jabraInputs := []string{"hook-switch", "phone-mute", "flash", "redial", "ringer"}
	want := map[string][]string{
		"epos-impact-d": append([]string{"volume-up", "volume-down", "hook-switch", "phone-mute", "flash",
			"redial", "drop", "programmable-button", "ringer"}, telephonyLEDs...),
		"epos-impact-d1": append([]string{"volume-up", "volume-down", "hook-switch", "phone-mute", "flash",
			"redial", "drop", "programmable-button"}, telephonyLEDs...),
		"epos-impact-dw": append([]string{"volume-up", "volume-down", "hook-switch", "phone-mute", "flash",
			"redial", "drop", "programmable-button", "ringer"}, telephonyLEDs...),
		"jabra-biz-2400-ii":    append(append([]string{"volume-up", "volume-down", "mute"}, jabraInputs...), telephonyLEDs...),
		"jabra-evolve-link-ms": append(append([]string{"volume-up", "volume-down"}, jabraInputs...), telephonyLEDs...),
		"jabra-speak-810": append([]string{"volume-up", "volume-down", "mute", "hook-switch", "phone-mute",
			"flash", "ringer"}, telephonyLEDs...),
		"logitech-g535": {"volume-up", "volume-down"},
		"plantronics-blackwire-c5220": {"volume-up", "volume-down", "hook-switch", "phone-mute", "flash",
			"redial", "programmable-button", "led-mute", "led-off-hook", "led-ring", "led-hold", "led-speaker"},
		"plantronics-poly-bt700": {"volume-up", "volume-down", "play-pause", "play", "pause", "next",
			"previous", "hook-switch", "phone-mute", "flash", "redial", "programmable-button",
			"led-mute", "led-off-hook", "led-ring", "led-hold", "led-speaker"},
		"plantronics-poly-voyager-base-cd": {"volume-up", "volume-down", "mute", "play-pause", "play", "pause",
			"stop", "next", "previous", "hook-switch", "phone-mute", "flash", "redial", "programmable-button",
			"led-mute", "led-off-hook", "led-ring", "led-hold", "led-speaker"},
		"sennheiser-sc660-anc-usb": append([]string{"volume-up", "volume-down", "play-pause", "play", "pause",
			"hook-switch", "phone-mute", "flash", "redial", "drop", "programmable-button"}, telephonyLEDs...),
		"yealink-wh66": append(append([]string{"volume-up", "volume-down"}, jabraInputs...), telephonyLEDs...),
	}
	for _, name := range realHeadsets {
		t.Run(name, func(t *testing.T) {
			d := mustParse(t, loadReal(t, name))
			if len(d.Warnings) != 0 {
				t.Errorf("warnings: %v", d.Warnings)
			}
			got := d.ControlSet().Names()
			w := slices.Clone(want[name])
			slices.SortFunc(w, func(a, b string) int { return controlIndex(a) - controlIndex(b) })
			if !slices.Equal(got, w) {
				t.Errorf("controls\n got %v\nwant %v", got, w)
			}
			s := d.Summary()
			if !s.VolumeButtons {
				t.Errorf("every real headset here has volume buttons")
			}
			if tel := name != "logitech-g535"; s.Telephony != tel || s.HookSwitch != tel || s.Mute != tel {
				t.Errorf("telephony=%v hook=%v mute=%v, want all %v", s.Telephony, s.HookSwitch, s.Mute, tel)
			}
		})
	}
	// Razer Kraken Kitty V2: relative volume buttons in report 0x52 and an
	// empty Telephony Headset collection (no hook switch, no LEDs).
	kitty := mustParse(t, loadFixture(t, "hid", "razer-kraken-kitty-v2", "report_descriptor.bin"))
	checkControls(t, kitty, []wantControl{
		{"volume-up", KindInput, 0x52, 0, SemanticsToggleButton},
		{"volume-down", KindInput, 0x52, 1, SemanticsToggleButton},
	})
	if s := kitty.Summary(); !s.VolumeButtons || s.HookSwitch || s.Mute || !s.Telephony || !s.Consumer || len(kitty.Warnings) != 0 {
		t.Errorf("kraken kitty summary %+v, warnings %v", s, kitty.Warnings)
	}
	for _, c := range []struct {
		kind  ReportKind
		id    uint8
		bytes int
	}{{KindOutput, 0x01, 61}, {KindInput, 0x01, 61}, {KindOutput, 0x04, 26}, {KindInput, 0x05, 22},
		{KindInput, 0x08, 1}, {KindInput, 0x0C, 10}, {KindOutput, 0x40, 12}, {KindInput, 0x41, 12},
		{KindInput, 0x52, 1}, {KindOutput, 0x70, 4}, {KindInput, 0x71, 4}} {
		if r, ok := kitty.Report(c.kind, c.id); !ok || r.Bytes(false) != c.bytes {
			t.Errorf("kraken kitty %s report 0x%02x: %+v, want %d bytes", c.kind, c.id, r, c.bytes)
		}
	}

	for _, dev := range []string{"qemu-usb-kbd", "qemu-usb-mouse", "qemu-usb-tablet"} {
		d := mustParse(t, loadFixture(t, "hid", dev, "report_descriptor.bin"))
		if len(d.Controls()) != 0 || d.ControlSet() != 0 || len(d.Warnings) != 0 {
			t.Errorf("%s: controls %v, warnings %v; want none", dev, d.Controls(), d.Warnings)
		}
		s := d.Summary()
		if s.Telephony || s.Consumer || s.VolumeButtons || len(s.VendorCollections) != 0 {
			t.Errorf("%s: summary %+v", dev, s)
		}
	}
}

func controlIndex(name string) int {
	for i := range controlSpecs {
		if controlSpecs[i].name == name {
			return i
		}
	}
	return -1
}

type wantControl struct {
	name      string
	kind      ReportKind
	reportID  uint8
	bitOffset int
	sem       Semantics
}

func checkControls(t *testing.T, d *Descriptor, want []wantControl) {
	t.Helper()
	got := d.Controls()
	if len(got) != len(want) {
		t.Fatalf("%d controls, want %d: %v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Kind != w.kind || g.ReportID != w.reportID || g.BitOffset != w.bitOffset ||
			g.BitSize != 1 || g.Semantics != w.sem {
			t.Errorf("control %d = %s %s id %d bit %d size %d %s; want %+v", i, g.Name, g.Kind, g.ReportID,
				g.BitOffset, g.BitSize, g.Semantics, w)
		}
	}
}

// The expected layouts below were worked out by hand from the item dumps
// (bit offsets count Report Size × Report Count per main item, per report
// ID and direction, HID 1.11 §8.4).

func TestLayoutLogitechG535(t *testing.T) {
	d := mustParse(t, loadReal(t, "logitech-g535"))
	if !d.UsesReportIDs || len(d.Reports) != 3 {
		t.Fatalf("reports %+v", d.Reports)
	}
	r, ok := d.Report(KindInput, 1)
	if !ok || r.Bits != 32 || r.Bytes(true) != 5 || len(r.Fields) != 3 {
		t.Fatalf("input report 1 = %+v", r)
	}
	if r, ok := d.Report(KindInput, 17); !ok || r.Bits != 19*8 {
		t.Errorf("input report 17 = %+v", r)
	}
	if r, ok := d.Report(KindOutput, 17); !ok || r.Bits != 19*8 {
		t.Errorf("output report 17 = %+v", r)
	}
	checkControls(t, d, []wantControl{
		{"volume-up", KindInput, 1, 0, SemanticsButton},
		{"volume-down", KindInput, 1, 1, SemanticsButton},
	})
	vc := d.VendorCollections()
	if len(vc) != 1 || vc[0].Usage != NewUsage(0xFF43, 0x0202) || !slices.Equal(vc[0].ReportIDs, []int{17}) {
		t.Errorf("vendor collections %+v", vc)
	}
	if got := vc[0].Usage.String(); got != "Vendor page 0xff43 usage 0x202" {
		t.Errorf("vendor usage name %q", got)
	}
}

func TestLayoutJabraBiz2400(t *testing.T) {
	d := mustParse(t, loadReal(t, "jabra-biz-2400-ii"))
	checkControls(t, d, []wantControl{
		{"hook-switch", KindInput, 2, 0, SemanticsToggleSwitch},
		{"phone-mute", KindInput, 2, 2, SemanticsToggleButton},
		{"flash", KindInput, 2, 3, SemanticsToggleButton},
		{"redial", KindInput, 2, 4, SemanticsToggleButton},
		{"led-off-hook", KindOutput, 2, 0, SemanticsToggleSwitch},
		{"led-mute", KindOutput, 2, 1, SemanticsToggleSwitch},
		{"led-ring", KindOutput, 2, 2, SemanticsToggleSwitch},
		{"led-hold", KindOutput, 2, 3, SemanticsToggleSwitch},
		{"led-microphone", KindOutput, 2, 4, SemanticsToggleSwitch},
		{"ringer", KindOutput, 2, 5, SemanticsToggleSwitch},
		{"volume-down", KindInput, 1, 0, SemanticsButton},
		{"volume-up", KindInput, 1, 1, SemanticsButton},
		{"mute", KindInput, 1, 2, SemanticsButton},
	})
	// Report 2 input: hook switch + line busy (2), five relative buttons,
	// a 4-bit key pad array, the button at bit 11, 4 bits padding.
	r, _ := d.Report(KindInput, 2)
	if r.Bits != 16 {
		t.Errorf("input report 2 bits %d, want 16", r.Bits)
	}
	keypad := d.Fields[r.Fields[2]]
	if keypad.Variable() || keypad.BitOffset != 7 || keypad.BitSize != 4 || keypad.LogicalMax != 12 ||
		!keypad.Flags.NullState() || keypad.UsageCount() != 12 {
		t.Errorf("key pad field %+v", keypad)
	}
	if u, _ := keypad.UsageAt(11); u != NewUsage(PageTelephony, 0xBB) || u.Name() != "Phone Key Pound" {
		t.Errorf("key pad usage 11 = %v", u)
	}
	// 09 07 then 05 09 before the Input: the usage takes the Button page
	// (HID 1.11 §6.2.2.8, as Windows and Linux do), so it is Button 7.
	if u, _ := d.Fields[r.Fields[3]].UsageAt(0); u != NewUsage(PageButton, 7) {
		t.Errorf("bit 11 usage = %v, want Button.Button 7", u)
	}
	if path := d.CollectionPathString(keypad.Collection); path != "Telephony.Headset / Telephony.Telephony Key Pad" {
		t.Errorf("key pad path %q", path)
	}
	// The vendor collection repeats the telephony layout on page 0xFF30:
	// it must not yield a second hook-switch.
	vc := d.VendorCollections()
	if len(vc) != 1 || !slices.Equal(vc[0].ReportIDs, []int{4, 5}) {
		t.Errorf("vendor collections %+v", vc)
	}
}

func TestLayoutSennheiserSC660(t *testing.T) {
	d := mustParse(t, loadReal(t, "sennheiser-sc660-anc-usb"))
	checkControls(t, d, []wantControl{
		{"volume-up", KindInput, 25, 0, SemanticsButton},
		{"volume-down", KindInput, 25, 1, SemanticsButton},
		{"play-pause", KindInput, 25, 2, SemanticsButton},
		{"play", KindInput, 25, 3, SemanticsButton},
		{"pause", KindInput, 25, 4, SemanticsButton},
		{"phone-mute", KindInput, 8, 0, SemanticsToggleButton},
		{"hook-switch", KindInput, 8, 1, SemanticsToggleSwitch},
		{"redial", KindInput, 8, 2, SemanticsToggleButton},
		{"flash", KindInput, 8, 3, SemanticsToggleButton},
		{"drop", KindInput, 8, 4, SemanticsToggleButton},
		{"programmable-button", KindInput, 8, 5, SemanticsButton},
		{"led-mute", KindOutput, 9, 0, SemanticsToggleSwitch},
		{"led-off-hook", KindOutput, 9, 1, SemanticsToggleSwitch},
		{"led-ring", KindOutput, 9, 2, SemanticsToggleSwitch},
		{"led-microphone", KindOutput, 9, 3, SemanticsToggleSwitch},
		{"led-hold", KindOutput, 9, 5, SemanticsToggleSwitch},
	})
	for _, c := range []struct {
		kind ReportKind
		id   uint8
		bits int
	}{{KindInput, 25, 8}, {KindInput, 26, 16}, {KindOutput, 4, 36 * 8}, {KindInput, 8, 8}, {KindOutput, 9, 8}} {
		if r, ok := d.Report(c.kind, c.id); !ok || r.Bits != c.bits {
			t.Errorf("%s report %d = %+v, want %d bits", c.kind, c.id, r, c.bits)
		}
	}
}

func TestLayoutPlantronicsBlackwireC5220(t *testing.T) {
	d := mustParse(t, loadReal(t, "plantronics-blackwire-c5220"))
	byName := map[string]Control{}
	for _, c := range d.Controls() {
		byName[c.Name] = c
	}
	for name, w := range map[string]wantControl{
		"volume-up":    {"volume-up", KindInput, 2, 0, SemanticsButton},
		"volume-down":  {"volume-down", KindInput, 2, 1, SemanticsButton},
		"phone-mute":   {"phone-mute", KindInput, 8, 0, SemanticsToggleButton},
		"hook-switch":  {"hook-switch", KindInput, 8, 1, SemanticsToggleSwitch},
		"led-mute":     {"led-mute", KindOutput, 9, 0, SemanticsToggleSwitch},
		"led-off-hook": {"led-off-hook", KindOutput, 23, 0, SemanticsToggleSwitch},
		"led-ring":     {"led-ring", KindOutput, 24, 0, SemanticsToggleSwitch},
	} {
		g, ok := byName[name]
		if !ok || g.Kind != w.kind || g.ReportID != w.reportID || g.BitOffset != w.bitOffset || g.Semantics != w.sem {
			t.Errorf("%s = %+v, want %+v", name, g, w)
		}
	}
	var teams bool
	for _, vc := range d.VendorCollections() {
		teams = teams || vc.Usage.Page() == PageMicrosoftTeams
	}
	if !teams {
		t.Error("the Teams vendor collection (page 0xFF99) is not listed")
	}
}

func TestLayoutQEMU(t *testing.T) {
	kbd := mustParse(t, loadFixture(t, "hid", "qemu-usb-kbd", "report_descriptor.bin"))
	if kbd.UsesReportIDs || len(kbd.Reports) != 2 {
		t.Fatalf("keyboard reports %+v", kbd.Reports)
	}
	in, _ := kbd.Report(KindInput, 0)
	out, _ := kbd.Report(KindOutput, 0)
	if in.Bits != 64 || out.Bits != 8 {
		t.Errorf("keyboard input %d bits, output %d bits; want 64 and 8", in.Bits, out.Bits)
	}
	mods := kbd.Fields[in.Fields[0]]
	if u, _ := mods.UsageAt(0); !mods.Variable() || mods.Count != 8 || u.String() != "Keyboard/Keypad.Left Control" {
		t.Errorf("modifier field %+v (%v)", mods, u)
	}
	keys := kbd.Fields[in.Fields[2]]
	if keys.Variable() || keys.BitOffset != 16 || keys.Count != 6 || keys.BitSize != 8 || keys.LogicalMax != 255 {
		t.Errorf("key array %+v", keys)
	}
	leds := kbd.Fields[out.Fields[0]]
	if u, _ := leds.UsageAt(4); leds.Count != 5 || u.String() != "LED.Kana" {
		t.Errorf("LED field %+v", leds)
	}

	for _, c := range []struct {
		path    []string
		buttons int
	}{
		{[]string{"hid", "qemu-usb-mouse", "report_descriptor.bin"}, 3},
		{[]string{"qemu", "qemu-usb-mouse", "report_descriptor.bin"}, 5}, // QEMU 7.2 guest capture
	} {
		if len(c.path) > 0 && c.path[0] == "qemu" {
			if _, err := os.Stat(filepath.Join("..", "fixtures", "qemu")); err != nil {
				continue
			}
		}
		m := mustParse(t, loadFixture(t, c.path...))
		r, _ := m.Report(KindInput, 0)
		btn, pad, axes := m.Fields[r.Fields[0]], m.Fields[r.Fields[1]], m.Fields[r.Fields[2]]
		if btn.Count != c.buttons || pad.BitSize != 8-c.buttons || !pad.Constant() {
			t.Errorf("%v: buttons %d, padding %d bits", c.path, btn.Count, pad.BitSize)
		}
		if axes.BitOffset != 8 || axes.Count != 3 || !axes.Flags.Relative() || axes.LogicalMin != -127 || r.Bits != 32 {
			t.Errorf("%v: axes %+v, report %d bits", c.path, axes, r.Bits)
		}
		rv, err := m.DecodeReport(KindInput, []byte{0x01, 0xff, 0x05, 0x81})
		if err != nil || rv.Fields[0].Values[0] != 1 || rv.Fields[1].Values[0] != -1 ||
			rv.Fields[1].Values[1] != 5 || rv.Fields[1].Values[2] != -127 {
			t.Errorf("%v: mouse report decoded %+v %v", c.path, rv, err)
		}
		if u := rv.Fields[1].Usages[2]; u.String() != "Generic Desktop.Wheel" {
			t.Errorf("wheel usage %v", u)
		}
	}

	tab := mustParse(t, loadFixture(t, "hid", "qemu-usb-tablet", "report_descriptor.bin"))
	r, _ := tab.Report(KindInput, 0)
	xy := tab.Fields[r.Fields[2]]
	if r.Bits != 48 || xy.BitOffset != 8 || xy.BitSize != 16 || xy.LogicalMax != 0x7fff || xy.PhysicalMax != 0x7fff {
		t.Errorf("tablet report %d bits, xy %+v", r.Bits, xy)
	}
	rv, _ := tab.DecodeReport(KindInput, []byte{0x00, 0xff, 0x7f, 0x00, 0x40, 0x01})
	if rv.Fields[1].Values[0] != 0x7fff || rv.Fields[1].Values[1] != 0x4000 || rv.Fields[2].Values[0] != 1 {
		t.Errorf("tablet values %+v", rv.Fields)
	}

	// The capture from a QEMU 7.2 guest must equal the bytes from QEMU's source
	// for the keyboard and tablet.
	for _, dev := range []string{"qemu-usb-kbd", "qemu-usb-tablet"} {
		captured, err := os.ReadFile(filepath.Join("..", "fixtures", "qemu", dev, "report_descriptor.bin"))
		if err != nil {
			continue
		}
		if src := loadFixture(t, "hid", dev, "report_descriptor.bin"); !slices.Equal(src, captured) {
			t.Errorf("%s: captured descriptor differs from QEMU source bytes", dev)
		}
	}
}
