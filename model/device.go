package model

import (
	"fmt"

	"github.com/usbaudio/usbaudio/usbdesc"
)

// Schema names the JSON layout of Device; it changes only with an
// incompatible change.
const Schema = "usbaudio/v1"

// Device is one physical USB device, everything joined.
type Device struct {
	Schema   string   `json:"schema"`
	Identity Identity `json:"identity"`
	Verdict  Verdict  `json:"verdict"`
	// AudioFunctions are the audio functions of every configuration.
	AudioFunctions []AudioFunction `json:"audio_functions"`
	HID            []HIDInterface  `json:"hid_interfaces"`
	Live           *Live           `json:"live,omitempty"`
	// Origin says where the bytes came from ("file x.bin", "lsusb -v text
	// line 12"), for reports about several devices.
	Origin string `json:"origin,omitempty"`
	// Warnings are the parser's recoverable problems (with offsets), the
	// error that stopped it if any, and gaps in the input text.
	Warnings []string `json:"warnings,omitempty"`
	// Error is the error that stopped parsing, when one did: what was
	// parsed before it is still here.
	Error string `json:"error,omitempty"`

	// Descriptors is the full parse: every descriptor with its offset.
	Descriptors *usbdesc.Blob `json:"descriptors"`
	// Strings are the string descriptors by index, for the dump.
	Strings map[uint8]string `json:"strings,omitempty"`
}

// Input is everything a source gathered about one device.
type Input struct {
	// Descriptors is a sysfs `descriptors` file: the device descriptor and
	// every configuration (or a single configuration).
	Descriptors []byte
	Strings     Strings
	// HIDReports are report descriptors by interface number.
	HIDReports map[uint8][]byte
	// RevealSerial keeps the serial unmasked.
	RevealSerial bool
	IDName       string
	Origin       string
}

// FromDescriptors builds a Device from raw descriptor bytes, the strings a
// source read, and HID report descriptors by interface number. See Build.
func FromDescriptors(desc []byte, s Strings, hidReports map[uint8][]byte) (*Device, error) {
	return Build(Input{Descriptors: desc, Strings: s, HIDReports: hidReports})
}

// Build parses and joins. When the descriptor parser stops at an error the
// Device still holds everything parsed before it, and the error (a
// *usbdesc.FormatError with the offset) is returned alongside; a nil Device
// comes back only when nothing at all could be parsed.
func Build(in Input) (*Device, error) {
	blob, err := usbdesc.Parse(in.Descriptors)
	if blob != nil && blob.Device == nil && len(blob.Configurations) == 0 {
		blob = nil // not one descriptor parsed
	}
	if blob == nil {
		if err == nil {
			err = fmt.Errorf("no descriptors")
		}
		return nil, err
	}
	d := &Device{Schema: Schema, Descriptors: blob, Origin: in.Origin, Strings: stringTable(blob, in),
		AudioFunctions: []AudioFunction{}}
	if err != nil {
		d.Error = err.Error()
	}
	d.Identity = identity(blob, in)
	for _, c := range blob.Configurations {
		for _, f := range c.AudioFunctions {
			d.AudioFunctions = append(d.AudioFunctions, newAudioFunction(c.ConfigurationValue, f, in.Strings.Table))
		}
	}
	d.HID = hidInterfaces(blob, in.HIDReports)
	if d.HID == nil {
		d.HID = []HIDInterface{}
	}
	reclassify(d.AudioFunctions, d.HID, d.Identity.Product)
	d.Verdict = verdict(d.AudioFunctions, d.HID)
	for _, w := range blob.Warnings {
		d.Warnings = append(d.Warnings, w.String())
	}
	return d, err
}

func identity(b *usbdesc.Blob, in Input) Identity {
	id := Identity{Manufacturer: in.Strings.Manufacturer, Product: in.Strings.Product, IDName: in.IDName}
	if in.RevealSerial {
		id.Serial = in.Strings.Serial
	} else {
		id.Serial = MaskSerial(in.Strings.Serial)
	}
	if dd := b.Device; dd != nil {
		id.VendorID, id.ProductID = dd.VendorID, dd.ProductID
		id.USBVersion, id.DeviceVersion = dd.USBVersion, dd.DeviceVersion
		t := in.Strings.Table
		if id.Manufacturer == "" {
			id.Manufacturer = t[dd.ManufacturerIndex]
		}
		if id.Product == "" {
			id.Product = t[dd.ProductIndex]
		}
		if id.Serial == "" && dd.SerialIndex != 0 && t[dd.SerialIndex] != "" {
			id.Serial = t[dd.SerialIndex]
			if !in.RevealSerial {
				id.Serial = MaskSerial(id.Serial)
			}
		}
	}
	return id
}

// stringTable copies the table, masking the serial unless asked: the dump
// prints iSerialNumber's text next to the index.
func stringTable(b *usbdesc.Blob, in Input) map[uint8]string {
	if len(in.Strings.Table) == 0 {
		return nil
	}
	t := make(map[uint8]string, len(in.Strings.Table))
	for k, v := range in.Strings.Table {
		t[k] = v
	}
	if in.RevealSerial {
		return t
	}
	if b.Device != nil && b.Device.SerialIndex != 0 {
		if s, ok := t[b.Device.SerialIndex]; ok {
			t[b.Device.SerialIndex] = MaskSerial(s)
		}
	}
	// The serial's text may sit under another index too (a source that
	// read it separately, a paste with iSerial edited out).
	for k, v := range t {
		if in.Strings.Serial != "" && v == in.Strings.Serial {
			t[k] = MaskSerial(v)
		}
	}
	return t
}
