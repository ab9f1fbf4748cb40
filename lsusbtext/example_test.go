package lsusbtext_test

import (
	"fmt"

	"github.com/usbaudio/usbaudio/lsusbtext"
)

func ExampleParse() {
	text := `Bus 001 Device 094: ID 046d:0a38 Logitech, Inc. Headset H340
Couldn't open device, some information will be missing
Device Descriptor:
  bLength                18
  bDescriptorType         1
  bcdUSB               2.00
  bDeviceClass            0
  bDeviceSubClass         0
  bDeviceProtocol         0
  bMaxPacketSize0        64
  idVendor           0x046d Logitech, Inc.
  idProduct          0x0a38 Headset H340
  bcdDevice            1.15
  iManufacturer           1 Logitech Inc.
  iProduct                2 Logitech USB Headset H340
  iSerial                 0
  bNumConfigurations      1
  Configuration Descriptor:
    bLength                 9
    bDescriptorType         2
    wTotalLength       0x00eb
    bNumInterfaces          4
    bConfigurationValue     1
    iConfiguration          0
    bmAttributes         0x80
      (Bus Powered)
    MaxPower              120mA
`
	devs, err := lsusbtext.Parse([]byte(text))
	if err != nil {
		fmt.Println(err)
		return
	}
	d := devs[0]
	fmt.Printf("%04x:%04x %q bus %d device %d\n", d.VendorID, d.ProductID, d.Product, d.Bus, d.Address)
	fmt.Printf("% x\n", d.Descriptors[18:])
	for _, g := range d.Gaps {
		fmt.Println(g)
	}
	// Output:
	// 046d:0a38 "Logitech USB Headset H340" bus 1 device 94
	// 09 02 eb 00 04 01 00 80 3c
	// line 2: device not opened: lsusb could not open the device: strings, HID report descriptors, BOS and status are missing
	// line 18: truncated: configuration 1: wTotalLength is 235 but the text gives 9 bytes (226 missing, text ends at line 27)
	// line 18: interface cut off: configuration 1: 0 of 4 interfaces printed
}
