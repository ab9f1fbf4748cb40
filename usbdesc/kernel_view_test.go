package usbdesc

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The QEMU captures include the Linux kernel's own view of the device
// (/proc/asound/card0/stream0 and usbmixer): a second independent decoder.
// Our streams and feature-unit controls must agree with it.

type kernelAlt struct {
	iface, alt, channels, bits int
	endpoint                   uint8
	rates                      []uint32
}

var (
	reInterface = regexp.MustCompile(`^\s*Interface (\d+)`)
	reAltset    = regexp.MustCompile(`^\s*Altset (\d+)`)
	reChannels  = regexp.MustCompile(`^\s*Channels: (\d+)`)
	reEndpoint  = regexp.MustCompile(`^\s*Endpoint: 0x([0-9a-f]+)`)
	reRates     = regexp.MustCompile(`^\s*Rates: (.*)`)
	reBits      = regexp.MustCompile(`^\s*Bits: (\d+)`)
	reUnit      = regexp.MustCompile(`Info: id=(\d+), control=(\d+), cmask=0x([0-9a-f]+)`)
)

func parseStream0(text string) []kernelAlt {
	var out []kernelAlt
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	for _, line := range strings.Split(text, "\n") {
		if m := reInterface.FindStringSubmatch(line); m != nil {
			out = append(out, kernelAlt{iface: atoi(m[1])})
			continue
		}
		if len(out) == 0 {
			continue
		}
		k := &out[len(out)-1]
		if m := reAltset.FindStringSubmatch(line); m != nil {
			k.alt = atoi(m[1])
		} else if m := reChannels.FindStringSubmatch(line); m != nil {
			k.channels = atoi(m[1])
		} else if m := reEndpoint.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseUint(m[1], 16, 8)
			k.endpoint = uint8(v)
		} else if m := reBits.FindStringSubmatch(line); m != nil {
			k.bits = atoi(m[1])
		} else if m := reRates.FindStringSubmatch(line); m != nil {
			for _, r := range strings.Split(m[1], ",") {
				k.rates = append(k.rates, uint32(atoi(strings.TrimSpace(r))))
			}
		}
	}
	return out
}

func TestQEMUKernelView(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(fixturesDir, "qemu", "qemu-usb-audio*"))
	if len(dirs) == 0 {
		t.Skip("no QEMU audio captures")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			blob := mustParse(t, readFile(t, filepath.Join(dir, "descriptors.bin")))
			fns := blob.AudioFunctions()
			if len(fns) != 1 {
				t.Fatalf("%d audio functions, want 1", len(fns))
			}
			f := fns[0]
			if f.Version != UAC1 {
				t.Errorf("version %v, want UAC1 (protocol 0x04 falls back to v1 as in the kernel)", f.Version)
			}
			kernel := parseStream0(string(readFile(t, filepath.Join(dir, "stream0.txt"))))
			var ours []*StreamAlt
			var oursIface []uint8
			for _, s := range f.Streams {
				if s.Direction != Playback {
					t.Errorf("stream %d direction %v, want playback", s.Interface, s.Direction)
				}
				for _, a := range s.Alts {
					ours = append(ours, a)
					oursIface = append(oursIface, s.Interface)
				}
			}
			if len(ours) != len(kernel) || len(kernel) == 0 {
				t.Fatalf("%d stream alts, kernel lists %d", len(ours), len(kernel))
			}
			for i, k := range kernel {
				a := ours[i]
				if int(oursIface[i]) != k.iface || int(a.Alternate) != k.alt || a.Channels != k.channels ||
					a.BitDepth != k.bits || uint8(a.Endpoint.Address) != k.endpoint ||
					len(a.SampleRates) != len(k.rates) {
					t.Errorf("alt %d: ours iface %d alt %d ch %d bits %d ep 0x%02x rates %v; kernel %+v",
						i, oursIface[i], a.Alternate, a.Channels, a.BitDepth, uint8(a.Endpoint.Address), a.SampleRates, k)
					continue
				}
				for j := range k.rates {
					if a.SampleRates[j] != k.rates[j] {
						t.Errorf("alt %d rate %d: ours %d, kernel %d", i, j, a.SampleRates[j], k.rates[j])
					}
				}
			}

			// usbmixer: "control=N" is the UAC1 control selector (1 mute,
			// 2 volume); cmask bit i-1 is logical channel i, 0 = master.
			mixer, err := os.ReadFile(filepath.Join(dir, "usbmixer.txt"))
			if err != nil {
				t.Fatal(err)
			}
			matches := reUnit.FindAllStringSubmatch(string(mixer), -1)
			if len(matches) == 0 {
				t.Fatal("no controls in usbmixer.txt")
			}
			for _, m := range matches {
				id, _ := strconv.Atoi(m[1])
				sel, _ := strconv.Atoi(m[2])
				cmask, _ := strconv.ParseUint(m[3], 16, 32)
				fu, ok := f.Entity(uint8(id)).(*FeatureUnit)
				if !ok {
					t.Fatalf("entity %d is %T, kernel has a feature unit", id, f.Entity(uint8(id)))
				}
				control := FeatureControl(sel - 1)
				if cmask == 0 {
					if fu.Access(0, control) != AccessReadWrite {
						t.Errorf("unit %d master %v: %v, kernel has it", id, control, fu.Access(0, control))
					}
					continue
				}
				for ch := 1; ch <= fu.Channels(); ch++ {
					has := fu.Access(ch, control) == AccessReadWrite
					if kernelHas := cmask&(1<<uint(ch-1)) != 0; has != kernelHas {
						t.Errorf("unit %d channel %d %v: ours %v, kernel %v", id, ch, control, has, kernelHas)
					}
				}
			}
		})
	}
}
