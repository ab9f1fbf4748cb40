package model

import (
	"fmt"
	"strings"

	"github.com/usbaudio/usbaudio/usbdesc"
)

// Verdict is what the whole device is: the best audio function's
// classification joined with the HID evidence. Evidence lists every fact
// that moved the score, so a person can disagree with a reason.
type Verdict struct {
	FormFactor  usbdesc.FormFactor `json:"form_factor"`
	Score       int                `json:"score"`
	Evidence    []usbdesc.Evidence `json:"evidence"`
	HasPlayback bool               `json:"has_playback"`
	HasCapture  bool               `json:"has_capture"`
	Monitor     bool               `json:"monitor_output,omitempty"`
	// Function is the index in Device.AudioFunctions the verdict starts
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

// HID evidence weights. Call-control usages (hook switch, phone mute) exist
// for telephony headsets, handsets and speakerphones; consumer volume and
// mute buttons sit on any headset or headphones but also on speakers.
const (
	pointsTelephony     = 10
	pointsConsumerAudio = 5
	pointsHIDPromotion  = 15
)

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
	} else {
		best := funcs[v.Function].Classification
		if best.FormFactor != "" {
			v.FormFactor = best.FormFactor
		}
		v.Score, v.Monitor = best.Score, best.Monitor
		v.Evidence = append(v.Evidence, best.Evidence...)
		for i := range funcs {
			if i != v.Function {
				v.Evidence = append(v.Evidence, usbdesc.Evidence{Reason: fmt.Sprintf(
					"also an audio function on interface %d classified %s (score %d)",
					funcs[i].ControlInterface, orOther(funcs[i].Classification.FormFactor), funcs[i].Classification.Score)})
			}
		}
	}
	v.joinHID(hids)
	v.Score = max(0, min(100, v.Score))
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

// joinHID adds what the HID report descriptors say.
func (v *Verdict) joinHID(hids []HIDInterface) {
	for i := range hids {
		h := &hids[i]
		if h.Summary == nil {
			continue
		}
		s := h.Summary
		var call []string
		if s.HookSwitch {
			call = append(call, "hook switch")
		}
		for _, n := range s.Controls {
			if n == "phone-mute" {
				call = append(call, "phone mute")
			}
		}
		if len(call) > 0 {
			reason := fmt.Sprintf("HID interface %d has telephony call controls (%s)", h.Interface, strings.Join(call, ", "))
			switch v.FormFactor {
			case usbdesc.FormHeadset, usbdesc.FormHandset, usbdesc.FormSpeakerphone, usbdesc.FormHeadsetAdapter:
				v.add(pointsTelephony, reason, v.FormFactor)
			case usbdesc.FormHeadphones, usbdesc.FormOther:
				// A device that plays and records and takes calls is a
				// headset whatever its terminals are typed as.
				if v.HasPlayback && v.HasCapture {
					v.add(pointsHIDPromotion, reason+": plays and records, so a headset", usbdesc.FormHeadset)
					v.FormFactor = usbdesc.FormHeadset
				} else {
					v.add(0, reason, "")
				}
			default:
				v.add(0, reason, "")
			}
		}
		var consumer []string
		if s.VolumeButtons {
			consumer = append(consumer, "volume up/down")
		} else if s.Volume {
			consumer = append(consumer, "volume")
		}
		if hasName(s.Controls, "mute") {
			consumer = append(consumer, "mute")
		}
		if len(consumer) > 0 {
			reason := fmt.Sprintf("HID interface %d has consumer audio buttons (%s)", h.Interface, strings.Join(consumer, ", "))
			switch v.FormFactor {
			case usbdesc.FormHeadset, usbdesc.FormHeadphones, usbdesc.FormSpeakerphone:
				v.add(pointsConsumerAudio, reason, v.FormFactor)
			default:
				v.add(0, reason, "")
			}
		}
	}
}

func (v *Verdict) add(points int, reason string, form usbdesc.FormFactor) {
	v.Score += points
	v.Evidence = append(v.Evidence, usbdesc.Evidence{Points: points, Reason: reason, For: form})
}

func hasName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}
