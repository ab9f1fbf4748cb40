package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/usbaudio/usbaudio/model"
	"github.com/usbaudio/usbaudio/render"
	"github.com/usbaudio/usbaudio/source"
)

func init() {
	register(&command{name: "scan", summary: "report the USB audio devices plugged in (the default command)", run: runScan})
}

const scanExamples = `  usbaudio                                  # same as usbaudio scan
  usbaudio scan -v                          # with the full descriptor dump
  usbaudio scan -d 046d:                    # Logitech devices only
  usbaudio scan -s 1:7 --json | jq '.devices[0].verdict'
  usbaudio scan --all                       # keyboards, mice and the rest too
  usbaudio scan --sysfs-root fixtures/sysfs/demo   # a captured tree (make demo)

Exit status:
  0  devices listed (warnings about single files go to standard error)
  2  usage error
  3  no USB audio device (or none matching -d/-s)
  4  nothing could be read: permission denied (the fix is printed)
`

// scanReport is the JSON document of a scan.
type scanReport struct {
	Schema  string          `json:"schema"`
	Devices []*model.Device `json:"devices"`
}

func runScan(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("scan", "scan [FLAGS]", scanExamples, stderr)
	var df deviceFlags
	df.register(fs)
	df.registerAll(fs)
	asJSON := fs.Bool("json", false, `print JSON (schema usbaudio/v1): {"schema": ..., "devices": [...]}`)
	verbose := fs.BoolP("verbose", "v", false, "add the full descriptor dump to each device")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return exitf(exitUsage, "unexpected argument %q (to decode a saved file: usbaudio decode FILE)", fs.Arg(0))
	}
	devices, err := df.load(stderr)
	if err != nil && len(devices) == 0 {
		if *asJSON {
			// scripts still get a document to read
			if jerr := render.JSON(stdout, scanReport{Schema: model.Schema, Devices: []*model.Device{}}); jerr != nil {
				return jerr
			}
		}
		return err
	}
	if df.sysfsRoot == "" && df.backend == source.BackendSysfs {
		checkHIDAccess(stderr, devices)
	}
	if *asJSON {
		if jerr := render.JSON(stdout, scanReport{Schema: model.Schema, Devices: devices}); jerr != nil {
			return jerr
		}
		return err
	}
	for i, d := range devices {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if len(devices) > 1 {
			fmt.Fprintf(stdout, "=== %s ===\n", deviceHeading(d, i, len(devices)))
		}
		if rerr := render.Text(stdout, d, render.Options{Verbose: *verbose}); rerr != nil {
			return rerr
		}
	}
	if df.hidden > 0 {
		fmt.Fprintf(stdout, "\n(%d other USB device%s not shown: not audio devices; --all lists them)\n", df.hidden, plural(df.hidden))
	}
	return err
}

// deviceHeading names a device in a multi-device report by where it is
// plugged: "1-1 (bus 1 device 2), 1 of 3".
func deviceHeading(d *model.Device, i, n int) string {
	where := "device"
	if l := d.Live; l != nil {
		where = l.PortPath
		if l.Bus != 0 {
			where += fmt.Sprintf(" (bus %03d device %03d)", l.Bus, l.Address)
		}
	}
	if n > 1 {
		where += fmt.Sprintf(", %d of %d", i+1, n)
	}
	return where
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// checkHIDAccess tries each hidraw node of the live system the way watch
// and check will open it (read-only, shared, closed at once), so a scan
// already says when button events will be out of reach and what fixes it.
func checkHIDAccess(stderr io.Writer, devices []*model.Device) {
	for _, d := range devices {
		if d.Live == nil {
			continue
		}
		for _, n := range d.Live.HIDRaw {
			rd, err := source.OpenHID(n.Path)
			if err == nil {
				rd.Close()
				continue
			}
			var pe *source.PermissionError
			if errors.As(err, &pe) {
				if pe.Rule == "" {
					pe.Rule = source.HIDRawRule(uint16(d.Identity.VendorID), uint16(d.Identity.ProductID))
				}
				fmt.Fprintf(stderr, "usbaudio: warning: %s %s: buttons cannot be watched: %v\n", d.Live.PortPath, d.Identity.VIDPID(), pe)
				d.Warnings = append(d.Warnings, fmt.Sprintf("permission denied opening %s: usbaudio watch and check cannot read its buttons (the fix is printed on standard error)", n.Path))
			}
		}
	}
}
