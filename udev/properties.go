package udev

import (
	"strconv"
	"strings"

	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// soundFormFactor maps our form factors to the SOUND_FORM_FACTOR words
// PulseAudio and PipeWire understand (PulseAudio's udev-detect reads it from
// the sound card). Forms without a counterpart set no SOUND_FORM_FACTOR.
var soundFormFactor = map[usbdesc.FormFactor]string{
	usbdesc.FormHeadset:        "headset",
	usbdesc.FormHeadsetAdapter: "headset",
	usbdesc.FormHeadphones:     "headphone",
	usbdesc.FormMicrophone:     "microphone",
	usbdesc.FormSpeaker:        "speaker",
	usbdesc.FormHandset:        "handset",
	usbdesc.FormSpeakerphone:   "hands-free",
}

// Properties are the KEY=VALUE facts for one device, in a fixed order. Keys
// and numbers are ours; device strings go through Safe and Encoded.
func Properties(d *model.Device) []Property {
	var p []Property
	add := func(k, v string) { p = append(p, Property{k, v}) }
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}

	audio := len(d.AudioFunctions) > 0
	add("USBAUDIO_SCHEMA", model.Schema)
	add("USBAUDIO_AUDIO", flag(audio))
	add("USBAUDIO_VENDOR_ID", d.Identity.VendorID.String())
	add("USBAUDIO_PRODUCT_ID", d.Identity.ProductID.String())
	if s := d.Identity.Manufacturer; s != "" {
		add("USBAUDIO_VENDOR", Safe(s))
		add("USBAUDIO_VENDOR_ENC", Encoded(s))
	}
	if s := d.Identity.Product; s != "" {
		add("USBAUDIO_MODEL", Safe(s))
		add("USBAUDIO_MODEL_ENC", Encoded(s))
	}
	if !audio {
		return p
	}

	v := d.Verdict
	add("USBAUDIO_FORM_FACTOR", string(v.FormFactor))
	add("USBAUDIO_SCORE", strconv.Itoa(v.Score))
	add("USBAUDIO_HAS_SPEAKER", flag(v.HasPlayback))
	add("USBAUDIO_HAS_MIC", flag(v.HasCapture))
	if v.Monitor {
		add("USBAUDIO_MONITOR_OUTPUT", "1")
	}
	if v.Function >= 0 && v.Function < len(d.AudioFunctions) {
		f := d.AudioFunctions[v.Function]
		add("USBAUDIO_UAC_VERSION", strings.TrimPrefix(f.UACVersion, "UAC"))
		if f.BADDProfile != "" {
			add("USBAUDIO_BADD_PROFILE", Safe(f.BADDProfile))
		}
		add("USBAUDIO_PLAYBACK_CHANNELS", strconv.Itoa(maxChannels(f.Playback)))
		add("USBAUDIO_CAPTURE_CHANNELS", strconv.Itoa(maxChannels(f.Capture)))
		add("USBAUDIO_PLAYBACK_VOLUME", flag(hasControl(f.Playback, "volume")))
		add("USBAUDIO_PLAYBACK_MUTE", flag(hasControl(f.Playback, "mute")))
		add("USBAUDIO_CAPTURE_VOLUME", flag(hasControl(f.Capture, "volume")))
		add("USBAUDIO_CAPTURE_MUTE", flag(hasControl(f.Capture, "mute")))
	}

	var buttons, leds []string
	var volume, mute, hook, telephony bool
	for i := range d.HID {
		h := &d.HID[i]
		if s := h.Summary; s != nil {
			volume = volume || s.VolumeButtons || s.Volume
			mute = mute || s.Mute
			hook = hook || s.HookSwitch
			telephony = telephony || s.Telephony
		}
		buttons = appendUnique(buttons, h.Buttons()...)
		leds = appendUnique(leds, h.LEDs()...)
	}
	add("USBAUDIO_HID", flag(len(d.HID) > 0))
	add("USBAUDIO_HID_VOLUME", flag(volume))
	add("USBAUDIO_HID_MUTE", flag(mute))
	add("USBAUDIO_HID_HOOK_SWITCH", flag(hook))
	add("USBAUDIO_HID_TELEPHONY", flag(telephony))
	if len(buttons) > 0 {
		add("USBAUDIO_HID_BUTTONS", Safe(strings.Join(buttons, ":")))
	}
	if len(leds) > 0 {
		add("USBAUDIO_HID_LEDS", Safe(strings.Join(leds, ":")))
	}
	if sf, ok := soundFormFactor[v.FormFactor]; ok {
		add("SOUND_FORM_FACTOR", sf)
	}
	return p
}

func maxChannels(paths []model.Path) int {
	n := 0
	for _, p := range paths {
		if p.Channels > n {
			n = p.Channels
		}
		for _, f := range p.Formats {
			if f.Channels > n && p.Channels == 0 {
				n = f.Channels
			}
		}
	}
	return n
}

func hasControl(paths []model.Path, name string) bool {
	for _, p := range paths {
		for _, c := range p.Controls {
			if c.Control == name {
				return true
			}
		}
	}
	return false
}

func appendUnique(list []string, names ...string) []string {
next:
	for _, n := range names {
		for _, have := range list {
			if have == n {
				continue next
			}
		}
		list = append(list, n)
	}
	return list
}
