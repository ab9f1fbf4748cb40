package source

import (
	"fmt"
	"strconv"
	"strings"
)

// MixerControl is one mixer element as snd-usb-audio dumps it in
// /proc/asound/cardN/usbmixer (Linux sound/usb/mixer.c, the proc read and
// cval dump functions).
type MixerControl struct {
	// USBID and CtrlIf come from the "USB Mixer:" header the control sits
	// under: usb_id is vendor<<16|product, ctrlif the AudioControl interface.
	USBID  uint32 `json:"usb_id"`
	CtrlIf int    `json:"ctrl_if"`
	Unit   int    `json:"unit"`
	Name   string `json:"name"`  // ALSA control name, "Mic Capture Volume"
	Index  int    `json:"index"` // ALSA control index
	// HasInfo is set when the "Info:"/"Volume:" lines were present; quirk
	// controls dump nothing or something else.
	HasInfo  bool   `json:"has_info"`
	ID       int    `json:"id"`      // unit/terminal ID the control addresses
	Control  int    `json:"control"` // control selector (UAC §A.10: 1 mute, 2 volume...)
	CMask    uint32 `json:"cmask"`   // channel bitmap; 0 means the master channel only
	Channels int    `json:"channels"`
	Type     string `json:"type"` // "BOOLEAN", "S16"...
	// Min and Max are raw device values; for volume controls 1/256 dB
	// (UAC1 §5.2.2.4.3.2).
	Min int `json:"min"`
	Max int `json:"max"`
	// DBMin and DBMax are the kernel's dB range (it prints 1/100 dB).
	DBMin float64 `json:"db_min"`
	DBMax float64 `json:"db_max"`
}

// MixerParseError names the line of a usbmixer dump that could not be read.
type MixerParseError struct {
	Line int
	Text string
	Err  error
}

func (e *MixerParseError) Error() string {
	return fmt.Sprintf("usbmixer line %d %q: %v", e.Line, e.Text, e.Err)
}

func (e *MixerParseError) Unwrap() error { return e.Err }

// ParseUSBMixer reads a usbmixer dump. Every control understood is
// returned; the first malformed line is reported as a *MixerParseError and
// parsing goes on past it. Unknown lines (quirk dumps) are skipped.
func ParseUSBMixer(text string) ([]MixerControl, error) {
	var (
		out      []MixerControl
		firstErr error
		usbID    uint32
		ctrlIf   int
		cur      *MixerControl
	)
	fail := func(n int, line string, err error) {
		if firstErr == nil {
			firstErr = &MixerParseError{Line: n, Text: line, Err: err}
		}
	}
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		key, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		switch key {
		case "USB Mixer":
			kv := keyValues(rest)
			id, err := strconv.ParseUint(strings.TrimPrefix(kv["usb_id"], "0x"), 16, 32)
			if err != nil {
				fail(n, line, err)
			}
			usbID = uint32(id)
			ctrlIf, _ = strconv.Atoi(kv["ctrlif"])
			cur = nil
		case "Unit":
			unit, err := strconv.Atoi(rest)
			if err != nil {
				fail(n, line, err)
				cur = nil
				continue
			}
			out = append(out, MixerControl{USBID: usbID, CtrlIf: ctrlIf, Unit: unit})
			cur = &out[len(out)-1]
		case "Control":
			if cur == nil {
				fail(n, line, fmt.Errorf("Control before Unit"))
				continue
			}
			name, tail, err := quotedValue(rest, "name=")
			if err != nil {
				fail(n, line, err)
				continue
			}
			cur.Name = name
			idx := keyValues(strings.TrimPrefix(strings.TrimSpace(tail), ","))
			cur.Index, _ = strconv.Atoi(idx["index"])
		case "Info":
			if cur == nil {
				fail(n, line, fmt.Errorf("Info before Unit"))
				continue
			}
			kv := keyValues(rest)
			var err error
			cur.HasInfo = true
			cur.ID, err = atoiKey(kv, "id", err)
			cur.Control, err = atoiKey(kv, "control", err)
			cur.Channels, err = atoiKey(kv, "channels", err)
			mask, perr := strconv.ParseUint(strings.TrimPrefix(kv["cmask"], "0x"), 16, 32)
			if err == nil && perr != nil {
				err = fmt.Errorf("cmask: %w", perr)
			}
			cur.CMask = uint32(mask)
			cur.Type = strings.Trim(kv["type"], `"`)
			if err != nil {
				fail(n, line, err)
			}
		case "Volume":
			if cur == nil {
				fail(n, line, fmt.Errorf("Volume before Unit"))
				continue
			}
			kv := keyValues(rest)
			var err error
			var dbMin, dbMax int
			cur.Min, err = atoiKey(kv, "min", err)
			cur.Max, err = atoiKey(kv, "max", err)
			dbMin, err = atoiKey(kv, "dBmin", err)
			dbMax, err = atoiKey(kv, "dBmax", err)
			cur.DBMin, cur.DBMax = float64(dbMin)/100, float64(dbMax)/100
			if err != nil {
				fail(n, line, err)
			}
		}
	}
	return out, firstErr
}

// keyValues splits `a=1, b=2, type="S16"` into a map. Values keep their
// quotes; a quoted value may not contain a comma (control names are
// handled by quotedValue instead).
func keyValues(s string) map[string]string {
	kv := make(map[string]string)
	for _, f := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(f), "=")
		if ok {
			kv[k] = v
		}
	}
	return kv
}

// quotedValue reads prefix"..." from s; the name ends at the last `"` that
// is followed by a comma or the end, since control names may hold quotes
// and commas.
func quotedValue(s, prefix string) (string, string, error) {
	if !strings.HasPrefix(s, prefix+`"`) {
		return "", s, fmt.Errorf("want %s\"...\"", prefix)
	}
	body := s[len(prefix)+1:]
	end := strings.LastIndex(body, `", `)
	if end < 0 {
		if !strings.HasSuffix(body, `"`) {
			return "", s, fmt.Errorf("unterminated quote")
		}
		end = len(body) - 1
	}
	return body[:end], body[end+1:], nil
}

func atoiKey(kv map[string]string, key string, prev error) (int, error) {
	v, ok := kv[key]
	if !ok {
		if prev == nil {
			prev = fmt.Errorf("missing %s", key)
		}
		return 0, prev
	}
	n, err := strconv.Atoi(v)
	if err != nil && prev == nil {
		prev = fmt.Errorf("%s: %w", key, err)
	}
	return n, prev
}
