package hid

import "fmt"

// Usage is a full 32-bit usage: page in the high 16 bits, ID in the low 16
// (the "extended usage" form of HID 1.11 §6.2.2.8).
type Usage uint32

// NewUsage joins a page and an ID.
func NewUsage(page UsagePage, id uint16) Usage { return Usage(uint32(page)<<16 | uint32(id)) }

func (u Usage) Page() UsagePage { return UsagePage(u >> 16) }
func (u Usage) ID() uint16      { return uint16(u) }

// Name is the usage's name within its page, e.g. "Volume Increment", or a
// numeric form for usages the tables do not know.
func (u Usage) Name() string {
	page, id := u.Page(), u.ID()
	if page.Vendor() {
		return vendorUsageName(page, id)
	}
	if t, ok := usageTables[page]; ok {
		if n := t.name(id); n != "" {
			return n
		}
	}
	return fmt.Sprintf("0x%02x", id)
}

// String is "Page.Name", e.g. "Consumer.Volume Increment"; vendor usages read
// "Vendor page 0xff99 usage 0x20".
func (u Usage) String() string {
	if u.Page().Vendor() {
		return u.Name()
	}
	return u.Page().String() + "." + u.Name()
}

// MarshalText writes the usage as its String form; JSON output also carries
// the number where a stable key is needed.
func (u Usage) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// usageTable names the usages of one page: a fixed map for named usages and
// an optional rule for numbered ones (Button N, Instance N, Phone Key N).
type usageTable struct {
	names    map[uint16]string
	numbered func(id uint16) string
}

func (t usageTable) name(id uint16) string {
	if n, ok := t.names[id]; ok {
		return n
	}
	if t.numbered != nil {
		return t.numbered(id)
	}
	return ""
}

// usageTables is filled by the usage_*.go files, one per page.
var usageTables = map[UsagePage]usageTable{}

// UsageRange is a contiguous run of usages on one page, Min..Max inclusive.
// A single Usage item is a range of one. Fields keep ranges instead of
// expanded lists so a Usage Minimum/Maximum pair costs no memory per usage.
type UsageRange struct {
	Min Usage `json:"min"`
	Max Usage `json:"max"`
}

// Len is the number of usages in the range.
func (r UsageRange) Len() int { return int(r.Max) - int(r.Min) + 1 }

func (r UsageRange) String() string {
	if r.Min == r.Max {
		return r.Min.String()
	}
	return r.Min.String() + " .. " + r.Max.Name()
}
