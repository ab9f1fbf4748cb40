package usbdesc

import "fmt"

// acCategory is one audio function category code of the AC header's
// bCategory (UAC2 A.7; UAC3 A.7 keeps those codes and adds 0x0d..0x10),
// with the form factor it hints at and how strongly. The weights stay below
// what a terminal type earns, except that "I/O box" and "musical
// instrument" outweigh a generic Speaker + Microphone pair: audio
// interfaces (Behringer UMC202HD, UV1) describe their jacks that way.
type acCategory struct {
	name       string
	form       FormFactor
	points     int
	minVersion UACVersion
}

var acCategories = map[uint8]acCategory{
	0x01: {"desktop speaker", FormSpeaker, 25, UAC2},
	0x02: {"home theater", FormSpeaker, 15, UAC2},
	0x03: {"microphone", FormMicrophone, 25, UAC2},
	0x04: {"headset", FormHeadset, 25, UAC2},
	0x05: {"telephone", FormHandset, 15, UAC2},
	0x06: {"converter", FormOther, 20, UAC2},
	0x07: {"voice/sound recorder", FormOther, 20, UAC2},
	0x08: {"I/O box", FormOther, 40, UAC2},
	0x09: {"musical instrument", FormOther, 40, UAC2},
	0x0a: {"pro-audio", FormOther, 30, UAC2},
	0x0b: {"audio/video", FormOther, 5, UAC2},
	0x0c: {"control panel", FormOther, 5, UAC2},
	0x0d: {"headphone", FormHeadphones, 25, UAC3},
	0x0e: {"generic speaker", FormSpeaker, 25, UAC3},
	0x0f: {"headset adapter", FormHeadsetAdapter, 30, UAC3},
	0x10: {"speakerphone", FormSpeakerphone, 30, UAC3},
}

// ACCategoryName names an AC header bCategory code for a UAC version
// ("headset"), "undefined" for 0x00 and "other" for 0xff.
func ACCategoryName(v UACVersion, code uint8) string {
	switch code {
	case 0x00:
		return "undefined"
	case 0xff:
		return "other"
	}
	if c, ok := acCategories[code]; ok && v >= c.minVersion {
		return c.name
	}
	return fmt.Sprintf("reserved 0x%02x", code)
}
