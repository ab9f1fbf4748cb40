package usbdesc

import "slices"

// Assembling audio functions while a configuration is parsed: which UAC
// version decodes an interface, which function an AudioStreaming interface
// belongs to, and the per-stream summary built once the configuration ends.

// functionState is an audio function under construction.
type functionState struct {
	f *AudioFunction
	// streams are the AS interface numbers the function owns, in the
	// order they first appeared; streamBuf holds the first few.
	streams   []uint8
	streamBuf [8]uint8
}

// protocolVersions maps bInterfaceProtocol / bFunctionProtocol to the UAC
// version (UAC2 A.6 IP_VERSION_02_00 = 0x20, UAC3 A.6 0x30).
// An array rather than a map: it is consulted for every interface and
// class-specific descriptor, and the zero UACVersion means "none".
var protocolVersions = [256]UACVersion{0x00: UAC1, 0x20: UAC2, 0x30: UAC3}

func versionFromProtocol(protocol uint8) (UACVersion, bool) {
	v := protocolVersions[protocol]
	return v, v != 0
}

// audioFunctionFor finds or creates the audio function of an alternate
// setting that just started; nil for non-audio interfaces.
func (p *parser) audioFunctionFor(a *AltSetting) *functionState {
	if a.Class != ClassAudio {
		return nil
	}
	switch a.SubClass {
	case SubclassAudioControl:
		return p.controlFunction(a)
	case SubclassAudioStreaming:
		return p.streamingFunction(a)
	}
	return nil
}

// associationFor is the IAD grouping interface n, if any.
func (c *Configuration) associationFor(n uint8) *InterfaceAssociation {
	for _, a := range c.Associations {
		if a.covers(n) {
			return a
		}
	}
	return nil
}

// controlFunction starts an audio function at its AudioControl interface.
// The version comes from bInterfaceProtocol, else from the IAD's
// bFunctionProtocol.
func (p *parser) controlFunction(a *AltSetting) *functionState {
	for _, fs := range p.funcs {
		if fs.f.ControlInterface == a.InterfaceNumber {
			return fs
		}
	}
	iad := p.cfg.associationFor(a.InterfaceNumber)
	v, ok := versionFromProtocol(a.Protocol)
	if iad != nil && iad.FunctionClass == ClassAudio {
		iv, iok := versionFromProtocol(iad.FunctionProtocol)
		switch {
		case !ok && iok:
			p.warnf(a.Offset, "AudioControl interface %d has bInterfaceProtocol 0x%02x; using the IAD's 0x%02x (%s)",
				a.InterfaceNumber, a.Protocol, iad.FunctionProtocol, iv)
			v, ok = iv, true
		case ok && iok && iv != v:
			p.warnf(a.Offset, "AudioControl interface %d says %s but its IAD says %s; using the interface's",
				a.InterfaceNumber, v, iv)
		}
	}
	if !ok {
		p.warnf(a.Offset, "AudioControl interface %d has unknown bInterfaceProtocol 0x%02x; decoding as UAC1",
			a.InterfaceNumber, a.Protocol)
		v = UAC1
	}
	f := p.mem.functions.new()
	f.Version, f.ControlInterface, f.Association = v, a.InterfaceNumber, iad
	if v == UAC3 && iad != nil {
		if prof := BADDProfile(iad.FunctionSubClass); prof >= BADDGenericIO && prof <= BADDSpeakerphone {
			f.BADDProfile = prof
		}
	}
	fs := p.newFunctionState()
	fs.f, fs.streams = f, fs.streamBuf[:0]
	p.funcs = append(p.funcs, fs)
	return fs
}

// streamingFunction finds the function owning AS interface n: the one whose
// UAC1 AC header lists it (baInterfaceNr), else the one whose IAD covers
// it, else the nearest AudioControl interface before it (with a warning).
func (p *parser) streamingFunction(a *AltSetting) *functionState {
	n := a.InterfaceNumber
	for _, fs := range p.funcs {
		if slices.Contains(fs.streams, n) {
			return fs
		}
	}
	owner := p.claimant(n)
	if owner == nil {
		if len(p.funcs) == 0 {
			// An AC interface later in the configuration may still
			// claim it (finishConfiguration looks again).
			if !slices.Contains(p.orphans, n) {
				p.orphans = append(p.orphans, n)
			}
			return nil
		}
		owner = p.funcs[len(p.funcs)-1]
		p.warnf(a.Offset, "AudioStreaming interface %d is not listed by any AC header or IAD; assigned to the function of AudioControl interface %d",
			n, owner.f.ControlInterface)
	}
	owner.streams = append(owner.streams, n)
	return owner
}

// finishConfiguration builds each function's streams and runs the analysis
// (BADD inference, topology, classification) once every descriptor of the
// configuration is in — or parsing stopped early.
func (p *parser) finishConfiguration() {
	cfg := p.cfg
	p.mem.descriptors.closeList(&p.descList)
	p.mem.entities.closeList(&p.entList)
	p.claimOrphans()
	for _, fs := range p.funcs {
		f := fs.f
		for _, n := range fs.streams {
			if in := cfg.interfaceByNumber(n); in != nil {
				f.Streams = p.mem.streams.add(f.Streams, p.buildStream(in, f.Version))
			}
		}
		if f.Streams == nil {
			f.Streams = []*Stream{}
		}
		if p.analyze {
			analyzeFunction(f, &p.mem.topology)
		}
		cfg.AudioFunctions = p.mem.functionPtrs.add(cfg.AudioFunctions, f)
	}
	if cfg.Interfaces == nil {
		cfg.Interfaces = []*Interface{} // JSON [] rather than null
	}
	p.funcs, p.fn, p.alt, p.ep, p.iface, p.orphans = p.funcBuf[:0], nil, nil, nil, nil, nil
}

// buildStream summarises one AS interface: one StreamAlt per alternate
// setting that has an endpoint (alt 0 normally has none: zero bandwidth).
func (p *parser) buildStream(in *Interface, v UACVersion) *Stream {
	s := p.mem.streamSlab.new()
	s.Interface = in.Number
	for _, a := range in.AltSettings {
		general, format := streamDescriptors(a)
		if general != nil && s.TerminalLink == 0 {
			s.TerminalLink = general.TerminalLink
		}
		ep := dataEndpoint(a)
		if ep == nil {
			continue
		}
		if s.Direction == DirectionUnknown {
			s.Direction = Playback
			if ep.Address.In() {
				s.Direction = Capture
			}
		}
		sa := p.mem.altSumSlab.new() // zero; filled field by field (see Header.setHeader)
		sa.Alternate, sa.MaxPacket = a.AlternateSetting, ep.PacketBytes()*ep.Transactions()
		sa.General, sa.Format, sa.Endpoint = general, format, ep
		if general != nil {
			sa.FormatNames = general.FormatNames
			switch v {
			case UAC2:
				sa.Channels = int(general.Cluster.Channels)
			case UAC3:
				// Channels come from the cluster descriptor (fetched by
				// request) or, for BADD, from wMaxPacketSize.
				sa.BitDepth = int(general.BitResolution)
				sa.SubslotBytes = int(general.SubslotSize)
			}
		}
		if format != nil {
			if v == UAC1 {
				sa.Channels = int(format.Channels)
			}
			sa.BitDepth = int(format.BitResolution)
			sa.SubslotBytes = int(format.SubframeSize)
			sa.SampleRates = format.SampleRates
			sa.RateRange = format.RateRange
		}
		s.Alts = p.mem.altSums.add(s.Alts, sa)
	}
	if s.Alts == nil {
		s.Alts = []*StreamAlt{}
	}
	return s
}

// streamDescriptors finds the AS general and format type descriptors of an
// alternate setting, also when a device misplaced them after the endpoint.
func streamDescriptors(a *AltSetting) (general *ASGeneral, format *FormatType) {
	find := func(list []Descriptor) {
		for _, d := range list {
			switch d := d.(type) {
			case *ASGeneral:
				if general == nil {
					general = d
				}
			case *FormatType:
				if format == nil {
					format = d
				}
			}
		}
	}
	find(a.ClassSpecific)
	for _, e := range a.Endpoints {
		find(e.ClassSpecific)
	}
	return general, format
}

// dataEndpoint is the alternate setting's audio data endpoint: the first
// isochronous data endpoint (not an explicit feedback one), else the first
// endpoint.
func dataEndpoint(a *AltSetting) *Endpoint {
	for _, e := range a.Endpoints {
		if e.Attributes.Transfer() == TransferIsochronous && e.Attributes.Usage() != 1 {
			return e
		}
	}
	if len(a.Endpoints) > 0 {
		return a.Endpoints[0]
	}
	return nil
}

// claimOrphans gives AS interfaces that came before any AudioControl
// interface to the function whose AC header lists them or whose IAD
// covers them. Their descriptors were decoded with their own
// bInterfaceProtocol; a warning says so either way.
func (p *parser) claimOrphans() {
	for _, n := range p.orphans {
		off := 0
		if in := p.cfg.interfaceByNumber(n); in != nil && len(in.AltSettings) > 0 {
			off = in.AltSettings[0].Offset
		}
		owner := p.claimant(n)
		if owner == nil {
			p.warnf(off, "AudioStreaming interface %d belongs to no AudioControl interface; not part of any audio function", n)
			continue
		}
		owner.streams = append(owner.streams, n)
		p.warnf(off, "AudioStreaming interface %d comes before its AudioControl interface %d; decoded with its own bInterfaceProtocol",
			n, owner.f.ControlInterface)
	}
}

// claimant is the function owning AS interface n: the one whose UAC1 AC
// header lists it (baInterfaceNr), else the one whose IAD covers it.
func (p *parser) claimant(n uint8) *functionState {
	for _, fs := range p.funcs {
		if h := fs.f.Header; h != nil && slices.Contains(h.InterfaceNumbers, n) {
			return fs
		}
	}
	for _, fs := range p.funcs {
		if iad := fs.f.Association; iad != nil && iad.covers(n) {
			return fs
		}
	}
	return nil
}
