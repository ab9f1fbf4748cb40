package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command line with stdin and returns stdout, stderr and
// the exit code.
func runCmd(t *testing.T, stdin []byte, args ...string) (string, string, int) {
	t.Helper()
	old := inputStdin
	inputStdin = bytes.NewReader(stdin)
	defer func() { inputStdin = old }()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

var (
	qemuAudio = filepath.Join("..", "..", "fixtures", "qemu", "qemu-usb-audio", "descriptors.bin")
	arctis    = filepath.Join("..", "..", "fixtures", "devices", "steelseries-arctis-7", "lsusb.txt")
	h340Text  = filepath.Join("..", "..", "..", "shared", "realdata", "logitech-h340", "lsusb.txt")
)

func need(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s not present", p)
		}
	}
}

// The QEMU usb-audio device (fixtures/qemu, captured from a guest): UAC1
// speaker, playback 1 -> FU 2 -> 3, 2 channels, 16-bit, 48 kHz; the kernel's
// usbmixer shows unit 2 volume on channels 1+2 and a master mute.
func TestDecodeBinaryText(t *testing.T) {
	need(t, qemuAudio)
	out, errs, code := runCmd(t, nil, "decode", qemuAudio)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"USB device 46f4:0002",
		"Verdict: Speaker",
		"Playback: USB Streaming (terminal 1, 0x0101) -> Speaker (terminal 3, 0x0301), 2 channels",
		"Format: interface 1 alt 1: PCM, 2 ch, 16-bit, 48000 Hz",
		"Control: volume (unit 2): ch 1, ch 2, read-write",
		"Descriptors:",
		"    Configuration Descriptor:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Index(out, "Verdict:") > strings.Index(out, "Descriptors:") {
		t.Errorf("summary must come before the dump")
	}
	out, _, code = runCmd(t, nil, "decode", "--brief", qemuAudio)
	if code != 0 || strings.Contains(out, "Descriptors:") {
		t.Errorf("--brief: exit %d, dump printed", code)
	}
}

// Every hex layout decodes to the same device as the binary.
func TestDecodeHexLayouts(t *testing.T) {
	need(t, qemuAudio)
	want, _, _ := runCmd(t, nil, "decode", "--json", qemuAudio)
	want = stripOrigin(want)
	for _, f := range []string{"qemu-usb-audio.xxd", "qemu-usb-audio.xxd32", "qemu-usb-audio.hexdump", "qemu-usb-audio.c"} {
		got, errs, code := runCmd(t, nil, "decode", "--json", filepath.Join("testdata", f))
		if code != 0 {
			t.Errorf("%s: exit %d: %s", f, code, errs)
			continue
		}
		if stripOrigin(got) != want {
			t.Errorf("%s decodes differently from the binary", f)
		}
	}
	// Plain hex on standard input.
	bin, _ := os.ReadFile(qemuAudio)
	var hexText strings.Builder
	for i, b := range bin {
		if i%7 == 0 {
			hexText.WriteString("\n")
		}
		hexText.WriteString(strings.ToUpper(string("0123456789abcdef"[b>>4])) + string("0123456789abcdef"[b&15]) + " ")
	}
	got, errs, code := runCmd(t, []byte(hexText.String()), "decode", "--json", "-")
	if code != 0 || stripOrigin(got) != want {
		t.Errorf("stdin hex: exit %d %s", code, errs)
	}
}

func stripOrigin(js string) string {
	var lines []string
	for _, l := range strings.Split(js, "\n") {
		if !strings.Contains(l, `"origin":`) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

type decoded struct {
	Schema   string `json:"schema"`
	Identity struct {
		VendorID  string `json:"vendor_id"`
		ProductID string `json:"product_id"`
		Product   string `json:"product"`
	} `json:"identity"`
	Verdict struct {
		FormFactor string `json:"form_factor"`
		Score      int    `json:"score"`
	} `json:"verdict"`
	AudioFunctions []struct {
		ControlInterface int `json:"control_interface"`
		Classification   struct {
			FormFactor string `json:"form_factor"`
		} `json:"classification"`
		Playback []pathJSON `json:"playback"`
		Capture  []pathJSON `json:"capture"`
	} `json:"audio_functions"`
	HID []struct {
		Interface int `json:"interface"`
	} `json:"hid_interfaces"`
}

type pathJSON struct {
	Channels int `json:"channels"`
	To       struct {
		TypeName string `json:"type_name"`
	} `json:"to"`
	From struct {
		TypeName string `json:"type_name"`
	} `json:"from"`
	Formats []struct {
		BitDepth    int      `json:"bit_depth"`
		SampleRates []uint32 `json:"sample_rates"`
	} `json:"formats"`
}

// The Arctis 7 (fixtures/devices, lsusb -v text): a chat headset function
// on interface 0 (capture Headset 0x0402 -> USB, 1 ch; playback USB ->
// Headset, 1 ch) and a game headphones function on interface 3; all at
// 8..48 kHz, 16-bit; HID on interface 5.
func TestDecodeJSONLsusb(t *testing.T) {
	need(t, arctis)
	out, errs, code := runCmd(t, nil, "decode", "--json", arctis)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d decoded
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("one device must be one JSON object: %v", err)
	}
	if d.Schema != "usbaudio/v1" || d.Identity.VendorID != "1038" || d.Identity.ProductID != "12ad" {
		t.Errorf("identity %+v", d.Identity)
	}
	if d.Verdict.FormFactor != "headset" {
		t.Errorf("verdict %s", d.Verdict.FormFactor)
	}
	if len(d.AudioFunctions) != 2 || d.AudioFunctions[0].ControlInterface != 0 || d.AudioFunctions[1].ControlInterface != 3 {
		t.Fatalf("functions %+v", d.AudioFunctions)
	}
	chat := d.AudioFunctions[0]
	if len(chat.Capture) != 1 || chat.Capture[0].From.TypeName != "Headset" || chat.Capture[0].Channels != 1 {
		t.Errorf("chat capture %+v", chat.Capture)
	}
	rates := chat.Capture[0].Formats[0].SampleRates
	if len(rates) != 8 || rates[0] != 8000 || rates[7] != 48000 || chat.Capture[0].Formats[0].BitDepth != 16 {
		t.Errorf("chat capture formats %+v", chat.Capture[0].Formats)
	}
	game := d.AudioFunctions[1]
	if len(game.Playback) != 1 || game.Playback[0].To.TypeName != "Headphones" || game.Playback[0].Channels != 2 {
		t.Errorf("game playback %+v", game.Playback)
	}
	if len(d.HID) != 1 || d.HID[0].Interface != 5 {
		t.Errorf("HID %+v", d.HID)
	}
}

// Several devices (two lsusb pastes concatenated, one binary file) give a
// JSON array in input order.
func TestDecodeJSONMany(t *testing.T) {
	need(t, arctis, h340Text, qemuAudio)
	a, _ := os.ReadFile(arctis)
	h, _ := os.ReadFile(h340Text)
	stdin := append(append(append([]byte{}, a...), '\n'), h...)
	out, errs, code := runCmd(t, stdin, "decode", "--json", "-", qemuAudio)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var ds []decoded
	if err := json.Unmarshal([]byte(out), &ds); err != nil {
		t.Fatalf("several devices must be an array: %v", err)
	}
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.Identity.VendorID+":"+d.Identity.ProductID)
	}
	if got := strings.Join(ids, " "); got != "1038:12ad 046d:0a38 46f4:0002" {
		t.Errorf("devices %s", got)
	}
	if !strings.Contains(errs, "report descriptor unavailable") {
		t.Errorf("lsusb gaps not reported on stderr: %q", errs)
	}
	text, _, code := runCmd(t, stdin, "decode", "--brief", "-")
	if code != 0 || !strings.Contains(text, "=== device 1 of 2 ===") || !strings.Contains(text, "=== device 2 of 2 ===") {
		t.Errorf("text for several devices: exit %d", code)
	}
}

func TestDecodeDOT(t *testing.T) {
	need(t, qemuAudio)
	out, _, code := runCmd(t, nil, "decode", "--dot", qemuAudio)
	if code != 0 || !strings.HasPrefix(out, "digraph ") || !strings.Contains(out, "e2 -> e3") {
		t.Errorf("exit %d, DOT:\n%s", code, out)
	}
}

func TestDecodeExitCodes(t *testing.T) {
	need(t, qemuAudio)
	bin, _ := os.ReadFile(qemuAudio)
	dir := t.TempDir()
	truncated := filepath.Join(dir, "cut.bin")
	if err := os.WriteFile(truncated, bin[:60], 0o644); err != nil {
		t.Fatal(err)
	}
	// A blob cut inside the configuration still decodes what is there:
	// exit 0, with the error and its byte offset on stderr.
	out, errs, code := runCmd(t, nil, "decode", truncated)
	if code != 0 || !strings.Contains(out, "USB device 46f4:0002") || !strings.Contains(errs, "offset") {
		t.Errorf("truncated: exit %d, stderr %q", code, errs)
	}
	if _, _, code := runCmd(t, nil, "decode", "--strict", truncated); code != 5 {
		t.Errorf("truncated --strict: exit %d, want 5", code)
	}
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  int
	}{
		{"help", "", []string{"decode", "--help"}, 0},
		{"unknown flag", "", []string{"decode", "--bogus"}, 2},
		{"json and dot", "", []string{"decode", "--json", "--dot", qemuAudio}, 2},
		{"missing file", "", []string{"decode", filepath.Join(dir, "nope.bin")}, 2},
		{"directory", "", []string{"decode", dir}, 2},
		{"empty stdin", "", []string{"decode", "-"}, 5},
		{"prose", "this is not a descriptor dump\n", []string{"decode", "-"}, 5},
		{"odd hex", "12 01 0\n", []string{"decode", "-"}, 5},
		{"one byte", "\x01", []string{"decode", "-"}, 5},
	}
	for _, c := range cases {
		_, errs, code := runCmd(t, []byte(c.stdin), c.args...)
		if code != c.want {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, code, c.want, errs)
		}
	}
	help, _, _ := runCmd(t, nil, "decode", "--help") // help is output: stdout
	if !strings.Contains(help, "Examples:") || !strings.Contains(help, "lsusb -v") {
		t.Errorf("--help lacks examples: %q", help)
	}
}

// A paste cut off inside the configuration (realdata/via-usb-dongle: 39
// of 518 bytes missing) decodes with exit 0 and says what is missing;
// --strict turns that into exit 5.
func TestDecodeTruncatedPaste(t *testing.T) {
	p := filepath.Join("..", "..", "..", "shared", "realdata", "via-usb-dongle-040d_3400", "lsusb.txt")
	need(t, p)
	out, errs, code := runCmd(t, nil, "decode", "--brief", p)
	if code != 0 || !strings.Contains(out, "USB device 040d:3400") && !strings.Contains(out, "(040d:3400)") {
		t.Errorf("exit %d, output %q", code, out)
	}
	if !strings.Contains(errs, "wTotalLength is 518 but the text gives 479 bytes") {
		t.Errorf("stderr does not say what is missing: %q", errs)
	}
	if _, _, code := runCmd(t, nil, "decode", "--strict", p); code != 5 {
		t.Errorf("--strict: exit %d, want 5", code)
	}
}

// A HID report descriptor given beside the descriptors joins the model:
// the H340's descriptors with a real telephony report (Jabra BIZ 2400 II)
// on interface 3 show hook switch and phone mute, and the classifier's
// HID evidence.
func TestDecodeHIDReport(t *testing.T) {
	report := filepath.Join("..", "..", "..", "shared", "realdata", "jabra-biz-2400-ii", "report_descriptor.hex")
	need(t, h340Text, report)
	out, errs, code := runCmd(t, nil, "decode", "--brief", "--hid-report", "3="+report, h340Text)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"hook-switch (toggle-switch)", "phone-mute (toggle-button)", "HID: a telephony hook switch"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, bad := range [][]string{
		{"decode", "--hid-report", "x=" + report, h340Text},
		{"decode", "--hid-report", "3", h340Text},
		{"decode", "--hid-report", "3=/nonexistent", h340Text},
		{"decode", "--hid-report", "3=" + report, h340Text, h340Text},
	} {
		if _, _, code := runCmd(t, nil, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad[1:3], code)
		}
	}
}

func TestParseHexText(t *testing.T) {
	cases := map[string]string{
		"12 01 00 02":                               "12010002",
		"0x12, 0x01,\n0X00,0x02};":                  "12010002",
		"uint8_t d[] = { 0x12, 0x01 };":             "1201",
		"12010002":                                  "12010002",
		"0000: 12 01\n0002: 00 02":                  "12010002",
		"00000000: 1201 0002  ....\n":               "12010002",
		"00000000  12 01 00 02  |....|\n00000004\n": "12010002",
		"0000: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11\n": "000102030405060708090a0b0c0d0e0f1011",
		"00000000: 1201 ab  ..ab\n":                                     "1201ab", // xxd's ASCII column, even when it looks like hex
		"\ufeff12 01\r\n":                                               "1201",
		"12\u00a001 # comment\n":                                        "1201",
	}
	for in, want := range cases {
		b, err := parseHexText([]byte(in))
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if got := strings.ToLower(hexString(b)); got != want {
			t.Errorf("%q -> %s, want %s", in, got, want)
		}
	}
	if _, err := parseHexText([]byte("12 01\n00 zz\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad token error %v, want one naming line 2", err)
	}
}

func hexString(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteString(string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15]))
	}
	return sb.String()
}

// lsusb -v run as root prints the HID report descriptor's items; decode
// joins the bytes lsusbtext rebuilds from them (BeyondTel SK04: a 45-byte
// keypad report on interface 3, lsusb.txt lines 217-254).
func TestDecodeJoinsReportDescriptorFromLsusbText(t *testing.T) {
	var out, errb bytes.Buffer
	path := filepath.Join("..", "..", "fixtures", "devices", "beyondtel-usb-phone-sk04", "lsusb.txt")
	if code := run([]string{"decode", "--json", path}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var doc struct {
		HID []struct {
			Interface  int  `json:"interface"`
			HaveReport bool `json:"report_descriptor_read"`
			Length     int  `json:"report_descriptor_length"`
		} `json:"hid_interfaces"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.HID) != 1 || doc.HID[0].Interface != 3 || !doc.HID[0].HaveReport || doc.HID[0].Length != 45 {
		t.Errorf("hid_interfaces = %+v, want interface 3 with its 45-byte report read", doc.HID)
	}
}

// A binary or hex input has no lsusb header line: the name comes from
// gousb's usb.ids copy (046d:0825 is "Logitech, Inc." / "Webcam C270").
func TestDecodeNamesFromUsbIDs(t *testing.T) {
	if usbIDName(0x046d, 0x0825) == "" {
		t.Skip("built without cgo: no usb.ids names")
	}
	dir := filepath.Join("..", "..", "..", "shared", "realdata", "logitech-c270-webcam")
	dev, err1 := os.ReadFile(filepath.Join(dir, "device_descriptor.hex"))
	cfg, err2 := os.ReadFile(filepath.Join(dir, "config_descriptor.hex"))
	if err1 != nil || err2 != nil {
		t.Skip("../shared/realdata not present")
	}
	path := filepath.Join(t.TempDir(), "c270.hex")
	if err := os.WriteFile(path, append(append(dev, '\n'), cfg...), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"decode", "--brief", path}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "Logitech, Inc. Webcam C270 (046d:0825)" {
		t.Errorf("first line %q", first)
	}
}
