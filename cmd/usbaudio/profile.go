package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/usbaudio/usbaudio/bench"
	"github.com/usbaudio/usbaudio/model"
)

func init() {
	register(&command{name: "profile", summary: "write the golden profile of a known-good unit (for check)", run: runProfile})
}

const profileExamples = `  usbaudio profile -d 046d:0a38 > golden.json         # the unit plugged in
  usbaudio profile --sysfs-root fixtures/sysfs/demo > golden.json
  usbaudio profile headset.bin > golden.json          # saved descriptors or lsusb -v text
  usbaudio check --expect golden.json                 # then check the next units

The profile (schema usbaudio-profile/v1) is JSON to read and edit: remove a
field to stop checking it, widen "tolerance" to accept a wider volume range.
See the README section "QA benches".

Exit status:
  0  profile written
  2  usage error, or several devices match (pick one with -d or -s)
  3  no device found
  4  nothing could be read: permission denied (the fix is printed)
  5  an input file in which nothing could be decoded
`

func runProfile(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("profile", "profile [-d VID:PID | -s [[BUS]:][DEV] | --sysfs-root DIR | FILE] [-o FILE]", profileExamples, stderr)
	var df deviceFlags
	df.register(fs)
	output := fs.StringP("output", "o", "", "write the profile to `FILE` instead of standard output")
	reports := registerHIDReportFlag(fs)
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	units, err := loadBenchUnits(&df, fs, *reports, stderr)
	if err != nil {
		return err
	}
	if len(units) > 1 {
		var b strings.Builder
		for _, u := range units {
			fmt.Fprintf(&b, "\n  %s %s (%s)", u.device.Identity.VIDPID(), u.device.Identity.Name(), u.origin)
		}
		return exitf(exitUsage, "%d devices match; a profile is made from one unit: pick it with -d VID:PID or -s BUS:DEV%s", len(units), b.String())
	}
	p := bench.FromDevice(units[0].device)
	if p.Unit == nil {
		p.Unit = &bench.Unit{}
	}
	p.Unit.Origin = units[0].origin
	data, err := p.Marshal()
	if err != nil {
		return err
	}
	if *output != "" {
		if err := os.WriteFile(*output, data, 0o644); err != nil {
			return exitf(exitUsage, "%v", err)
		}
		return nil
	}
	_, err = stdout.Write(data)
	return err
}

// benchUnit is one device to profile or check, with where it was found:
// the port path of a live device, the file (and line) of a saved one.
type benchUnit struct {
	device *model.Device
	origin string
	live   *liveDevice // nil for a file input
}

// loadBenchUnits reads the devices profile and check work on: the files
// named on the command line, or else the live devices the flags select
// (the same selection as scan). Errors carry their exit codes.
func loadBenchUnits(df *deviceFlags, fs *pflag.FlagSet, reportSpecs []string, stderr io.Writer) ([]benchUnit, error) {
	if fs.NArg() == 0 {
		if len(reportSpecs) > 0 {
			return nil, exitf(exitUsage, "--hid-report goes with a FILE; live devices' report descriptors are read from the system")
		}
		devs, err := df.loadLive(stderr)
		var ee *exitError
		if errors.As(err, &ee) && ee.code == exitNoDevice && (df.vidpid != "" || df.busdev != "") {
			// scan's message suggests --all, which these commands lack
			return nil, exitf(exitNoDevice, "no USB audio device found matching %s", filterText(df))
		}
		if err != nil {
			return nil, err
		}
		units := make([]benchUnit, 0, len(devs))
		for i := range devs {
			units = append(units, benchUnit{device: devs[i].Model, origin: devs[i].Raw.PortPath, live: &devs[i]})
		}
		return units, nil
	}
	for _, name := range []string{"sysfs-root", "procfs-root", "select", "backend"} {
		if fs.Changed(name) {
			return nil, exitf(exitUsage, "--%s reads live devices; it cannot be combined with FILE arguments", name)
		}
	}
	filter, err := parseDeviceFilter(df.vidpid, "")
	if err != nil {
		return nil, exitf(exitUsage, "%v", err)
	}
	hidReports, err := readHIDReports(reportSpecs)
	if err != nil {
		return nil, err
	}
	inputs, readErr := readInputFiles(fs.Args())
	if readErr != nil {
		var bad *inputMalformedError
		if errors.As(readErr, &bad) {
			return nil, exitf(exitMalformed, "%v", readErr)
		}
		return nil, exitf(exitUsage, "%v", readErr)
	}
	var units []benchUnit
	for _, in := range inputs {
		if len(hidReports) > 0 && len(inputs) > 1 {
			return nil, exitf(exitUsage, "--hid-report needs a single device; the input holds %d", len(inputs))
		}
		d, err := buildInputDevice(in, df.reveal, hidReports)
		if d == nil {
			return nil, exitf(exitMalformed, "%s: nothing decoded: %v", in.origin, err)
		}
		if err != nil {
			fmt.Fprintf(stderr, "usbaudio: %s: %v (checked as far as it was parsed)\n", in.origin, err)
		}
		vid, pid := uint16(d.Identity.VendorID), uint16(d.Identity.ProductID)
		if (filter.haveVID && vid != filter.vid) || (filter.hvPID && pid != filter.pid) {
			continue
		}
		units = append(units, benchUnit{device: d, origin: in.origin})
	}
	if len(units) == 0 {
		if df.vidpid != "" {
			return nil, exitf(exitNoDevice, "no device in the input matches -d %s", df.vidpid)
		}
		return nil, exitf(exitNoDevice, "no device in the input")
	}
	return units, nil
}

// registerHIDReportFlag adds decode's --hid-report IFACE=FILE, which gives a
// saved descriptor file the report descriptors a file cannot hold.
func registerHIDReportFlag(fs *pflag.FlagSet) *[]string {
	return fs.StringArray("hid-report", nil, "IFACE=FILE: with a FILE input, the HID report descriptor of interface IFACE (binary or hex; repeatable)")
}

// filterText says which devices were asked for: "-d 046d:0a38 -s 1:7".
func filterText(df *deviceFlags) string {
	var parts []string
	if df.vidpid != "" {
		parts = append(parts, "-d "+df.vidpid)
	}
	if df.busdev != "" {
		parts = append(parts, "-s "+df.busdev)
	}
	return strings.Join(parts, " ")
}
