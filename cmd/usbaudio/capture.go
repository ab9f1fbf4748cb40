package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/usbaudio/usbaudio/source"
)

func init() {
	register(&command{name: "capture", summary: "save the sysfs and /proc files scan reads, for a bug report or a fixture", run: runCapture})
}

const captureExamples = `  usbaudio capture headset.tar.gz           # attach this to a bug report
  usbaudio capture -d 046d:0a38 h340/       # one device, as a directory tree
  usbaudio capture - > all.tar.gz --all     # every USB device, tar on standard output

Anyone can then read the capture as if the device were plugged in:
  mkdir h && tar -xzf headset.tar.gz -C h && usbaudio scan --sysfs-root h

Serial numbers are replaced by "(masked)" unless --keep-serials.
Exit status: 0 captured, 2 usage error, 3 no matching device.
`

func runCapture(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("capture", "capture [FLAGS] OUT.tar.gz|DIR|-", captureExamples, stderr)
	var df deviceFlags
	df.register(fs)
	df.registerAll(fs)
	keep := fs.Bool("keep-serials", false, "copy serial numbers as they are (by default they are masked)")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return exitf(exitUsage, "want one output: OUT.tar.gz, a directory, or - for a tar.gz on standard output")
	}
	out := fs.Arg(0)
	if df.backend != source.BackendSysfs {
		return exitf(exitUsage, "capture copies sysfs and /proc files; --backend %s has none", df.backend)
	}
	asTar := out == "-" || strings.HasSuffix(out, ".tar.gz") || strings.HasSuffix(out, ".tgz")
	if !asTar {
		if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
			return exitf(exitUsage, "%s is not empty; capture into a new or empty directory", out)
		}
	}
	devs, err := df.loadLive(stderr)
	if err != nil && len(devs) == 0 {
		return err
	}
	opts, oerr := df.options()
	if oerr != nil {
		return oerr
	}
	opts.FS = liveFS
	raws := make([]source.RawDevice, len(devs))
	files := 0
	for i := range devs {
		raws[i] = devs[i].Raw
		files += len(devs[i].Raw.Files)
	}
	co := source.CaptureOptions{KeepSerials: *keep}
	switch {
	case out == "-":
		err = source.CaptureTar(opts, raws, stdout, co)
	case asTar:
		err = captureTarFile(opts, raws, out, co)
	default:
		err = source.CaptureDir(opts, raws, out, co)
	}
	if err != nil {
		return fmt.Errorf("capture into %s: %w", out, err)
	}
	for i := range devs {
		d := &devs[i]
		fmt.Fprintf(stderr, "captured %s %s %s\n", d.Raw.PortPath, d.Raw.ID(), printableText(d.Model.Identity.Name()))
	}
	where := out
	if out == "-" {
		where = "standard output"
	}
	fmt.Fprintf(stderr, "%d device%s, %d files into %s", len(devs), plural(len(devs)), files, where)
	if !*keep {
		fmt.Fprint(stderr, " (serial numbers masked)")
	}
	fmt.Fprintln(stderr)
	return nil
}

// captureTarFile writes the tar.gz to a new file, removing it on failure
// so a half-written capture is not mistaken for a whole one.
func captureTarFile(opts source.Options, raws []source.RawDevice, name string, co source.CaptureOptions) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	err = source.CaptureTar(opts, raws, f, co)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
