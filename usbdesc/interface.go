package usbdesc

// Interface is all alternate settings sharing one bInterfaceNumber.
type Interface struct {
	Number      uint8         `json:"number"`
	AltSettings []*AltSetting `json:"alt_settings"`
}

// AltSetting is one interface descriptor (USB 2.0 9.6.5) and what follows it
// up to the next interface descriptor.
type AltSetting struct {
	Header
	InterfaceNumber  uint8     `json:"interface_number" usb:"bInterfaceNumber"`
	AlternateSetting uint8     `json:"alternate_setting" usb:"bAlternateSetting"`
	NumEndpoints     uint8     `json:"num_endpoints" usb:"bNumEndpoints"`
	Class            ClassCode `json:"class" usb:"bInterfaceClass"`
	SubClass         uint8     `json:"subclass" usb:"bInterfaceSubClass"`
	Protocol         uint8     `json:"protocol" usb:"bInterfaceProtocol"`
	StringIndex      uint8     `json:"string_index" usb:"iInterface"`

	// ClassSpecific are the descriptors between this interface descriptor
	// and its first endpoint, in order: UAC AC/AS descriptors, the HID
	// descriptor, or *Unknown.
	ClassSpecific []Descriptor `json:"class_specific,omitempty"`
	Endpoints     []*Endpoint  `json:"endpoints,omitempty"`
}

// HIDDescriptor is the HID class descriptor (HID 1.11 6.2.1).
type HIDDescriptor struct {
	Header
	HIDVersion     BCD   `json:"hid_version" usb:"bcdHID"`
	CountryCode    uint8 `json:"country_code" usb:"bCountryCode"`
	NumDescriptors uint8 `json:"num_descriptors" usb:"bNumDescriptors"`
	// Reports lists the class descriptors the device offers; type 0x22 is
	// the report descriptor, fetched separately.
	Reports []HIDClassDescriptor `json:"descriptors"`
}

// HIDClassDescriptor is one bDescriptorType/wDescriptorLength pair.
type HIDClassDescriptor struct {
	Type   DescriptorType `json:"type"`
	Length uint16         `json:"length"`
}
