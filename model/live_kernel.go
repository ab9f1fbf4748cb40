package model

import (
	"fmt"
	"sort"
)

// KernelStream is one format of one PCM direction as snd-usb-audio lists it
// in /proc/asound/cardN/streamM: the altsets the kernel accepted.
type KernelStream struct {
	PCM       int    `json:"pcm"`
	Direction string `json:"direction"` // "playback", "capture"
	Status    string `json:"status,omitempty"`
	Active    bool   `json:"active,omitempty"`
	Interface int    `json:"interface"`
	Altset    int    `json:"altset"`
	Format    string `json:"format,omitempty"` // "S16_LE"
	Channels  int    `json:"channels"`
	Rates     []int  `json:"rates,omitempty"`
	RateMin   int    `json:"rate_min,omitempty"` // continuous range
	RateMax   int    `json:"rate_max,omitempty"`
	Bits      int    `json:"bits,omitempty"`
}

// Kernel control selectors in usbmixer's "control=" (UAC1 §A.10.2; UAC2
// numbers mute and volume the same).
const (
	kernelMute   = 1
	kernelVolume = 2
)

var kernelControlNames = map[int]string{kernelMute: "mute", kernelVolume: "volume"}

// KernelMismatches compares the kernel's view of the device (usbmixer and
// streamM, in Live.ALSA) with the descriptor decode and says where they
// disagree: a volume or mute control one side has and the other lacks, a
// streaming alternate setting the kernel lists with another channel count,
// or one it skipped. The kernel drops controls whose range requests fail and
// altsets whose format it cannot use, so each line is a hint about what a
// desktop will (not) offer. Sides the kernel did not report (no usbmixer,
// no stream files) are not compared.
func (d *Device) KernelMismatches() []string {
	if d.Live == nil || d.Live.ALSA == nil {
		return nil
	}
	a := d.Live.ALSA
	type unitControl struct {
		unit    uint8
		control string
	}
	ours := map[unitControl]bool{}
	onPath := map[uint8]bool{}
	type altset struct{ intf, alt int }
	formats := map[altset]int{} // channels
	var formatOrder []altset
	for fi := range d.AudioFunctions {
		f := &d.AudioFunctions[fi]
		for _, paths := range [][]Path{f.Playback, f.Capture, f.Monitor} {
			for _, p := range paths {
				for _, id := range p.Chain {
					onPath[id] = true
				}
				for _, c := range p.Controls {
					ours[unitControl{c.Unit, c.Control}] = true
					onPath[c.Unit] = true
				}
				for _, fm := range p.Formats {
					k := altset{int(fm.Interface), int(fm.Alternate)}
					if _, seen := formats[k]; !seen {
						formatOrder = append(formatOrder, k)
					}
					formats[k] = fm.Channels
				}
			}
		}
	}
	var out []string
	if len(a.Mixer) > 0 {
		kernel := map[unitControl]bool{}
		for _, m := range a.Mixer {
			if name, ok := kernelControlNames[m.Control]; ok {
				kernel[unitControl{m.Unit, name}] = true
			}
		}
		var keys []unitControl
		for k := range ours {
			if k.control == "volume" || k.control == "mute" {
				keys = append(keys, k)
			}
		}
		for k := range kernel {
			if !ours[k] && onPath[k.unit] {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].unit != keys[j].unit {
				return keys[i].unit < keys[j].unit
			}
			return keys[i].control > keys[j].control // volume before mute
		})
		for _, k := range keys {
			switch {
			case ours[k] && !kernel[k]:
				out = append(out, fmt.Sprintf("kernel mismatch: the descriptors give unit %d a %s control, but ALSA card %d has none for it (usbmixer): the kernel dropped it, so desktops will not offer it",
					k.unit, k.control, a.Number))
			case !ours[k] && kernel[k]:
				out = append(out, fmt.Sprintf("kernel mismatch: ALSA card %d has a %s control on unit %d (usbmixer) that the descriptor decode does not show",
					a.Number, k.control, k.unit))
			}
		}
	}
	if len(a.Streams) > 0 && len(formats) > 0 {
		listed := map[altset]bool{}
		for _, s := range a.Streams {
			k := altset{s.Interface, s.Altset}
			listed[k] = true
			ch, ok := formats[k]
			switch {
			case !ok:
				out = append(out, fmt.Sprintf("kernel mismatch: ALSA card %d streams %s on interface %d alt %d, which the descriptor decode has no format for",
					a.Number, s.Direction, s.Interface, s.Altset))
			case ch != s.Channels:
				out = append(out, fmt.Sprintf("kernel mismatch: interface %d alt %d has %d channel%s in the descriptors, %d in ALSA card %d (stream%d %s)",
					s.Interface, s.Altset, ch, plural(ch), s.Channels, a.Number, s.PCM, s.Direction))
			}
		}
		for _, k := range formatOrder {
			if !listed[k] {
				out = append(out, fmt.Sprintf("kernel mismatch: ALSA card %d does not list interface %d alt %d (%d channel%s): the kernel skipped that format",
					a.Number, k.intf, k.alt, formats[k], plural(formats[k])))
			}
		}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
