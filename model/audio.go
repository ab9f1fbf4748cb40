package model

import (
	"fmt"

	"github.com/usbaudio/usbaudio/usbdesc"
)

// AudioFunction is one USB audio function as a person asks about it: which
// way audio flows, through which terminals, in which formats, with which
// controls. It is derived from the parsed *usbdesc.AudioFunction (kept in
// Function for renderers that want the raw entities).
type AudioFunction struct {
	Configuration    uint8                  `json:"configuration"`
	ControlInterface uint8                  `json:"control_interface"`
	StreamInterfaces usbdesc.IDs            `json:"stream_interfaces"`
	UACVersion       string                 `json:"uac_version"` // "UAC1", "UAC2", "UAC3"
	BADDProfile      string                 `json:"badd_profile,omitempty"`
	Inferred         bool                   `json:"inferred_layout,omitempty"` // BADD: layout implied, not described
	Classification   usbdesc.Classification `json:"classification"`
	Playback         []Path                 `json:"playback"`
	Capture          []Path                 `json:"capture"`
	// Monitor are device-internal paths from an input terminal straight
	// to an output terminal: a headset's sidetone, a microphone's direct
	// monitoring.
	Monitor  []Path            `json:"monitor,omitempty"`
	Clocks   []Clock           `json:"clocks,omitempty"`
	Warnings []usbdesc.Warning `json:"warnings,omitempty"`

	Function *usbdesc.AudioFunction `json:"-"`
}

// Terminal is one end of a path.
type Terminal struct {
	ID       uint8  `json:"id"`
	Type     string `json:"type"`      // wTerminalType as "0x0402"
	TypeName string `json:"type_name"` // "Headset"
	Name     string `json:"name,omitempty"`
}

// Path is one signal path: playback runs from the host's USB streaming
// terminal to a speaker/headphones/headset terminal, capture from a
// microphone/headset terminal to the host.
type Path struct {
	From     Terminal    `json:"from"`
	To       Terminal    `json:"to"`
	Chain    usbdesc.IDs `json:"chain,omitempty"`
	Channels int         `json:"channels"`
	// ChannelNames are the spatial positions from the cluster, when given.
	ChannelNames []string  `json:"channel_names,omitempty"`
	Formats      []Format  `json:"formats"`
	Controls     []Control `json:"controls,omitempty"`
	ClockSource  uint8     `json:"clock_source,omitempty"`
	// Internal marks a monitor path, which has no host stream.
	Internal bool `json:"internal,omitempty"`
	// Partial is set when topology could not follow the path and it was
	// built from a streaming interface alone.
	Partial bool `json:"partial,omitempty"`
}

// Format is one operational alternate setting of a streaming interface.
type Format struct {
	Interface    uint8              `json:"interface"`
	Alternate    uint8              `json:"alternate"`
	Encodings    []string           `json:"encodings,omitempty"` // "PCM"
	Channels     int                `json:"channels"`
	BitDepth     int                `json:"bit_depth"`
	SubslotBytes int                `json:"subslot_bytes"`
	SampleRates  []uint32           `json:"sample_rates,omitempty"`
	RateRange    *usbdesc.RateRange `json:"rate_range,omitempty"`
	MaxPacket    int                `json:"max_packet_bytes"`
}

// Control is one feature-unit control on a path, for one channel.
type Control struct {
	Unit    uint8  `json:"unit"`
	Control string `json:"control"` // "volume", "mute"
	Channel int    `json:"channel"` // 0 = master
	Access  string `json:"access"`  // "read-write", "read-only"
	// Range is the kernel's view of this control, when a live source
	// matched it in /proc/asound/cardN/usbmixer.
	Range *MixerRange `json:"range,omitempty"`
}

// Clock is a UAC2/UAC3 clock source.
type Clock struct {
	ID              uint8  `json:"id"`
	Kind            string `json:"kind"` // "internal fixed"...
	SyncedToSOF     bool   `json:"synced_to_sof"`
	FrequencyAccess string `json:"frequency_control"`
	Name            string `json:"name,omitempty"`
}

func newAudioFunction(cfg uint8, f *usbdesc.AudioFunction, str map[uint8]string) AudioFunction {
	af := AudioFunction{
		Configuration:    cfg,
		ControlInterface: f.ControlInterface,
		StreamInterfaces: usbdesc.IDs{},
		UACVersion:       f.Version.String(),
		Inferred:         f.Inferred,
		Classification:   f.Classification,
		Playback:         []Path{},
		Capture:          []Path{},
		Warnings:         f.Warnings,
		Function:         f,
	}
	if f.BADDProfile != usbdesc.BADDNone {
		af.BADDProfile = f.BADDProfile.String()
	}
	for _, s := range f.Streams {
		af.StreamInterfaces = append(af.StreamInterfaces, s.Interface)
	}
	for _, p := range f.Paths {
		path := newPath(f, p, str)
		switch {
		case p.Monitor:
			path.Internal = true
			af.Monitor = append(af.Monitor, path)
			continue
		}
		switch p.Direction {
		case usbdesc.Playback:
			af.Playback = append(af.Playback, path)
		case usbdesc.Capture:
			af.Capture = append(af.Capture, path)
		}
	}
	// Streams that no path reached (topology missing or broken) still say
	// what the device streams; show them as partial paths.
	for _, s := range f.Streams {
		if streamOnPath(f, s.Interface) {
			continue
		}
		path := partialPath(f, s, str)
		switch s.Direction {
		case usbdesc.Playback:
			af.Playback = append(af.Playback, path)
		case usbdesc.Capture:
			af.Capture = append(af.Capture, path)
		}
	}
	for _, e := range f.Entities {
		if c, ok := e.(*usbdesc.ClockSource); ok {
			af.Clocks = append(af.Clocks, Clock{ID: c.ID, Kind: c.Attributes.Kind().String(),
				SyncedToSOF: c.Attributes.SyncedToSOF(), FrequencyAccess: c.FrequencyAccess().String(),
				Name: str[c.StringIndex]})
		}
	}
	return af
}

func streamOnPath(f *usbdesc.AudioFunction, iface uint8) bool {
	for _, p := range f.Paths {
		for _, s := range p.Streams {
			if s == iface {
				return true
			}
		}
	}
	return false
}

func newPath(f *usbdesc.AudioFunction, p *usbdesc.Path, str map[uint8]string) Path {
	path := Path{
		From:        terminal(f, p.From, p.FromType, str),
		To:          terminal(f, p.To, p.ToType, str),
		Chain:       p.Chain,
		Channels:    p.Channels,
		Formats:     []Format{},
		ClockSource: p.Clock,
	}
	// Names only when they describe the path's channels (a monitor path's
	// source cluster may be narrower than the output it reaches).
	if names := clusterNames(f, p); len(names) == p.Channels {
		path.ChannelNames = names
	}
	for _, iface := range p.Streams {
		for _, s := range f.Streams {
			if s.Interface == iface {
				path.Formats = append(path.Formats, formats(s)...)
			}
		}
	}
	for _, c := range p.Controls {
		path.Controls = append(path.Controls, Control{Unit: c.Unit, Control: c.Control.String(),
			Channel: c.Channel, Access: c.Access.String()})
	}
	return path
}

// clusterNames reads the spatial channel names of the path's device-end
// input terminal (capture) or the USB input terminal (playback).
func clusterNames(f *usbdesc.AudioFunction, p *usbdesc.Path) []string {
	if it, ok := f.Entity(p.From).(*usbdesc.InputTerminal); ok {
		return it.Cluster.ChannelNames(f.Version)
	}
	return nil
}

func partialPath(f *usbdesc.AudioFunction, s *usbdesc.Stream, str map[uint8]string) Path {
	usb := Terminal{ID: s.TerminalLink, Type: "", TypeName: "USB streaming (terminal not found)"}
	if e := f.Entity(s.TerminalLink); e != nil {
		switch t := e.(type) {
		case *usbdesc.InputTerminal:
			usb = terminal(f, t.ID, t.TerminalType, str)
		case *usbdesc.OutputTerminal:
			usb = terminal(f, t.ID, t.TerminalType, str)
		}
	}
	path := Path{Formats: formats(s), Partial: true}
	unknown := Terminal{TypeName: "unknown"}
	if s.Direction == usbdesc.Capture {
		path.From, path.To = unknown, usb
	} else {
		path.From, path.To = usb, unknown
	}
	for _, fm := range path.Formats {
		path.Channels = max(path.Channels, fm.Channels)
	}
	return path
}

func terminal(f *usbdesc.AudioFunction, id uint8, tt usbdesc.TerminalType, str map[uint8]string) Terminal {
	t := Terminal{ID: id, Type: fmt.Sprintf("0x%04x", uint16(tt)), TypeName: tt.Name()}
	switch e := f.Entity(id).(type) {
	case *usbdesc.InputTerminal:
		t.Name = str[e.StringIndex]
	case *usbdesc.OutputTerminal:
		t.Name = str[e.StringIndex]
	}
	return t
}

func formats(s *usbdesc.Stream) []Format {
	out := make([]Format, 0, len(s.Alts))
	for _, a := range s.Alts {
		out = append(out, Format{Interface: s.Interface, Alternate: a.Alternate, Encodings: a.FormatNames,
			Channels: a.Channels, BitDepth: a.BitDepth, SubslotBytes: a.SubslotBytes,
			SampleRates: a.SampleRates, RateRange: a.RateRange, MaxPacket: a.MaxPacket})
	}
	return out
}
