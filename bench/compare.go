package bench

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/model"
)

// Result is one check: a name that stays the same from unit to unit (JUnit
// testcase names and bench logs key on it), what the profile expected and
// what the unit has.
type Result struct {
	Name     string `json:"name"` // "playback 1 channels"
	Pass     bool   `json:"pass"`
	Expected string `json:"expected"`
	Actual   string `json:"actual"`
	// Latency is the time from prompt to press (press checks only).
	Latency time.Duration `json:"latency_ns,omitempty"`
}

// MarshalJSON adds the one-line message, so a machine report reads like
// the text one.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // without this method
	return json.Marshal(struct {
		plain
		Message string `json:"message"`
	}{plain(r), r.Message()})
}

// Message is the result as one line: "playback 1 channels: expected 2, got 1".
func (r Result) Message() string {
	if r.Pass {
		if r.Latency > 0 {
			return fmt.Sprintf("%s: %s (%s)", r.Name, r.Actual, LatencyText(r.Latency))
		}
		return fmt.Sprintf("%s: %s", r.Name, r.Actual)
	}
	return fmt.Sprintf("%s: expected %s, got %s", r.Name, r.Expected, r.Actual)
}

// LatencyText prints a press latency in whole milliseconds ("412 ms"),
// the resolution a person pressing a button has.
func LatencyText(d time.Duration) string {
	return strconv.FormatInt(d.Milliseconds(), 10) + " ms"
}

// Verdict words as printed before each check.
const (
	PassWord = "PASS"
	FailWord = "FAIL"
)

// String is the printed line: "PASS playback 1 channels: 2".
func (r Result) String() string {
	if r.Pass {
		return PassWord + " " + r.Message()
	}
	return FailWord + " " + r.Message()
}

// Failed counts the failing results.
func Failed(rs []Result) int {
	n := 0
	for _, r := range rs {
		if !r.Pass {
			n++
		}
	}
	return n
}

// checker collects results.
type checker struct{ out []Result }

func (c *checker) add(name, expected, actual string, pass bool) {
	c.out = append(c.out, Result{Name: name, Pass: pass, Expected: expected, Actual: actual})
}

// equal adds a check that passes when the two texts are the same.
func (c *checker) equal(name, expected, actual string) {
	c.add(name, expected, actual, expected == actual)
}

// Compare checks d against every field the profile sets, in the profile's
// order: identity, classification, path counts, paths, HID controls, strings.
func Compare(p *Profile, d *model.Device) []Result {
	var c checker
	compareIdentity(&c, p.Identity, d)
	compareClassification(&c, p.Classification, d)
	play, capt := devicePaths(d, "playback"), devicePaths(d, "capture")
	if pc := p.PathCounts; pc != nil {
		if pc.Playback != nil {
			c.equal("playback paths", strconv.Itoa(*pc.Playback), strconv.Itoa(len(play)))
		}
		if pc.Capture != nil {
			c.equal("capture paths", strconv.Itoa(*pc.Capture), strconv.Itoa(len(capt)))
		}
	}
	n := map[string]int{}
	for i := range p.Paths {
		want := &p.Paths[i]
		n[want.Direction]++
		have := play
		if want.Direction == "capture" {
			have = capt
		}
		var got *model.Path
		if k := n[want.Direction]; k <= len(have) {
			got = have[k-1].Path
		}
		comparePath(&c, fmt.Sprintf("%s %d", want.Direction, n[want.Direction]), want, got)
	}
	compareHID(&c, p.HID, d)
	compareStrings(&c, p.Strings, d)
	return c.out
}

// quoted shows a string value in double quotes, with absence as "none".
// Values are ProfileText already; only the quote and backslash-free
// display matters here, so a \xff stays as the profile spells it.
func quoted(s string) string {
	if s == "" {
		return "none"
	}
	return `"` + s + `"`
}

func compareIdentity(c *checker, id *Identity, d *model.Device) {
	if id == nil {
		return
	}
	if id.VendorID != nil {
		c.equal("vendor id", strings.ToLower(*id.VendorID), d.Identity.VendorID.String())
	}
	if id.ProductID != nil {
		c.equal("product id", strings.ToLower(*id.ProductID), d.Identity.ProductID.String())
	}
	if id.Manufacturer != nil {
		c.equal("manufacturer", quoted(*id.Manufacturer), quoted(ProfileText(d.Identity.Manufacturer)))
	}
	if id.Product != nil {
		c.equal("product", quoted(*id.Product), quoted(ProfileText(d.Identity.Product)))
	}
}

func compareClassification(c *checker, cl *Classification, d *model.Device) {
	if cl == nil {
		return
	}
	if cl.FormFactor != nil {
		got := string(d.Verdict.FormFactor)
		if got == "" {
			got = "none"
		}
		c.equal("form factor", *cl.FormFactor, got)
	}
	if cl.MinScore != nil {
		c.add("classification score", fmt.Sprintf("at least %d", *cl.MinScore), strconv.Itoa(d.Verdict.Score),
			d.Verdict.Score >= *cl.MinScore)
	}
	if cl.UACVersion != nil {
		got := "none"
		if f := d.Verdict.Function; f >= 0 && f < len(d.AudioFunctions) {
			got = d.AudioFunctions[f].UACVersion
		}
		c.equal("uac version", *cl.UACVersion, got)
	}
}

// missingPath is what a path check reports when the unit lacks the path.
const missingPath = "no such path"

func comparePath(c *checker, name string, want *Path, got *model.Path) {
	terminal := func(part string, t *Terminal, have func(*model.Path) model.Terminal) {
		if t == nil {
			return
		}
		exp := terminalText(t.Type, t.Name)
		if got == nil {
			c.add(name+" "+part, exp, missingPath, false)
			return
		}
		h := have(got)
		c.add(name+" "+part, exp, terminalText(h.Type, h.TypeName), strings.EqualFold(t.Type, h.Type))
	}
	terminal("from terminal", want.From, func(p *model.Path) model.Terminal { return p.From })
	terminal("to terminal", want.To, func(p *model.Path) model.Terminal { return p.To })
	if want.Channels != nil {
		if got == nil {
			c.add(name+" channels", strconv.Itoa(*want.Channels), missingPath, false)
		} else {
			c.equal(name+" channels", strconv.Itoa(*want.Channels), strconv.Itoa(got.Channels))
		}
	}
	var depths []int
	var rates []uint32
	var ranges []RateRange
	if got != nil {
		depths, rates, ranges = pathFormats(got)
	}
	if want.BitDepths != nil {
		listCheck(c, name+" bit depths", intsText(sortedInts(want.BitDepths), "-bit"), intsText(depths, "-bit"), got)
	}
	if want.SampleRates != nil {
		listCheck(c, name+" sample rates", ratesText(sortedRates(want.SampleRates)), ratesText(rates), got)
	}
	if want.RateRanges != nil {
		listCheck(c, name+" rate ranges", rangesText(want.RateRanges), rangesText(ranges), got)
	}
	var have []Control
	if got != nil {
		have = pathControls(got)
	}
	for _, wc := range want.Controls {
		cname := name + " control " + wc.Name
		exp := controlText(wc.Channels, wc.Access)
		if got == nil {
			c.add(cname, exp, missingPath, false)
			continue
		}
		hc := findControl(have, wc.Name)
		if hc == nil {
			c.add(cname, exp, "missing", false)
			continue
		}
		pass := (wc.Access == "" || wc.Access == hc.Access) && (wc.Channels == nil || subsetInts(wc.Channels, hc.Channels))
		c.add(cname, exp, controlText(hc.Channels, hc.Access), pass)
	}
	if v := want.VolumeDB; v != nil {
		compareVolume(c, name+" volume range", v, got)
	}
}

// compareVolume checks the kernel's dB range of the path's volume control.
func compareVolume(c *checker, name string, v *DBRange, got *model.Path) {
	exp := fmt.Sprintf("%s to %s dB (±%g)", dB(v.Min), dB(v.Max), v.Tolerance)
	if got == nil {
		c.add(name, exp, missingPath, false)
		return
	}
	r := volumeRange(got)
	if r == nil {
		c.add(name, exp, "no kernel volume range (live sources only)", false)
		return
	}
	const slack = 1e-9 // float rounding of the printed values
	pass := math.Abs(r.MinDB-v.Min) <= v.Tolerance+slack && math.Abs(r.MaxDB-v.Max) <= v.Tolerance+slack
	c.add(name, exp, fmt.Sprintf("%s to %s dB", dB(r.MinDB), dB(r.MaxDB)), pass)
}

// listCheck compares two rendered lists, or reports the missing path.
func listCheck(c *checker, name, expected, actual string, got *model.Path) {
	if got == nil {
		c.add(name, expected, missingPath, false)
		return
	}
	c.equal(name, expected, actual)
}

func terminalText(typ, name string) string {
	if name == "" {
		return typ
	}
	return typ + " (" + name + ")"
}

func dB(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func sortedInts(s []int) []int {
	out := append([]int(nil), s...)
	sort.Ints(out)
	return out
}

func sortedRates(s []uint32) []uint32 {
	out := append([]uint32(nil), s...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func intsText(s []int, unit string) string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v) + unit
	}
	return strings.Join(parts, ", ")
}

func ratesText(s []uint32) string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.FormatUint(uint64(v), 10)
	}
	return strings.Join(parts, ", ") + " Hz"
}

func rangesText(s []RateRange) string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = fmt.Sprintf("%d-%d Hz", r.Min, r.Max)
	}
	return strings.Join(parts, ", ")
}

// controlText reads "master, ch 1, ch 2, read-write".
func controlText(channels []int, access string) string {
	var parts []string
	for _, ch := range channels {
		if ch == 0 {
			parts = append(parts, "master")
		} else {
			parts = append(parts, "ch "+strconv.Itoa(ch))
		}
	}
	if access != "" {
		parts = append(parts, access)
	}
	if len(parts) == 0 {
		return "present"
	}
	return strings.Join(parts, ", ")
}

func findControl(cs []Control, name string) *Control {
	for i := range cs {
		if cs[i].Name == name {
			return &cs[i]
		}
	}
	return nil
}

func subsetInts(want, have []int) bool {
	for _, w := range want {
		if !containsInt(have, w) {
			return false
		}
	}
	return true
}

func compareHID(c *checker, h *HID, d *model.Device) {
	if h == nil {
		return
	}
	have, known := DeviceHIDControls(d)
	for _, name := range h.Controls {
		switch {
		case !known && len(d.HID) == 0:
			c.add("hid control "+name, "present", "no HID interface", false)
		case !known:
			c.add("hid control "+name, "present", "unknown (HID report descriptor not read)", false)
		case containsString(have, name):
			c.add("hid control "+name, "present", "present", true)
		default:
			c.add("hid control "+name, "present", "missing", false)
		}
	}
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func compareStrings(c *checker, want map[string]string, d *model.Device) {
	type entry struct {
		index    int
		expected string
	}
	var entries []entry
	for k, v := range want {
		if n, err := strconv.ParseUint(k, 10, 8); err == nil {
			entries = append(entries, entry{int(n), v}) // ParseProfile refuses other keys
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].index < entries[j].index })
	for _, e := range entries {
		name := fmt.Sprintf("string %d", e.index)
		got, ok := d.Strings[uint8(e.index)]
		if !ok {
			c.add(name, quoted(e.expected), "none", false)
			continue
		}
		c.equal(name, quoted(e.expected), quoted(ProfileText(got)))
	}
}

// sortControlNames orders names as hid.ControlNames does; unknown names
// (from a newer hid package) go last, alphabetically.
func sortControlNames(names []string) {
	rank := map[string]int{}
	for i, n := range hid.ControlNames() {
		rank[n] = i
	}
	sort.SliceStable(names, func(i, j int) bool {
		ri, oki := rank[names[i]]
		rj, okj := rank[names[j]]
		switch {
		case oki && okj:
			return ri < rj
		case oki != okj:
			return oki
		}
		return names[i] < names[j]
	})
}
