package model

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/lsusbtext"
	"github.com/usbaudio/usbaudio/usbdesc"
)

var realdata = filepath.Join("..", "..", "shared", "realdata")

func needRealdata(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(realdata); err != nil {
		t.Skip("shared/realdata not present")
	}
}

// lsusbDevice rebuilds the first device of a real lsusb -v paste.
func lsusbDevice(t *testing.T, path string) lsusbtext.Device {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	devs, err := lsusbtext.Parse(text)
	if err != nil || len(devs) == 0 {
		t.Fatalf("lsusbtext.Parse(%s): %v", path, err)
	}
	return devs[0]
}

func hexFile(t *testing.T, path string) []byte {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(strings.Join(strings.Fields(string(text)), ""))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

func TestMaskSerial(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"1234":             "****",
		"12345678":         "****5678",
		"18f6f23000070215": "****0215",
		"A00011:14:14":     "****4:14",
		"ñandú-9":          "****dú-9", // runes, not bytes
	} {
		if got := MaskSerial(in); got != want {
			t.Errorf("MaskSerial(%q) = %q, want %q", in, got, want)
		}
	}
}

// The Logitech H340 (realdata/logitech-h340, lsusb -v from alsa-devel):
// one UAC1 function on interface 0 with playback 2->5->4 (2 ch, 44.1 kHz)
// and capture 1->6->10->3, and a HID interface 3 whose report descriptor
// lsusb could not read (111 bytes announced).
func TestFromDescriptorsH340(t *testing.T) {
	needRealdata(t)
	ld := lsusbDevice(t, filepath.Join(realdata, "logitech-h340", "lsusb.txt"))
	d, err := FromDescriptors(ld.Descriptors, Strings{Manufacturer: ld.Manufacturer, Product: ld.Product,
		Serial: "SN0011223344", Table: map[uint8]string{1: "Logitech Inc.", 2: "Logitech USB Headset H340", 3: "SN0011223344"}}, nil)
	if err != nil {
		t.Fatalf("FromDescriptors: %v", err)
	}
	if d.Schema != "usbaudio/v1" {
		t.Errorf("schema %q", d.Schema)
	}
	if got := d.Identity.VIDPID(); got != "046d:0a38" {
		t.Errorf("VID:PID %s", got)
	}
	if d.Identity.DeviceVersion != 0x0115 || d.Identity.USBVersion != 0x0200 {
		t.Errorf("versions %s %s", d.Identity.USBVersion, d.Identity.DeviceVersion)
	}
	if d.Identity.Serial != "****3344" {
		t.Errorf("serial not masked: %q", d.Identity.Serial)
	}
	if got := d.Identity.Name(); got != "Logitech USB Headset H340" {
		t.Errorf("Name() = %q (the product already names the maker)", got)
	}
	if len(d.AudioFunctions) != 1 {
		t.Fatalf("%d audio functions, want 1", len(d.AudioFunctions))
	}
	f := d.AudioFunctions[0]
	if f.UACVersion != "UAC1" || f.ControlInterface != 0 || len(f.StreamInterfaces) != 2 {
		t.Errorf("function %s on %d streams %v", f.UACVersion, f.ControlInterface, f.StreamInterfaces)
	}
	if len(f.Playback) != 1 || len(f.Capture) != 1 {
		t.Fatalf("playback %d capture %d paths", len(f.Playback), len(f.Capture))
	}
	p := f.Playback[0]
	if p.From.ID != 2 || p.To.ID != 4 || p.To.TypeName != "Speaker" || p.Channels != 2 {
		t.Errorf("playback path %+v", p)
	}
	if len(p.Formats) != 1 || p.Formats[0].BitDepth != 16 || len(p.Formats[0].SampleRates) != 1 || p.Formats[0].SampleRates[0] != 44100 {
		t.Errorf("playback formats %+v", p.Formats)
	}
	var vol, mute int
	for _, c := range p.Controls {
		switch c.Control {
		case "volume":
			vol++
		case "mute":
			mute++
		}
		if c.Unit != 5 || c.Access != "read-write" {
			t.Errorf("control %+v", c)
		}
	}
	if vol != 2 || mute != 1 {
		t.Errorf("playback controls: %d volume (want 2: ch 1, 2), %d mute (want 1: master)", vol, mute)
	}
	if len(d.HID) != 1 || d.HID[0].Interface != 3 || d.HID[0].ReportLength != 111 || d.HID[0].HaveReport {
		t.Errorf("HID %+v", d.HID)
	}
	if d.Strings[3] != "****3344" {
		t.Errorf("string table leaks the serial: %q", d.Strings[3])
	}
}

// Joining HID: the H340's descriptors with a real telephony headset report
// descriptor (Jabra BIZ 2400 II: hook switch, phone mute, LEDs) supplied
// for interface 3 must add call-control evidence to the verdict.
func TestHIDJoinsVerdict(t *testing.T) {
	needRealdata(t)
	ld := lsusbDevice(t, filepath.Join(realdata, "logitech-h340", "lsusb.txt"))
	report := hexFile(t, filepath.Join(realdata, "jabra-biz-2400-ii", "report_descriptor.hex"))
	plain, err := FromDescriptors(ld.Descriptors, Strings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromDescriptors(ld.Descriptors, Strings{}, map[uint8][]byte{3: report})
	if err != nil {
		t.Fatal(err)
	}
	h := d.HID[0]
	if !h.HaveReport || h.Summary == nil || !h.Summary.HookSwitch || !h.Summary.Telephony {
		t.Fatalf("HID summary %+v", h.Summary)
	}
	buttons := strings.Join(h.Buttons(), ",")
	if !strings.Contains(buttons, "hook-switch") || !strings.Contains(buttons, "phone-mute") {
		t.Errorf("buttons %q", buttons)
	}
	if leds := strings.Join(h.LEDs(), ","); !strings.Contains(leds, "led-off-hook") {
		t.Errorf("LEDs %q", leds)
	}
	reasons := ""
	for _, e := range d.Verdict.Evidence {
		reasons += e.Reason + "\n"
	}
	for _, want := range []string{"HID: a Telephony Headset collection", "HID: a telephony hook switch", "HID: a telephony phone-mute button"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("verdict evidence lacks %q:\n%s", want, reasons)
		}
	}
	// With a telephony headset collection and call buttons it is a
	// headset, scored at least as high as from the audio descriptors alone.
	if plain.Verdict.FormFactor == usbdesc.FormHeadset && d.Verdict.Score < plain.Verdict.Score {
		t.Errorf("HID evidence lowered the headset score: %d < %d", d.Verdict.Score, plain.Verdict.Score)
	}
	if d.Verdict.FormFactor != usbdesc.FormHeadset {
		t.Errorf("with telephony HID the verdict is %s (score %d), want headset", d.Verdict.FormFactor, d.Verdict.Score)
	}
	if d.Descriptors.AudioFunctions()[0].Classification.FormFactor != d.AudioFunctions[0].Classification.FormFactor {
		t.Errorf("summary and parsed function disagree after reclassification")
	}
}

func TestClassifyHints(t *testing.T) {
	hids := []HIDInterface{
		{Interface: 3, Summary: &hid.Summary{Controls: []string{"volume-up", "volume-down", "mute"}, VolumeButtons: true}},
		{Interface: 4},
	}
	h := classifyHints(hids)
	if !h.ConsumerVolume || !h.ConsumerMute || h.HookSwitch || h.PhoneMute || h.TelephonyHeadset {
		t.Errorf("hints %+v", h)
	}
	hids[1].Summary = &hid.Summary{Controls: []string{"hook-switch", "phone-mute"}, HookSwitch: true}
	h = classifyHints(hids)
	if !h.HookSwitch || !h.PhoneMute {
		t.Errorf("hints %+v", h)
	}
}

func TestVerdictWithoutAudio(t *testing.T) {
	v := verdict(nil, []HIDInterface{{Interface: 0, Summary: &hid.Summary{Controls: []string{"hook-switch"}, HookSwitch: true}}})
	if v.FormFactor != usbdesc.FormOther || v.Function != -1 || v.Score != 0 || len(v.Evidence) != 2 ||
		!strings.Contains(v.Evidence[1].Reason, "hook-switch") {
		t.Errorf("verdict %+v", v)
	}
}

func TestVerdictPrefersHeadsetFunctionOnTie(t *testing.T) {
	funcs := []AudioFunction{
		{ControlInterface: 3, Classification: usbdesc.Classification{FormFactor: usbdesc.FormHeadphones, Score: 80}},
		{ControlInterface: 0, Classification: usbdesc.Classification{FormFactor: usbdesc.FormHeadset, Score: 80}},
	}
	v := verdict(funcs, nil)
	if v.Function != 1 || v.FormFactor != usbdesc.FormHeadset {
		t.Errorf("verdict picked function %d (%s)", v.Function, v.FormFactor)
	}
}

func TestAttachLiveCopiesKernelRange(t *testing.T) {
	needRealdata(t)
	ld := lsusbDevice(t, filepath.Join(realdata, "logitech-h340", "lsusb.txt"))
	d, err := FromDescriptors(ld.Descriptors, Strings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &MixerRange{Min: -11520, Max: 0, MinDB: -45, MaxDB: 0}
	d.AttachLive(&Live{Source: "sysfs", ALSA: &ALSACard{Number: 1, ID: "H340",
		Mixer: []MixerControl{{Name: "PCM Playback Volume", Unit: 5, Control: 2, Channels: 2, Range: r}}}})
	n := 0
	for _, c := range d.AudioFunctions[0].Playback[0].Controls {
		if c.Range == r {
			n++
		}
		if c.Control == "mute" && c.Range != nil {
			t.Errorf("mute got a volume range")
		}
	}
	if n != 2 {
		t.Errorf("range attached to %d volume controls, want 2", n)
	}
	if d.AudioFunctions[0].Capture[0].Controls[1].Range != nil {
		t.Errorf("capture unit 6 got unit 5's range")
	}
}

// JSON: typed values, ID lists as numbers (not base64), the schema first.
func TestJSONShape(t *testing.T) {
	needRealdata(t)
	ld := lsusbDevice(t, filepath.Join(realdata, "logitech-h340", "lsusb.txt"))
	d, err := FromDescriptors(ld.Descriptors, Strings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"schema":"usbaudio/v1","identity":{"vendor_id":"046d","product_id":"0a38"`) {
		t.Errorf("JSON starts %s", b[:100])
	}
	var back struct {
		AudioFunctions []struct {
			StreamInterfaces []int `json:"stream_interfaces"`
			Playback         []struct {
				Chain []int `json:"chain"`
			} `json:"playback"`
		} `json:"audio_functions"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("ID lists are not numbers: %v", err)
	}
	if got := back.AudioFunctions[0].Playback[0].Chain; len(got) != 3 || got[0] != 2 || got[2] != 4 {
		t.Errorf("chain %v", got)
	}
}

func TestBuildNothingParsed(t *testing.T) {
	d, err := Build(Input{Descriptors: []byte{0x01}})
	if err == nil {
		t.Fatalf("one byte parsed without error: %+v", d)
	}
}
