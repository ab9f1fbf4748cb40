package hid

import "fmt"

// CollectionType is the data of a Collection item (HID 1.11 §6.2.2.6).
type CollectionType uint8

const (
	CollectionPhysical      CollectionType = 0x00
	CollectionApplication   CollectionType = 0x01
	CollectionLogical       CollectionType = 0x02
	CollectionReport        CollectionType = 0x03
	CollectionNamedArray    CollectionType = 0x04
	CollectionUsageSwitch   CollectionType = 0x05
	CollectionUsageModifier CollectionType = 0x06
)

var collectionTypeNames = [...]string{"Physical", "Application", "Logical", "Report",
	"Named Array", "Usage Switch", "Usage Modifier"}

func (t CollectionType) String() string {
	switch {
	case int(t) < len(collectionTypeNames):
		return collectionTypeNames[t]
	case t >= 0x80:
		return fmt.Sprintf("Vendor Defined 0x%02x", uint8(t))
	}
	return fmt.Sprintf("Reserved 0x%02x", uint8(t))
}

// MarshalText writes the type name.
func (t CollectionType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Collection is one Collection ... End Collection pair.
type Collection struct {
	Offset int            `json:"offset"` // offset of the Collection item
	Type   CollectionType `json:"type"`
	Usage  Usage          `json:"usage"`
	// UsageID is Usage as a number (page<<16 | id) for machines.
	UsageID uint32 `json:"usage_id"`
	Parent  int    `json:"parent"` // index in Descriptor.Collections, -1 at top level
	Depth   int    `json:"depth"`  // 0 for top-level collections
}

// Vendor reports whether the collection's usage is on a vendor-defined page.
func (c *Collection) Vendor() bool { return c.Usage.Page().Vendor() }

// String reads like "Application (Telephony.Headset)".
func (c *Collection) String() string {
	return c.Type.String() + " (" + c.Usage.String() + ")"
}
