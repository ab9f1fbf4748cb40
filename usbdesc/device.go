package usbdesc

// Device is the standard device descriptor (USB 2.0 9.6.1).
type Device struct {
	Header
	USBVersion        BCD       `json:"usb_version" usb:"bcdUSB"`
	Class             ClassCode `json:"class" usb:"bDeviceClass"`
	SubClass          uint8     `json:"subclass" usb:"bDeviceSubClass"`
	Protocol          uint8     `json:"protocol" usb:"bDeviceProtocol"`
	MaxPacketSize0    uint8     `json:"max_packet_size0" usb:"bMaxPacketSize0"`
	VendorID          ID16      `json:"vendor_id" usb:"idVendor"`
	ProductID         ID16      `json:"product_id" usb:"idProduct"`
	DeviceVersion     BCD       `json:"device_version" usb:"bcdDevice"`
	ManufacturerIndex uint8     `json:"manufacturer_index" usb:"iManufacturer"`
	ProductIndex      uint8     `json:"product_index" usb:"iProduct"`
	SerialIndex       uint8     `json:"serial_index" usb:"iSerialNumber"`
	NumConfigurations uint8     `json:"num_configurations" usb:"bNumConfigurations"`
}
