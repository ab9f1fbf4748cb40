package bench

import (
	"encoding/binary"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// Mutations change one fact of a golden unit in its descriptor bytes, found
// through the parsed model (entity offsets), and the check must fail in
// exactly the place that fact is reported.

// mutation edits a copy of the bytes; d is the parse of the original.
type mutation struct {
	name string
	edit func(t *testing.T, d *model.Device, b []byte)
	// failing are the check names that must fail, messages what each
	// failure says (same order).
	failing  []string
	messages []string
	// shorten drops this many bytes from the end after the edit (which
	// moved them down).
	shorten int
}

// entity finds the first entity of type T in the first audio function
// satisfying ok.
func entity[T usbdesc.Entity](t *testing.T, d *model.Device, ok func(T) bool) T {
	t.Helper()
	for _, e := range d.AudioFunctions[0].Function.Entities {
		if v, is := e.(T); is && ok(v) {
			return v
		}
	}
	var zero T
	t.Fatalf("no %T entity", zero)
	return zero
}

// formatType is the format type descriptor of the first alternate setting
// of the function's stream in the given direction.
func formatType(t *testing.T, d *model.Device, dir usbdesc.Direction) *usbdesc.FormatType {
	t.Helper()
	for _, s := range d.AudioFunctions[0].Function.Streams {
		if s.Direction == dir && len(s.Alts) > 0 && s.Alts[0].Format != nil {
			return s.Alts[0].Format
		}
	}
	t.Fatalf("no %v format", dir)
	return nil
}

// expectByte guards an offset computed from the spec layout: the original
// byte must be what the parsed field says.
func expectByte(t *testing.T, b []byte, off int, want byte) {
	t.Helper()
	if b[off] != want {
		t.Fatalf("byte at offset %d is %#02x, want %#02x: wrong layout", off, b[off], want)
	}
}

func runMutations(t *testing.T, desc []byte, s model.Strings, reports map[uint8][]byte, ms []mutation) {
	golden := buildDevice(t, desc, s, reports)
	profile, own := roundTrip(t, golden)
	for _, m := range ms {
		t.Run(m.name, func(t *testing.T) {
			b := append([]byte(nil), desc...)
			m.edit(t, golden, b)
			b = b[:len(b)-m.shorten]
			d := buildDevice(t, b, s, reports)
			results := Compare(profile, d)
			if len(results) != len(own) {
				t.Errorf("%d checks on the mutant, %d on the golden unit", len(results), len(own))
			}
			var failing, messages []string
			for _, r := range results {
				if !r.Pass {
					failing = append(failing, r.Name)
					messages = append(messages, r.Message())
				}
			}
			if !reflect.DeepEqual(failing, m.failing) {
				t.Errorf("failing checks %q, want %q", failing, m.failing)
			}
			if !reflect.DeepEqual(messages, m.messages) {
				t.Errorf("messages\n got %q\nwant %q", messages, m.messages)
			}
		})
	}
}

func TestMutationsQEMUAudio(t *testing.T) {
	desc := readFile(t, filepath.Join(fixturesDir, "qemu/qemu-usb-audio/descriptors.bin"))
	runMutations(t, desc, model.Strings{}, nil, []mutation{
		{
			// A mono version of the unit: its feature unit controls one
			// channel fewer, so the second channel's volume goes with it.
			name: "one channel fewer",
			edit: func(t *testing.T, d *model.Device, b []byte) {
				// UAC1 feature unit: bLength 7+(ch+1)*bControlSize, bmaControls
				// from offset 6, iFeature last (UAC1 §4.3.2.5). Drop
				// bmaControls(2) and shorten bLength and wTotalLength.
				fu := entity(t, d, func(*usbdesc.FeatureUnit) bool { return true })
				size := int(fu.ControlSize)
				if fu.Channels() != 2 || size == 0 {
					t.Fatalf("feature unit: %d channels, control size %d", fu.Channels(), size)
				}
				cut := fu.Offset + 6 + 2*size
				copy(b[cut:], b[cut+size:])
				b[fu.Offset] -= byte(size)
				cfg := d.Descriptors.Configurations[0]
				binary.LittleEndian.PutUint16(b[cfg.Offset+2:], cfg.TotalLength-uint16(size))
			},
			shorten: 2, // bControlSize of QEMU's feature unit
			failing: []string{"playback 1 channels", "playback 1 control volume"},
			messages: []string{"playback 1 channels: expected 2, got 1",
				"playback 1 control volume: expected ch 1, ch 2, read-write, got ch 1, read-write"},
		},
		{
			name: "missing mute control",
			edit: func(t *testing.T, d *model.Device, b []byte) {
				// UAC1 feature unit: bmaControls(0), the master channel, at
				// offset 6; mute is bit 0 (UAC1 §4.3.2.5)
				fu := entity(t, d, func(*usbdesc.FeatureUnit) bool { return true })
				if b[fu.Offset+6]&1 == 0 {
					t.Fatal("golden feature unit has no master mute")
				}
				b[fu.Offset+6] &^= 1
			},
			failing:  []string{"playback 1 control mute"},
			messages: []string{"playback 1 control mute: expected master, read-write, got missing"},
		},
		{
			name: "different terminal type",
			edit: func(t *testing.T, d *model.Device, b []byte) {
				// wTerminalType at offset 4: Speaker 0x0301 → Desktop speaker 0x0304
				ot := entity(t, d, func(*usbdesc.OutputTerminal) bool { return true })
				if got := binary.LittleEndian.Uint16(b[ot.Offset+4:]); got != 0x0301 {
					t.Fatalf("output terminal type %#04x", got)
				}
				binary.LittleEndian.PutUint16(b[ot.Offset+4:], 0x0304)
			},
			failing:  []string{"playback 1 to terminal"},
			messages: []string{"playback 1 to terminal: expected 0x0301 (Speaker), got 0x0304 (Desktop Speaker)"},
		},
		{
			name: "different sample rate",
			edit: func(t *testing.T, d *model.Device, b []byte) {
				// UAC1 type I format: tSamFreq[0], 3 bytes, at offset 8 (Formats §2.2.5)
				ft := formatType(t, d, usbdesc.Playback)
				off := ft.Offset + 8
				if got := uint32(b[off]) | uint32(b[off+1])<<8 | uint32(b[off+2])<<16; got != 48000 {
					t.Fatalf("tSamFreq %d", got)
				}
				const rate = 44100
				b[off], b[off+1], b[off+2] = byte(rate&0xff), byte(rate>>8&0xff), byte(rate>>16)
			},
			failing:  []string{"playback 1 sample rates"},
			messages: []string{"playback 1 sample rates: expected 48000 Hz, got 44100 Hz"},
		},
	})
}

// A real UAC2 interface (Behringer UMC202HD) whose stereo microphone input
// becomes mono: the capture path's channel count comes from the input
// terminal's cluster. The form factor check fails too, rightly: a speaker
// with a mono microphone is how basic headsets describe themselves, and
// the classifier's verdict moves from "other" to "headset".
func TestMutationMonoCapture(t *testing.T) {
	desc, s := lsusbDevice(t, realdata(t, "behringer-umc202hd", "lsusb.txt"))
	runMutations(t, desc, s, nil, []mutation{{
		name: "one capture channel fewer",
		edit: func(t *testing.T, d *model.Device, b []byte) {
			// UAC2 input terminal: bNrChannels at offset 8 (UAC2 §4.7.2.4)
			it := entity(t, d, func(it *usbdesc.InputTerminal) bool { return it.TerminalType.IsMicrophone() })
			expectByte(t, b, it.Offset+8, 2)
			b[it.Offset+8] = 1
		},
		failing:  []string{"form factor", "capture 1 channels"},
		messages: []string{"form factor: expected other, got headset", "capture 1 channels: expected 2, got 1"},
	}})
}

// The UAC2 headset of the spec fixtures: both directions.
func TestMutationsUAC2Headset(t *testing.T) {
	desc := readFile(t, filepath.Join(fixturesDir, "spec/uac2-headset/descriptors.bin"))
	runMutations(t, desc, model.Strings{}, nil, []mutation{
		{
			name: "capture volume lost",
			edit: func(t *testing.T, d *model.Device, b []byte) {
				// UAC2 feature unit: bmaControls(ch) are 4 bytes from offset
				// 5; volume is bits 3..2 (UAC2 §4.7.2.8). Clear channel 1's.
				capture := d.AudioFunctions[0].Capture[0]
				var fu *usbdesc.FeatureUnit
				for _, id := range capture.Chain {
					if f, ok := d.AudioFunctions[0].Function.Entity(id).(*usbdesc.FeatureUnit); ok {
						fu = f
					}
				}
				if fu == nil {
					t.Fatal("capture path has no feature unit")
				}
				off := fu.Offset + 5 + 4
				if b[off]&0x0c == 0 {
					t.Fatal("golden capture channel 1 has no volume")
				}
				b[off] &^= 0x0c
			},
			failing:  []string{"capture 1 control volume"},
			messages: []string{"capture 1 control volume: expected ch 1, read-only, got missing"},
		},
	})
}

// realHeadset is the Logitech H340's real descriptors with a real report
// descriptor (Jabra BIZ 2400 II: volume, mute and telephony buttons) on its
// HID interface 3, the H340's own not being public.
func realHeadset(t *testing.T) (desc []byte, s model.Strings, report []byte) {
	desc, s = lsusbDevice(t, realdata(t, "logitech-h340", "lsusb.txt"))
	return desc, s, realdata(t, "jabra-biz-2400-ii", "report_descriptor.bin")
}

func TestMutationMissingHIDButton(t *testing.T) {
	desc, s, report := realHeadset(t)
	golden := buildDevice(t, desc, s, map[uint8][]byte{3: report})
	profile, _ := roundTrip(t, golden)
	wantHID := []string{"volume-up", "volume-down", "mute", "hook-switch", "phone-mute", "flash", "redial",
		"ringer", "led-mute", "led-microphone", "led-off-hook", "led-ring", "led-hold"}
	if !reflect.DeepEqual(profile.HID.Controls, wantHID) {
		t.Errorf("profile HID controls %q, want %q", profile.HID.Controls, wantHID)
	}
	// Usage (Volume Increment) on the Consumer page becomes Usage 0
	// (unassigned): the field stays, the button is gone.
	rd, err := hid.Parse(report)
	if err != nil {
		t.Fatal(err)
	}
	mutant := append([]byte(nil), report...)
	found := 0
	for _, it := range rd.Items {
		if it.Type == hid.ItemLocal && it.Tag == hid.TagUsage && it.UsagePage == 0x0c && it.Data == hid.ConsumerVolumeIncrement {
			mutant[it.Offset+1] = 0
			found++
		}
	}
	if found != 1 {
		t.Fatalf("%d Volume Increment usages", found)
	}
	d := buildDevice(t, desc, s, map[uint8][]byte{3: mutant})
	results := Compare(profile, d)
	var failing []string
	for _, r := range results {
		if !r.Pass {
			failing = append(failing, r.Message())
		}
	}
	want := []string{"hid control volume-up: expected present, got missing"}
	if !reflect.DeepEqual(failing, want) {
		t.Errorf("failures %q, want %q", failing, want)
	}
}

// A profile made with report descriptors, checked against a file decode
// that has none: the HID checks say why they cannot pass.
func TestHIDUnknownWithoutReportDescriptor(t *testing.T) {
	desc, s, report := realHeadset(t)
	profile := FromDevice(buildDevice(t, desc, s, map[uint8][]byte{3: report}))
	results := Compare(profile, buildDevice(t, desc, s, nil))
	for _, r := range results {
		if strings.HasPrefix(r.Name, "hid control ") {
			if r.Pass || r.Actual != "unknown (HID report descriptor not read)" {
				t.Errorf("%s", r)
			}
		} else if !r.Pass {
			t.Errorf("unexpected failure: %s", r)
		}
	}
}

// Hand edits: removing fields stops their checks, tolerances widen ranges,
// min_score and strings are checked when present.
func TestHandEditedProfile(t *testing.T) {
	desc, s := lsusbDevice(t, realdata(t, "logitech-h340", "lsusb.txt"))
	d := buildDevice(t, desc, s, nil)
	d.AudioFunctions[0].Playback[0].Controls[1].Range = &model.MixerRange{MinDB: -45.5, MaxDB: 0.3}
	p, err := ParseProfile([]byte(`{
	  "schema": "usbaudio-profile/v1",
	  "identity": {"vid": "046D", "product": "Logitech USB Headset H340"},
	  "classification": {"form_factor": "headset", "min_score": 101},
	  "paths": [
	    {"direction": "playback", "volume_db": {"min": -45, "max": 0, "tolerance": 0.5}},
	    {"direction": "playback", "channels": 2}
	  ],
	  "strings": {"1": "Logitech Inc.", "9": "nothing"}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	results := Compare(p, d)
	got := map[string]string{}
	for _, r := range results {
		got[r.Name] = r.String()
	}
	want := map[string]string{
		"vendor id":               "PASS vendor id: 046d",
		"product":                 `PASS product: "Logitech USB Headset H340"`,
		"form factor":             "PASS form factor: headset",
		"classification score":    "FAIL classification score: expected at least 101, got " + itoa(d.Verdict.Score),
		"playback 1 volume range": "PASS playback 1 volume range: -45.5 to 0.3 dB",
		"playback 2 channels":     "FAIL playback 2 channels: expected 2, got no such path",
		"string 1":                `PASS string 1: "Logitech Inc."`,
		"string 9":                `FAIL string 9: expected "nothing", got none`,
	}
	if !reflect.DeepEqual(got, want) {
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if got[k] != want[k] {
				t.Errorf("%s:\n got %s\nwant %s", k, got[k], want[k])
			}
		}
		for k := range want {
			if _, ok := got[k]; !ok {
				t.Errorf("missing check %q", k)
			}
		}
	}
	// Outside the tolerance.
	p.Paths[0].VolumeDB.Tolerance = 0.25
	for _, r := range Compare(p, d) {
		if r.Name == "playback 1 volume range" && r.String() != "FAIL playback 1 volume range: expected -45 to 0 dB (±0.25), got -45.5 to 0.3 dB" {
			t.Errorf("%s", r)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
