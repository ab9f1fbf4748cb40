package usbdesc

import "fmt"

// Descriptor is any parsed descriptor. The concrete types are pointers to the
// structs in this package (*Endpoint, *FeatureUnit, *Unknown...).
//
// Struct fields tagged `usb:"bName"` are the descriptor's wire fields in wire
// order, named as in the spec: the text dump and JSON are derived from them,
// so a new descriptor type is declared in one place. Untagged fields are
// derived (decoded lists, links to other descriptors).
type Descriptor interface {
	Head() *Header
}

// Header is what every descriptor starts with, plus where it was found.
// It holds no pointers: the model's descriptors are mostly plain values,
// which the garbage collector neither scans nor guards with write
// barriers. Blob.Bytes gives a descriptor's bytes.
type Header struct {
	Kind Kind `json:"kind"` // stable snake_case name, e.g. "feature_unit"
	// Size is how many input bytes the descriptor spans: bLength, or
	// fewer when the input was cut short inside it (an unparsable tail
	// kept as *Unknown spans the rest of the input). It sits here, in
	// the padding after Kind, so a Header is 24 bytes, not 32.
	Size   uint32         `json:"-"`
	Offset int            `json:"offset"` // absolute byte offset in the blob
	Length uint8          `json:"length" usb:"bLength"`
	Type   DescriptorType `json:"descriptor_type" usb:"bDescriptorType"`
}

func (h *Header) Head() *Header { return h }

// wire is a descriptor while it is being decoded: its bytes, which alias
// the input, where they start and the kind being decoded. It lives on the
// stack and is passed in registers to every descriptor parser, so it
// holds only what cannot be read back from Raw (bLength and
// bDescriptorType are Raw[0] and Raw[1]); the model keeps only the Header
// (see Header.setHeader).
type wire struct {
	Raw    []byte
	Offset int // absolute offset of Raw[0] in the blob
	Kind   Kind
}

// Length is bLength, the descriptor's first byte.
func (w wire) Length() uint8 {
	if len(w.Raw) == 0 {
		return 0
	}
	return w.Raw[0]
}

// setHeader fills a zero Header field by field from the descriptor being
// decoded. (A struct copy into the heap would take the garbage
// collector's bulk write barrier while it marks.)
func (h *Header) setHeader(src wire) {
	h.Kind, h.Offset, h.Length = src.Kind, src.Offset, src.Length()
	if len(src.Raw) > 1 {
		h.Type = DescriptorType(src.Raw[1])
	}
	h.Size = uint32(len(src.Raw)) // inputs are far below 4 GB
}

// DescriptorType is bDescriptorType (USB 2.0 table 9-5, class-specific 0x2x).
type DescriptorType uint8

const (
	TypeDevice          DescriptorType = 0x01
	TypeConfiguration   DescriptorType = 0x02
	TypeString          DescriptorType = 0x03
	TypeInterface       DescriptorType = 0x04
	TypeEndpoint        DescriptorType = 0x05
	TypeDeviceQualifier DescriptorType = 0x06
	TypeOtherSpeed      DescriptorType = 0x07
	TypeInterfacePower  DescriptorType = 0x08
	TypeOTG             DescriptorType = 0x09
	TypeDebug           DescriptorType = 0x0a
	TypeIAD             DescriptorType = 0x0b
	TypeBOS             DescriptorType = 0x0f
	TypeHID             DescriptorType = 0x21
	TypeHIDReport       DescriptorType = 0x22
	TypeCSDevice        DescriptorType = 0x21 // same code as HID: class decides
	TypeCSConfiguration DescriptorType = 0x22
	TypeCSString        DescriptorType = 0x23
	TypeCSInterface     DescriptorType = 0x24
	TypeCSEndpoint      DescriptorType = 0x25
	TypeSSCompanion     DescriptorType = 0x30
	TypeSSPIsoCompanion DescriptorType = 0x31
)

var descriptorTypeNames = map[DescriptorType]string{
	TypeDevice: "Device", TypeConfiguration: "Configuration", TypeString: "String",
	TypeInterface: "Interface", TypeEndpoint: "Endpoint", TypeDeviceQualifier: "Device Qualifier",
	TypeOtherSpeed: "Other Speed Configuration", TypeInterfacePower: "Interface Power",
	TypeOTG: "OTG", TypeDebug: "Debug", TypeIAD: "Interface Association", TypeBOS: "BOS",
	0x21: "HID / CS Device", 0x22: "HID Report / CS Configuration", TypeCSString: "CS String",
	TypeCSInterface: "CS Interface", TypeCSEndpoint: "CS Endpoint",
	TypeSSCompanion: "SuperSpeed Endpoint Companion", TypeSSPIsoCompanion: "SuperSpeedPlus Isochronous Endpoint Companion",
}

func (t DescriptorType) String() string {
	if n, ok := descriptorTypeNames[t]; ok {
		return fmt.Sprintf("0x%02x %s", uint8(t), n)
	}
	return fmt.Sprintf("0x%02x", uint8(t))
}

// Unknown is a descriptor this package does not decode, kept whole with its
// offset so nothing in the input is ever dropped.
type Unknown struct {
	Header
	Subtype uint8  `json:"subtype"` // third byte, when there is one (class-specific)
	Hex     string `json:"raw_hex"` // Raw in lower-case hex
}

// BCD is a binary-coded decimal version such as bcdUSB 0x0200 ("2.00").
type BCD uint16

func (b BCD) String() string { return fmt.Sprintf("%x.%02x", uint16(b)>>8, uint16(b)&0xff) }

// MarshalText makes JSON show "2.00".
func (b BCD) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// ID16 is a vendor or product ID, shown as four hex digits.
type ID16 uint16

func (i ID16) String() string { return fmt.Sprintf("%04x", uint16(i)) }

// MarshalText makes JSON show "046d".
func (i ID16) MarshalText() ([]byte, error) { return []byte(i.String()), nil }

// ClassCode is a USB class code (bDeviceClass, bInterfaceClass).
type ClassCode uint8

const (
	ClassPerInterface ClassCode = 0x00
	ClassAudio        ClassCode = 0x01
	ClassComm         ClassCode = 0x02
	ClassHID          ClassCode = 0x03
	ClassVideo        ClassCode = 0x0e
	ClassMisc         ClassCode = 0xef
	ClassApplication  ClassCode = 0xfe
	ClassVendor       ClassCode = 0xff
)

var classNames = map[ClassCode]string{
	0x00: "(Defined at Interface level)", 0x01: "Audio", 0x02: "Communications", 0x03: "Human Interface Device",
	0x05: "Physical", 0x06: "Image", 0x07: "Printer", 0x08: "Mass Storage", 0x09: "Hub", 0x0a: "CDC Data",
	0x0b: "Chip/SmartCard", 0x0d: "Content Security", 0x0e: "Video", 0x0f: "Personal Healthcare",
	0x10: "Audio/Video", 0x11: "Billboard", 0x12: "USB Type-C Bridge", 0xdc: "Diagnostic", 0xe0: "Wireless",
	0xef: "Miscellaneous Device", 0xfe: "Application Specific Interface", 0xff: "Vendor Specific Class",
}

func (c ClassCode) String() string {
	if n, ok := classNames[c]; ok {
		return n
	}
	return fmt.Sprintf("0x%02x", uint8(c))
}

// Audio interface subclasses (UAC1 4.2.1 / UAC2 A.5).
const (
	SubclassAudioControl   = 0x01
	SubclassAudioStreaming = 0x02
	SubclassMIDIStreaming  = 0x03
)
