// Package usbids names USB vendors and products from gousb's copy of the
// usb.ids database (github.com/google/gousb/usbid), compiled into static
// tables by gen.go so that a lookup costs a binary search and a process pays
// nothing at start-up (usbid itself parses the whole database in init).
package usbids

import "sort"

//go:generate go run gen.go

type vendor struct {
	id                      uint16
	nameOff, nameLen        uint32
	firstProduct, nProducts uint32
}

type product struct {
	id      uint16
	nameOff uint32
	nameLen uint32
}

func name(off, n uint32) string { return names[off : off+n] }

// Vendor is the vendor's name, or "" when usb.ids does not list it.
func Vendor(vid uint16) string {
	if v := findVendor(vid); v != nil {
		return name(v.nameOff, v.nameLen)
	}
	return ""
}

// Product is the product's name, or "" when usb.ids does not list it.
func Product(vid, pid uint16) string {
	v := findVendor(vid)
	if v == nil {
		return ""
	}
	ps := products[v.firstProduct : v.firstProduct+v.nProducts]
	i := sort.Search(len(ps), func(i int) bool { return ps[i].id >= pid })
	if i < len(ps) && ps[i].id == pid {
		return name(ps[i].nameOff, ps[i].nameLen)
	}
	return ""
}

// Name is what lsusb prints after the ID: "Vendor Product", the vendor
// alone when the product is not listed, "" when neither is.
func Name(vid, pid uint16) string {
	v := Vendor(vid)
	if v == "" {
		return ""
	}
	if p := Product(vid, pid); p != "" {
		return v + " " + p
	}
	return v
}

func findVendor(vid uint16) *vendor {
	i := sort.Search(len(vendors), func(i int) bool { return vendors[i].id >= vid })
	if i < len(vendors) && vendors[i].id == vid {
		return &vendors[i]
	}
	return nil
}
