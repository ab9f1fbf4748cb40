package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/render"
)

func init() {
	register(&command{name: "decode", summary: "decode saved descriptors (binary, hex or lsusb -v text)", run: runDecode})
}

const decodeExamples = `  usbaudio decode /sys/bus/usb/devices/1-1/descriptors
  usbaudio decode headset.hex                 # "12 01 00 02 ...", xxd, hexdump -C or 0x12, C arrays
  lsusb -v -d 046d:0a38 | usbaudio decode -     # lsusb text: one device or many
  usbaudio decode --json lsusb.txt | jq '.verdict.form_factor'
  usbaudio decode --dot headset.bin | dot -Tsvg > topology.svg
  usbaudio decode descriptors --hid-report 3=/sys/class/hidraw/hidraw2/device/report_descriptor

Exit status:
  0  every input decoded (a descriptor list cut short still decodes up to the
     cut: the error and its byte offset go to standard error)
  2  usage error, or an input file that cannot be opened
  5  an input in which nothing could be decoded (with --strict: also any
     input whose parsing stopped early or whose lsusb text lacks descriptors)
`

// Exit codes for decode, as a user would want them: a truncated paste is
// the normal case for bug-report data, so decoding what is there and saying
// where it stopped is success (exit 0, the error on stderr); only an input
// that yields nothing at all is "malformed beyond recovery" (exit 5). QA
// scripts that want any early stop to fail pass --strict.
func runDecode(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("decode", "decode [FLAGS] [FILE|-]...", decodeExamples, stderr)
	asJSON := fs.Bool("json", false, "print JSON (schema usbaudio/v1): an object for one device, an array for several")
	asDOT := fs.Bool("dot", false, "print the audio topology as Graphviz DOT")
	brief := fs.Bool("brief", false, "print the summary without the full descriptor dump")
	reveal := fs.Bool("reveal-serial", false, "print serial numbers unmasked")
	strict := fs.Bool("strict", false, "exit 5 when parsing of any input stopped early or lsusb text lacks descriptors")
	reports := fs.StringArray("hid-report", nil, "IFACE=FILE: the HID report descriptor of interface IFACE (binary or hex; repeatable; one device only)")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	hidReports, err := readHIDReports(*reports)
	if err != nil {
		return err
	}
	if *asJSON && *asDOT {
		return exitf(exitUsage, "--json and --dot cannot be combined")
	}
	inputs, readErr := readInputFiles(fs.Args())
	if len(hidReports) > 0 && len(inputs) > 1 {
		return exitf(exitUsage, "--hid-report needs a single device; the input holds %d", len(inputs))
	}
	var devices []*model.Device
	failed, stopped := 0, 0
	for _, in := range inputs {
		d, err := buildInputDevice(in, *reveal, hidReports)
		if d == nil {
			failed++
			fmt.Fprintf(stderr, "usbaudio decode: %s: nothing decoded: %v\n", in.origin, err)
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "usbaudio decode: %s: %v (everything before it is shown)\n", in.origin, err)
		}
		if err != nil || in.missing {
			stopped++
		}
		for _, g := range in.gaps {
			fmt.Fprintf(stderr, "usbaudio decode: %s: input text lacks: %s\n", in.origin, g)
		}
		devices = append(devices, d)
	}
	// The JSON shape follows the input, not the outcome: one input device
	// gives an object, several an array (even if some failed).
	if err := writeDevices(stdout, devices, len(inputs) > 1, *asJSON, *asDOT, !*brief); err != nil {
		return err
	}
	switch {
	case readErr != nil:
		var bad *inputMalformedError
		if errors.As(readErr, &bad) {
			return exitf(exitMalformed, "%v", readErr)
		}
		return exitf(exitUsage, "%v", readErr) // could not open or read a named input
	case failed > 0:
		return exitf(exitMalformed, "%d input(s) could not be decoded", failed)
	case *strict && stopped > 0:
		return exitf(exitMalformed, "%d input(s) incomplete (--strict)", stopped)
	}
	return nil
}

// buildInputDevice joins one input's bytes into the model; text gaps
// become warnings so they show in text and JSON alike.
func buildInputDevice(in inputDevice, reveal bool, hidReports map[uint8][]byte) (*model.Device, error) {
	// Report descriptors found in the input, overridden per interface by
	// --hid-report.
	reports := in.hidReports
	if len(hidReports) > 0 {
		reports = make(map[uint8][]byte, len(in.hidReports)+len(hidReports))
		for i, b := range in.hidReports {
			reports[i] = b
		}
		for i, b := range hidReports {
			reports[i] = b
		}
	}
	d, err := model.Build(model.Input{Descriptors: in.descriptors, Strings: in.strings, HIDReports: reports,
		RevealSerial: reveal, IDName: in.idName, Origin: in.origin + " (" + in.format.String() + ")"})
	if d != nil {
		if d.Identity.IDName == "" && d.Descriptors != nil && d.Descriptors.Device != nil {
			d.Identity.IDName = usbIDName(uint16(d.Identity.VendorID), uint16(d.Identity.ProductID))
		}
		for _, g := range in.gaps {
			d.Warnings = append(d.Warnings, "input text: "+g)
		}
	}
	return d, err
}

func writeDevices(w io.Writer, devices []*model.Device, many, asJSON, asDOT, verbose bool) error {
	switch {
	case asJSON && len(devices) == 1 && !many:
		return render.JSON(w, devices[0])
	case asJSON:
		if devices == nil {
			devices = []*model.Device{}
		}
		return render.JSON(w, devices)
	case asDOT:
		for _, d := range devices {
			if err := render.DOT(w, d); err != nil {
				return err
			}
		}
		return nil
	}
	for i, d := range devices {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if len(devices) > 1 {
			if _, err := fmt.Fprintf(w, "=== device %d of %d ===\n", i+1, len(devices)); err != nil {
				return err
			}
		}
		if err := render.Text(w, d, render.Options{Verbose: verbose}); err != nil {
			return err
		}
	}
	return nil
}

// readHIDReports reads --hid-report IFACE=FILE values.
func readHIDReports(specs []string) (map[uint8][]byte, error) {
	if len(specs) == 0 {
		return nil, nil
	}
	out := map[uint8][]byte{}
	for _, spec := range specs {
		num, file, ok := strings.Cut(spec, "=")
		n, err := strconv.ParseUint(num, 10, 8)
		if !ok || err != nil || file == "" {
			return nil, exitf(exitUsage, "--hid-report %q: want IFACE=FILE, e.g. 3=report_descriptor", spec)
		}
		data, err := readInputFile(file)
		if err != nil {
			return nil, exitf(exitUsage, "--hid-report: %v", err)
		}
		if len(data) > 0 && isText(data) {
			if data, err = parseHexText(data); err != nil {
				return nil, exitf(exitMalformed, "--hid-report %s: %v", file, err)
			}
		}
		out[uint8(n)] = data
	}
	return out, nil
}
