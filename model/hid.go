package model

import (
	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/usbdesc"
)

// HIDInterface is one HID interface of the device and what its report
// descriptor offers a headset user: buttons, LEDs, vendor collections.
type HIDInterface struct {
	Interface uint8 `json:"interface"`
	// ReportLength is wDescriptorLength from the HID class descriptor: the
	// size the device announces for its report descriptor.
	ReportLength int `json:"report_descriptor_length"`
	// HaveReport is false when no report descriptor bytes were given (a
	// file decode, or lsusb run without root): controls are then unknown.
	HaveReport bool          `json:"report_descriptor_read"`
	Summary    *hid.Summary  `json:"summary,omitempty"`
	Controls   []hid.Control `json:"controls,omitempty"`
	// Warnings are the report parser's problems, as text with offsets.
	Warnings []string `json:"warnings,omitempty"`

	Report *hid.Descriptor `json:"-"`
}

// Buttons lists the input control names (volume-up, hook-switch...).
func (h *HIDInterface) Buttons() []string {
	if h.Summary == nil {
		return nil
	}
	var out []string
	for _, n := range h.Summary.Controls {
		if !isLED(n) && n != hid.ControlRinger {
			out = append(out, n)
		}
	}
	return out
}

// LEDs lists the LED (and ringer) outputs.
func (h *HIDInterface) LEDs() []string {
	if h.Summary == nil {
		return nil
	}
	var out []string
	for _, n := range h.Summary.Controls {
		if isLED(n) || n == hid.ControlRinger {
			out = append(out, n)
		}
	}
	return out
}

func isLED(name string) bool { return len(name) > 4 && name[:4] == "led-" }

// hidInterfaces finds every HID interface in the blob and parses the report
// descriptors that were supplied for them (by interface number). A report
// for an interface the descriptors do not show is still parsed: sources
// reading hidraw know better than a truncated paste.
func hidInterfaces(b *usbdesc.Blob, reports map[uint8][]byte) []HIDInterface {
	var out []HIDInterface
	seen := map[uint8]bool{}
	for _, c := range b.Configurations {
		for _, in := range c.Interfaces {
			if seen[in.Number] || len(in.AltSettings) == 0 || in.AltSettings[0].Class != usbdesc.ClassHID {
				continue
			}
			seen[in.Number] = true
			h := HIDInterface{Interface: in.Number}
			for _, d := range in.AltSettings[0].ClassSpecific {
				if hd, ok := d.(*usbdesc.HIDDescriptor); ok {
					for _, r := range hd.Reports {
						if r.Type == usbdesc.TypeHIDReport {
							h.ReportLength = int(r.Length)
						}
					}
				}
			}
			out = append(out, h)
		}
	}
	for num := range reports {
		if !seen[num] {
			out = append(out, HIDInterface{Interface: num})
			seen[num] = true
		}
	}
	sortHID(out)
	for i := range out {
		if r, ok := reports[out[i].Interface]; ok {
			out[i].parseReport(r)
		}
	}
	return out
}

func sortHID(h []HIDInterface) {
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].Interface < h[j-1].Interface; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

func (h *HIDInterface) parseReport(r []byte) {
	h.HaveReport = true
	d, err := hid.Parse(r)
	if d == nil {
		if err != nil {
			h.Warnings = append(h.Warnings, err.Error())
		}
		return
	}
	h.Report = d
	s := d.Summary()
	h.Summary = &s
	h.Controls = d.Controls()
	for _, w := range d.Warnings {
		h.Warnings = append(h.Warnings, w.Error())
	}
	if err != nil {
		h.Warnings = append(h.Warnings, err.Error())
	}
}
