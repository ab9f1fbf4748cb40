package source

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestParseUSBMixerTwoInterfaces(t *testing.T) {
	// two mixers on one chip (ctrlif 0 and 3), a control name with a comma
	// and quotes, and a quirk unit that dumps no Info/Volume
	text := `USB Mixer: usb_id=0x046d0a38, ctrlif=0, ctlerr=0
Card: Logitech USB Headset H340 at usb-0000:00:14.0-4, full speed
  Unit: 5
    Control: name="Mic Capture Volume", index=0
    Info: id=5, control=2, cmask=0x0, channels=1, type="S16"
    Volume: min=-4096, max=0, dBmin=-1600, dBmax=0
  Unit: 6
    Control: name="Odd "Name", with comma", index=2
USB Mixer: usb_id=0x046d0a38, ctrlif=3, ctlerr=1
Card: Logitech USB Headset H340 at usb-0000:00:14.0-4, full speed
  Unit: 12
    Control: name="Headset Playback Volume", index=0
    Info: id=12, control=2, cmask=0x3, channels=2, type="S16"
    Volume: min=-7680, max=1536, dBmin=-3000, dBmax=600
`
	got, err := ParseUSBMixer(text)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("controls = %+v", got)
	}
	mic, odd, hp := got[0], got[1], got[2]
	if mic.USBID != 0x046d0a38 || mic.CtrlIf != 0 || mic.Unit != 5 || mic.Name != "Mic Capture Volume" ||
		!mic.HasInfo || mic.ID != 5 || mic.Control != 2 || mic.Channels != 1 || mic.Type != "S16" ||
		mic.Min != -4096 || mic.Max != 0 || mic.DBMin != -16 || mic.DBMax != 0 {
		t.Errorf("mic = %+v", mic)
	}
	if odd.Name != `Odd "Name", with comma` || odd.Index != 2 || odd.HasInfo {
		t.Errorf("odd = %+v", odd)
	}
	if hp.CtrlIf != 3 || hp.Unit != 12 || hp.CMask != 3 || hp.DBMin != -30 || hp.DBMax != 6 {
		t.Errorf("headphone = %+v", hp)
	}
}

func TestParseUSBMixerMalformed(t *testing.T) {
	text := "USB Mixer: usb_id=0x12090001, ctrlif=0, ctlerr=0\n" +
		"  Unit: 1\n" +
		"    Info: id=1, control=two, cmask=0x0, channels=1, type=\"S16\"\n" +
		"    Volume: min=-256, max=0, dBmin=-100, dBmax=0\n" +
		"  Unit: x\n" +
		"    Control: name=\"lost\", index=0\n" +
		"  Unit: 2\n" +
		"    Control: name=\"After\", index=0\n"
	got, err := ParseUSBMixer(text)
	var pe *MixerParseError
	if !errors.As(err, &pe) || pe.Line != 3 {
		t.Fatalf("err = %v, want a MixerParseError at line 3", err)
	}
	// parsing went on: unit 1's volume line and unit 2 are kept
	if len(got) != 2 || got[0].Min != -256 || got[0].DBMin != -1 || got[1].Name != "After" {
		t.Errorf("controls = %+v", got)
	}
}

func TestParseUSBMixerEmpty(t *testing.T) {
	got, err := ParseUSBMixer("")
	if err != nil || len(got) != 0 {
		t.Errorf("empty dump = %v, %v", got, err)
	}
}

func FuzzParseUSBMixer(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(demoRoot, "proc/asound/card0/usbmixer")); err == nil {
		f.Add(string(b))
	}
	f.Add("  Unit: 1\n    Control: name=\"")
	f.Add("USB Mixer: usb_id=0xzz\n    Volume: min=1\n")
	f.Fuzz(func(t *testing.T, text string) {
		got, _ := ParseUSBMixer(text)
		if len(got) > len(text) {
			t.Fatalf("%d controls from %d bytes", len(got), len(text))
		}
	})
}
