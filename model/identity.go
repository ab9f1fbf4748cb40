package model

import (
	"strings"

	"github.com/usbaudio/usbaudio/usbdesc"
)

// Strings are the device's string descriptors as a source read them.
type Strings struct {
	Manufacturer string
	Product      string
	Serial       string
	// Table maps string indexes (iInterface, iTerminal...) to their text,
	// when the source could read them.
	Table map[uint8]string
}

// Identity says which device this is. Names from usb.ids are not looked up
// here: gousb's usbid package imports gousb itself, which needs cgo and
// libusb, and this package stays pure Go. Sources that know a name (lsusb
// prints one) fill IDName.
type Identity struct {
	VendorID      usbdesc.ID16 `json:"vendor_id"`
	ProductID     usbdesc.ID16 `json:"product_id"`
	USBVersion    usbdesc.BCD  `json:"usb_version"`
	DeviceVersion usbdesc.BCD  `json:"device_version"`
	Manufacturer  string       `json:"manufacturer,omitempty"`
	Product       string       `json:"product,omitempty"`
	// Serial is masked ("****1234") unless the caller asked to reveal it:
	// serials identify a person's device and end up in pasted reports.
	Serial string `json:"serial,omitempty"`
	// IDName is a vendor/product name from a usb.ids database, when the
	// source had one (e.g. lsusb's "ID 046d:0a38 Logitech, Inc. Headset H340").
	IDName string `json:"usb_ids_name,omitempty"`
}

// VIDPID is "046d:0a38".
func (id Identity) VIDPID() string { return id.VendorID.String() + ":" + id.ProductID.String() }

// Name is the best human name: manufacturer and product strings, else the
// usb.ids name, else "".
func (id Identity) Name() string {
	switch {
	case id.Product != "" && id.Manufacturer != "" && !sameMaker(id.Manufacturer, id.Product):
		return id.Manufacturer + " " + id.Product
	case id.Product != "":
		return id.Product
	case id.IDName != "":
		return id.IDName
	}
	return ""
}

// sameMaker reports a product string that already names its maker
// ("Logitech Inc." + "Logitech USB Headset H340").
func sameMaker(manufacturer, product string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(manufacturer), " ")
	first = strings.TrimRight(first, ",.")
	return first != "" && strings.HasPrefix(strings.ToLower(product), strings.ToLower(first))
}

// MaskSerial keeps the last four characters of a serial behind "****", so
// two units can still be told apart without publishing the serial or its
// length. Serials of four characters or fewer are masked whole.
func MaskSerial(s string) string {
	r := []rune(s)
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 4:
		return "****"
	}
	return "****" + string(r[len(r)-4:])
}
