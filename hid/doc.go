// Package hid parses USB HID report descriptors (HID 1.11 §6.2.2) into the
// items as written and the report layout they define, names usages from
// the HID Usage Tables, picks out the controls a headset user cares about
// (volume, mute, hook switch, LEDs...; see the Control* names), and decodes
// input reports into field values and, statefully, into events.
//
// It is pure Go over []byte: no I/O, no cgo. Lengths in the input are never
// trusted: every read is bounds-checked, counts are clamped before anything
// is sized from them, and problems are reported as *FormatError with the
// byte offset while everything parsed before them is kept.
//
// Typical use:
//
//	d, err := hid.Parse(reportDescriptor)
//	set := d.ControlSet()          // set.HasVolumeButtons(), set.HasHookSwitch()...
//	dec := hid.NewDecoder(d)
//	dec.Decode(report, func(e hid.Event) { fmt.Println(e) }) // "volume-up pressed"
package hid
