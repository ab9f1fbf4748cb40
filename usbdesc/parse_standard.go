package usbdesc

import "strconv"

// Kind is a decoded descriptor's type as a stable snake_case name
// ("feature_unit"): a small integer in the model, a string in JSON and
// text. The zero Kind is unset.
type Kind uint8

// The kinds, one per decoded descriptor type.
const (
	kindUnset Kind = iota
	KindDevice
	KindConfiguration
	KindInterface
	KindEndpoint
	KindIAD
	KindHID
	KindSSCompanion
	KindACHeader
	KindInputTerminal
	KindOutputTerminal
	KindMixerUnit
	KindSelectorUnit
	KindFeatureUnit
	KindProcessingUnit
	KindExtensionUnit
	KindEffectUnit
	KindSampleRateConverter
	KindClockSource
	KindClockSelector
	KindClockMultiplier
	KindPowerDomain
	KindASGeneral
	KindFormatType
	KindASEndpoint
	KindUnknown
)

var kindNames = [...]string{
	KindDevice:              "device",
	KindConfiguration:       "configuration",
	KindInterface:           "interface",
	KindEndpoint:            "endpoint",
	KindIAD:                 "iad",
	KindHID:                 "hid",
	KindSSCompanion:         "ss_companion",
	KindACHeader:            "ac_header",
	KindInputTerminal:       "input_terminal",
	KindOutputTerminal:      "output_terminal",
	KindMixerUnit:           "mixer_unit",
	KindSelectorUnit:        "selector_unit",
	KindFeatureUnit:         "feature_unit",
	KindProcessingUnit:      "processing_unit",
	KindExtensionUnit:       "extension_unit",
	KindEffectUnit:          "effect_unit",
	KindSampleRateConverter: "sample_rate_converter",
	KindClockSource:         "clock_source",
	KindClockSelector:       "clock_selector",
	KindClockMultiplier:     "clock_multiplier",
	KindPowerDomain:         "power_domain",
	KindASGeneral:           "as_general",
	KindFormatType:          "format_type",
	KindASEndpoint:          "as_endpoint",
	KindUnknown:             "unknown",
}

// String is the snake_case name, "" for the zero Kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText makes JSON show "feature_unit".
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// standardParsers maps bDescriptorType to the function that decodes and
// attaches a descriptor of that type inside a configuration. Types not
// listed are kept as *Unknown.
var standardParsers = [256]func(p *parser, h wire){
	TypeInterface:   (*parser).interfaceDescriptor,
	TypeEndpoint:    (*parser).endpointDescriptor,
	TypeIAD:         (*parser).associationDescriptor,
	TypeSSCompanion: (*parser).companionDescriptor,
	0x21:            (*parser).hidOrClassDevice,
	TypeCSInterface: (*parser).classSpecificInterface,
	TypeCSEndpoint:  (*parser).classSpecificEndpoint,
}

// device parses the device descriptor at offset 0 (USB 2.0 9.6.1) and
// returns the offset after it.
func (p *parser) device() (int, error) {
	raw, err := p.span(0)
	if err != nil {
		return 0, err
	}
	h := headerOf(raw, 0)
	h.Kind = KindDevice
	r := body(h)
	d := &p.blob.store.device
	d.setHeader(h)
	d.USBVersion = BCD(r.u16("bcdUSB"))
	d.Class = ClassCode(r.u8("bDeviceClass"))
	d.SubClass = r.u8("bDeviceSubClass")
	d.Protocol = r.u8("bDeviceProtocol")
	d.MaxPacketSize0 = r.u8("bMaxPacketSize0")
	d.VendorID = ID16(r.u16("idVendor"))
	d.ProductID = ID16(r.u16("idProduct"))
	d.DeviceVersion = BCD(r.u16("bcdDevice"))
	d.ManufacturerIndex = r.u8("iManufacturer")
	d.ProductIndex = r.u8("iProduct")
	d.SerialIndex = r.u8("iSerialNumber")
	d.NumConfigurations = r.u8("bNumConfigurations")
	if r.failed() {
		p.blob.Unparsed = append(p.blob.Unparsed, p.unknown(h))
		return 0, p.fail(r.failure().Offset, "device descriptor bLength %d is too short: %s", raw[0], r.failure().Msg)
	}
	if len(raw) > 18 {
		p.warnf(0, "device descriptor bLength %d, expected 18; extra bytes ignored", raw[0])
	}
	p.blob.Device = d
	return len(raw), nil
}

// parseConfigurationDescriptor decodes the 9 fixed bytes (USB 2.0 9.6.3)
// into c, which is zero.
func parseConfigurationDescriptor(c *Configuration, raw []byte, off int) bool {
	h := headerOf(raw, off)
	h.Kind = KindConfiguration
	r := body(h)
	c.setHeader(h)
	c.TotalLength = r.u16("wTotalLength")
	c.NumInterfaces = r.u8("bNumInterfaces")
	c.ConfigurationValue = r.u8("bConfigurationValue")
	c.StringIndex = r.u8("iConfiguration")
	c.Attributes = ConfigAttributes(r.u8("bmAttributes"))
	c.MaxPower = r.u8("bMaxPower")
	return !r.failed()
}

// interfaceLayout is the interface descriptor after bDescriptorType.
var interfaceLayout = newLayout(
	field{"bInterfaceNumber", 1}, field{"bAlternateSetting", 1}, field{"bNumEndpoints", 1},
	field{"bInterfaceClass", 1}, field{"bInterfaceSubClass", 1}, field{"bInterfaceProtocol", 1},
	field{"iInterface", 1})

// interfaceDescriptor opens a new alternate setting (USB 2.0 9.6.5),
// grouped into an Interface by bInterfaceNumber.
func (p *parser) interfaceDescriptor(h wire) {
	h.Kind = KindInterface
	b := h.fixed(2, interfaceLayout)
	if b == nil {
		p.attach(p.tooShortLayout(h, interfaceLayout, "interface descriptor"))
		return
	}
	a := p.mem.altSlab.new()
	a.setHeader(h)
	a.InterfaceNumber, a.AlternateSetting, a.NumEndpoints = b[0], b[1], b[2]
	a.Class, a.SubClass, a.Protocol, a.StringIndex = ClassCode(b[3]), b[4], b[5], b[6]
	prev := p.alt
	p.ep = nil
	p.alt = a
	if p.iface == nil || p.iface.Number != a.InterfaceNumber {
		p.iface = p.cfg.interfaceByNumber(a.InterfaceNumber)
		if p.iface == nil {
			p.iface = p.mem.ifaceSlab.new()
			p.iface.Number = a.InterfaceNumber
			p.cfg.Interfaces = p.mem.interfaces.add(p.cfg.Interfaces, p.iface)
		}
	}
	p.iface.AltSettings = p.mem.alts.add(p.iface.AltSettings, a)
	// Another alternate setting of the same audio interface belongs to
	// the same function; otherwise look it up.
	if p.fn == nil || prev == nil || prev.InterfaceNumber != a.InterfaceNumber ||
		prev.Class != a.Class || prev.SubClass != a.SubClass {
		p.fn = p.audioFunctionFor(a)
	}
	p.csTable, p.version = p.classTable(a)
}

// interfaceByNumber finds the Interface with this bInterfaceNumber.
func (c *Configuration) interfaceByNumber(n uint8) *Interface {
	for _, in := range c.Interfaces {
		if in.Number == n {
			return in
		}
	}
	return nil
}

// endpointLayout is the endpoint descriptor after bDescriptorType, up
// to the audio form's bRefresh and bSynchAddress.
var endpointLayout = newLayout(
	field{"bEndpointAddress", 1}, field{"bmAttributes", 1}, field{"wMaxPacketSize", 2}, field{"bInterval", 1})

// endpointDescriptor decodes a 7-byte endpoint descriptor or the 9-byte
// audio form with bRefresh and bSynchAddress (UAC1 4.6.1.1).
func (p *parser) endpointDescriptor(h wire) {
	h.Kind = KindEndpoint
	b := h.fixed(2, endpointLayout)
	if b == nil {
		p.attach(p.tooShortLayout(h, endpointLayout, "endpoint descriptor"))
		return
	}
	e := p.mem.epSlab.new()
	e.setHeader(h)
	e.Address, e.Attributes = EndpointAddress(b[0]), EndpointAttributes(b[1])
	e.MaxPacketSize, e.Interval = u16le(b[2:]), b[4]
	if raw := h.Raw; len(raw) >= 9 {
		e.Refresh, e.SynchAddress = raw[7], raw[8]
	}
	if p.alt == nil {
		p.warnf(h.Offset, "endpoint descriptor before any interface descriptor")
		p.attachExtra(e)
		return
	}
	p.alt.Endpoints = p.mem.endpoints.add(p.alt.Endpoints, e)
	p.ep = e
}

// associationLayout is the IAD after bDescriptorType.
var associationLayout = newLayout(
	field{"bFirstInterface", 1}, field{"bInterfaceCount", 1}, field{"bFunctionClass", 1},
	field{"bFunctionSubClass", 1}, field{"bFunctionProtocol", 1}, field{"iFunction", 1})

// associationDescriptor decodes an IAD (USB 3.2 9.6.4). It precedes the
// interfaces it groups, so it closes the current endpoint context.
func (p *parser) associationDescriptor(h wire) {
	h.Kind = KindIAD
	b := h.fixed(2, associationLayout)
	if b == nil {
		p.attach(p.tooShortLayout(h, associationLayout, "interface association descriptor"))
		return
	}
	a := p.mem.iadSlab.new()
	a.setHeader(h)
	a.FirstInterface, a.InterfaceCount, a.FunctionClass = b[0], b[1], ClassCode(b[2])
	a.FunctionSubClass, a.FunctionProtocol, a.StringIndex = b[3], b[4], b[5]
	p.cfg.Associations = p.mem.iads.add(p.cfg.Associations, a)
}

// covers reports whether the IAD groups interface n.
func (a *InterfaceAssociation) covers(n uint8) bool {
	return n >= a.FirstInterface && int(n) < int(a.FirstInterface)+int(a.InterfaceCount)
}

// companionDescriptor decodes the SuperSpeed endpoint companion (USB 3.2
// 9.6.7), which must directly follow its endpoint.
func (p *parser) companionDescriptor(h wire) {
	h.Kind = KindSSCompanion
	r := body(h)
	c := new(SSCompanion)
	c.setHeader(h)
	c.MaxBurst = r.u8("bMaxBurst")
	c.Attributes = r.u8("bmAttributes")
	c.BytesPerInterval = r.u16("wBytesPerInterval")
	if r.failed() {
		p.attach(p.tooShort(h, &r, "SuperSpeed endpoint companion"))
		return
	}
	if p.ep == nil || p.ep.Companion != nil {
		p.warnf(h.Offset, "SuperSpeed endpoint companion without an endpoint before it")
		p.attach(c)
		return
	}
	p.ep.Companion = c
}

// hidOrClassDevice handles type 0x21: the HID descriptor inside a HID
// interface (HID 1.11 6.2.1); elsewhere it is some other class's
// descriptor and kept as unknown.
func (p *parser) hidOrClassDevice(h wire) {
	if p.alt == nil || p.alt.Class != ClassHID {
		p.attach(p.unknown(h))
		return
	}
	h.Kind = KindHID
	r := body(h)
	d := p.mem.hids.new()
	d.setHeader(h)
	d.HIDVersion = BCD(r.u16("bcdHID"))
	d.CountryCode = r.u8("bCountryCode")
	d.NumDescriptors = r.u8("bNumDescriptors")
	if r.failed() {
		p.attach(p.tooShort(h, &r, "HID descriptor"))
		return
	}
	n := int(d.NumDescriptors)
	if fit := r.remaining() / 3; n > fit {
		p.warnf(h.Offset, "HID descriptor lists %d class descriptor(s), bLength %d holds %d", n, h.Length(), fit)
		n = fit
	}
	if n > 0 {
		// From the block's room when it has any, else exactly n.
		d.Reports = reserve(&p.mem.hidReports, n, n)[:n]
		for i := range d.Reports {
			d.Reports[i].Type = DescriptorType(r.u8("bDescriptorType"))
			d.Reports[i].Length = r.u16("wDescriptorLength")
		}
	}
	p.attach(d)
}
