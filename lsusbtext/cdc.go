package lsusbtext

// lsusb prints CDC functional descriptors (CDC 1.2 §5.2.3) under a title and
// without their bLength, bDescriptorType and bDescriptorSubtype lines; the
// title gives the subtype and the length is what the fields add up to.
var cdcSubtypes = map[string]byte{
	"CDC Header:":                      0x00,
	"CDC Call Management:":             0x01,
	"CDC ACM:":                         0x02,
	"CDC Union:":                       0x06,
	"CDC Country Selection:":           0x07,
	"CDC Ethernet:":                    0x0f,
	"CDC WHCM:":                        0x11,
	"CDC MDLM:":                        0x12,
	"CDC MDLM detail:":                 0x13,
	"CDC OBEX:":                        0x15,
	"CDC NCM:":                         0x1a,
	"CDC MBIM:":                        0x1b,
	"CDC MBIM Extended:":               0x1c,
	"CDC Device Management:":           0x14,
	"CDC Telephone Ringer:":            0x03,
	"CDC Telephone Operations:":        0x04,
	"CDC Telephone Call State:":        0x05,
	"CDC Direct Line Management:":      0x0a,
	"CDC Abstract Control Management:": 0x02,
}

const typeCSInterface = 0x24
