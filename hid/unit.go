package hid

import (
	"fmt"
	"strings"
)

// Unit is the data of a Unit item (HID 1.11 §6.2.2.7): nibble 0 selects
// the system, nibbles 1..6 are signed exponents of length, mass, time,
// temperature, current and luminous intensity.
type Unit uint32

var unitSystems = map[uint32]string{0: "None", 1: "SI Linear", 2: "SI Rotation",
	3: "English Linear", 4: "English Rotation", 0xF: "Vendor"}

// unitBaseNames per system (SI Linear, SI Rotation, English Linear, English Rotation).
var unitBaseNames = [4][6]string{
	{"cm", "g", "s", "K", "A", "cd"},
	{"rad", "g", "s", "K", "A", "cd"},
	{"in", "slug", "s", "°F", "A", "cd"},
	{"deg", "slug", "s", "°F", "A", "cd"},
}

func (u Unit) String() string {
	if u == 0 {
		return "None"
	}
	sys := uint32(u) & 0xF
	name, ok := unitSystems[sys]
	if !ok {
		return fmt.Sprintf("0x%08x", uint32(u))
	}
	if sys < 1 || sys > 4 {
		return fmt.Sprintf("%s 0x%08x", name, uint32(u))
	}
	var b strings.Builder
	b.WriteString(name)
	for i := range 6 {
		e := signExtend((uint32(u)>>(4*(i+1)))&0xF, 4)
		if e == 0 {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(unitBaseNames[sys-1][i])
		if e != 1 {
			fmt.Fprintf(&b, "^%d", e)
		}
	}
	return b.String()
}
