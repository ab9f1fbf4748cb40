package usbdesc

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Parse real and spec blobs end to end and check what the analysis makes
// of them: paths, controls, clocks and the verdict.

// analysisBlob reads a binary blob, or device + config hex files, relative
// to the package directory; it skips when the data is absent.
func analysisBlob(tb testing.TB, paths ...string) []byte {
	tb.Helper()
	var blob []byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			tb.Skipf("%s absent", p)
		}
		if err != nil {
			tb.Fatal(err)
		}
		if strings.HasSuffix(p, ".hex") {
			b, err = hex.DecodeString(strings.Join(strings.Fields(string(b)), ""))
			if err != nil {
				tb.Fatalf("%s: %v", p, err)
			}
		}
		blob = append(blob, b...)
	}
	return blob
}

func onlyAudioFunction(tb testing.TB, blob []byte) *AudioFunction {
	tb.Helper()
	b, err := Parse(blob)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	fs := b.AudioFunctions()
	if len(fs) != 1 {
		tb.Fatalf("%d audio functions, want 1", len(fs))
	}
	return fs[0]
}

func TestAnalyzeRealWebcams(t *testing.T) {
	for _, name := range []string{"logitech-c270-webcam", "logitech-streamcam", "anker-powerconf-c200"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "shared", "realdata", name)
			f := onlyAudioFunction(t, analysisBlob(t, filepath.Join(dir, "device_descriptor.hex"), filepath.Join(dir, "config_descriptor.hex")))
			if len(f.Warnings) != 0 {
				t.Errorf("warnings: %v", f.Warnings)
			}
			if len(f.PlaybackPaths()) != 0 || len(f.CapturePaths()) != 1 {
				t.Fatalf("paths: %+v", f.Paths)
			}
			p := f.CapturePaths()[0]
			if !p.FromType.IsMicrophone() || p.ToType != TermUSBStreaming || len(p.Streams) != 1 {
				t.Errorf("capture path = %+v", p)
			}
			c := f.Classification
			if c.FormFactor != FormMicrophone || c.Score < 60 || c.Monitor || c.HasPlayback || !c.HasCapture {
				t.Errorf("classification = %+v", c)
			}
			t.Logf("%s: capture %s, %d ch, controls %d, %s %d", name, p.ChainString(), p.Channels, len(p.Controls), c.FormFactor, c.Score)
		})
	}
}

// The C270's capture path, checked by hand against its lsusb decode
// (testdata/logitech-c270-webcam.lsusb.txt): IT 1 Microphone, 1 channel ->
// FU 5 (bmaControls(0) 0x03: mute + volume on the master channel;
// bmaControls(1) 0x00) -> OT 3 USB streaming, linked from AS interface 3.
func TestAnalyzeC270Path(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "realdata", "logitech-c270-webcam")
	f := onlyAudioFunction(t, analysisBlob(t, filepath.Join(dir, "device_descriptor.hex"), filepath.Join(dir, "config_descriptor.hex")))
	p := f.CapturePaths()[0]
	want := &Path{Direction: Capture, From: 1, To: 3, FromType: TermMicrophone, ToType: TermUSBStreaming,
		Chain: IDs{1, 5, 3}, Channels: 1, Streams: IDs{3},
		Controls: []PathControl{{Unit: 5, Control: FCMute, Channel: 0, Access: AccessReadWrite}, {Unit: 5, Control: FCVolume, Channel: 0, Access: AccessReadWrite}}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("path = %+v\nwant   %+v", p, want)
	}
}

func TestAnalyzeQEMUAudio(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "fixtures", "qemu", "qemu-usb-audio*"))
	if len(dirs) == 0 {
		t.Skip("no QEMU captures")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f := onlyAudioFunction(t, analysisBlob(t, filepath.Join(dir, "descriptors.bin")))
			if len(f.CapturePaths()) != 0 || len(f.PlaybackPaths()) != 1 {
				t.Fatalf("paths: %+v", f.Paths)
			}
			p := f.PlaybackPaths()[0]
			// The kernel's view beside the capture (usbmixer.txt): unit 2
			// has a master switch (cmask 0x0) and per-channel volume,
			// cmask 0x3 on the plain device, 0xff on multi=on.
			channels := 2
			if strings.HasSuffix(dir, "-multi") {
				channels = 8
			}
			if p.ToType != TermSpeaker || p.Channels != channels || p.ChainString() != "1→2→3" {
				t.Errorf("playback path = %+v", p)
			}
			mute, vol := p.ControlsOf(FCMute), p.ControlsOf(FCVolume)
			if len(mute) != 1 || mute[0].Unit != 2 || mute[0].Channel != 0 {
				t.Errorf("mute controls = %+v", mute)
			}
			if len(vol) != channels {
				t.Errorf("volume controls = %+v, want channels 1..%d", vol, channels)
			}
			for i, v := range vol {
				if v.Unit != 2 || v.Channel != i+1 || v.Access != AccessReadWrite {
					t.Errorf("volume control %d = %+v", i, v)
				}
			}
			c := f.Classification
			if c.FormFactor != FormSpeaker || c.Score != 60 {
				t.Errorf("classification = %+v", c)
			}
			t.Logf("playback %s, %d ch, %s %d: %s", p.ChainString(), p.Channels, c.FormFactor, c.Score, c.Evidence[0].Reason)
		})
	}
}

func TestAnalyzeBADDHeadsetFixture(t *testing.T) {
	f := onlyAudioFunction(t, analysisBlob(t, filepath.Join("..", "fixtures", "spec", "uac3-badd-headset", "descriptors.bin")))
	if f.Version != UAC3 || f.BADDProfile != BADDHeadset || !f.Inferred {
		t.Fatalf("version %v profile %v inferred %v", f.Version, f.BADDProfile, f.Inferred)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings: %v", f.Warnings)
	}
	type altFmt struct{ ch, bits, subslot, max int }
	var got [][]altFmt
	for _, s := range f.Streams {
		var alts []altFmt
		for _, a := range s.Alts {
			alts = append(alts, altFmt{a.Channels, a.BitDepth, a.SubslotBytes, a.MaxPacket})
		}
		got = append(got, alts)
	}
	want := [][]altFmt{{{2, 16, 2, 192}, {2, 24, 3, 288}}, {{1, 16, 2, 98}, {1, 24, 3, 147}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stream formats = %v, want %v", got, want)
	}
	play, capt, mon := f.PlaybackPaths(), f.CapturePaths(), f.MonitorPaths()
	if len(play) != 1 || play[0].ChainString() != "1→2→8→3" || play[0].Channels != 2 || play[0].Clock != 9 ||
		!reflect.DeepEqual(play[0].Streams, IDs{1}) {
		t.Errorf("playback = %+v", play)
	}
	if len(capt) != 1 || capt[0].ChainString() != "4→5→6" || capt[0].Channels != 1 || !reflect.DeepEqual(capt[0].Streams, IDs{2}) {
		t.Errorf("capture = %+v", capt)
	}
	if len(mon) != 1 || mon[0].ChainString() != "4→7→8→3" {
		t.Errorf("sidetone = %+v", mon)
	}
	if c := f.Classification; c.FormFactor != FormHeadset || c.Score != 90 {
		t.Errorf("classification = %+v", c)
	}
}

func TestAnalyzeSpecUAC2Headset(t *testing.T) {
	f := onlyAudioFunction(t, analysisBlob(t, filepath.Join("..", "fixtures", "spec", "uac2-headset", "descriptors.bin")))
	// SOURCE.md: clocks 0x10 and 0x11 behind selector 0x12; headset
	// terminals both ways; category 0x04.
	play, capt := f.PlaybackPaths(), f.CapturePaths()
	if len(play) != 1 || len(capt) != 1 {
		t.Fatalf("paths = %+v", f.Paths)
	}
	if play[0].ChainString() != "1→2→3" || play[0].Clock != 0x10 || !reflect.DeepEqual(play[0].ClockSources, IDs{0x10, 0x11}) {
		t.Errorf("playback = %+v", play[0])
	}
	if capt[0].ChainString() != "4→5→6" || capt[0].Access(FCVolume) != AccessReadOnly || capt[0].Access(FCMute) != AccessReadWrite {
		t.Errorf("capture = %+v", capt[0])
	}
	c := f.Classification
	// 60 + 30 (headset terminals both ways) + 25 (category headset), capped.
	if c.FormFactor != FormHeadset || c.Score != 100 || !hasEvidence(c, FormHeadset, "AC header category 0x04 (headset)") {
		t.Errorf("classification = %+v", c)
	}
	if !strings.Contains(f.DOT(), `e18 [label="18: Clock Selector" shape=box style=dashed];`) {
		t.Errorf("DOT:\n%s", f.DOT())
	}
}
