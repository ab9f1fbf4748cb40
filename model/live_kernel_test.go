package model

import (
	"strings"
	"testing"
)

// kernelTestDevice is a playback path with volume and mute on unit 2 and
// two altsets (2 and 6 channels), as QEMU's usb-audio multi describes it.
func kernelTestDevice() *Device {
	return &Device{AudioFunctions: []AudioFunction{{
		Playback: []Path{{
			Chain:    []uint8{1, 2, 3},
			Controls: []Control{{Unit: 2, Control: "mute"}, {Unit: 2, Control: "volume", Channel: 1}},
			Formats:  []Format{{Interface: 1, Alternate: 1, Channels: 2}, {Interface: 1, Alternate: 2, Channels: 6}},
		}},
	}}}
}

func TestKernelMismatchesAgree(t *testing.T) {
	d := kernelTestDevice()
	d.AttachLive(&Live{ALSA: &ALSACard{Number: 0,
		Mixer: []MixerControl{{Unit: 2, Control: 2, Range: &MixerRange{MinDB: -127.99, MaxDB: 8}}, {Unit: 2, Control: 1}},
		Streams: []KernelStream{{Direction: "playback", Interface: 1, Altset: 1, Channels: 2},
			{Direction: "playback", Interface: 1, Altset: 2, Channels: 6}}}})
	if got := d.KernelMismatches(); len(got) != 0 {
		t.Fatalf("agreeing views gave %q", got)
	}
	if r := d.AudioFunctions[0].Playback[0].Controls[1].Range; r == nil || r.MaxDB != 8 {
		t.Errorf("volume range not attached: %+v", r)
	}
}

func TestKernelMismatches(t *testing.T) {
	d := kernelTestDevice()
	// The kernel dropped the volume control, added a mute on unit 3 (on the
	// path), lists alt 1 with 1 channel, skipped alt 2 and streams alt 4.
	d.AttachLive(&Live{ALSA: &ALSACard{Number: 1,
		Mixer: []MixerControl{{Unit: 2, Control: 1}, {Unit: 3, Control: 1}, {Unit: 40, Control: 2}},
		Streams: []KernelStream{{PCM: 0, Direction: "playback", Interface: 1, Altset: 1, Channels: 1},
			{PCM: 0, Direction: "playback", Interface: 1, Altset: 4, Channels: 2}}}})
	got := d.KernelMismatches()
	want := []string{
		"descriptors give unit 2 a volume control, but ALSA card 1 has none",
		"ALSA card 1 has a mute control on unit 3",
		"interface 1 alt 1 has 2 channels in the descriptors, 1 in ALSA card 1 (stream0 playback)",
		"ALSA card 1 streams playback on interface 1 alt 4, which the descriptor decode has no format for",
		"ALSA card 1 does not list interface 1 alt 2 (6 channels)",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d mismatches, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("mismatch %d = %q, want it to contain %q", i, got[i], want[i])
		}
	}
	// unit 40 is on no path: the kernel may see units our paths do not
	// walk (a mixer's inputs), so it is not called a mismatch.
	for _, g := range got {
		if strings.Contains(g, "unit 40") {
			t.Errorf("unit off every path reported: %q", g)
		}
	}
}

func TestKernelMismatchesNeedsKernelView(t *testing.T) {
	d := kernelTestDevice()
	if d.KernelMismatches() != nil {
		t.Error("no live facts gave mismatches")
	}
	d.AttachLive(&Live{ALSA: &ALSACard{Number: 0}}) // no usbmixer, no streams read
	if got := d.KernelMismatches(); len(got) != 0 {
		t.Errorf("empty kernel view gave %q", got)
	}
}
