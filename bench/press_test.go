package bench

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/usbaudio/usbaudio/hid"
)

// The press test runs unattended here: a scripted "technician" waits for
// each prompt and answers with input reports built from a real report
// descriptor's layout, decoded by a real hid.Decoder into the events the
// test reads.

// reportWith builds the input report that has only the named control on
// (its ID byte first when the descriptor uses report IDs); named "" gives
// the all-released report of the first input report.
func reportWith(t *testing.T, d *hid.Descriptor, control string, id uint8) []byte {
	t.Helper()
	var c *hid.Control
	if control != "" {
		for _, cc := range d.Controls() {
			if cc.Name == control && cc.Kind == hid.KindInput {
				c = &cc
				break
			}
		}
		if c == nil {
			t.Fatalf("no input control %q", control)
		}
		id = c.ReportID
	}
	r, ok := d.Report(hid.KindInput, id)
	if !ok {
		t.Fatalf("no input report %d", id)
	}
	out := make([]byte, r.Bytes(d.UsesReportIDs))
	data := out
	if d.UsesReportIDs {
		out[0] = id
		data = out[1:]
	}
	if c != nil {
		v := uint32(1)
		if c.Array {
			v = uint32(c.ArrayValue)
		}
		for i := 0; i < c.BitSize; i++ {
			if v>>i&1 != 0 {
				bit := c.BitOffset + i
				data[bit/8] |= 1 << (bit % 8)
			}
		}
	}
	return out
}

// technician answers prompts with scripted reports. Prompt lines arrive
// through Write; for the n-th prompt it decodes answers[n] (reports in
// order) into the event channel after delay.
type technician struct {
	t       *testing.T
	dec     *hid.Decoder
	events  chan hid.Event
	answers [][][]byte
	delay   time.Duration

	mu      sync.Mutex
	prompts []string
	wg      sync.WaitGroup
	decMu   sync.Mutex // a Decoder is not safe for concurrent use
}

func (tc *technician) Write(p []byte) (int, error) {
	tc.mu.Lock()
	n := len(tc.prompts)
	tc.prompts = append(tc.prompts, string(p))
	tc.mu.Unlock()
	if n < len(tc.answers) {
		reports := tc.answers[n]
		tc.wg.Add(1)
		go func() {
			defer tc.wg.Done()
			time.Sleep(tc.delay)
			tc.decMu.Lock()
			defer tc.decMu.Unlock()
			for _, r := range reports {
				if err := tc.dec.Decode(r, func(e hid.Event) { tc.events <- e }); err != nil {
					tc.t.Errorf("decode %x: %v", r, err)
				}
			}
		}()
	}
	return len(p), nil
}

func jabra(t *testing.T) *hid.Descriptor {
	d, err := hid.Parse(realdata(t, "jabra-biz-2400-ii", "report_descriptor.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPressScripted(t *testing.T) {
	d := jabra(t)
	press := func(name string) [][]byte { // down, then up
		return [][]byte{reportWith(t, d, name, 0), reportWith(t, d, "", reportWith(t, d, name, 0)[0])}
	}
	none := [][]byte(nil)
	tc := &technician{t: t, dec: hid.NewDecoder(d), events: make(chan hid.Event, 16), delay: 5 * time.Millisecond,
		answers: [][][]byte{
			press("volume-up"),   // right
			press("mute"),        // asked for volume-down: wrong button
			none,                 // asked for mute: nobody presses
			press("hook-switch"), // right (a toggle switch going off-hook)
		}}
	test := &PressTest{Controls: []string{"volume-up", "volume-down", "mute", "hook-switch", "play-pause"},
		Timeout: 300 * time.Millisecond, Prompt: tc, Events: tc.events,
		Available: []string{"volume-up", "volume-down", "mute", "hook-switch"}}
	results := test.Run(context.Background())
	tc.wg.Wait()

	want := []struct {
		name, line string
		pass       bool
	}{
		{"press volume-up", "PASS press volume-up: volume-up pressed", true},
		{"press volume-down", "FAIL press volume-down: expected volume-down pressed within 0.3 s, got mute pressed instead", false},
		{"press mute", "FAIL press mute: expected mute pressed within 0.3 s, got no press within 0.3 s", false},
		{"press hook-switch", "PASS press hook-switch: hook-switch toggled on", true},
		{"press play-pause", "FAIL press play-pause: expected play-pause pressed within 0.3 s, got the unit has no play-pause control", false},
	}
	if len(results) != len(want) {
		t.Fatalf("%d results: %v", len(results), results)
	}
	for i, w := range want {
		r := results[i]
		line := r.String()
		if r.Pass {
			line = strings.TrimSuffix(line, " ("+LatencyText(r.Latency)+")")
		}
		if r.Name != w.name || r.Pass != w.pass || line != w.line {
			t.Errorf("result %d: %q, want %q", i, r.String(), w.line)
		}
		if r.Pass && (r.Latency < tc.delay || r.Latency > test.Timeout) {
			t.Errorf("%s: latency %v outside [%v, %v]", r.Name, r.Latency, tc.delay, test.Timeout)
		}
		if !r.Pass && r.Latency != 0 {
			t.Errorf("%s: failed with latency %v", r.Name, r.Latency)
		}
	}
	// One prompt per button the unit has; none for play-pause.
	wantPrompts := []string{"Press VOLUME UP now (0.3 s)\n", "Press VOLUME DOWN now (0.3 s)\n",
		"Press MUTE now (0.3 s)\n", "Press HOOK SWITCH now (0.3 s)\n"}
	if strings.Join(tc.prompts, "") != strings.Join(wantPrompts, "") {
		t.Errorf("prompts %q, want %q", tc.prompts, wantPrompts)
	}
}

// The release of the previous button and presses of nothing named do not
// count against the next one; an unplugged unit fails what is left.
func TestPressIgnoresReleasesAndStopsWhenGone(t *testing.T) {
	events := make(chan hid.Event, 4)
	events <- hid.Event{Control: "mute", Kind: hid.EventReleased}
	events <- hid.Event{Control: "volume-up", Kind: hid.EventPressed, Value: 1}
	close(events)
	test := &PressTest{Controls: []string{"volume-up", "volume-down", "mute"}, Timeout: time.Second, Events: events}
	results := test.Run(context.Background())
	got := []string{}
	for _, r := range results {
		got = append(got, strings.SplitN(r.String(), " (", 2)[0])
	}
	want := []string{"PASS press volume-up: volume-up pressed",
		"FAIL press volume-down: expected volume-down pressed within 1 s, got no events",
		"FAIL press mute: expected mute pressed within 1 s, got no events"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPressCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	test := &PressTest{Controls: []string{"mute"}, Events: make(chan hid.Event)}
	r := test.Run(ctx)
	if len(r) != 1 || r[0].Pass || r[0].Actual != "interrupted" {
		t.Errorf("%v", r)
	}
}

func TestPressUnavailable(t *testing.T) {
	r := PressUnavailable([]string{"mute", "hook-switch"}, 0, "no HID node could be read")
	if len(r) != 2 || r[1].String() != "FAIL press hook-switch: expected hook-switch pressed within 10 s, got no HID node could be read" {
		t.Errorf("%v", r)
	}
}

func TestPressLabel(t *testing.T) {
	for in, want := range map[string]string{"volume-up": "VOLUME UP", "mute": "MUTE", "led-off-hook": "LED OFF HOOK"} {
		if got := PressLabel(in); got != want {
			t.Errorf("%s: %q", in, got)
		}
	}
}

func TestLatencyText(t *testing.T) {
	for d, want := range map[time.Duration]string{400 * time.Microsecond: "0 ms", 1500 * time.Millisecond: "1500 ms", 412*time.Millisecond + 900*time.Microsecond: "412 ms"} {
		if got := LatencyText(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
