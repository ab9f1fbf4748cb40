package render

import (
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/usbaudio/usbaudio/usbdesc"
)

// Dump writes every descriptor of the blob as a tree (device →
// configurations → interface associations, interfaces and alternate
// settings → class-specific descriptors → endpoints), one wire field a line
// in the manner of `lsusb -v`: the spec's field name, the value, and what it
// means. Fields come from the `usb` struct tags in wire order; a field's
// meaning is its type's String(). strs resolves string indexes (i* fields).
func Dump(w io.Writer, b *usbdesc.Blob, strs map[uint8]string) error {
	d := &dumper{w: w, strings: strs, versions: map[ifaceKey]usbdesc.UACVersion{}}
	for _, c := range b.Configurations {
		for _, f := range c.AudioFunctions {
			d.versions[ifaceKey{c.ConfigurationValue, f.ControlInterface}] = f.Version
			for _, s := range f.Streams {
				d.versions[ifaceKey{c.ConfigurationValue, s.Interface}] = f.Version
			}
		}
	}
	depth := 0
	if b.Device != nil {
		d.superSpeed = b.Device.USBVersion >= 0x0300
		d.descriptor(0, b.Device, usbdesc.UACUnknown)
		depth = 1
	}
	for _, c := range b.Configurations {
		d.configuration(depth, c)
	}
	return d.err
}

type ifaceKey struct{ config, iface uint8 }

type dumper struct {
	w        io.Writer
	strings  map[uint8]string
	versions map[ifaceKey]usbdesc.UACVersion
	err      error
	// kind is the Kind of the descriptor being printed; superSpeed is set
	// for bcdUSB >= 3.00, where bMaxPower counts 8 mA units.
	kind, goType string
	superSpeed   bool
	buf          []byte
}

// printf writes one line at depth, through a buffer the dumper reuses (a
// dump is a few hundred lines).
func (d *dumper) printf(depth int, format string, args ...any) {
	if d.err != nil {
		return
	}
	d.buf = d.buf[:0]
	for range depth {
		d.buf = append(d.buf, "  "...)
	}
	d.buf = fmt.Appendf(d.buf, format, args...)
	d.buf = append(d.buf, '\n')
	_, d.err = d.w.Write(d.buf)
}

// configuration prints the configuration, then its IADs and interface
// descriptors in the order they appear in the blob.
func (d *dumper) configuration(depth int, c *usbdesc.Configuration) {
	d.descriptor(depth, c, usbdesc.UACUnknown)
	for _, x := range c.Extra {
		d.descriptor(depth+1, x, usbdesc.UACUnknown)
	}
	type item struct {
		off int
		d   usbdesc.Descriptor
	}
	var items []item
	for _, a := range c.Associations {
		items = append(items, item{a.Offset, a})
	}
	for _, in := range c.Interfaces {
		for _, alt := range in.AltSettings {
			items = append(items, item{alt.Offset, alt})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].off < items[j].off })
	for _, it := range items {
		v := usbdesc.UACUnknown
		if alt, ok := it.d.(*usbdesc.AltSetting); ok {
			v = d.versions[ifaceKey{c.ConfigurationValue, alt.InterfaceNumber}]
		}
		d.descriptor(depth+1, it.d, v)
	}
}

// descriptor prints one descriptor's wire fields, then its children
// (fields holding descriptors: class-specific lists, endpoints, companions).
func (d *dumper) descriptor(depth int, desc usbdesc.Descriptor, v usbdesc.UACVersion) {
	rv := reflect.ValueOf(desc)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return
		}
		rv = rv.Elem()
	}
	h := desc.Head()
	d.kind, d.goType = h.Kind.String(), rv.Type().Name()
	d.printf(depth, "%s:%s", title(h, rv.Type()), offsetNote(h))
	_, isConfig := desc.(*usbdesc.Configuration)
	if u, ok := desc.(*usbdesc.Unknown); ok {
		d.field(depth+1, "bLength", fmt.Sprint(h.Length), "")
		d.field(depth+1, "bDescriptorType", fmt.Sprint(uint8(h.Type)), meaningOf(reflect.ValueOf(h.Type), fmt.Sprint(uint8(h.Type))))
		d.printf(depth+1, "** UNRECOGNIZED: %s", spacedHex(u.Hex))
		return
	}
	var children []reflect.Value
	d.fields(depth+1, rv, desc, v, &children)
	if isConfig {
		return // configuration() walks its children in blob order
	}
	for _, c := range children {
		d.child(depth+1, c, v)
	}
}

func (d *dumper) child(depth int, c reflect.Value, v usbdesc.UACVersion) {
	switch c.Kind() {
	case reflect.Slice:
		for i := 0; i < c.Len(); i++ {
			d.child(depth, c.Index(i), v)
		}
	case reflect.Interface, reflect.Pointer:
		if c.IsNil() {
			return
		}
		if desc, ok := c.Interface().(usbdesc.Descriptor); ok {
			d.descriptor(depth, desc, v)
		}
	}
}

var descriptorIface = reflect.TypeFor[usbdesc.Descriptor]()

// isChild reports a field that holds descriptors rather than values.
func isChild(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice:
		return isChild(t.Elem())
	case reflect.Interface:
		return t == descriptorIface
	case reflect.Pointer:
		return t.Implements(descriptorIface)
	}
	return false
}

// fields walks a descriptor struct: the embedded Header's tagged fields
// first, then the rest in declaration (= wire) order.
func (d *dumper) fields(depth int, rv reflect.Value, desc usbdesc.Descriptor, v usbdesc.UACVersion, children *[]reflect.Value) {
	t := rv.Type()
	kind := t.Name()
	for i := 0; i < t.NumField(); i++ {
		sf, fv := t.Field(i), rv.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Anonymous && sf.Type == reflect.TypeFor[usbdesc.Header]() {
			// Kind and Offset are in the title line; only wire fields here.
			ht := sf.Type
			for j := 0; j < ht.NumField(); j++ {
				if name := ht.Field(j).Tag.Get("usb"); name != "" {
					d.wire(depth, name, fv.Field(j), desc)
				}
			}
			continue
		}
		if isChild(sf.Type) {
			*children = append(*children, fv)
			continue
		}
		name := sf.Tag.Get("usb")
		if name == "" {
			d.derived(depth, sf, fv, v)
			continue
		}
		if hidden(kind, name, sf, fv, v, desc.Head().Length) {
			continue
		}
		if alias, ok := renamedIn[kind+"."+name][v]; ok {
			name = alias
		}
		if count, ok := countField[kind+"."+name]; ok && fv.Kind() == reflect.Slice {
			d.field(depth, count, fmt.Sprint(fv.Len()), "")
		}
		if n, ok := wireBytes[kind+"."+name][v]; ok && fv.CanUint() {
			val := fmt.Sprintf("0x%0*x", 2*n, fv.Uint())
			d.field(depth, name, val, d.meaning(name, fv, val))
			continue
		}
		d.wire(depth, name, fv, desc)
	}
}

// wire prints one tagged field, or one line per element of an array field
// (baSourceID( 0), tSamFreq[ 1]...).
func (d *dumper) wire(depth int, name string, fv reflect.Value, desc usbdesc.Descriptor) {
	if fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() != reflect.Uint8 || fv.Kind() == reflect.Slice && !strings.HasPrefix(name, "bm") {
		for i := 0; i < fv.Len(); i++ {
			label := fmt.Sprintf("%s(%2d)", name, i)
			if strings.HasPrefix(name, "t") {
				label = fmt.Sprintf("%s[%2d]", name, i)
			}
			val := valueText(name, fv.Index(i))
			if n := controlSize(desc); n > 0 && strings.HasPrefix(name, "bm") {
				val = fmt.Sprintf("0x%0*x", 2*n, fv.Index(i).Uint())
			}
			d.field(depth, label, val, elementMeaning(desc, name, i))
		}
		return
	}
	val := valueText(name, fv)
	d.field(depth, name, val, d.meaning(name, fv, val))
}

// meaning is the decoded value: a string's text for i* fields, else the
// type's String() when it says more than the number.
func (d *dumper) meaning(name string, fv reflect.Value, val string) string {
	switch name {
	case "bDescriptorSubtype":
		return "(" + strings.ToUpper(d.kind) + ")"
	case "bMaxPower":
		unit := uint64(2) // USB 2.0 9.6.3; 8 mA units at SuperSpeed (USB 3.2 9.6.3)
		if d.superSpeed {
			unit = 8
		}
		return fmt.Sprintf("%d mA", fv.Uint()*unit)
	}
	if strings.HasPrefix(name, "i") && fv.CanUint() {
		if fv.Uint() <= 0xff {
			return printable(d.strings[uint8(fv.Uint())])
		}
		return ""
	}
	return meaningOf(fv, val)
}

func meaningOf(fv reflect.Value, val string) string {
	s, ok := stringer(fv)
	if !ok {
		return ""
	}
	// Types like TerminalType print "0x0101 USB Streaming": drop the
	// number, which the value column already shows.
	if strings.HasPrefix(s, "0x") {
		if i := strings.IndexByte(s, ' '); i > 0 {
			s = s[i+1:]
		} else {
			s = ""
		}
	}
	if s == val {
		return ""
	}
	return s
}

func stringer(fv reflect.Value) (string, bool) {
	if !fv.IsValid() || !fv.CanInterface() {
		return "", false
	}
	if s, ok := fv.Interface().(fmt.Stringer); ok && fv.Kind() != reflect.Pointer {
		return s.String(), true
	}
	return "", false
}

// valueText formats a number the way lsusb does: bcd* as versions, bm*, w*
// and id* (and types whose String starts with 0x) in hex sized to the
// field, everything else in decimal.
func valueText(name string, fv reflect.Value) string {
	if strings.HasPrefix(name, "bcd") {
		if s, ok := stringer(fv); ok {
			return s
		}
	}
	if fv.Kind() == reflect.Slice { // bmMixerControls and other byte bitmaps
		var sb strings.Builder
		sb.WriteString("0x")
		for i := 0; i < fv.Len(); i++ {
			fmt.Fprintf(&sb, "%02x", fv.Index(i).Uint())
		}
		return sb.String()
	}
	if !fv.CanUint() && !fv.CanInt() {
		return fmt.Sprint(fv.Interface())
	}
	if s, ok := stringer(fv); ok && strings.HasPrefix(s, "0x") {
		if i := strings.IndexByte(s, ' '); i > 0 {
			return s[:i]
		}
		return s
	}
	hex := strings.HasPrefix(name, "bm") || strings.HasPrefix(name, "w") || strings.HasPrefix(name, "id")
	if !hex {
		if fv.CanInt() {
			return fmt.Sprint(fv.Int())
		}
		return fmt.Sprint(fv.Uint())
	}
	return fmt.Sprintf("0x%0*x", int(fv.Type().Size())*2, fv.Uint())
}

// field prints "  name   value meaning" with lsusb's column layout.
func (d *dumper) field(depth int, name, val, meaning string) {
	if d.err != nil {
		return
	}
	d.buf = d.buf[:0]
	for range depth {
		d.buf = append(d.buf, "  "...)
	}
	d.buf = append(d.buf, name...)
	for range max(1, 24-len(name)-len(val)) {
		d.buf = append(d.buf, ' ')
	}
	d.buf = append(d.buf, val...)
	if meaning != "" {
		d.buf = append(d.buf, ' ')
		d.buf = append(d.buf, meaning...)
	}
	d.buf = append(d.buf, '\n')
	_, d.err = d.w.Write(d.buf)
}

// nestedNames gives wire names to the fields of the few value types that
// descriptors embed without tags (a cluster is three wire fields).
var nestedNames = map[reflect.Type]map[string]string{
	reflect.TypeFor[usbdesc.ChannelCluster](): {
		"Channels": "bNrChannels", "Config": "bmChannelConfig", "NamesIndex": "iChannelNames",
	},
	reflect.TypeFor[usbdesc.HIDClassDescriptor](): {
		"Type": "bDescriptorType", "Length": "wDescriptorLength",
	},
	reflect.TypeFor[usbdesc.RateRange](): {
		"Min": "tLowerSamFreq", "Max": "tUpperSamFreq",
	},
}

// derived prints an untagged field: a nested wire struct (cluster, HID
// class descriptor list) by its wire names, anything else as a decoded
// line named by its JSON key. Fields hidden from JSON are internal.
func (d *dumper) derived(depth int, sf reflect.StructField, fv reflect.Value, v usbdesc.UACVersion) {
	jname, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
	if jname == "-" {
		return
	}
	if jname == "" {
		jname = sf.Name
	}
	if fv.Kind() == reflect.Pointer && nestedNames[fv.Type().Elem()] != nil {
		if fv.IsNil() {
			return
		}
		fv = fv.Elem()
	}
	switch {
	case fv.Kind() == reflect.Map, fv.Kind() == reflect.Slice && !plainElem(fv.Type().Elem()) && nestedNames[fv.Type().Elem()] == nil:
		return // structure (interfaces, audio functions), printed elsewhere
	case nestedNames[fv.Type()] != nil:
		if fv.IsZero() && clusterAbsent[v][d.goType] {
			return
		}
		d.nested(depth, fv, v)
		return
	case fv.Kind() == reflect.Slice && nestedNames[fv.Type().Elem()] != nil:
		for i := 0; i < fv.Len(); i++ {
			d.nested(depth, fv.Index(i), v)
		}
		return
	}
	if fv.IsZero() && (strings.Contains(opts, "omitempty") || fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Slice) {
		return
	}
	if fv.Kind() == reflect.Pointer {
		fv = fv.Elem()
	}
	val := ""
	if s, ok := stringer(fv); ok {
		val = s
	} else if fv.Kind() == reflect.Slice {
		parts := make([]string, fv.Len())
		for i := range parts {
			parts[i] = fmt.Sprint(fv.Index(i).Interface())
		}
		val = strings.Join(parts, ", ")
	} else {
		val = fmt.Sprint(fv.Interface())
	}
	d.printf(depth, "(%s) %s", jname, val)
}

func plainElem(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Struct, reflect.Interface, reflect.Slice, reflect.Map:
		return false
	}
	return true
}

func (d *dumper) nested(depth int, fv reflect.Value, v usbdesc.UACVersion) {
	names := nestedNames[fv.Type()]
	if cl, ok := fv.Interface().(usbdesc.ChannelCluster); ok {
		if v == usbdesc.UAC3 && cl == (usbdesc.ChannelCluster{}) {
			return // UAC3 terminals reference a cluster descriptor instead
		}
		cfgName, cfgVal := "bmChannelConfig", fmt.Sprintf("0x%08x", cl.Config)
		if v == usbdesc.UAC1 {
			cfgName, cfgVal = "wChannelConfig", fmt.Sprintf("0x%04x", cl.Config)
		}
		d.field(depth, "bNrChannels", fmt.Sprint(cl.Channels), "")
		d.field(depth, cfgName, cfgVal, strings.Join(cl.ChannelNames(v), ", "))
		d.field(depth, "iChannelNames", fmt.Sprint(cl.NamesIndex), printable(d.strings[cl.NamesIndex]))
		return
	}
	t := fv.Type()
	for i := 0; i < t.NumField(); i++ {
		name := names[t.Field(i).Name]
		if name == "" {
			continue
		}
		val := valueText(name, fv.Field(i))
		if strings.HasPrefix(name, "t") {
			val = fmt.Sprint(fv.Field(i).Uint())
		}
		d.field(depth, name, val, meaningOf(fv.Field(i), val))
	}
}

// controlSize is a UAC1 unit's bControlSize (bytes per bmaControls
// element), 0 when the descriptor has none.
func controlSize(desc usbdesc.Descriptor) int {
	rv := reflect.ValueOf(desc)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return 0
	}
	rv = rv.Elem()
	for i := 0; i < rv.NumField(); i++ {
		if rv.Type().Field(i).Tag.Get("usb") == "bControlSize" && rv.Field(i).CanUint() {
			return int(min(rv.Field(i).Uint(), 4))
		}
	}
	return 0
}

// accessReporter is a unit with per-channel control bitmaps.
type accessReporter interface {
	Access(ch int, c usbdesc.FeatureControl) usbdesc.Access
}

// elementMeaning decodes one element of an array field when the
// descriptor knows how: bmaControls(n) lists the channel's controls.
func elementMeaning(desc usbdesc.Descriptor, name string, i int) string {
	ar, ok := desc.(accessReporter)
	if !ok || name != "bmaControls" {
		return ""
	}
	var parts []string
	for c := usbdesc.FeatureControl(0); c.String() != "unknown"; c++ {
		if a := ar.Access(i, c); a != usbdesc.AccessNone {
			parts = append(parts, c.String()+" ("+a.String()+")")
		}
	}
	return strings.Join(parts, ", ")
}

// hidden reports a wire field the descriptor does not carry. The UAC
// versions share structs but not every field (SPEC-FACTS): presentIn says
// in which versions a field exists; a field it does not list exists
// everywhere. Outside an audio function (version unknown) an omitempty
// field that is zero is taken as absent.
func hidden(kind, name string, sf reflect.StructField, fv reflect.Value, v usbdesc.UACVersion, length uint8) bool {
	if kind == "Endpoint" && (name == "bRefresh" || name == "bSynchAddress") {
		return length < 9 // audio endpoints are 9 bytes (UAC1 4.6.1.1)
	}
	if versions, ok := presentIn[kind+"."+name]; ok && v != usbdesc.UACUnknown {
		return !strings.ContainsRune(versions, rune('0'+v))
	}
	_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
	return strings.Contains(opts, "omitempty") && fv.IsZero()
}

// renamedIn gives a field the name a later spec version uses for it, where
// the versions share a struct: UAC2 Formats 2.3.1.6 calls bSubframeSize
// bSubslotSize.
var renamedIn = map[string]map[usbdesc.UACVersion]string{
	"FormatType.bSubframeSize": {usbdesc.UAC2: "bSubslotSize", usbdesc.UAC3: "bSubslotSize"},
}

// countField names the wire count that precedes an array the structs keep
// as a slice (UAC1 4.3.2 bInCollection, 4.3.2.3 bNrInPins...): the dump
// prints it from the slice's length, as lsusb prints it from the byte.
var countField = map[string]string{
	"ACHeader.baInterfaceNr":    "bInCollection",
	"MixerUnit.baSourceID":      "bNrInPins",
	"SelectorUnit.baSourceID":   "bNrInPins",
	"ProcessingUnit.baSourceID": "bNrInPins",
	"ExtensionUnit.baSourceID":  "bNrInPins",
	"ClockSelector.baCSourceID": "bNrInPins",
	"PowerDomain.baEntityID":    "bNrEntities",
}

// wireBytes is the width of bitmap fields whose struct type is wider than
// some versions' wire field (UAC2 4.7.2: most bmControls are one byte,
// terminals' two), so values print as lsusb prints them.
var wireBytes = map[string]map[usbdesc.UACVersion]int{
	"ACHeader.bmControls":        {usbdesc.UAC2: 1},
	"ClockSource.bmControls":     {usbdesc.UAC2: 1},
	"ClockSelector.bmControls":   {usbdesc.UAC2: 1},
	"ClockMultiplier.bmControls": {usbdesc.UAC2: 1},
	"InputTerminal.bmControls":   {usbdesc.UAC2: 2},
	"OutputTerminal.bmControls":  {usbdesc.UAC2: 2},
	"MixerUnit.bmControls":       {usbdesc.UAC2: 1},
	"SelectorUnit.bmControls":    {usbdesc.UAC2: 1},
	"ProcessingUnit.bmControls":  {usbdesc.UAC2: 2},
	"ExtensionUnit.bmControls":   {usbdesc.UAC2: 1},
	"ASGeneral.bmControls":       {usbdesc.UAC2: 1},
	"ASGeneral.bmFormats":        {usbdesc.UAC2: 4},
	"ASEndpoint.bmControls":      {usbdesc.UAC2: 1},
}

// presentIn lists, per struct and wire field, the UAC versions ("12" =
// UAC1 and UAC2) whose descriptor has the field (UAC1 4.3.2/4.5.2, UAC2
// 4.7.2/4.9.2, UAC3 4.5.2/4.7.2; Formats 2.0/3.0).
var presentIn = map[string]string{
	"ACHeader.bcdADC": "12", "ACHeader.bCategory": "23", "ACHeader.bmControls": "23", "ACHeader.baInterfaceNr": "1",
	"InputTerminal.bCSourceID": "23", "InputTerminal.bmControls": "23", "InputTerminal.wClusterDescrID": "3",
	"InputTerminal.wExTDescrID": "3", "InputTerminal.wConnectorsDescrID": "3",
	"OutputTerminal.bCSourceID": "23", "OutputTerminal.bmControls": "23",
	"OutputTerminal.wExTDescrID": "3", "OutputTerminal.wConnectorsDescrID": "3",
	"MixerUnit.bmControls": "23", "SelectorUnit.bmControls": "23", "FeatureUnit.bControlSize": "1",
	"ASGeneral.bDelay": "1", "ASGeneral.wFormatTag": "1", "ASGeneral.bmControls": "23",
	"ASGeneral.bFormatType": "2", "ASGeneral.bmFormats": "23", "ASGeneral.wClusterDescrID": "3",
	"ASGeneral.bmAuxProtocols": "3", "ASGeneral.bControlSize": "3",
	"FormatType.bNrChannels": "1", "FormatType.bSamFreqType": "1", "FormatType.tSamFreq": "1",
	"ASEndpoint.bmControls": "23", "ASEndpoint.bmAttributes": "12", "ClockSource.bReferenceTerminal": "3",
}

// title names a descriptor like lsusb does ("Interface Descriptor").
func title(h *usbdesc.Header, t reflect.Type) string {
	if n, ok := standardTitles[t.Name()]; ok {
		return n
	}
	if h.Kind.String() != "" {
		words := strings.Split(h.Kind.String(), "_")
		for i, w := range words {
			switch {
			case acronyms[w]:
				words[i] = strings.ToUpper(w)
			case w != "":
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		return strings.Join(words, " ") + " Descriptor"
	}
	return t.Name() + " Descriptor"
}

var acronyms = map[string]bool{"ac": true, "as": true, "hid": true, "ss": true, "uac": true, "uac1": true,
	"uac2": true, "uac3": true, "iad": true, "cs": true, "badd": true, "src": true}

var standardTitles = map[string]string{
	"Device": "Device Descriptor", "Configuration": "Configuration Descriptor",
	"AltSetting": "Interface Descriptor", "InterfaceAssociation": "Interface Association",
	"Endpoint": "Endpoint Descriptor", "SSCompanion": "SuperSpeed Endpoint Companion",
	"HIDDescriptor": "HID Device Descriptor",
}

func offsetNote(h *usbdesc.Header) string {
	return fmt.Sprintf("  [offset 0x%04x]", h.Offset)
}

func spacedHex(h string) string {
	var sb strings.Builder
	for i := 0; i+1 < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// clusterAbsent names the structs whose channel cluster a version does not
// have on the wire: UAC1's AS general descriptor (UAC1 4.5.2; the format
// type carries bNrChannels), and every UAC3 descriptor (UAC3 uses cluster
// descriptors referenced by wClusterDescrID).
var clusterAbsent = map[usbdesc.UACVersion]map[string]bool{
	usbdesc.UAC1: {"ASGeneral": true},
	usbdesc.UAC3: {"ASGeneral": true, "InputTerminal": true, "MixerUnit": true, "ProcessingUnit": true, "ExtensionUnit": true},
}
