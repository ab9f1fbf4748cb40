package hid

import (
	"fmt"
	"strings"
)

// ItemType is the bType field of a short item prefix (HID 1.11 §6.2.2.2).
type ItemType uint8

const (
	ItemMain     ItemType = 0
	ItemGlobal   ItemType = 1
	ItemLocal    ItemType = 2
	ItemReserved ItemType = 3
	// ItemLong marks a long item (prefix 0xFE, HID 1.11 §6.2.2.3); it is not
	// a bType value.
	ItemLong ItemType = 4
)

var itemTypeNames = [...]string{"Main", "Global", "Local", "Reserved", "Long"}

func (t ItemType) String() string {
	if int(t) < len(itemTypeNames) {
		return itemTypeNames[t]
	}
	return fmt.Sprintf("ItemType(%d)", uint8(t))
}

// Main item tags (HID 1.11 §6.2.2.4).
const (
	TagInput         = 0x8
	TagOutput        = 0x9
	TagCollection    = 0xA
	TagFeature       = 0xB
	TagEndCollection = 0xC
)

// Global item tags (HID 1.11 §6.2.2.7).
const (
	TagUsagePage       = 0x0
	TagLogicalMinimum  = 0x1
	TagLogicalMaximum  = 0x2
	TagPhysicalMinimum = 0x3
	TagPhysicalMaximum = 0x4
	TagUnitExponent    = 0x5
	TagUnit            = 0x6
	TagReportSize      = 0x7
	TagReportID        = 0x8
	TagReportCount     = 0x9
	TagPush            = 0xA
	TagPop             = 0xB
)

// Local item tags (HID 1.11 §6.2.2.8).
const (
	TagUsage             = 0x0
	TagUsageMinimum      = 0x1
	TagUsageMaximum      = 0x2
	TagDesignatorIndex   = 0x3
	TagDesignatorMinimum = 0x4
	TagDesignatorMaximum = 0x5
	TagStringIndex       = 0x7
	TagStringMinimum     = 0x8
	TagStringMaximum     = 0x9
	TagDelimiter         = 0xA
)

// tagNames holds the item names the HID specification uses, per type.
var tagNames = [3][16]string{
	ItemMain: {TagInput: "Input", TagOutput: "Output", TagCollection: "Collection",
		TagFeature: "Feature", TagEndCollection: "End Collection"},
	ItemGlobal: {TagUsagePage: "Usage Page", TagLogicalMinimum: "Logical Minimum",
		TagLogicalMaximum: "Logical Maximum", TagPhysicalMinimum: "Physical Minimum",
		TagPhysicalMaximum: "Physical Maximum", TagUnitExponent: "Unit Exponent", TagUnit: "Unit",
		TagReportSize: "Report Size", TagReportID: "Report ID", TagReportCount: "Report Count",
		TagPush: "Push", TagPop: "Pop"},
	ItemLocal: {TagUsage: "Usage", TagUsageMinimum: "Usage Minimum", TagUsageMaximum: "Usage Maximum",
		TagDesignatorIndex: "Designator Index", TagDesignatorMinimum: "Designator Minimum",
		TagDesignatorMaximum: "Designator Maximum", TagStringIndex: "String Index",
		TagStringMinimum: "String Minimum", TagStringMaximum: "String Maximum", TagDelimiter: "Delimiter"},
}

// Item is one item of a report descriptor as it appears in the bytes.
type Item struct {
	Offset int // byte offset of the prefix
	Size   int // number of data bytes
	// Depth is the collection nesting depth the item sits at, for
	// indentation; End Collection sits at the depth of its Collection.
	Depth int
	Data  uint32 // data bytes as a little-endian unsigned value (0 for long items)
	// UsagePage is the Usage Page in effect when the item was read, used to
	// name Usage, Usage Minimum and Usage Maximum items.
	UsagePage UsagePage
	Type      ItemType // Main, Global, Local, Reserved or Long
	Tag       uint8    // bTag (for long items: bLongItemTag)
	// raw holds the item's bytes inline (a short item is at most 5 bytes),
	// so an item list holds no pointers and costs the garbage collector
	// nothing to scan.
	raw    [5]byte
	rawLen uint8
}

// Bytes is the item as it appears in the descriptor: prefix and data. For a
// long item it is the 3-byte header only; its Size data bytes follow it in
// the input at Offset+3.
func (it *Item) Bytes() []byte { return it.raw[:it.rawLen:it.rawLen] }

// Len is the number of descriptor bytes the item occupies.
func (it *Item) Len() int {
	if it.Type == ItemLong {
		return 3 + it.Size
	}
	return int(it.rawLen)
}

// Name is the item's name from the HID specification, e.g. "Report Count".
func (it *Item) Name() string {
	switch it.Type {
	case ItemLong:
		return "Long Item"
	case ItemReserved:
		return "Reserved"
	}
	if n := tagNames[it.Type][it.Tag&0xF]; n != "" {
		return n
	}
	return fmt.Sprintf("Reserved %s tag 0x%x", it.Type, it.Tag)
}

// Signed is the item data read as a two's complement number of Size bytes,
// as the specification defines for minimum/maximum and exponent items.
func (it *Item) Signed() int32 { return signExtend(it.Data, it.Size*8) }

// signExtend reads the low bits of v as a two's complement number.
func signExtend(v uint32, bits int) int32 {
	if bits <= 0 || bits >= 32 {
		return int32(v)
	}
	shift := 32 - bits
	return int32(v<<shift) >> shift
}

// Usage is the full usage the item names, for Usage/Usage Minimum/Usage
// Maximum items: a 4-byte item carries its own page (extended usage, HID
// 1.11 §6.2.2.8), shorter ones take the Usage Page in effect.
func (it *Item) Usage() Usage {
	if it.Size == 4 {
		return Usage(it.Data)
	}
	return NewUsage(it.UsagePage, uint16(it.Data))
}

// Meaning is the decoded value in the form the HID specification's examples
// use, without the item name: "Consumer", "Data,Var,Abs", "-127".
func (it *Item) Meaning() string {
	switch it.Type {
	case ItemMain:
		switch it.Tag {
		case TagInput:
			return MainFlags(it.Data).format(KindInput)
		case TagOutput:
			return MainFlags(it.Data).format(KindOutput)
		case TagFeature:
			return MainFlags(it.Data).format(KindFeature)
		case TagCollection:
			return CollectionType(it.Data).String()
		case TagEndCollection:
			return ""
		}
	case ItemGlobal:
		switch it.Tag {
		case TagUsagePage:
			return UsagePage(it.Data).String()
		case TagLogicalMinimum, TagLogicalMaximum, TagPhysicalMinimum, TagPhysicalMaximum:
			return fmt.Sprint(it.Signed())
		case TagUnitExponent:
			return fmt.Sprint(unitExponent(it.Data, it.Size))
		case TagUnit:
			return Unit(it.Data).String()
		case TagPush, TagPop:
			return ""
		}
		return fmt.Sprint(it.Data)
	case ItemLocal:
		switch it.Tag {
		case TagUsage, TagUsageMinimum, TagUsageMaximum:
			u := it.Usage()
			if it.Size == 4 {
				return u.String()
			}
			return u.Name()
		case TagDelimiter:
			switch it.Data {
			case 1:
				return "Open"
			case 0:
				return "Close"
			}
		}
		return fmt.Sprint(it.Data)
	case ItemLong:
		return fmt.Sprintf("tag 0x%02x, %d bytes", it.Tag, it.Size)
	}
	return fmt.Sprintf("0x%x", it.Data)
}

// String renders the item like the HID specification's examples:
// "Usage Page (Consumer)", "End Collection".
func (it *Item) String() string {
	m := it.Meaning()
	if m == "" {
		return it.Name()
	}
	return it.Name() + " (" + m + ")"
}

// HexBytes is Bytes as lowercase hex separated by spaces.
func (it *Item) HexBytes() string {
	var b strings.Builder
	for i, c := range it.Bytes() {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%02x", c)
	}
	return b.String()
}

// unitExponent decodes Unit Exponent: the specification (HID 1.11 §6.2.2.7)
// gives a 4-bit two's complement nibble; some descriptors write a whole
// signed byte instead, which is accepted when it is out of nibble range.
func unitExponent(data uint32, size int) int8 {
	if data <= 0xF {
		return int8(signExtend(data, 4))
	}
	return int8(signExtend(data, size*8))
}
