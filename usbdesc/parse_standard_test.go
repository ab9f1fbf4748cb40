package usbdesc

import "testing"

// Values below are from the Anker PowerConf C200 capture, checked against
// lsusb's decode in testdata/anker-powerconf-c200.lsusb.txt.

func TestParseDeviceDescriptor(t *testing.T) {
	blob := mustParse(t, fixtureByName(t, "anker-powerconf-c200"))
	dev := blob.Device
	if dev == nil {
		t.Fatal("no device descriptor")
	}
	if dev.Kind != KindDevice || dev.Offset != 0 || dev.Length != 18 || dev.Type != TypeDevice {
		t.Errorf("header %+v", dev.Header)
	}
	if dev.USBVersion != 0x0200 || dev.USBVersion.String() != "2.00" {
		t.Errorf("bcdUSB %v", dev.USBVersion)
	}
	if dev.Class != ClassMisc || dev.SubClass != 2 || dev.Protocol != 1 || dev.MaxPacketSize0 != 64 {
		t.Errorf("class %v/%d/%d mps0 %d", dev.Class, dev.SubClass, dev.Protocol, dev.MaxPacketSize0)
	}
	if dev.VendorID != 0x291a || dev.ProductID != 0x3369 || dev.DeviceVersion != 0x0105 {
		t.Errorf("id %v:%v bcdDevice %v", dev.VendorID, dev.ProductID, dev.DeviceVersion)
	}
	if dev.ManufacturerIndex != 1 || dev.ProductIndex != 2 || dev.SerialIndex != 3 || dev.NumConfigurations != 1 {
		t.Errorf("strings %d %d %d, configs %d", dev.ManufacturerIndex, dev.ProductIndex, dev.SerialIndex, dev.NumConfigurations)
	}
	if blob.Size != 18+841 {
		t.Errorf("Size %d", blob.Size)
	}
}

func TestParseConfigurationDescriptor(t *testing.T) {
	blob := mustParse(t, fixtureByName(t, "anker-powerconf-c200"))
	if len(blob.Configurations) != 1 {
		t.Fatalf("%d configurations", len(blob.Configurations))
	}
	c := blob.Configurations[0]
	if c.Kind != KindConfiguration || c.Offset != 18 || c.TotalLength != 0x0349 || c.NumInterfaces != 5 ||
		c.ConfigurationValue != 1 || c.StringIndex != 0 {
		t.Errorf("configuration %+v", c.Header)
	}
	if c.Attributes != 0xc0 || !c.Attributes.SelfPowered() || c.Attributes.RemoteWakeup() || c.MaxPowerMilliamps(false) != 200 {
		t.Errorf("attributes %v, max power %d mA", c.Attributes, c.MaxPowerMilliamps(false))
	}
	if len(c.Interfaces) != 5 {
		t.Fatalf("%d interfaces", len(c.Interfaces))
	}
	// Interface numbers in order, alt settings grouped.
	for i, in := range c.Interfaces {
		if int(in.Number) != i {
			t.Errorf("interface %d has number %d", i, in.Number)
		}
		for j, a := range in.AltSettings {
			if a.InterfaceNumber != in.Number || int(a.AlternateSetting) != j {
				t.Errorf("interface %d alt %d is %d/%d", in.Number, j, a.InterfaceNumber, a.AlternateSetting)
			}
		}
	}
	if len(blob.Warnings) != 0 {
		t.Errorf("warnings: %v", blob.Warnings)
	}
}

func TestParseIADAndEndpoints(t *testing.T) {
	blob := mustParse(t, fixtureByName(t, "anker-powerconf-c200"))
	c := blob.Configurations[0]
	if len(c.Associations) != 2 {
		t.Fatalf("%d IADs", len(c.Associations))
	}
	video, audio := c.Associations[0], c.Associations[1]
	if video.Kind != KindIAD || video.Offset != 27 || video.FirstInterface != 0 || video.InterfaceCount != 2 ||
		video.FunctionClass != ClassVideo || video.FunctionSubClass != 3 || video.StringIndex != 4 {
		t.Errorf("video IAD %+v", video)
	}
	if audio.FirstInterface != 2 || audio.InterfaceCount != 2 || audio.FunctionClass != ClassAudio {
		t.Errorf("audio IAD %+v", audio)
	}
	// VideoControl interrupt endpoint: 7-byte form.
	vc := c.Interfaces[0].AltSettings[0]
	if vc.Class != ClassVideo || vc.SubClass != 1 || len(vc.Endpoints) != 1 {
		t.Fatalf("interface 0: class %v/%d, %d endpoints", vc.Class, vc.SubClass, len(vc.Endpoints))
	}
	e := vc.Endpoints[0]
	if e.Kind != KindEndpoint || e.Length != 7 || e.Address != 0x81 || !e.Address.In() || e.Address.Number() != 1 ||
		e.Attributes.Transfer() != TransferInterrupt || e.MaxPacketSize != 16 || e.Interval != 8 {
		t.Errorf("VC endpoint %+v", e)
	}
	// The VideoControl class-specific descriptors are kept, undecoded.
	if len(vc.ClassSpecific) == 0 {
		t.Fatal("VC class-specific descriptors dropped")
	}
	u, ok := vc.ClassSpecific[0].(*Unknown)
	if !ok || u.Kind != KindUnknown || u.Type != TypeCSInterface || u.Subtype != 0x01 || u.Hex[:6] != "0d2401" {
		t.Errorf("first VC descriptor %#v", vc.ClassSpecific[0])
	}
	// Audio streaming endpoint: 9-byte form with bRefresh/bSynchAddress.
	as := c.Interfaces[3].AltSettings[1]
	if len(as.Endpoints) != 1 {
		t.Fatalf("AS alt 1 has %d endpoints", len(as.Endpoints))
	}
	ae := as.Endpoints[0]
	if ae.Length != 9 || ae.Address != 0x82 || ae.Attributes != 0x0d || ae.Attributes.Sync() != 3 ||
		ae.Attributes.Usage() != 0 || ae.MaxPacketSize != 0xc0 || ae.Interval != 4 || ae.Refresh != 0 || ae.SynchAddress != 0 {
		t.Errorf("AS endpoint %+v", ae)
	}
	if ae.PacketBytes() != 192 || ae.Transactions() != 1 {
		t.Errorf("packet %d x %d", ae.PacketBytes(), ae.Transactions())
	}
}

func TestParseHIDDescriptor(t *testing.T) {
	blob := mustParse(t, fixtureByName(t, "anker-powerconf-c200"))
	hid := blob.Configurations[0].Interfaces[4].AltSettings[0]
	if hid.Class != ClassHID || len(hid.ClassSpecific) != 1 {
		t.Fatalf("interface 4: class %v, %d class-specific", hid.Class, len(hid.ClassSpecific))
	}
	h, ok := hid.ClassSpecific[0].(*HIDDescriptor)
	if !ok {
		t.Fatalf("got %T", hid.ClassSpecific[0])
	}
	if h.Kind != KindHID || h.HIDVersion != 0x0101 || h.CountryCode != 0 || h.NumDescriptors != 1 ||
		len(h.Reports) != 1 || h.Reports[0].Type != TypeHIDReport || h.Reports[0].Length != 35 {
		t.Errorf("HID %+v", h)
	}
	if len(hid.Endpoints) != 2 || hid.Endpoints[1].Address != 0x01 || hid.Endpoints[1].MaxPacketSize != 0x0400 {
		t.Errorf("HID endpoints %+v", hid.Endpoints)
	}
}

func TestParseSSCompanion(t *testing.T) {
	b := config(1, 1,
		iface(0, 0, 1, 0xff, 0, 0),
		ep(0x81, 0x02, 1024, 0),
		d(0x30, 15, 0x00, 0x00, 0x00), // bMaxBurst 15, bmAttributes 0, wBytesPerInterval 0
	)
	blob := mustParse(t, b)
	e := blob.Configurations[0].Interfaces[0].AltSettings[0].Endpoints[0]
	if e.Companion == nil {
		t.Fatal("companion not attached")
	}
	if c := e.Companion; c.Kind != KindSSCompanion || c.Offset != 9+9+7 || c.MaxBurst != 15 || c.BytesPerInterval != 0 {
		t.Errorf("companion %+v", c)
	}
	if blob.Device != nil {
		t.Error("bare configuration has a device")
	}
}

func TestParseDescriptorsBeforeFirstInterface(t *testing.T) {
	b := config(1, 1,
		d(0x09, 0x00, 0x00, 0x00), // OTG descriptor before any interface
		iad(0, 1, 0xff, 0, 0),
		iface(0, 0, 0, 0xff, 0, 0),
	)
	blob := mustParse(t, b)
	c := blob.Configurations[0]
	if len(c.Extra) != 1 {
		t.Fatalf("Extra %v", c.Extra)
	}
	if u, ok := c.Extra[0].(*Unknown); !ok || u.Offset != 9 || u.Type != TypeOTG || u.Hex != "0509000000" {
		t.Errorf("Extra[0] %#v", c.Extra[0])
	}
	if len(c.Associations) != 1 || len(c.Interfaces) != 1 {
		t.Errorf("IADs %d interfaces %d", len(c.Associations), len(c.Interfaces))
	}
}

func TestParseSeveralConfigurations(t *testing.T) {
	// A sysfs blob holding two configurations, e.g. a UAC3 one and a UAC1
	// fallback: both must be parsed.
	uac3 := config(1, 1,
		iad(0, 1, 0x01, 0x24, 0x30),
		iface(0, 0, 0, 0x01, 0x01, 0x30),
	)
	uac1 := config(2, 1,
		iface(0, 0, 0, 0x01, 0x01, 0x00),
		cs(0x01, 0x00, 0x01, 0x08, 0x00, 0x00), // UAC1 header, no streams
	)
	blob := mustParse(t, cat(device(2), uac3, uac1))
	if len(blob.Configurations) != 2 || len(blob.Warnings) != 0 {
		t.Fatalf("%d configurations, warnings %v", len(blob.Configurations), blob.Warnings)
	}
	f3 := blob.Configurations[0].AudioFunctions
	f1 := blob.Configurations[1].AudioFunctions
	if len(f3) != 1 || f3[0].Version != UAC3 || f3[0].BADDProfile != BADDHeadset {
		t.Errorf("config 1 functions %+v", f3)
	}
	if len(f1) != 1 || f1[0].Version != UAC1 || f1[0].Header == nil || f1[0].Header.ADCVersion != 0x0100 {
		t.Errorf("config 2 functions %+v", f1)
	}
	if blob.Configurations[1].ConfigurationValue != 2 || blob.Configurations[1].Offset != 18+len(uac3) {
		t.Errorf("second configuration %+v", blob.Configurations[1].Header)
	}
	if got := len(blob.AudioFunctions()); got != 2 {
		t.Errorf("AudioFunctions() = %d", got)
	}
}

func TestBytesAliasesInput(t *testing.T) {
	b := fixtureByName(t, "qemu-usb-kbd")
	blob := mustParse(t, b)
	alt := blob.Configurations[0].Interfaces[0].AltSettings[0]
	raw := blob.Bytes(&alt.Header)
	if len(raw) != 9 || &raw[0] != &b[alt.Offset] || raw[1] != byte(TypeInterface) {
		t.Errorf("Bytes(alt) = % x, does not alias the input", raw)
	}
	// A header the blob did not produce, or one cut off the end, gives nil.
	if got := blob.Bytes(&Header{Offset: len(b) - 2, Size: 9}); got != nil {
		t.Errorf("Bytes past the end = % x, want nil", got)
	}
	if got := blob.Bytes(&Header{Offset: -1, Size: 9}); got != nil {
		t.Errorf("Bytes at -1 = % x, want nil", got)
	}
}

// TestContextList checks where the class-specific parsers put what they
// decode: the current endpoint's list once an endpoint is open, else the
// alternate setting's, as attach does.
func TestContextList(t *testing.T) {
	p := &parser{alt: new(AltSetting)}
	if got := p.contextList(); got != &p.alt.ClassSpecific {
		t.Errorf("no endpoint: list %p, want the alternate setting's %p", got, &p.alt.ClassSpecific)
	}
	p.ep = new(Endpoint)
	if got := p.contextList(); got != &p.ep.ClassSpecific {
		t.Errorf("endpoint open: list %p, want the endpoint's %p", got, &p.ep.ClassSpecific)
	}
}
