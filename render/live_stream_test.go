package render

import (
	"testing"

	"github.com/usbaudio/usbaudio/model"
)

func TestKernelStreamText(t *testing.T) {
	for _, tc := range []struct {
		s    model.KernelStream
		want string
	}{
		{model.KernelStream{PCM: 0, Direction: "playback", Interface: 1, Altset: 1, Format: "S16_LE", Channels: 2, Bits: 16, Rates: []int{44100, 48000}, Status: "Running", Active: true},
			"stream0 playback: interface 1 alt 1, S16_LE, 2 channels, 16 bits, 44100, 48000 Hz (Running, in use)"},
		{model.KernelStream{PCM: 1, Direction: "capture", Interface: 2, Altset: 3, Channels: 1, RateMin: 8000, RateMax: 48000, Status: "Stop"},
			"stream1 capture: interface 2 alt 3, 1 channel, 8000-48000 Hz (Stop)"},
	} {
		if got := kernelStreamText(tc.s); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}
