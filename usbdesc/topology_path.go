package usbdesc

// Accessors over the paths analyzeFunction stored in AudioFunction.Paths.

// PlaybackPaths are the host-to-device paths (USB streaming input terminal
// to a non-USB output terminal).
func (f *AudioFunction) PlaybackPaths() []*Path {
	return f.pathsWhere(func(p *Path) bool { return p.Direction == Playback })
}

// CapturePaths are the device-to-host paths (non-USB input terminal to a
// USB streaming output terminal).
func (f *AudioFunction) CapturePaths() []*Path {
	return f.pathsWhere(func(p *Path) bool { return p.Direction == Capture })
}

// MonitorPaths are the device-internal paths (sidetone, direct monitoring).
func (f *AudioFunction) MonitorPaths() []*Path {
	return f.pathsWhere(func(p *Path) bool { return p.Monitor })
}

func (f *AudioFunction) pathsWhere(keep func(*Path) bool) []*Path {
	var out []*Path
	for _, p := range f.Paths {
		if p != nil && keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// Stream returns the AS interface with this interface number, or nil.
func (f *AudioFunction) Stream(iface uint8) *Stream {
	for _, s := range f.Streams {
		if s != nil && s.Interface == iface {
			return s
		}
	}
	return nil
}

// PathStreams are the AS interfaces carrying a path's audio (their formats
// are the path's formats).
func (f *AudioFunction) PathStreams(p *Path) []*Stream {
	var out []*Stream
	for _, n := range p.Streams {
		if s := f.Stream(n); s != nil {
			out = append(out, s)
		}
	}
	return out
}

// Has reports whether any feature unit on the path offers control c on any
// channel (read-only or settable).
func (p *Path) Has(c FeatureControl) bool {
	a := p.Access(c)
	return a == AccessReadOnly || a == AccessReadWrite
}

// Access is the best access to control c on the path over all channels:
// read-write if any channel can be set, else read-only, else none.
// ControlsOf gives the per-channel detail.
func (p *Path) Access(c FeatureControl) Access {
	best := AccessNone
	for _, pc := range p.Controls {
		if pc.Control != c {
			continue
		}
		switch pc.Access {
		case AccessReadWrite:
			return AccessReadWrite
		case AccessReadOnly:
			best = AccessReadOnly
		}
	}
	return best
}

// ControlsOf lists the path's instances of control c, per unit and channel.
func (p *Path) ControlsOf(c FeatureControl) []PathControl {
	var out []PathControl
	for _, pc := range p.Controls {
		if pc.Control == c {
			out = append(out, pc)
		}
	}
	return out
}

// ChainString renders the chain as "1→2→3".
func (p *Path) ChainString() string { return chainString(p.Chain) }

// DeviceTerminalType is the type of the non-USB end: the output terminal
// of a playback path, the input terminal of a capture path, the output
// terminal of a monitor path.
func (p *Path) DeviceTerminalType() TerminalType {
	if p.Direction == Capture {
		return p.FromType
	}
	return p.ToType
}
