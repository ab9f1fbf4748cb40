package source

import (
	"fmt"
	"strconv"
	"strings"
)

// KernelStream is one format of one PCM direction as snd-usb-audio dumps
// it in /proc/asound/cardN/streamM (Linux sound/usb/proc.c).
type KernelStream struct {
	PCM       int    `json:"pcm"`       // M of streamM
	Direction string `json:"direction"` // "playback" or "capture"
	// Status is the direction's state, "Stop" or "Running"; Active marks
	// the format the running stream uses.
	Status    string `json:"status"`
	Active    bool   `json:"active,omitempty"`
	Interface int    `json:"interface"`
	Altset    int    `json:"altset"`
	// Format is the first ALSA sample format ("S16_LE"); Formats all of
	// them when the kernel lists several.
	Format   string   `json:"format"`
	Formats  []string `json:"formats,omitempty"`
	Channels int      `json:"channels"`
	Endpoint uint8    `json:"endpoint"`  // address, bit 7 set for IN
	SyncType string   `json:"sync_type"` // "NONE", "ASYNC", "ADAPTIVE", "SYNC"
	// Rates lists discrete rates; a continuous range sets Continuous and
	// RateMin/RateMax instead.
	Rates      []int `json:"rates,omitempty"`
	Continuous bool  `json:"continuous,omitempty"`
	RateMin    int   `json:"rate_min,omitempty"`
	RateMax    int   `json:"rate_max,omitempty"`
	// DataIntervalUS is printed only for devices faster than full speed.
	DataIntervalUS int      `json:"data_interval_us,omitempty"`
	Bits           int      `json:"bits,omitempty"`
	ChannelMap     []string `json:"channel_map,omitempty"`
	SyncEndpoint   uint8    `json:"sync_endpoint,omitempty"`
	// MomentaryHz is the measured rate of the running format.
	MomentaryHz int `json:"momentary_hz,omitempty"`
}

// StreamParseError names the line of a stream dump that could not be read.
type StreamParseError struct {
	Line int
	Text string
	Err  error
}

func (e *StreamParseError) Error() string {
	return fmt.Sprintf("stream line %d %q: %v", e.Line, e.Text, e.Err)
}

func (e *StreamParseError) Unwrap() error { return e.Err }

// ParseStream reads one streamM dump (pcm is M). Every format understood
// is returned; the first malformed line is reported as a
// *StreamParseError and parsing goes on past it.
func ParseStream(pcm int, text string) ([]KernelStream, error) {
	var (
		out       []KernelStream
		firstErr  error
		direction string
		status    string
		// running interface/altset from the Status block, -1 when unknown
		runIf, runAlt = -1, -1
		momentary     int
		cur           *KernelStream
	)
	fail := func(n int, line string, err error) {
		if firstErr == nil {
			firstErr = &StreamParseError{Line: n, Text: line, Err: err}
		}
	}
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		switch {
		case line == "Playback:" || line == "Capture:":
			direction = strings.ToLower(strings.TrimSuffix(line, ":"))
			status, runIf, runAlt, momentary, cur = "", -1, -1, 0, nil
			continue
		case direction == "":
			continue // the card name header
		}
		if key, val, ok := strings.Cut(line, " = "); ok { // running status lines
			v, _ := strconv.Atoi(strings.Fields(val + " 0")[0])
			switch key {
			case "Interface":
				runIf = v
			case "Altset":
				runAlt = v
			case "Momentary freq":
				momentary = v
			}
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Interface "); ok {
			iface, err := strconv.Atoi(rest)
			if err != nil {
				fail(n, line, err)
			}
			out = append(out, KernelStream{PCM: pcm, Direction: direction, Status: status, Interface: iface})
			cur = &out[len(out)-1]
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Altset "); ok && cur != nil {
			alt, err := strconv.Atoi(rest)
			if err != nil {
				fail(n, line, err)
			}
			cur.Altset = alt
			if status == "Running" && cur.Interface == runIf && alt == runAlt {
				cur.Active, cur.MomentaryHz = true, momentary
			}
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		if key == "Status" {
			status = val
			continue
		}
		if cur == nil {
			continue
		}
		var err error
		switch key {
		case "Format":
			cur.Formats = strings.Fields(val)
			if len(cur.Formats) > 0 {
				cur.Format = cur.Formats[0]
			}
		case "Channels":
			cur.Channels, err = strconv.Atoi(val)
		case "Endpoint":
			cur.Endpoint, cur.SyncType, err = parseStreamEndpoint(val)
		case "Sync Endpoint":
			cur.SyncEndpoint, _, err = parseStreamEndpoint(val)
		case "Rates":
			err = parseStreamRates(cur, val)
		case "Data packet interval":
			cur.DataIntervalUS, err = strconv.Atoi(strings.TrimSuffix(val, " us"))
		case "Bits":
			cur.Bits, err = strconv.Atoi(val)
		case "Channel map":
			cur.ChannelMap = strings.Fields(val)
		}
		if err != nil {
			fail(n, line, err)
		}
	}
	return out, firstErr
}

// parseStreamEndpoint reads "0x01 (1 OUT) (ADAPTIVE)" (kernels since 4.x)
// or the older "1 OUT (ADAPTIVE)".
func parseStreamEndpoint(val string) (uint8, string, error) {
	var sync string
	if i := strings.LastIndex(val, "("); i >= 0 && strings.HasSuffix(val, ")") {
		tail := val[i+1 : len(val)-1]
		if !strings.ContainsAny(tail, " ") {
			sync = tail
		}
	}
	f := strings.Fields(val)
	if len(f) == 0 {
		return 0, sync, fmt.Errorf("empty endpoint")
	}
	if strings.HasPrefix(f[0], "0x") {
		v, err := strconv.ParseUint(f[0][2:], 16, 8)
		return uint8(v), sync, err
	}
	num, err := strconv.ParseUint(f[0], 10, 4)
	if err != nil {
		return 0, sync, err
	}
	addr := uint8(num)
	if len(f) > 1 && f[1] == "IN" {
		addr |= 0x80
	}
	return addr, sync, nil
}

// parseStreamRates reads "44100, 48000" or "8000 - 96000 (continuous)".
func parseStreamRates(s *KernelStream, val string) error {
	if body, ok := strings.CutSuffix(val, "(continuous)"); ok {
		lo, hi, ok := strings.Cut(body, "-")
		if !ok {
			return fmt.Errorf("continuous rates without a range")
		}
		var err1, err2 error
		s.RateMin, err1 = strconv.Atoi(strings.TrimSpace(lo))
		s.RateMax, err2 = strconv.Atoi(strings.TrimSpace(hi))
		s.Continuous = true
		if err1 != nil {
			return err1
		}
		return err2
	}
	for _, f := range strings.Split(val, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		r, err := strconv.Atoi(f)
		if err != nil {
			return err
		}
		s.Rates = append(s.Rates, r)
	}
	return nil
}
