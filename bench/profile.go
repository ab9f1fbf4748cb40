// Package bench is the QA bench: a golden profile of a known-good unit
// (Profile, made by FromDevice), the comparison of a unit against it
// (Compare → []Result, one per check), the interactive button test (Press)
// and JUnit XML for CI systems (WriteJUnit).
//
// A profile is JSON a person can read and edit. Every field is optional:
// a field left out is not checked, so removing a line is how a check is
// switched off, and ranges carry a tolerance that may be widened by hand.
// The package does no device I/O: commands load a *model.Device (live or
// from a file) and hand it over, and the press test reads hid.Events from
// a channel, so everything here runs unattended in tests.
package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/usbaudio/usbaudio/model"
)

// Schema names the profile layout; it changes only with an incompatible change.
const Schema = "usbaudio-profile/v1"

// Profile is what a known-good unit looks like. Pointer and slice fields are
// optional: nil means "not checked".
type Profile struct {
	Schema string `json:"schema"`
	// Unit records the unit the profile was made from (serial, origin);
	// it is never compared, since every unit has its own serial.
	Unit           *Unit           `json:"unit,omitempty"`
	Identity       *Identity       `json:"identity,omitempty"`
	Classification *Classification `json:"classification,omitempty"`
	// PathCounts is how many playback and capture paths the unit has.
	PathCounts *PathCounts `json:"path_counts,omitempty"`
	// Paths are matched with the unit's by direction and order: the
	// second playback entry is checked against the second playback path.
	Paths []Path `json:"paths,omitempty"`
	HID   *HID   `json:"hid,omitempty"`
	// Strings are string descriptors by decimal index ("2": "USB Headset"),
	// the serial number's index excluded.
	Strings map[string]string `json:"strings,omitempty"`
}

// Unit identifies one physical unit in reports: never compared.
type Unit struct {
	Serial string `json:"serial,omitempty"` // masked unless revealed
	Origin string `json:"origin,omitempty"` // "1-1.4", "headset.bin"
}

// Identity is who made the unit and what it is called.
type Identity struct {
	VendorID     *string `json:"vid,omitempty"` // "046d", hex as lsusb prints it
	ProductID    *string `json:"pid,omitempty"`
	Manufacturer *string `json:"manufacturer,omitempty"`
	Product      *string `json:"product,omitempty"`
}

// Classification is the verdict the unit must get.
type Classification struct {
	FormFactor *string `json:"form_factor,omitempty"` // "headset"
	// MinScore is the lowest acceptable classifier score; profiles are
	// made without it because classifier tuning moves scores.
	MinScore   *int    `json:"min_score,omitempty"`
	UACVersion *string `json:"uac_version,omitempty"` // of the function the verdict comes from
}

// PathCounts are the numbers of paths per direction.
type PathCounts struct {
	Playback *int `json:"playback,omitempty"`
	Capture  *int `json:"capture,omitempty"`
}

// Path is one signal path.
type Path struct {
	Direction string `json:"direction"` // "playback" or "capture"
	// From and To are the path's terminals; only their types are compared.
	From        *Terminal   `json:"from,omitempty"`
	To          *Terminal   `json:"to,omitempty"`
	Channels    *int        `json:"channels,omitempty"`
	BitDepths   []int       `json:"bit_depths,omitempty"`
	SampleRates []uint32    `json:"sample_rates,omitempty"`
	RateRanges  []RateRange `json:"rate_ranges,omitempty"`
	// Controls are the feature-unit controls the path must have; controls
	// the unit has beyond these are not failures.
	Controls []Control `json:"controls,omitempty"`
	// VolumeDB is the volume range the kernel derived (live sources only).
	VolumeDB *DBRange `json:"volume_db,omitempty"`
}

// Terminal is a path end. Name is for the reader and is not compared.
type Terminal struct {
	Type string `json:"type"` // wTerminalType, "0x0402"
	Name string `json:"name,omitempty"`
}

// RateRange is a continuous sample-rate range in Hz.
type RateRange struct {
	Min uint32 `json:"min"`
	Max uint32 `json:"max"`
}

// Control is one feature-unit control of a path.
type Control struct {
	Name string `json:"name"` // "volume", "mute"
	// Channels lists the channels that have it; 0 is the master channel.
	Channels []int  `json:"channels,omitempty"`
	Access   string `json:"access,omitempty"` // "read-write", "read-only"
}

// DBRange is a range in dB; the unit passes when both ends are within
// Tolerance dB of these.
type DBRange struct {
	Min       float64 `json:"min"`
	Max       float64 `json:"max"`
	Tolerance float64 `json:"tolerance"`
}

// HID lists the HID controls the unit must offer (hid.Control names).
type HID struct {
	Controls []string `json:"controls"`
}

// DefaultVolumeTolerance is the tolerance FromDevice writes: the kernel
// prints dB in 1/100 steps from 1/256 dB device values, so the same
// firmware gives the same number; half a dB absorbs rounding only.
const DefaultVolumeTolerance = 0.5

// FromDevice makes the profile of a known-good unit: everything the
// comparison can check, as d shows it.
func FromDevice(d *model.Device) *Profile {
	p := &Profile{Schema: Schema}
	if d.Identity.Serial != "" || d.Origin != "" {
		p.Unit = &Unit{Serial: d.Identity.Serial, Origin: d.Origin}
	}
	id := &Identity{VendorID: ptr(d.Identity.VendorID.String()), ProductID: ptr(d.Identity.ProductID.String())}
	if d.Identity.Manufacturer != "" {
		id.Manufacturer = ptr(ProfileText(d.Identity.Manufacturer))
	}
	if d.Identity.Product != "" {
		id.Product = ptr(ProfileText(d.Identity.Product))
	}
	p.Identity = id
	if d.Verdict.Function >= 0 && d.Verdict.Function < len(d.AudioFunctions) {
		p.Classification = &Classification{FormFactor: ptr(string(d.Verdict.FormFactor)),
			UACVersion: ptr(d.AudioFunctions[d.Verdict.Function].UACVersion)}
	}
	if len(d.AudioFunctions) > 0 {
		play, capt := devicePaths(d, "playback"), devicePaths(d, "capture")
		p.PathCounts = &PathCounts{Playback: ptr(len(play)), Capture: ptr(len(capt))}
		for _, dp := range append(play, capt...) {
			p.Paths = append(p.Paths, pathProfile(dp))
		}
	}
	if names, known := DeviceHIDControls(d); known {
		p.HID = &HID{Controls: names}
	}
	if s := deviceStrings(d); len(s) > 0 {
		p.Strings = s
	}
	return p
}

func ptr[T any](v T) *T { return &v }

// directedPath is a model path with its direction and 1-based number.
type directedPath struct {
	Direction string
	Number    int
	Path      *model.Path
}

// devicePaths lists the paths of one direction over every audio function,
// in function order.
func devicePaths(d *model.Device, direction string) []directedPath {
	var out []directedPath
	for i := range d.AudioFunctions {
		f := &d.AudioFunctions[i]
		paths := f.Playback
		if direction == "capture" {
			paths = f.Capture
		}
		for j := range paths {
			out = append(out, directedPath{Direction: direction, Number: len(out) + 1, Path: &paths[j]})
		}
	}
	return out
}

func pathProfile(dp directedPath) Path {
	mp := dp.Path
	p := Path{Direction: dp.Direction,
		From:     &Terminal{Type: mp.From.Type, Name: mp.From.TypeName},
		To:       &Terminal{Type: mp.To.Type, Name: mp.To.TypeName},
		Channels: ptr(mp.Channels)}
	depths, rates, ranges := pathFormats(mp)
	p.BitDepths, p.SampleRates, p.RateRanges = depths, rates, ranges
	p.Controls = pathControls(mp)
	if r := volumeRange(mp); r != nil {
		p.VolumeDB = &DBRange{Min: r.MinDB, Max: r.MaxDB, Tolerance: DefaultVolumeTolerance}
	}
	return p
}

// pathFormats collects the distinct bit depths, discrete rates and rate
// ranges of a path's formats, sorted.
func pathFormats(p *model.Path) (depths []int, rates []uint32, ranges []RateRange) {
	seenDepth, seenRate, seenRange := map[int]bool{}, map[uint32]bool{}, map[RateRange]bool{}
	for _, f := range p.Formats {
		if f.BitDepth > 0 && !seenDepth[f.BitDepth] {
			seenDepth[f.BitDepth] = true
			depths = append(depths, f.BitDepth)
		}
		for _, r := range f.SampleRates {
			if !seenRate[r] {
				seenRate[r] = true
				rates = append(rates, r)
			}
		}
		if f.RateRange != nil {
			rr := RateRange{Min: f.RateRange.Min, Max: f.RateRange.Max}
			if !seenRange[rr] {
				seenRange[rr] = true
				ranges = append(ranges, rr)
			}
		}
	}
	sort.Ints(depths)
	sort.Slice(rates, func(i, j int) bool { return rates[i] < rates[j] })
	sort.Slice(ranges, func(i, j int) bool {
		return ranges[i].Min < ranges[j].Min || ranges[i].Min == ranges[j].Min && ranges[i].Max < ranges[j].Max
	})
	return depths, rates, ranges
}

// pathControls groups a path's controls by name, in first-seen order.
func pathControls(p *model.Path) []Control {
	var out []Control
	index := map[string]int{}
	for _, c := range p.Controls {
		i, ok := index[c.Control]
		if !ok {
			i = len(out)
			index[c.Control] = i
			out = append(out, Control{Name: c.Control, Access: c.Access})
		}
		g := &out[i]
		if !containsInt(g.Channels, c.Channel) {
			g.Channels = append(g.Channels, c.Channel)
		}
		if g.Access != c.Access {
			g.Access = mixedAccess
		}
	}
	for i := range out {
		sort.Ints(out[i].Channels)
	}
	return out
}

// mixedAccess is the access of a control whose channels differ in access.
const mixedAccess = "mixed"

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// volumeRange is the kernel's range of the path's first volume control
// that has one.
func volumeRange(p *model.Path) *model.MixerRange {
	for _, c := range p.Controls {
		if c.Control == "volume" && c.Range != nil {
			return c.Range
		}
	}
	return nil
}

// DeviceHIDControls lists the named HID controls (hid.Control names) over
// every HID interface, in the hid package's name order; known is false
// when no report descriptor was read (a file decode) or there is no HID
// interface at all.
func DeviceHIDControls(d *model.Device) (names []string, known bool) {
	seen := map[string]bool{}
	for _, h := range d.HID {
		if !h.HaveReport {
			continue
		}
		known = true
		for _, c := range h.Controls {
			if !seen[c.Name] {
				seen[c.Name] = true
				names = append(names, c.Name)
			}
		}
	}
	sortControlNames(names)
	return names, known
}

// deviceStrings is the string table by decimal index, without the serial.
func deviceStrings(d *model.Device) map[string]string {
	var serialIndex uint8
	if d.Descriptors != nil && d.Descriptors.Device != nil {
		serialIndex = d.Descriptors.Device.SerialIndex
	}
	out := map[string]string{}
	for i, s := range d.Strings {
		if i == 0 || i == serialIndex {
			continue
		}
		out[strconv.Itoa(int(i))] = ProfileText(s)
	}
	return out
}

// ProfileText is a device string as a profile holds it. Strings are the
// device maker's bytes and need not be UTF-8, which JSON cannot carry (the
// encoder would turn each bad byte into U+FFFD and the unit would then fail
// its own profile), so bytes that are not UTF-8 are written as \xNN.
func ProfileText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, "\\x%02x", s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Marshal writes a profile as indented JSON ending in a newline.
func (p *Profile) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return scalarArrays().ReplaceAllFunc(buf.Bytes(), oneLineArray), nil
}

// scalarArrays matches an indented array of numbers or strings, one
// element a line, as json.Encoder writes it.
var scalarArrays = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\[\n(?:[ \t]*(?:-?[0-9][0-9.eE+-]*|"(?:[^"\\\n]|\\.)*"),?\n)+[ \t]*\]`)
})

// oneLineArray puts such an array on one line ([1, 2], ["mute"]): channel
// lists and rates stay readable and a profile stays short enough to edit.
func oneLineArray(m []byte) []byte {
	lines := bytes.Split(m[1:len(m)-1], []byte("\n"))
	var elems [][]byte
	for _, l := range lines {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			elems = append(elems, bytes.TrimSuffix(l, []byte(",")))
		}
	}
	out := append([]byte("["), bytes.Join(elems, []byte(", "))...)
	return append(out, ']')
}

// ParseProfile reads a profile. Unknown fields are errors, so a typo in a
// hand-edited profile does not silently switch a check off.
func ParseProfile(data []byte) (*Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	if p.Schema != Schema {
		return nil, fmt.Errorf("profile: schema %q, want %q", p.Schema, Schema)
	}
	for i, path := range p.Paths {
		if path.Direction != "playback" && path.Direction != "capture" {
			return nil, fmt.Errorf("profile: paths[%d]: direction %q, want playback or capture", i, path.Direction)
		}
		if path.VolumeDB != nil && path.VolumeDB.Tolerance < 0 {
			return nil, fmt.Errorf("profile: paths[%d]: volume_db tolerance %g is negative", i, path.VolumeDB.Tolerance)
		}
	}
	for k := range p.Strings {
		if n, err := strconv.ParseUint(k, 10, 8); err != nil || n == 0 {
			return nil, fmt.Errorf("profile: strings: key %q is not a string index 1..255", k)
		}
	}
	return &p, nil
}

// VIDPID is the profile's "vid:pid" for device selection, with either
// part empty when the profile leaves it out; "" when both are absent.
func (p *Profile) VIDPID() string {
	if p.Identity == nil || p.Identity.VendorID == nil && p.Identity.ProductID == nil {
		return ""
	}
	var v, pid string
	if p.Identity.VendorID != nil {
		v = *p.Identity.VendorID
	}
	if p.Identity.ProductID != nil {
		pid = *p.Identity.ProductID
	}
	return v + ":" + pid
}
