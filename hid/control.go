package hid

import (
	"fmt"
	"slices"
	"strings"
)

// Control names. These strings are a stable interface: the classifier, the
// udev properties (USBAUDIO_HID_VOLUME, _MUTE, _HOOK_SWITCH...) and the QA
// bench (--press volume-up,mute) key on them. Never rename one.
//
//	volume-up            Consumer Volume Increment (0x0C:0xE9), input
//	volume-down          Consumer Volume Decrement (0x0C:0xEA), input
//	volume               Consumer Volume (0x0C:0xE0), input, absolute level
//	mute                 Consumer Mute (0x0C:0xE2), input
//	play-pause           Consumer Play/Pause (0x0C:0xCD), input
//	play, pause, stop    Consumer Play/Pause/Stop (0x0C:0xB0, 0xB1, 0xB7), input
//	next, previous       Consumer Scan Next/Previous Track (0x0C:0xB5, 0xB6), input
//	voice-command        Consumer Voice Command (0x0C:0xCF), input
//	hook-switch          Telephony Hook Switch (0x0B:0x20), input
//	phone-mute           Telephony Phone Mute (0x0B:0x2F), input
//	flash                Telephony Flash (0x0B:0x21), input
//	redial               Telephony Redial (0x0B:0x24), input
//	hold                 Telephony Hold (0x0B:0x23), input
//	drop                 Telephony Drop (0x0B:0x26), input
//	transfer             Telephony Transfer (0x0B:0x25), input
//	line                 Telephony Line (0x0B:0x2A), input
//	speaker-phone        Telephony Speaker Phone (0x0B:0x2B), input
//	programmable-button  Telephony Programmable Button (0x0B:0x07), input
//	ringer               Telephony Ringer (0x0B:0x9E), output
//	led-mute             LED Mute (0x08:0x09), output
//	led-microphone       LED Microphone (0x08:0x21), output
//	led-off-hook         LED Off-Hook (0x08:0x17), output
//	led-ring             LED Ring (0x08:0x18), output
//	led-hold             LED Hold (0x08:0x20), output
//	led-message-waiting  LED Message Waiting (0x08:0x19), output
//	led-speaker          LED Speaker (0x08:0x1E), output
//	led-headset          LED Head Set (0x08:0x1F), output
const (
	ControlVolumeUp           = "volume-up"
	ControlVolumeDown         = "volume-down"
	ControlVolume             = "volume"
	ControlMute               = "mute"
	ControlPlayPause          = "play-pause"
	ControlPlay               = "play"
	ControlPause              = "pause"
	ControlStop               = "stop"
	ControlNext               = "next"
	ControlPrevious           = "previous"
	ControlVoiceCommand       = "voice-command"
	ControlHookSwitch         = "hook-switch"
	ControlPhoneMute          = "phone-mute"
	ControlFlash              = "flash"
	ControlRedial             = "redial"
	ControlHold               = "hold"
	ControlDrop               = "drop"
	ControlTransfer           = "transfer"
	ControlLine               = "line"
	ControlSpeakerPhone       = "speaker-phone"
	ControlProgrammableButton = "programmable-button"
	ControlRinger             = "ringer"
	ControlLEDMute            = "led-mute"
	ControlLEDMicrophone      = "led-microphone"
	ControlLEDOffHook         = "led-off-hook"
	ControlLEDRing            = "led-ring"
	ControlLEDHold            = "led-hold"
	ControlLEDMessageWaiting  = "led-message-waiting"
	ControlLEDSpeaker         = "led-speaker"
	ControlLEDHeadset         = "led-headset"
)

// controlSpec ties a usage to its control name and the direction it is
// expected in (buttons are inputs, LEDs and the ringer outputs).
type controlSpec struct {
	name  string
	usage Usage
	kind  ReportKind
}

// controlSpecs is ordered; ControlSet bits follow this order.
var controlSpecs = [...]controlSpec{
	{ControlVolumeUp, NewUsage(PageConsumer, ConsumerVolumeIncrement), KindInput},
	{ControlVolumeDown, NewUsage(PageConsumer, ConsumerVolumeDecrement), KindInput},
	{ControlVolume, NewUsage(PageConsumer, ConsumerVolume), KindInput},
	{ControlMute, NewUsage(PageConsumer, ConsumerMute), KindInput},
	{ControlPlayPause, NewUsage(PageConsumer, ConsumerPlayPause), KindInput},
	{ControlPlay, NewUsage(PageConsumer, ConsumerPlay), KindInput},
	{ControlPause, NewUsage(PageConsumer, ConsumerPause), KindInput},
	{ControlStop, NewUsage(PageConsumer, ConsumerStop), KindInput},
	{ControlNext, NewUsage(PageConsumer, ConsumerNextTrack), KindInput},
	{ControlPrevious, NewUsage(PageConsumer, ConsumerPreviousTrack), KindInput},
	{ControlVoiceCommand, NewUsage(PageConsumer, ConsumerVoiceCommand), KindInput},
	{ControlHookSwitch, NewUsage(PageTelephony, TelephonyHookSwitch), KindInput},
	{ControlPhoneMute, NewUsage(PageTelephony, TelephonyPhoneMute), KindInput},
	{ControlFlash, NewUsage(PageTelephony, TelephonyFlash), KindInput},
	{ControlRedial, NewUsage(PageTelephony, TelephonyRedial), KindInput},
	{ControlHold, NewUsage(PageTelephony, TelephonyHold), KindInput},
	{ControlDrop, NewUsage(PageTelephony, TelephonyDrop), KindInput},
	{ControlTransfer, NewUsage(PageTelephony, TelephonyTransfer), KindInput},
	{ControlLine, NewUsage(PageTelephony, TelephonyLine), KindInput},
	{ControlSpeakerPhone, NewUsage(PageTelephony, TelephonySpeakerPhone), KindInput},
	{ControlProgrammableButton, NewUsage(PageTelephony, TelephonyProgrammableButton), KindInput},
	{ControlRinger, NewUsage(PageTelephony, TelephonyRinger), KindOutput},
	{ControlLEDMute, NewUsage(PageLED, LEDMute), KindOutput},
	{ControlLEDMicrophone, NewUsage(PageLED, LEDMicrophone), KindOutput},
	{ControlLEDOffHook, NewUsage(PageLED, LEDOffHook), KindOutput},
	{ControlLEDRing, NewUsage(PageLED, LEDRing), KindOutput},
	{ControlLEDHold, NewUsage(PageLED, LEDHold), KindOutput},
	{ControlLEDMessageWaiting, NewUsage(PageLED, LEDMessageWaiting), KindOutput},
	{ControlLEDSpeaker, NewUsage(PageLED, LEDSpeaker), KindOutput},
	{ControlLEDHeadset, NewUsage(PageLED, LEDHeadSet), KindOutput},
}

// ControlNames lists every control name in a fixed order.
func ControlNames() []string {
	names := make([]string, len(controlSpecs))
	for i, s := range controlSpecs {
		names[i] = s.name
	}
	return names
}

func specForUsage(u Usage) (int, bool) {
	for i := range controlSpecs {
		if controlSpecs[i].usage == u {
			return i, true
		}
	}
	return 0, false
}

// Semantics says how a control's values are to be read (HUT §3.4.1.2 usage
// types, as SPEC-FACTS summarises them).
type Semantics uint8

const (
	// SemanticsButton: absolute 0..1 with a preferred state, a momentary
	// button (1 while held).
	SemanticsButton Semantics = iota
	// SemanticsOnOffButtons: relative -1..1, a pair of buttons; +1 is the
	// "on" button, -1 the "off" button, 0 neither.
	SemanticsOnOffButtons
	// SemanticsToggleButton: relative 0..1 with a preferred state; each
	// press toggles the state the host keeps.
	SemanticsToggleButton
	// SemanticsToggleSwitch: absolute 0..1 without a preferred state; the
	// value is the state itself (1 on, 0 off).
	SemanticsToggleSwitch
	// SemanticsSelector: a usage in an array field, present while held
	// (one-shot or momentary).
	SemanticsSelector
	// SemanticsLinear: a value over a range (e.g. absolute volume level).
	SemanticsLinear
)

var semanticsNames = [...]string{"button", "on-off-buttons", "toggle-button", "toggle-switch",
	"selector", "linear"}

func (s Semantics) String() string {
	if int(s) < len(semanticsNames) {
		return semanticsNames[s]
	}
	return fmt.Sprintf("Semantics(%d)", uint8(s))
}

// MarshalText writes the semantics name.
func (s Semantics) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Control is one button, switch, level or LED a person cares about, and
// where it lives in the reports.
type Control struct {
	Name      string     `json:"name"`
	Usage     Usage      `json:"usage"`
	UsageID   uint32     `json:"usage_id"` // page<<16 | id, for machines
	Kind      ReportKind `json:"direction"`
	ReportID  uint8      `json:"report_id"`
	Semantics Semantics  `json:"semantics"`
	// BitOffset and BitSize locate the control's element in the report data
	// (after the report ID byte); for an array control they locate the first
	// slot of the array, which has Slots slots.
	BitOffset  int   `json:"bit_offset"`
	BitSize    int   `json:"bit_size"`
	Array      bool  `json:"array"`
	Slots      int   `json:"slots,omitempty"`
	ArrayValue int32 `json:"array_value,omitempty"` // the slot value that selects this usage
	LogicalMin int32 `json:"logical_min"`
	LogicalMax int32 `json:"logical_max"`
	Field      int   `json:"field"` // index in Descriptor.Fields
	// Collection is the path of enclosing collections, outermost first.
	Collection string `json:"collection"`
}

func (c *Control) String() string {
	where := fmt.Sprintf("%s report %d bit %d size %d", c.Kind, c.ReportID, c.BitOffset, c.BitSize)
	if c.Array {
		where = fmt.Sprintf("%s report %d array at bit %d (%d×%d bits) value %d", c.Kind, c.ReportID,
			c.BitOffset, c.Slots, c.BitSize, c.ArrayValue)
	}
	return fmt.Sprintf("%s: %s, %s (%s)", c.Name, where, c.Semantics, c.Usage)
}

// semanticsOf classifies a variable field's element by its flags and range.
func semanticsOf(f *Field) Semantics {
	switch {
	case !f.Variable():
		return SemanticsSelector
	case f.Flags.Relative() && f.LogicalMin == -1 && f.LogicalMax == 1:
		return SemanticsOnOffButtons
	case f.LogicalMin == 0 && f.LogicalMax == 1 && f.Flags.Relative():
		return SemanticsToggleButton
	case f.LogicalMin == 0 && f.LogicalMax == 1 && f.Flags.NoPreferred():
		return SemanticsToggleSwitch
	case f.LogicalMin == 0 && f.LogicalMax == 1:
		return SemanticsButton
	}
	return SemanticsLinear
}

// Controls lists the named controls in descriptor order. A control that
// appears in several reports is listed once per report.
func (d *Descriptor) Controls() []Control {
	var out []Control
	for fi := range d.Fields {
		f := &d.Fields[fi]
		if f.Constant() {
			continue
		}
		path := ""
		add := func(c Control) {
			if path == "" {
				path = d.CollectionPathString(f.Collection)
			}
			c.Collection = path
			out = append(out, c)
		}
		baseControl := Control{Kind: f.Kind, ReportID: f.ReportID, BitSize: f.BitSize,
			LogicalMin: f.LogicalMin, LogicalMax: f.LogicalMax, Field: fi}
		if f.Variable() {
			// Look each named usage up in each range (not each element in
			// each range): ranges can span 65536 usages.
			var found []Control
			base := 0
			for _, r := range f.Usages {
				if base >= f.Count {
					break
				}
				for s := range controlSpecs {
					u := controlSpecs[s].usage
					if u < r.Min || u > r.Max {
						continue
					}
					i := base + int(u-r.Min)
					if i >= f.Count {
						continue
					}
					ctl := baseControl
					ctl.Name, ctl.Usage, ctl.UsageID = controlSpecs[s].name, u, uint32(u)
					ctl.BitOffset = f.BitOffset + i*f.BitSize
					ctl.Semantics = semanticsOf(f)
					found = append(found, ctl)
				}
				base += r.Len()
			}
			slices.SortStableFunc(found, func(a, b Control) int { return a.BitOffset - b.BitOffset })
			for _, c := range found {
				add(c)
			}
			continue
		}
		for s := range controlSpecs {
			u := controlSpecs[s].usage
			idx, ok := f.indexOfUsage(u)
			if !ok {
				continue
			}
			v := int64(f.LogicalMin) + int64(idx)
			if v > int64(f.LogicalMax) {
				continue // the device can never send this usage
			}
			c := baseControl
			c.Name, c.Usage, c.UsageID = controlSpecs[s].name, u, uint32(u)
			c.BitOffset = f.BitOffset
			c.Array, c.Slots, c.ArrayValue = true, f.Count, int32(v)
			c.Semantics = SemanticsSelector
			add(c)
		}
	}
	return out
}

// ControlSet is a set of control names, one bit per entry of the name
// table; it answers "has volume buttons / mute / hook switch" cheaply.
type ControlSet uint64

// Has reports whether the named control is present.
func (s ControlSet) Has(name string) bool {
	for i := range controlSpecs {
		if controlSpecs[i].name == name {
			return s&(1<<i) != 0
		}
	}
	return false
}

// Names lists the members in the table's order.
func (s ControlSet) Names() []string {
	var names []string
	for i := range controlSpecs {
		if s&(1<<i) != 0 {
			names = append(names, controlSpecs[i].name)
		}
	}
	return names
}

func (s ControlSet) String() string { return strings.Join(s.Names(), ",") }

// HasVolumeButtons: both volume-up and volume-down inputs.
func (s ControlSet) HasVolumeButtons() bool {
	return s.Has(ControlVolumeUp) && s.Has(ControlVolumeDown)
}

// HasMute: a consumer mute or a telephony phone mute input.
func (s ControlSet) HasMute() bool { return s.Has(ControlMute) || s.Has(ControlPhoneMute) }

// HasHookSwitch: a telephony hook switch input.
func (s ControlSet) HasHookSwitch() bool { return s.Has(ControlHookSwitch) }

// HasTelephony: any telephony control (buttons or ringer).
func (s ControlSet) HasTelephony() bool {
	for i := range controlSpecs {
		if s&(1<<i) != 0 && controlSpecs[i].usage.Page() == PageTelephony {
			return true
		}
	}
	return false
}

// ControlSet collects the named controls found in their expected direction
// (buttons as inputs, LEDs and ringer as outputs).
func (d *Descriptor) ControlSet() ControlSet {
	var s ControlSet
	for _, c := range d.Controls() {
		i, _ := specForUsage(c.Usage)
		if controlSpecs[i].kind == c.Kind {
			s |= 1 << i
		}
	}
	return s
}

// VendorCollection is a collection on a vendor-defined page; gaming and
// Teams-certified headsets keep battery, sidetone and call controls there.
type VendorCollection struct {
	Offset    int            `json:"offset"`
	Type      CollectionType `json:"type"`
	Usage     Usage          `json:"usage"`
	UsageID   uint32         `json:"usage_id"`
	ReportIDs []int          `json:"report_ids"` // reports with fields inside it
}

// VendorCollections lists collections whose usage is vendor-defined,
// outermost only (a vendor collection directly inside another is not listed
// again), each with the report IDs of the fields inside it, ascending.
func (d *Descriptor) VendorCollections() []VendorCollection {
	n := len(d.Collections)
	listed := make([]bool, n)
	// nearest[c] is the closest listed collection at or above c, or -1.
	// Parents come before children, so one forward pass fills it.
	nearest := make([]int, n)
	count := 0
	for ci := range d.Collections {
		c := &d.Collections[ci]
		parent := c.Parent
		if parent >= ci { // cannot happen from Parse; keeps the walk finite
			parent = -1
		}
		listed[ci] = c.Vendor() && (parent < 0 || !d.Collections[parent].Vendor())
		switch {
		case listed[ci]:
			nearest[ci] = ci
			count++
		case parent >= 0:
			nearest[ci] = nearest[parent]
		default:
			nearest[ci] = -1
		}
	}
	if count == 0 {
		return nil
	}
	// Report IDs as bitsets: each field marks its nearest listed collection,
	// then each listed collection passes its set up to the next one out.
	ids := make([][4]uint64, n)
	for fi := range d.Fields {
		if c := d.Fields[fi].Collection; c >= 0 && c < n && nearest[c] >= 0 {
			id := d.Fields[fi].ReportID
			ids[nearest[c]][id/64] |= 1 << (id % 64)
		}
	}
	for ci := n - 1; ci >= 0; ci-- {
		if p := d.Collections[ci].Parent; listed[ci] && p >= 0 && p < ci && nearest[p] >= 0 {
			for w := range ids[ci] {
				ids[nearest[p]][w] |= ids[ci][w]
			}
		}
	}
	out := make([]VendorCollection, 0, count)
	for ci := range d.Collections {
		if !listed[ci] {
			continue
		}
		c := &d.Collections[ci]
		vc := VendorCollection{Offset: c.Offset, Type: c.Type, Usage: c.Usage, UsageID: uint32(c.Usage),
			ReportIDs: []int{}}
		for id := range 256 {
			if ids[ci][id/64]&(1<<(id%64)) != 0 {
				vc.ReportIDs = append(vc.ReportIDs, id)
			}
		}
		out = append(out, vc)
	}
	return out
}

// Summary answers the questions the classifier and udev ask of a HID
// interface.
type Summary struct {
	Controls      []string `json:"controls"` // ControlSet names
	VolumeButtons bool     `json:"volume_buttons"`
	Volume        bool     `json:"volume"`
	Mute          bool     `json:"mute"` // consumer mute or phone mute
	HookSwitch    bool     `json:"hook_switch"`
	// Telephony: a telephony control or a top-level collection on the
	// Telephony page (Phone, Headset, Handset...).
	Telephony bool `json:"telephony"`
	// Consumer: a top-level Consumer Control collection.
	Consumer          bool               `json:"consumer"`
	LEDs              []string           `json:"leds"`
	VendorCollections []VendorCollection `json:"vendor_collections"`
}

// Summary builds the Summary.
func (d *Descriptor) Summary() Summary {
	set := d.ControlSet()
	s := Summary{Controls: set.Names(), VolumeButtons: set.HasVolumeButtons(),
		Volume: set.Has(ControlVolume), Mute: set.HasMute(), HookSwitch: set.HasHookSwitch(),
		Telephony: set.HasTelephony(), LEDs: []string{}, VendorCollections: d.VendorCollections()}
	if s.Controls == nil {
		s.Controls = []string{}
	}
	for _, n := range s.Controls {
		if strings.HasPrefix(n, "led-") {
			s.LEDs = append(s.LEDs, n)
		}
	}
	for i := range d.Collections {
		c := &d.Collections[i]
		if c.Parent >= 0 {
			continue
		}
		switch c.Usage.Page() {
		case PageTelephony:
			s.Telephony = true
		case PageConsumer:
			s.Consumer = true
		}
	}
	return s
}
