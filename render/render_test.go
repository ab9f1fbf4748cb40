package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

func buildFixture(t *testing.T, in model.Input) *model.Device {
	t.Helper()
	d, err := model.Build(in)
	if d == nil {
		t.Fatalf("nothing parsed: %v", err)
	}
	return d
}

func h340(t *testing.T) *model.Device {
	t.Helper()
	p := filepath.Join(realdata, "logitech-h340", "lsusb.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skip("shared/realdata not present")
	}
	return buildFixture(t, lsusbFixture(t, "h340", p).in)
}

// The dump's lines for the H340 compared with what lsusb printed in the
// original paste (realdata/logitech-h340/lsusb.txt): same field names and
// values; our decoded meanings follow.
func TestDumpMatchesLsusbH340(t *testing.T) {
	d := h340(t)
	var b bytes.Buffer
	if err := Dump(&b, d.Descriptors, d.Strings); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"bcdUSB              2.00",
		"idVendor          0x046d",
		"bcdDevice           1.15",
		"iProduct               2 Logitech USB Headset H340",
		"wTotalLength      0x00eb",
		"bMaxPower             60 120 mA", // lsusb: MaxPower 120mA
		"wTerminalType     0x0201 Microphone",
		"wChannelConfig    0x0003 Left Front (L), Right Front (R)",
		"bmaControls( 0)     0x01 mute (read-write)", // bControlSize 1: one byte per channel
		"bmaControls( 1)     0x02 volume (read-write)",
		"bSynchAddress        131",
		"bDescriptorSubtype     6 (FEATURE_UNIT)",
		"tSamFreq[ 0]       44100",
		"wDescriptorLength 0x006f",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dump lacks %q", want)
		}
	}
	// UAC1 descriptors have no bmControls or bCSourceID (UAC2+ fields).
	for _, absent := range []string{"bCSourceID", "bCategory", "bmControls    0x"} {
		if strings.Contains(out, absent) {
			t.Errorf("UAC1 dump shows %q", absent)
		}
	}
	// Tree order: device, configuration, interface 0, its AC descriptors.
	iDev, iCfg, iIf, iHdr := strings.Index(out, "Device Descriptor:"), strings.Index(out, "Configuration Descriptor:"),
		strings.Index(out, "Interface Descriptor:"), strings.Index(out, "AC Header Descriptor:")
	if !(iDev == 0 && iDev < iCfg && iCfg < iIf && iIf < iHdr) {
		t.Errorf("tree order: device %d, config %d, interface %d, header %d", iDev, iCfg, iIf, iHdr)
	}
}

func TestTextSummaryH340(t *testing.T) {
	d := h340(t)
	var b bytes.Buffer
	if err := Text(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Logitech USB Headset H340 (046d:0a38)",
		"Verdict: ",
		"Playback: USB Streaming (terminal 2, 0x0101) -> Speaker (terminal 4, 0x0301), 2 channels",
		"Format: interface 1 alt 1: PCM, 2 ch, 16-bit, 44100 Hz, max packet 200 bytes",
		"Control: volume (unit 5): ch 1, ch 2, read-write",
		"Control: mute (unit 5): master, read-write",
		"Capture: Microphone (terminal 1, 0x0201) -> USB Streaming (terminal 3, 0x0101), 2 channels",
		"HID interface 3, report descriptor 111 bytes",
		"report descriptor not read",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if strings.Contains(out, "Descriptors:") {
		t.Errorf("dump printed without Verbose")
	}
	if i, j := strings.Index(out, "Verdict:"), strings.Index(out, "Audio function"); i < 0 || i > j {
		t.Errorf("verdict is not first")
	}
}

func TestTextLiveRange(t *testing.T) {
	d := h340(t)
	d.AttachLive(&model.Live{Source: "sysfs", PortPath: "1-4", ALSA: &model.ALSACard{Number: 2, ID: "H340",
		Mixer: []model.MixerControl{{Name: "Speaker Playback Volume", Unit: 5, Control: 2, Channels: 2,
			Range: &model.MixerRange{Min: -11520, Max: 0, MinDB: -45, MaxDB: 0}}}}})
	var b bytes.Buffer
	if err := Text(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Control: volume (unit 5): ch 1, ch 2, read-write, -45.00 to 0.00 dB (kernel)") {
		t.Errorf("kernel range not shown:\n%s", b.String())
	}
	if !strings.Contains(b.String(), `ALSA card 2 "H340"`) {
		t.Errorf("ALSA card not shown")
	}
}

// Device strings are attacker-controlled: control characters must not
// reach the terminal raw.
func TestTextEscapesDeviceStrings(t *testing.T) {
	d := h340(t)
	d.Identity.Manufacturer, d.Identity.Product = "", "Evil\x1b[2J\nHeadset"
	var b bytes.Buffer
	if err := Text(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") || !strings.Contains(b.String(), `Evil\x1b[2J\nHeadset`) {
		t.Errorf("escape sequence not neutralised: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
}

func TestJSONRoundTrip(t *testing.T) {
	d := h340(t)
	var b bytes.Buffer
	if err := JSON(&b, d); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Schema         string `json:"schema"`
		AudioFunctions []struct {
			UACVersion string `json:"uac_version"`
			Capture    []struct {
				Channels int `json:"channels"`
				Formats  []struct {
					SampleRates []int `json:"sample_rates"`
				} `json:"formats"`
			} `json:"capture"`
		} `json:"audio_functions"`
		HID []struct {
			Interface    int `json:"interface"`
			ReportLength int `json:"report_descriptor_length"`
		} `json:"hid_interfaces"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Schema != "usbaudio/v1" || back.AudioFunctions[0].UACVersion != "UAC1" ||
		back.AudioFunctions[0].Capture[0].Channels != 2 || back.AudioFunctions[0].Capture[0].Formats[0].SampleRates[0] != 44100 ||
		back.HID[0].Interface != 3 || back.HID[0].ReportLength != 111 {
		t.Errorf("JSON values: %+v", back)
	}
	if !strings.Contains(b.String(), "\n  \"identity\": {") {
		t.Errorf("JSON not indented")
	}
}

func TestDOT(t *testing.T) {
	d := h340(t)
	var b bytes.Buffer
	if err := DOT(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "digraph ") || !strings.Contains(out, "e5 -> e4") || !strings.Contains(out, "e6 -> e10") {
		t.Errorf("DOT lacks the H340 edges 5->4 and 6->10:\n%s", out)
	}
}

// A real telephony report descriptor (Jabra BIZ 2400 II, gonnect test
// data) on the H340's HID interface: the buttons with how they report, and
// the LEDs. Hook switch there is an absolute 0..1 field without preferred
// state (a toggle switch); phone mute is relative (a toggle button).
func TestTextHIDButtons(t *testing.T) {
	p := filepath.Join(realdata, "jabra-biz-2400-ii", "report_descriptor.hex")
	d := h340(t)
	in := lsusbFixture(t, "h340", filepath.Join(realdata, "logitech-h340", "lsusb.txt")).in
	in.HIDReports = map[uint8][]byte{3: hexBytes(t, p)}
	d = buildFixture(t, in)
	var b bytes.Buffer
	if err := Text(&b, d, Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"hook-switch (toggle-switch)",
		"phone-mute (toggle-button)",
		"LEDs: ",
		"led-off-hook",
		"HID: a telephony hook switch",
		"Verdict: Headset",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}
