//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/usbaudio/usbaudio/e2e/vm"
)

// scanReport is the part of `usbaudio scan --json` (schema usbaudio/v1)
// the scenarios assert on.
type scanReport struct {
	Schema  string       `json:"schema"`
	Devices []scanDevice `json:"devices"`
}

type scanDevice struct {
	Identity struct {
		VendorID  string `json:"vendor_id"`
		ProductID string `json:"product_id"`
		Product   string `json:"product"`
	} `json:"identity"`
	Verdict struct {
		FormFactor  string `json:"form_factor"`
		HasPlayback bool   `json:"has_playback"`
		HasCapture  bool   `json:"has_capture"`
		Monitor     bool   `json:"monitor_output"`
	} `json:"verdict"`
	AudioFunctions []struct {
		Playback []scanPath `json:"playback"`
		Capture  []scanPath `json:"capture"`
	} `json:"audio_functions"`
	HIDInterfaces []json.RawMessage `json:"hid_interfaces"`
	Live          *struct {
		Source   string `json:"source"`
		PortPath string `json:"port_path"`
		ALSA     *struct {
			Mixer []struct {
				Name  string     `json:"name"`
				Range *scanRange `json:"range"`
			} `json:"mixer"`
		} `json:"alsa"`
	} `json:"live"`
}

type scanPath struct {
	Formats []struct {
		Interface   int   `json:"interface"`
		Alternate   int   `json:"alternate"`
		Channels    int   `json:"channels"`
		BitDepth    int   `json:"bit_depth"`
		SampleRates []int `json:"sample_rates"`
	} `json:"formats"`
	Controls []struct {
		Unit    int        `json:"unit"`
		Control string     `json:"control"`
		Channel int        `json:"channel"`
		Range   *scanRange `json:"range"`
	} `json:"controls"`
}

type scanRange struct {
	Min   int     `json:"min"`
	Max   int     `json:"max"`
	MinDB float64 `json:"min_db"`
	MaxDB float64 `json:"max_db"`
}

func (r scanRange) String() string {
	return fmt.Sprintf("%d..%d (%.2f..%.2f dB)", r.Min, r.Max, r.MinDB, r.MaxDB)
}

func (d scanDevice) id() string { return d.Identity.VendorID + ":" + d.Identity.ProductID }

func (d scanDevice) paths() []scanPath {
	var ps []scanPath
	for _, f := range d.AudioFunctions {
		ps = append(ps, f.Playback...)
		ps = append(ps, f.Capture...)
	}
	return ps
}

// parseScan decodes a guest section holding `usbaudio scan --json`.
func parseScan(t *testing.T, res *vm.Result, name string) scanReport {
	t.Helper()
	out := section(t, res, name)
	if st := res.SectionStatus(name); st != 0 {
		t.Fatalf("%s: usbaudio exited %d:\n%s", name, st, out)
	}
	var rep scanReport
	// Warnings go to standard error, which the section merges: the JSON
	// document is from the first '{' on a line of its own.
	i := strings.Index(out, "{\n")
	if i < 0 {
		t.Fatalf("%s: no JSON in the output:\n%s", name, out)
	}
	if err := json.Unmarshal([]byte(out[i:]), &rep); err != nil {
		t.Fatalf("%s: scan --json output does not decode: %v\n%s", name, err, out)
	}
	if rep.Schema != "usbaudio/v1" {
		t.Errorf("%s: schema %q, want usbaudio/v1", name, rep.Schema)
	}
	return rep
}

// expectedClassification reads a fixture's expected.json: the
// classification usbaudio gives (a recorded known disagreement wins).
func expectedClassification(t *testing.T, path string) string {
	c, _ := expectedVerdict(t, path)
	return c
}

// expectedVerdict is expectedClassification and expected.json's
// monitor_output.
func expectedVerdict(t *testing.T, path string) (string, bool) {
	t.Helper()
	var exp struct {
		MonitorOutput     bool   `json:"monitor_output"`
		Classification    string `json:"classification"`
		KnownDisagreement *struct {
			Classification string `json:"classification"`
		} `json:"known_disagreement"`
	}
	if err := json.Unmarshal(readFile(t, path), &exp); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if exp.KnownDisagreement != nil {
		return exp.KnownDisagreement.Classification, exp.MonitorOutput
	}
	return exp.Classification, exp.MonitorOutput
}

// checkScanOfReplay asserts what `usbaudio scan --json -d ID` said in the
// guest about a replayed device: its classification is the fixture's, and
// every volume range it reports from the kernel (the ALSA mixer, and each
// control's range) is the one the emulator served.
func checkScanOfReplay(t *testing.T, res *vm.Result, d replayDevice, kernelVolumes int) {
	t.Helper()
	rep := parseScan(t, res, d.name+"-scan")
	if len(rep.Devices) != 1 {
		t.Fatalf("%s: scan -d %s listed %d devices, want 1", d.name, d.usbid(), len(rep.Devices))
	}
	dev := rep.Devices[0]
	want, monitor := "speaker", false // QEMU's usb-audio: one speaker path, no fixture
	if d.expected != "" {
		want, monitor = expectedVerdict(t, d.expected)
	}
	if dev.Verdict.FormFactor != want || dev.Verdict.Monitor != monitor {
		t.Errorf("%s: scan classifies the replayed device (product %q) as %q, monitor output %v; %s says %q, %v",
			d.name, dev.Identity.Product, dev.Verdict.FormFactor, dev.Verdict.Monitor, d.expected, want, monitor)
	}
	lo, hi := d.volume()
	served := scanRange{Min: lo * 256, Max: hi * 256, MinDB: float64(lo), MaxDB: float64(hi)}
	if dev.Live == nil || dev.Live.ALSA == nil {
		t.Fatalf("%s: scan reports no ALSA card for the replayed device (live.alsa missing)", d.name)
	}
	mixerVolumes := 0
	for _, m := range dev.Live.ALSA.Mixer {
		if !strings.HasSuffix(m.Name, "Volume") {
			continue
		}
		if m.Range == nil {
			t.Errorf("%s: scan's mixer control %q has no range", d.name, m.Name)
			continue
		}
		mixerVolumes++
		if *m.Range != served {
			t.Errorf("%s: scan's mixer control %q has range %v, the emulator served %v", d.name, m.Name, *m.Range, served)
		}
	}
	if mixerVolumes != kernelVolumes {
		t.Errorf("%s: scan lists %d ALSA volume controls, the kernel's usbmixer %d", d.name, mixerVolumes, kernelVolumes)
	}
	ranged := 0
	for _, p := range dev.paths() {
		for _, c := range p.Controls {
			if c.Control != "volume" || c.Range == nil {
				continue
			}
			ranged++
			if *c.Range != served {
				t.Errorf("%s: scan's unit %d volume (channel %d) has kernel range %v, the emulator served %v", d.name, c.Unit, c.Channel, *c.Range, served)
			}
		}
	}
	if kernelVolumes > 0 && ranged == 0 {
		t.Errorf("%s: no volume control in scan's audio paths carries the kernel's range", d.name)
	}
}
