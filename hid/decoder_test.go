package hid

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// feed runs reports through a decoder and returns each report's events as
// strings, or "error" when the decoder rejected the report.
func feed(t *testing.T, dec *Decoder, reports ...[]byte) [][]string {
	t.Helper()
	out := make([][]string, len(reports))
	for i, r := range reports {
		evs := []string{}
		err := dec.Decode(r, func(e Event) { evs = append(evs, e.String()) })
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("report %d: error %T is not a *FormatError", i, err)
			}
			evs = append(evs, "error")
		}
		out[i] = evs
	}
	return out
}

func checkEvents(t *testing.T, got [][]string, want ...[]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d reports, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("report %d: events %q, want %q", i, got[i], want[i])
		}
	}
}

func none() []string { return []string{} }

// Variable fields with report IDs: Logitech G535 report 1 has volume up at
// bit 0 and volume down at bit 1 (absolute buttons).
func TestDecoderVariableButtonsWithReportID(t *testing.T) {
	d := mustParse(t, loadReal(t, "logitech-g535"))
	dec := NewDecoder(d)
	got := feed(t, dec,
		[]byte{0x01, 0x01, 0, 0, 0}, // volume up down
		[]byte{0x01, 0x01, 0, 0, 0}, // still held: nothing
		[]byte{0x01, 0x00, 0, 0, 0}, // released
		[]byte{0x01, 0x02, 0, 0, 0}, // volume down
		[]byte{0x01, 0x03, 0, 0, 0}, // both
		[]byte{0x01, 0x00, 0, 0, 0}, // both released
		[]byte{0x07, 0x01, 0, 0, 0}, // unknown report ID: ignored
		[]byte{0x01, 0x01},          // too short: ignored
		[]byte{0x11, 0x01, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, // vendor report: no controls
		[]byte{0x01, 0x01, 0, 0, 0},
	)
	checkEvents(t, got,
		[]string{"volume-up pressed"}, none(), []string{"volume-up released"},
		[]string{"volume-down pressed"}, []string{"volume-up pressed"},
		[]string{"volume-up released", "volume-down released"},
		[]string{"error"}, []string{"error"}, none(),
		[]string{"volume-up pressed"},
	)
}

// Telephony semantics on the Jabra BIZ 2400 II, report 2: hook switch is a
// toggle switch (absolute, no preferred state), phone mute a toggle button
// (relative 0..1).
func TestDecoderTelephonyJabra(t *testing.T) {
	d := mustParse(t, loadReal(t, "jabra-biz-2400-ii"))
	dec := NewDecoder(d)
	got := feed(t, dec,
		[]byte{0x02, 0x01, 0x00}, // off hook
		[]byte{0x02, 0x05, 0x00}, // phone mute pressed while off hook
		[]byte{0x02, 0x01, 0x00}, // phone mute released
		[]byte{0x02, 0x00, 0x00}, // on hook
		[]byte{0x02, 0x18, 0x00}, // flash + redial
		[]byte{0x02, 0x00, 0x00},
		[]byte{0x01, 0x04, 0x00}, // consumer mute (report 1)
		[]byte{0x01, 0x00, 0x00},
		[]byte{0x04, 0x01, 0x00}, // the vendor copy on page 0xFF30: no events
	)
	checkEvents(t, got,
		[]string{"hook-switch toggled on"},
		[]string{"phone-mute pressed"},
		[]string{"phone-mute released"},
		[]string{"hook-switch toggled off"},
		[]string{"flash pressed", "redial pressed"},
		[]string{"flash released", "redial released"},
		[]string{"mute pressed"}, []string{"mute released"},
		none(),
	)
}

// A consumer-control array (two 16-bit slots, no report ID), the way many
// headsets and keyboards send media keys.
var consumerArrayDescriptor = []byte{
	0x05, 0x0c, // Usage Page (Consumer)
	0x09, 0x01, // Usage (Consumer Control)
	0xa1, 0x01, // Collection (Application)
	0x15, 0x00, // Logical Minimum (0)
	0x26, 0xff, 0x03, // Logical Maximum (1023)
	0x19, 0x00, // Usage Minimum (0)
	0x2a, 0xff, 0x03, // Usage Maximum (1023)
	0x75, 0x10, // Report Size (16)
	0x95, 0x02, // Report Count (2)
	0x81, 0x00, // Input (Data,Arr,Abs)
	0xc0, // End Collection
}

func TestDecoderArrayWithoutReportID(t *testing.T) {
	d := mustParse(t, consumerArrayDescriptor)
	if d.UsesReportIDs || len(d.Warnings) != 0 {
		t.Fatalf("uses IDs %v, warnings %v", d.UsesReportIDs, d.Warnings)
	}
	var mute Control
	for _, c := range d.Controls() {
		if c.Name == ControlMute {
			mute = c
		}
	}
	if !mute.Array || mute.ArrayValue != 0xE2 || mute.Slots != 2 || mute.BitSize != 16 || mute.Semantics != SemanticsSelector {
		t.Errorf("mute control %+v", mute)
	}
	dec := NewDecoder(d)
	got := feed(t, dec,
		[]byte{0xe2, 0x00, 0x00, 0x00}, // mute in slot 0
		[]byte{0xe2, 0x00, 0xe9, 0x00}, // + volume up in slot 1
		[]byte{0xe9, 0x00, 0x00, 0x00}, // volume up moves to slot 0, mute gone
		[]byte{0x00, 0x04, 0x00, 0x00}, // 0x400: outside the logical range = nothing
		[]byte{0xcd, 0x00, 0x00, 0x00}, // play/pause
		[]byte{0x00, 0x00, 0x00, 0x00},
		[]byte{0xe2, 0x00}, // short
	)
	checkEvents(t, got,
		[]string{"mute pressed"},
		[]string{"volume-up pressed"},
		[]string{"mute released"},
		[]string{"volume-up released"},
		[]string{"play-pause pressed"},
		[]string{"play-pause released"},
		[]string{"error"},
	)
	// A leading 0 byte split off by the caller, as hidapi returns on Windows.
	var evs []string
	if err := dec.DecodeData(0, []byte{0xe2, 0x00, 0x00, 0x00}, func(e Event) { evs = append(evs, e.String()) }); err != nil ||
		!slices.Equal(evs, []string{"mute pressed"}) {
		t.Errorf("DecodeData: %v %v", evs, err)
	}
	if err := dec.DecodeData(3, []byte{0, 0, 0, 0}, func(Event) {}); err == nil {
		t.Error("report ID 3 accepted by a descriptor without report IDs")
	}
	rv, err := d.DecodeReport(KindInput, []byte{0xe9, 0x00, 0x00, 0x04})
	if err != nil || rv.Fields[0].Usages[0].String() != "Consumer.Volume Increment" || rv.Fields[0].Usages[1] != 0 {
		t.Errorf("array values %+v %v", rv, err)
	}
}

// On/off buttons (relative -1..1) and an absolute volume level, with a
// report ID.
var onOffDescriptor = []byte{
	0x05, 0x0b, 0x09, 0x05, 0xa1, 0x01, // Telephony Headset application
	0x85, 0x03, // Report ID (3)
	0x15, 0xff, 0x25, 0x01, // Logical -1..1
	0x75, 0x02, 0x95, 0x01, // 2 bits
	0x09, 0x2f, // Phone Mute
	0x81, 0x06, // Input (Data,Var,Rel)
	0x75, 0x06, 0x81, 0x03, // padding
	0x05, 0x0c, 0x09, 0xe0, // Consumer Volume
	0x15, 0x00, 0x25, 0x64, 0x75, 0x08, // 0..100 in 8 bits
	0x81, 0x02, // Input (Data,Var,Abs)
	0xc0,
}

func TestDecoderOnOffButtonsAndLevel(t *testing.T) {
	d := mustParse(t, onOffDescriptor)
	cs := d.Controls()
	if len(cs) != 2 || cs[0].Semantics != SemanticsOnOffButtons || cs[1].Semantics != SemanticsLinear || cs[1].BitOffset != 8 {
		t.Fatalf("controls %v", cs)
	}
	dec := NewDecoder(d)
	got := feed(t, dec,
		[]byte{0x03, 0x01, 50}, // mute on button, volume 50
		[]byte{0x03, 0x00, 50}, // released
		[]byte{0x03, 0x03, 50}, // -1: mute off button
		[]byte{0x03, 0x01, 40}, // straight to +1, volume 40
		[]byte{0x02, 0x00, 0},  // unknown ID
	)
	checkEvents(t, got,
		[]string{"phone-mute pressed", "volume changed to 50"},
		[]string{"phone-mute released"},
		[]string{"phone-mute off pressed"},
		[]string{"phone-mute off released", "phone-mute pressed", "volume changed to 40"},
		[]string{"error"},
	)
}

// Each button of the Sennheiser SC 660 alone: press then release yields
// exactly one pressed and one released event for that control (toggle
// switches: toggled on / off).
func TestDecoderEachButtonSennheiser(t *testing.T) {
	d := mustParse(t, loadReal(t, "sennheiser-sc660-anc-usb"))
	for _, c := range d.Controls() {
		if c.Kind != KindInput {
			continue
		}
		dec := NewDecoder(d)
		r, _ := d.Report(KindInput, c.ReportID)
		down := make([]byte, r.Bytes(true))
		down[0] = c.ReportID
		down[1+c.BitOffset/8] |= 1 << (c.BitOffset % 8)
		up := make([]byte, len(down))
		up[0] = c.ReportID
		want := [][]string{{c.Name + " pressed"}, {c.Name + " released"}}
		if c.Semantics == SemanticsToggleSwitch {
			want = [][]string{{c.Name + " toggled on"}, {c.Name + " toggled off"}}
		}
		got := feed(t, dec, down, up)
		if !slices.Equal(got[0], want[0]) || !slices.Equal(got[1], want[1]) {
			t.Errorf("%s: events %q, want %q", c.Name, got, want)
		}
	}
}

func TestDecodeAllocs(t *testing.T) {
	d := mustParse(t, loadReal(t, "jabra-biz-2400-ii"))
	dec := NewDecoder(d)
	reports := [][]byte{{0x02, 0x01, 0x00}, {0x02, 0x05, 0x00}, {0x01, 0x02, 0x00}, {0x01, 0x00, 0x00}}
	n := 0
	emit := func(Event) { n++ }
	allocs := testing.AllocsPerRun(100, func() {
		for _, r := range reports {
			_ = dec.Decode(r, emit)
		}
	})
	if allocs != 0 {
		t.Errorf("Decode allocates %.1f times per run, want 0", allocs)
	}
	if n == 0 {
		t.Error("no events")
	}
}

func TestEventStrings(t *testing.T) {
	for _, c := range []struct {
		e    Event
		want string
	}{
		{Event{Control: "mute", Kind: EventToggledOn, Value: 1}, "mute toggled on"},
		{Event{Control: "volume", Kind: EventChanged, Value: -3}, "volume changed to -3"},
		{Event{Control: "hook-switch", Kind: EventReleased}, "hook-switch released"},
	} {
		if got := c.e.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
	if !strings.Contains(ControlSet(1<<3|1<<11).String(), "mute,hook-switch") {
		t.Errorf("ControlSet string %q", ControlSet(1<<3|1<<11).String())
	}
}

// Relative volume buttons (Razer Kraken Kitty V2, report 0x52): each press
// reports 1 for one report, then 0.
func TestDecoderRelativeVolumeButtons(t *testing.T) {
	d := mustParse(t, loadFixture(t, "hid", "razer-kraken-kitty-v2", "report_descriptor.bin"))
	got := feed(t, NewDecoder(d),
		[]byte{0x52, 0x01}, []byte{0x52, 0x00}, []byte{0x52, 0x02}, []byte{0x52, 0x00},
		[]byte{0x08, 0x55}, // vendor data in report 8: no events
		[]byte{0x53, 0x01}, // unknown report ID
	)
	checkEvents(t, got,
		[]string{"volume-up pressed"}, []string{"volume-up released"},
		[]string{"volume-down pressed"}, []string{"volume-down released"},
		none(), []string{"error"},
	)
}
