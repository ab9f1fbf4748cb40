package usbdesc

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

func TestIDListsMarshalAsNumbers(t *testing.T) {
	blob := mustParse(t, uac1Config())
	out, err := json.Marshal(blob)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{`"interface_numbers":[1,2]`, `"source_ids":[3,1]`, `"mixer_controls":"3c"`,
		`"process_specific":"010300"`, `"kind":"processing_unit"`, `"configurations":[{`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	empty, _ := json.Marshal(&MixerUnit{})
	if !strings.Contains(string(empty), `"source_ids":[]`) {
		t.Errorf("empty IDs: %s", empty)
	}
	blob, _ = Parse(nil)
	out, _ = json.Marshal(blob)
	if !strings.Contains(string(out), `"configurations":[]`) {
		t.Errorf("empty blob: %s", out)
	}
}

// TestAppendID checks appendID against strconv for every ID.
func TestAppendID(t *testing.T) {
	for i := range 256 {
		if got, want := string(appendID([]byte("x"), uint8(i))), "x"+strconv.Itoa(i); got != want {
			t.Errorf("appendID(%d) = %q, want %q", i, got, want)
		}
	}
}
