//go:build cgo

package main

import (
	"github.com/google/gousb"
	"github.com/google/gousb/usbid"
)

// usbIDName looks vid:pid up in gousb's copy of usb.ids, as lsusb prints
// it: "Vendor Product", or the vendor alone when the product is unknown.
// The copy is fixed at gousb's release, so output does not depend on the
// host's database.
func usbIDName(vid, pid uint16) string {
	v, ok := usbid.Vendors[gousb.ID(vid)]
	if !ok || v == nil {
		return ""
	}
	if p, ok := v.Product[gousb.ID(pid)]; ok && p != nil {
		return v.Name + " " + p.Name
	}
	return v.Name
}
