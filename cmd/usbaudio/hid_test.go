package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func hidRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return out.String(), errb.String(), code
}

func hidRealdata(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared realdata not present")
	}
	return filepath.Join(dir, name, "report_descriptor.bin")
}

// The golden files were checked by hand against the descriptor bytes (item
// by item) and the bit arithmetic of HID 1.11 §8.4.
func TestHIDDecodeGolden(t *testing.T) {
	for _, c := range []struct{ golden, input string }{
		{"qemu-usb-kbd.decode.txt", filepath.Join("..", "..", "fixtures", "hid", "qemu-usb-kbd", "report_descriptor.hex")},
		{"logitech-g535.decode.txt", ""},
	} {
		input := c.input
		if input == "" {
			input = hidRealdata(t, "logitech-g535")
		}
		out, errOut, code := hidRun(t, "hid", "decode", input)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", input, code, errOut)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "hid", "golden", c.golden))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.ReplaceAll(out, input, "FILE"); got != string(want) {
			t.Errorf("%s differs from golden %s:\n%s", input, c.golden, got)
		}
	}
}

func TestHIDDecodeJSON(t *testing.T) {
	out, _, code := hidRun(t, "hid", "decode", "--json", hidRealdata(t, "jabra-biz-2400-ii"))
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Schema string `json:"schema"`
		Items  []struct {
			Offset int
			Text   string
			Depth  int
		}
		Reports []struct {
			ID          int
			Kind        string
			Bits, Bytes int
		}
		Controls []struct {
			Name      string
			Direction string
			ReportID  int    `json:"report_id"`
			BitOffset int    `json:"bit_offset"`
			Semantics string `json:"semantics"`
		}
		Summary struct {
			VolumeButtons     bool `json:"volume_buttons"`
			HookSwitch        bool `json:"hook_switch"`
			Telephony         bool
			LEDs              []string `json:"leds"`
			VendorCollections []struct {
				ReportIDs []int `json:"report_ids"`
			} `json:"vendor_collections"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "usbaudio/v1" || len(doc.Items) == 0 || doc.Items[0].Text != "Usage Page (Telephony)" {
		t.Errorf("schema %q, first item %+v", doc.Schema, doc.Items[:1])
	}
	hook := doc.Controls[0]
	if hook.Name != "hook-switch" || hook.Direction != "input" || hook.ReportID != 2 || hook.BitOffset != 0 ||
		hook.Semantics != "toggle-switch" {
		t.Errorf("first control %+v", hook)
	}
	if !doc.Summary.VolumeButtons || !doc.Summary.HookSwitch || !doc.Summary.Telephony || len(doc.Summary.LEDs) != 5 ||
		len(doc.Summary.VendorCollections) != 1 || len(doc.Summary.VendorCollections[0].ReportIDs) != 2 {
		t.Errorf("summary %+v", doc.Summary)
	}
	if r := doc.Reports[0]; r.ID != 2 || r.Kind != "input" || r.Bits != 16 || r.Bytes != 3 {
		t.Errorf("first report %+v", r)
	}
}

func TestHIDReport(t *testing.T) {
	desc := hidRealdata(t, "jabra-biz-2400-ii")
	out, errOut, code := hidRun(t, "hid", "report", "--descriptor", desc, "02 01 00", "02:05:00", "020000", "09 00", "0x01,0x04,0x00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"input report 2: 02 01 00\n  Telephony.Hook Switch = 1\n",
		"  event: hook-switch toggled on\n",
		"  Telephony.Phone Mute = 1\n",
		"  event: phone-mute pressed\n",
		"  event: hook-switch toggled off\n  event: phone-mute released\n",
		"input report 9: 09 00\n  warning: hid: offset 0 (0x0000): input report ID not in the descriptor: 9\n",
		"input report 1: 01 04 00\n  Consumer.Volume Decrement = 0\n  Consumer.Volume Increment = 0\n  Consumer.Mute = 1\n  event: mute pressed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	out, _, code = hidRun(t, "hid", "report", "--json", "--descriptor", desc, "01 02 00", "01 00 00")
	var doc struct {
		Schema  string
		Reports []struct {
			ReportID int `json:"report_id"`
			Fields   []struct {
				Usages []string
				Values []int
			}
			Events []struct {
				Control string
				Kind    string
				Value   int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("exit %d, %v", code, err)
	}
	r := doc.Reports
	if doc.Schema != "usbaudio/v1" || len(r) != 2 || r[0].ReportID != 1 || len(r[0].Events) != 1 ||
		r[0].Events[0].Control != "volume-up" || r[0].Events[0].Kind != "pressed" ||
		r[1].Events[0].Kind != "released" || r[0].Fields[0].Values[1] != 1 ||
		r[0].Fields[0].Usages[1] != "Consumer.Volume Increment" {
		t.Errorf("json report %+v", doc)
	}
}

func TestHIDExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.bin")
	trunc := filepath.Join(dir, "trunc.hex")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(trunc, []byte("05 0c 09"), 0o644)
	kbd := filepath.Join("..", "..", "fixtures", "hid", "qemu-usb-kbd", "report_descriptor.bin")
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"hid"}, 2},
		{[]string{"hid", "frobnicate"}, 2},
		{[]string{"hid", "decode"}, 2},
		{[]string{"hid", "decode", filepath.Join(dir, "missing")}, 2},
		{[]string{"hid", "decode", empty}, 5},
		{[]string{"hid", "decode", "--bogus", kbd}, 2},
		{[]string{"hid", "decode", trunc}, 0}, // one item parses; the error is shown as a warning
		{[]string{"hid", "report", "00 00"}, 2},
		{[]string{"hid", "report", "--descriptor", kbd}, 2},
		{[]string{"hid", "report", "--descriptor", kbd, "zz"}, 2},
		{[]string{"hid", "report", "--descriptor", kbd, "--kind", "sideways", "00"}, 2},
		{[]string{"hid", "report", "--descriptor", empty, "00"}, 5},
		{[]string{"hid", "report", "--descriptor", kbd, "02 00 04 00 00 00 00 00"}, 0},
		{[]string{"hid", "decode", "--help"}, 0},
	} {
		if _, errOut, code := hidRun(t, c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errOut)
		}
	}
	out, _, _ := hidRun(t, "hid", "decode", trunc)
	if !strings.Contains(out, "offset 2 (0x0002): item 0x09 needs 1 data bytes, 0 left") {
		t.Errorf("truncation warning missing:\n%s", out)
	}
	out, _, _ = hidRun(t, "hid", "report", "--descriptor", kbd, "02 00 04 00 00 00 00 00")
	if !strings.Contains(out, "Keyboard/Keypad.Left Shift = 1") || !strings.Contains(out, "array at bit 16: Keyboard/Keypad.a and A (4)") {
		t.Errorf("keyboard report:\n%s", out)
	}
}

func TestHIDParseHex(t *testing.T) {
	for in, want := range map[string]string{
		"05 0c 09 01":            "050c0901",
		"0x05, 0x0C,\n0x09,0x01": "050c0901",
		"050c0901 # comment":     "050c0901",
		"5 c":                    "050c",
	} {
		b, err := hidParseHex(in)
		if err != nil || hidHex(b) != hidHex(mustHex(want)) {
			t.Errorf("%q: % x %v", in, b, err)
		}
	}
	if _, err := hidParseHex("050"); err == nil {
		t.Error("odd hex run accepted")
	}
	if hidLooksLikeHex([]byte{0x05, 0x0c, 0x09, 0x01}) {
		t.Error("binary taken for hex")
	}
}

func mustHex(s string) []byte {
	b := make([]byte, len(s)/2)
	for i := range b {
		hi, _ := hidHexDigit(s[2*i])
		lo, _ := hidHexDigit(s[2*i+1])
		b[i] = hi<<4 | lo
	}
	return b
}
