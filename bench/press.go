package bench

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/usbaudio/usbaudio/hid"
)

// DefaultPressTimeout is how long the technician has for each button.
const DefaultPressTimeout = 10 * time.Second

// PressTest asks for one button after another and checks that the right
// event, and no other, arrives. Events come from a channel so that a live
// hidraw reader, a pipe of scripted reports and a test all look the same.
type PressTest struct {
	// Controls are the hid.Control names to press, in order.
	Controls []string
	// Timeout is the time allowed per button; 0 means DefaultPressTimeout.
	Timeout time.Duration
	// Prompt receives "Press VOLUME UP now (10 s)" lines (a terminal's
	// stderr); nil discards them.
	Prompt io.Writer
	// Events delivers the unit's decoded input events; a closed channel
	// fails the remaining buttons (the unit was unplugged).
	Events <-chan hid.Event
	// Available lists the controls the unit offers, when known: a button it
	// lacks fails at once instead of waiting for the timeout.
	Available []string
	// Now is the clock for latencies; nil means time.Now.
	Now func() time.Time
}

// isPress reports whether an event is a person acting on the control:
// a button going down, a toggle switch flipping either way (a hook switch
// reports on-hook/off-hook as toggles), a level moving. Releases are not.
func isPress(e hid.Event) bool {
	switch e.Kind {
	case hid.EventPressed, hid.EventToggledOn, hid.EventToggledOff, hid.EventChanged:
		return true
	}
	return false
}

// PressLabel is how a prompt names a control: "volume-up" → "VOLUME UP".
func PressLabel(control string) string {
	return strings.ToUpper(strings.ReplaceAll(control, "-", " "))
}

// seconds prints a timeout as the prompt shows it: "10 s", "2.5 s".
func seconds(d time.Duration) string {
	return fmt.Sprintf("%g s", d.Seconds())
}

// Run asks for each control in turn and returns one "press NAME" result
// per control. A timeout or a wrong button fails that control only; the
// test goes on with the next. Canceling ctx fails the remaining controls.
func (t *PressTest) Run(ctx context.Context) []Result {
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultPressTimeout
	}
	now := t.Now
	if now == nil {
		now = time.Now
	}
	prompt := t.Prompt
	if prompt == nil {
		prompt = io.Discard
	}
	out := make([]Result, 0, len(t.Controls))
	closed := false
	for _, name := range t.Controls {
		r := Result{Name: "press " + name, Expected: name + " pressed within " + seconds(timeout)}
		switch {
		case t.Available != nil && !containsString(t.Available, name):
			r.Actual = "the unit has no " + name + " control"
			out = append(out, r)
			continue
		case closed:
			r.Actual = "no events (HID device gone)"
			out = append(out, r)
			continue
		case ctx.Err() != nil:
			r.Actual = "interrupted"
			out = append(out, r)
			continue
		}
		fmt.Fprintf(prompt, "Press %s now (%s)\n", PressLabel(name), seconds(timeout))
		start := now()
		r.Actual, r.Latency, r.Pass, closed = t.await(ctx, name, timeout, start, now)
		out = append(out, r)
	}
	return out
}

// await waits for the press of one control.
func (t *PressTest) await(ctx context.Context, name string, timeout time.Duration, start time.Time,
	now func() time.Time) (actual string, latency time.Duration, pass, closed bool) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return "interrupted", 0, false, false
		case <-timer.C:
			return "no press within " + seconds(timeout), 0, false, false
		case e, ok := <-t.Events:
			if !ok {
				return "no events (HID device gone)", 0, false, true
			}
			if !isPress(e) {
				continue
			}
			if e.Control != name {
				return e.String() + " instead", 0, false, false
			}
			latency = now().Sub(start)
			if latency <= 0 {
				latency = time.Nanosecond // a press was seen: keep it distinct from "not measured"
			}
			return e.String(), latency, true, false
		}
	}
}

// PressUnavailable fails every press check with the same reason, for a
// unit whose buttons cannot be read at all (no hidraw node, permission
// denied, a saved file).
func PressUnavailable(controls []string, timeout time.Duration, reason string) []Result {
	if timeout <= 0 {
		timeout = DefaultPressTimeout
	}
	out := make([]Result, 0, len(controls))
	for _, name := range controls {
		out = append(out, Result{Name: "press " + name, Expected: name + " pressed within " + seconds(timeout), Actual: reason})
	}
	return out
}
