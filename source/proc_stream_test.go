package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseStreamHighSpeedRunning(t *testing.T) {
	// layout of a high-speed UAC2 headset while capturing: Status block
	// first, then each format; Data packet interval appears above full speed
	text := `Acme Headset at usb-0000:00:14.0-3, high speed : USB Audio

Playback:
  Status: Stop
  Interface 1
    Altset 1
    Format: S24_3LE
    Channels: 2
    Endpoint: 0x01 (1 OUT) (ASYNC)
    Rates: 44100, 48000, 96000
    Data packet interval: 125 us
    Bits: 24
    Channel map: FL FR
    Sync Endpoint: 0x81 (1 IN)
    Sync EP Interface: 1
    Sync EP Altset: 1
    Implicit Feedback Mode: No

Capture:
  Status: Running
    Interface = 2
    Altset = 2
    Packet Size = 12
    Momentary freq = 48000 Hz (0x6.0000)
  Interface 2
    Altset 1
    Format: S16_LE
    Channels: 1
    Endpoint: 0x82 (2 IN) (ASYNC)
    Rates: 48000
    Data packet interval: 1000 us
    Bits: 16
  Interface 2
    Altset 2
    Format: S24_3LE
    Channels: 1
    Endpoint: 0x82 (2 IN) (ASYNC)
    Rates: 48000
    Data packet interval: 1000 us
    Bits: 24
`
	got, err := ParseStream(0, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("formats = %+v", got)
	}
	p := got[0]
	if p.Direction != "playback" || p.Status != "Stop" || p.Active || p.Format != "S24_3LE" || p.Bits != 24 ||
		len(p.Rates) != 3 || p.Rates[2] != 96000 || p.DataIntervalUS != 125 || p.SyncEndpoint != 0x81 || p.SyncType != "ASYNC" {
		t.Errorf("playback = %+v", p)
	}
	c1, c2 := got[1], got[2]
	if c1.Direction != "capture" || c1.Active || c1.Altset != 1 || c1.MomentaryHz != 0 {
		t.Errorf("capture alt 1 = %+v", c1)
	}
	if !c2.Active || c2.Altset != 2 || c2.MomentaryHz != 48000 || c2.Endpoint != 0x82 || c2.DataIntervalUS != 1000 {
		t.Errorf("capture alt 2 = %+v", c2)
	}
}

func TestParseStreamOldEndpointFormat(t *testing.T) {
	// kernels before 4.x printed "Endpoint: 2 IN (ASYNC)" without the address
	text := "X : USB Audio\n\nCapture:\n  Status: Stop\n  Interface 3\n    Altset 1\n    Format: S16_LE\n" +
		"    Channels: 1\n    Endpoint: 2 IN (ASYNC)\n    Rates: 8000 - 48000 (continuous)\n"
	got, err := ParseStream(1, text)
	if err != nil || len(got) != 1 {
		t.Fatalf("got %+v, %v", got, err)
	}
	s := got[0]
	if s.PCM != 1 || s.Endpoint != 0x82 || s.SyncType != "ASYNC" || !s.Continuous || s.RateMin != 8000 || s.RateMax != 48000 {
		t.Errorf("stream = %+v", s)
	}
}

func TestParseStreamMalformed(t *testing.T) {
	text := "Playback:\n  Status: Stop\n  Interface 1\n    Altset 1\n    Channels: two\n    Rates: 48000, x\n" +
		"  Interface 1\n    Altset 2\n    Channels: 6\n"
	got, err := ParseStream(0, text)
	var pe *StreamParseError
	if !errors.As(err, &pe) || pe.Line != 5 {
		t.Fatalf("err = %v, want StreamParseError at line 5", err)
	}
	if len(got) != 2 || got[1].Channels != 6 || got[1].Altset != 2 {
		t.Errorf("formats after the bad line = %+v", got)
	}
}

func TestParseStreamMultiCapture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(multiRoot, "proc/asound/card0/stream0"))
	if err != nil {
		t.Skip(err)
	}
	got, err := ParseStream(0, string(b))
	if err != nil || len(got) != 3 {
		t.Fatalf("got %d formats, %v", len(got), err)
	}
	if got[2].Channels != 8 || strings.Join(got[2].ChannelMap, ",") != "FL,FR,FC,LFE,RL,RR,SL,SR" {
		t.Errorf("8-channel format = %+v", got[2])
	}
}

func FuzzParseStream(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(demoRoot, "proc/asound/card0/stream0")); err == nil {
		f.Add(string(b))
	}
	f.Add("Playback:\n  Interface 1\n    Endpoint: 0x\n    Rates: - (continuous)\n")
	f.Add("Capture:\n    Altset = \n  Altset 1\n    Endpoint: (\n")
	f.Fuzz(func(t *testing.T, text string) {
		got, _ := ParseStream(0, text)
		if len(got) > len(text) {
			t.Fatalf("%d formats from %d bytes", len(got), len(text))
		}
	})
}
