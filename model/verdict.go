package model

import (
	"fmt"
	"strings"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// Verdict is what the whole device is: the best audio function's
// classification, scored by usbdesc with the HID facts of the same device
// as hints. Evidence lists every fact that moved the score, so a person can
// disagree with a reason.
type Verdict struct {
	FormFactor  usbdesc.FormFactor `json:"form_factor"`
	Score       int                `json:"score"`
	Evidence    []usbdesc.Evidence `json:"evidence"`
	HasPlayback bool               `json:"has_playback"`
	HasCapture  bool               `json:"has_capture"`
	Monitor     bool               `json:"monitor_output,omitempty"`
	// Function is the index in Device.AudioFunctions the verdict comes
	// from, -1 when the device has no audio function.
	Function int `json:"function"`
}

// formRank breaks score ties between functions: a device with a chat
// headset function and a game headphones function (SteelSeries Arctis) is
// a headset.
var formRank = map[usbdesc.FormFactor]int{
	usbdesc.FormHeadset: 7, usbdesc.FormSpeakerphone: 6, usbdesc.FormHandset: 5,
	usbdesc.FormHeadsetAdapter: 4, usbdesc.FormMicrophone: 3, usbdesc.FormHeadphones: 2,
	usbdesc.FormSpeaker: 1,
}

// classifyHints gathers what the HID report descriptors of the device say,
// in the terms usbdesc's classifier takes (its rule 6).
func classifyHints(hids []HIDInterface) usbdesc.ClassifyHints {
	var h usbdesc.ClassifyHints
	headset := hid.NewUsage(hid.PageTelephony, hid.TelephonyHeadset)
	for i := range hids {
		s := hids[i].Summary
		if s == nil {
			continue
		}
		h.HookSwitch = h.HookSwitch || s.HookSwitch
		h.ConsumerVolume = h.ConsumerVolume || s.VolumeButtons || s.Volume
		for _, n := range s.Controls {
			h.PhoneMute = h.PhoneMute || n == hid.ControlPhoneMute
			h.ConsumerMute = h.ConsumerMute || n == hid.ControlMute
		}
		if r := hids[i].Report; r != nil {
			for _, c := range r.Collections {
				h.TelephonyHeadset = h.TelephonyHeadset || c.Usage == headset
			}
		}
	}
	return h
}

// reclassify rescores every audio function with the HID hints and the
// product name, when there are any, and copies the result into the
// summaries.
func reclassify(funcs []AudioFunction, hids []HIDInterface, product string) {
	hints := classifyHints(hids)
	hints.Product = product
	if !hints.TelephonyHeadset && !hints.HookSwitch && !hints.PhoneMute && !hints.ConsumerVolume &&
		!hints.ConsumerMute && len(hints.Extra) == 0 && product == "" {
		return // nothing to add: keep the parser's classification
	}
	for i := range funcs {
		if f := funcs[i].Function; f != nil {
			f.Reclassify(hints)
			funcs[i].Classification = f.Classification
		}
	}
}

func verdict(funcs []AudioFunction, hids []HIDInterface) Verdict {
	v := Verdict{Function: -1, FormFactor: usbdesc.FormOther, Evidence: []usbdesc.Evidence{}}
	for i := range funcs {
		c := funcs[i].Classification
		v.HasPlayback = v.HasPlayback || c.HasPlayback || len(funcs[i].Playback) > 0
		v.HasCapture = v.HasCapture || c.HasCapture || len(funcs[i].Capture) > 0
		if v.Function < 0 || better(c, funcs[v.Function].Classification) {
			v.Function = i
		}
	}
	if v.Function < 0 {
		v.Evidence = append(v.Evidence, usbdesc.Evidence{Reason: "no USB audio function in the descriptors"})
		if names := callControls(hids); names != "" {
			v.Evidence = append(v.Evidence, usbdesc.Evidence{Reason: "HID call controls (" + names +
				") without audio here: the audio may be on another device (a dongle, a base station)"})
		}
		return v
	}
	best := funcs[v.Function].Classification
	if best.FormFactor != "" {
		v.FormFactor = best.FormFactor
	}
	v.Score, v.Monitor = max(0, min(100, best.Score)), best.Monitor
	v.Evidence = append(v.Evidence, best.Evidence...)
	for i := range funcs {
		if i != v.Function {
			c := funcs[i].Classification
			v.Evidence = append(v.Evidence, usbdesc.Evidence{Reason: fmt.Sprintf(
				"also an audio function on interface %d classified %s (score %d)",
				funcs[i].ControlInterface, orOther(c.FormFactor), c.Score)})
		}
	}
	return v
}

func better(a, b usbdesc.Classification) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return formRank[a.FormFactor] > formRank[b.FormFactor]
}

func orOther(f usbdesc.FormFactor) usbdesc.FormFactor {
	if f == "" {
		return usbdesc.FormOther
	}
	return f
}

// callControls names the telephony call controls of the HID interfaces.
func callControls(hids []HIDInterface) string {
	var names []string
	for i := range hids {
		if s := hids[i].Summary; s != nil {
			for _, n := range s.Controls {
				if n == hid.ControlHookSwitch || n == hid.ControlPhoneMute {
					names = append(names, n)
				}
			}
		}
	}
	return strings.Join(names, ", ")
}
