package model

// Live holds facts only a running system knows. Sources fill it; a decode
// of saved descriptors leaves it nil.
type Live struct {
	Source   string `json:"source"`              // "sysfs", "libusb", "hidapi"
	PortPath string `json:"port_path,omitempty"` // sysfs name, e.g. "1-1.4"
	Bus      int    `json:"bus,omitempty"`
	Address  int    `json:"address,omitempty"`
	Speed    string `json:"speed,omitempty"` // "full", "high", "super"
	// Drivers lists the kernel driver bound to each interface.
	Drivers []InterfaceDriver `json:"drivers,omitempty"`
	ALSA    *ALSACard         `json:"alsa,omitempty"`
	HIDRaw  []HIDRawNode      `json:"hidraw,omitempty"`
}

// InterfaceDriver is the driver bound to one interface ("snd-usb-audio").
type InterfaceDriver struct {
	Interface uint8  `json:"interface"`
	Driver    string `json:"driver"`
}

// HIDRawNode is the hidraw device node of a HID interface.
type HIDRawNode struct {
	Interface uint8  `json:"interface"`
	Path      string `json:"path"` // "/dev/hidraw3"
}

// ALSACard is the sound card the kernel made of the device.
type ALSACard struct {
	Number    int    `json:"number"`
	ID        string `json:"id"`        // /proc/asound/cardN/id, e.g. "H340"
	Interface int    `json:"interface"` // the AudioControl interface the card hangs off
	Name      string `json:"name,omitempty"`
	// Mixer is the kernel's own view of the feature-unit controls, from
	// /proc/asound/cardN/usbmixer: a second opinion next to the descriptors.
	Mixer []MixerControl `json:"mixer,omitempty"`
	// Streams are the formats the kernel accepted (/proc/asound/cardN/streamM).
	Streams []KernelStream `json:"streams,omitempty"`
}

// MixerControl is one control as snd-usb-audio exposes it.
type MixerControl struct {
	Name     string      `json:"name"` // "Mic Capture Volume"
	Index    int         `json:"index"`
	Unit     uint8       `json:"unit"`    // the unit or terminal ID the control addresses
	Control  int         `json:"control"` // UAC control selector (1 mute, 2 volume)
	CMask    uint32      `json:"cmask"`   // channel bitmap; 0 = master only
	Channels int         `json:"channels"`
	Type     string      `json:"type,omitempty"` // "BOOLEAN", "S16"
	Range    *MixerRange `json:"range,omitempty"`
}

// MixerRange is a volume range as the kernel reports it: raw values in 1/256
// dB and the dB range it derived. Suspicious mirrors the kernel's distrust
// (max <= min, max <= -96 dB, more than 384 steps; SPEC-FACTS).
type MixerRange struct {
	Min        int     `json:"min"`
	Max        int     `json:"max"`
	Res        int     `json:"res,omitempty"`
	MinDB      float64 `json:"min_db"`
	MaxDB      float64 `json:"max_db"`
	Suspicious bool    `json:"suspicious,omitempty"`
}

// AttachLive sets live facts and copies the kernel's volume ranges onto the
// matching path controls (same unit and control: the kernel's control
// selector 2 is volume, 1 mute), so a report shows them in place.
func (d *Device) AttachLive(l *Live) {
	d.Live = l
	if l == nil || l.ALSA == nil {
		return
	}
	for fi := range d.AudioFunctions {
		f := &d.AudioFunctions[fi]
		for _, paths := range [][]Path{f.Playback, f.Capture} {
			for pi := range paths {
				for ci := range paths[pi].Controls {
					c := &paths[pi].Controls[ci]
					if c.Control != "volume" {
						continue
					}
					for _, m := range l.ALSA.Mixer {
						if m.Unit == c.Unit && m.Control == 2 && m.Range != nil {
							c.Range = m.Range
						}
					}
				}
			}
		}
	}
}
