package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/usbaudio/usbaudio/bench"
	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/source"
)

func init() {
	register(&command{name: "check", summary: "check units against a golden profile (QA bench: PASS/FAIL, JUnit)", run: runCheck})
}

const checkExamples = `  usbaudio check --expect golden.json                       # the unit(s) plugged in
  usbaudio check --expect golden.json --junit unit.xml      # and a JUnit report for CI
  usbaudio check --expect golden.json --press volume-up,volume-down,mute
  usbaudio check --expect golden.json --wait                # one unit after another, until Ctrl-C
  usbaudio check --expect golden.json headset.bin           # saved descriptors or lsusb -v text

Without -d or -s, devices are selected by the profile's vid/pid. Every
matching device is checked, each as its own unit (a bench may have several
ports); pick one with -d or -s.

Exit status:
  0  every unit passed every check
  1  a check failed (each is printed as FAIL with expected and actual)
  2  usage error, or a profile that cannot be read
  3  no device found (with --wait: stopped before any unit was plugged in)
  4  nothing could be read: permission denied (the fix is printed)
  5  an input file in which nothing could be decoded
`

// checkOpenHID opens hidraw nodes for the press test; tests replace it.
var checkOpenHID hidOpener

// checkContext is the context a check run stops on (Ctrl-C); tests replace it.
var checkContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// checkRun is one invocation's settings and what it gathered.
type checkRun struct {
	profile      *bench.Profile
	profileName  string
	press        []string
	pressTimeout time.Duration
	asJSON       bool
	junit        string
	open         hidOpener
	stdout       io.Writer
	stderr       io.Writer

	units []bench.UnitReport
	// denied is set when a HID node could not be opened for lack of
	// permission: the run then exits 4, since the bench, not the unit,
	// needs fixing.
	denied bool
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check --expect PROFILE [-d VID:PID | -s [[BUS]:][DEV] | --sysfs-root DIR | FILE...] [FLAGS]", checkExamples, stderr)
	expect := fs.String("expect", "", "the golden profile (`FILE`, from usbaudio profile)")
	var df deviceFlags
	df.register(fs)
	junit := fs.String("junit", "", "write a JUnit XML report to `FILE` (one testcase per check)")
	asJSON := fs.Bool("json", false, "print a JSON report (schema usbaudio-check/v1) instead of text; with --wait one line per unit")
	press := fs.String("press", "", "interactive button test: press these HID controls in turn (`LIST`, e.g. volume-up,volume-down,mute)")
	pressTimeout := fs.Duration("press-timeout", bench.DefaultPressTimeout, "time allowed for each button press")
	wait := fs.Bool("wait", false, "wait for units to be plugged in and check each, until Ctrl-C or --count")
	count := fs.Int("count", 0, "with --wait: stop after this many units")
	poll := fs.Duration("poll", 500*time.Millisecond, "with --wait: how often the device list is polled")
	reports := registerHIDReportFlag(fs)
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if *expect == "" {
		fs.Usage()
		return exitf(exitUsage, "--expect PROFILE is required (make one with usbaudio profile)")
	}
	if *pressTimeout <= 0 || *count < 0 || *poll <= 0 {
		return exitf(exitUsage, "--press-timeout, --count and --poll must be positive")
	}
	if *count > 0 && !*wait {
		return exitf(exitUsage, "--count goes with --wait")
	}
	data, err := os.ReadFile(*expect)
	if err != nil {
		return exitf(exitUsage, "--expect: %v", err)
	}
	profile, err := bench.ParseProfile(data)
	if err != nil {
		return exitf(exitUsage, "%s: %v", *expect, err)
	}
	r := &checkRun{profile: profile, profileName: *expect, pressTimeout: *pressTimeout,
		asJSON: *asJSON, junit: *junit, open: checkOpenHID, stdout: stdout, stderr: stderr}
	if *press != "" {
		if r.press, err = parsePressList(*press); err != nil {
			return exitf(exitUsage, "--press: %v", err)
		}
		if fs.NArg() > 0 {
			return exitf(exitUsage, "--press needs a live unit; saved files have no buttons to press")
		}
	}
	if df.vidpid == "" && df.busdev == "" {
		df.vidpid = profile.VIDPID() // the profile says which product this bench tests
	}
	if r.open == nil {
		r.open = defaultHIDOpener(df.sysfsRoot)
	}
	ctx, stop := checkContext()
	defer stop()
	if *wait {
		if fs.NArg() > 0 {
			return exitf(exitUsage, "--wait checks units as they are plugged in; it takes no FILE")
		}
		return r.waitLoop(ctx, &df, *poll, *count)
	}
	units, err := loadBenchUnits(&df, fs, *reports, stderr)
	if err != nil {
		return err
	}
	for i := range units {
		r.checkUnit(ctx, &units[i], len(units) > 1)
	}
	if r.asJSON {
		if err := bench.NewReport(r.profileName, r.units).WriteJSON(stdout); err != nil {
			return err
		}
	}
	if err := r.writeJUnit(); err != nil {
		return err
	}
	return r.exit()
}

// parsePressList reads "volume-up,volume-down,mute" and refuses names the
// hid package does not define, so a typo is a usage error, not a timeout.
func parsePressList(s string) ([]string, error) {
	known := map[string]bool{}
	for _, n := range hid.ControlNames() {
		known[n] = true
	}
	var out []string
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !known[name] {
			return nil, fmt.Errorf("unknown control %q (known: %s)", name, strings.Join(hid.ControlNames(), ", "))
		}
		out = append(out, name)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no control named")
	}
	return out, nil
}

// defaultHIDOpener is source.OpenHID, or, for a captured tree, the device
// node inside it (as watch does: tests put FIFOs there).
func defaultHIDOpener(sysfsRoot string) hidOpener {
	if sysfsRoot == "" {
		return source.OpenHID
	}
	return func(node string) (source.HIDReader, error) {
		return source.OpenHIDRaw(filepath.Join(sysfsRoot, filepath.FromSlash(node)))
	}
}

// checkUnit compares one unit with the profile, runs the press test on
// it, prints the outcome and records it.
func (r *checkRun) checkUnit(ctx context.Context, u *benchUnit, several bool) bench.UnitReport {
	start := time.Now()
	results := bench.Compare(r.profile, u.device)
	if len(r.press) > 0 {
		if several {
			fmt.Fprintf(r.stderr, "Button test of %s %s at %s:\n", u.device.Identity.VIDPID(), u.device.Identity.Name(), u.origin)
		}
		results = append(results, r.pressTest(ctx, u)...)
	}
	rep := bench.NewUnitReport(u.device, u.origin, start, time.Since(start), results)
	r.units = append(r.units, rep)
	if !r.asJSON {
		if len(r.units) > 1 {
			fmt.Fprintln(r.stdout) // units apart
		}
		writeUnitText(r.stdout, &rep)
	}
	return rep
}

// writeUnitText prints a unit's checks, one PASS/FAIL line each, and a
// result line.
func writeUnitText(w io.Writer, u *bench.UnitReport) {
	fmt.Fprintf(w, "Unit %s\n", printableText(u.Title()))
	for _, c := range u.Checks {
		fmt.Fprintf(w, "  %s\n", printableText(c.String()))
	}
	if u.Pass {
		fmt.Fprintf(w, "Result: PASS (%d checks)\n", len(u.Checks))
	} else {
		fmt.Fprintf(w, "Result: FAIL (%d of %d checks failed)\n", u.Failed, len(u.Checks))
	}
}

// pressTest reads the unit's HID nodes while the technician presses the
// buttons. Nodes are opened before the first prompt so no press is lost.
func (r *checkRun) pressTest(ctx context.Context, u *benchUnit) []bench.Result {
	available, known := bench.DeviceHIDControls(u.device)
	if !known {
		available = nil // unknown: wait for the events rather than fail at once
	}
	if u.live == nil {
		return bench.PressUnavailable(r.press, r.pressTimeout, "not a live device")
	}
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan hid.Event, 64)
	var readers sync.WaitGroup
	var problems []string
	started := 0
	for _, n := range u.live.hidNodes() {
		if len(n.ReportDescriptor) == 0 {
			problems = append(problems, n.Node+": report descriptor not read")
			continue
		}
		desc, _ := hid.Parse(n.ReportDescriptor) // what parsed decodes; scan shows the problems
		if desc == nil || len(desc.Controls()) == 0 {
			continue
		}
		rd, err := r.open(n.Node)
		if err != nil {
			var pe *source.PermissionError
			if errors.As(err, &pe) {
				// the bench's setup, not the unit: exit 4 with the fix
				r.denied = true
				pe.Node = n.Node
				if pe.Rule == "" {
					pe.Rule = source.HIDRawRule(u.live.Raw.VendorID, u.live.Raw.ProductID)
				}
				fmt.Fprintf(r.stderr, "usbaudio check: %s: %v\n", u.origin, pe)
				problems = append(problems, n.Node+": permission denied (the fix is on standard error)")
				continue
			}
			fmt.Fprintf(r.stderr, "usbaudio check: %s: cannot open %s: %v\n", u.origin, n.Node, err)
			problems = append(problems, n.Node+": "+err.Error())
			continue
		}
		started++
		readers.Add(1)
		go func() {
			defer readers.Done()
			readHIDEvents(pctx, rd, hid.NewDecoder(desc), events)
		}()
	}
	go func() { readers.Wait(); close(events) }()
	if started == 0 {
		why := "the unit has no HID node with buttons"
		if len(problems) > 0 {
			why = "no HID node could be read (" + strings.Join(problems, "; ") + ")"
		}
		return bench.PressUnavailable(r.press, r.pressTimeout, why)
	}
	t := &bench.PressTest{Controls: r.press, Timeout: r.pressTimeout, Prompt: r.stderr, Events: events, Available: available}
	results := t.Run(pctx)
	cancel()
	for range events { // let the readers see the cancel and close their nodes
	}
	return results
}

// readHIDEvents decodes one node's input reports into events until ctx
// ends or the node goes away, and closes it.
func readHIDEvents(ctx context.Context, rd source.HIDReader, dec *hid.Decoder, out chan<- hid.Event) {
	defer rd.Close()
	buf := make([]byte, maxReportBytes)
	for ctx.Err() == nil {
		n, err := rd.Read(buf, readPoll)
		if errors.Is(err, source.ErrTimeout) {
			continue
		}
		if err != nil {
			return
		}
		_ = dec.Decode(buf[:n], func(e hid.Event) { // undescribed reports are skipped
			select {
			case out <- e:
			case <-ctx.Done():
			}
		})
	}
}

// waitLoop checks each unit plugged in after it starts, printing a
// running tally, until ctx ends or count units were checked.
func (r *checkRun) waitLoop(ctx context.Context, df *deviceFlags, poll time.Duration, count int) error {
	opts, err := df.options()
	if err != nil {
		return err
	}
	if opts.Backend != source.BackendSysfs {
		return exitf(exitUsage, "--wait follows hotplug through sysfs; --backend %s is not supported", opts.Backend)
	}
	if df.sysfsRoot != "" {
		if _, err := os.Stat(df.sysfsRoot); err != nil {
			return exitf(exitUsage, "--sysfs-root: %v", err)
		}
	}
	opts.FS = liveFS
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hotplug, err := source.Watch(wctx, source.WatchOptions{Options: opts, Interval: poll})
	if err != nil {
		return exitf(exitNoDevice, "cannot list USB devices: %v", err)
	}
	fmt.Fprintf(r.stderr, "Waiting for units (%s); Ctrl-C to stop\n", r.waitingFor(df))
	passed := 0
	for ev := range hotplug {
		if ev.Action != source.HotplugAdd || ev.Initial {
			continue // only units plugged in from now on
		}
		raw := ev.Device
		ld := liveDevice{Raw: raw, Model: buildLiveModel(&raw, df.reveal)}
		if !ld.isAudio() {
			continue // a hub or a headset's HID companion
		}
		reportProblems(r.stderr, &raw)
		rep := r.checkUnit(wctx, &benchUnit{device: ld.Model, origin: raw.PortPath, live: &ld}, false)
		if rep.Pass {
			passed++
		}
		tally := fmt.Sprintf("units: %d, passed %d, failed %d", len(r.units), passed, len(r.units)-passed)
		if r.asJSON {
			b, err := json.Marshal(rep)
			if err != nil {
				return err
			}
			r.stdout.Write(append(b, '\n'))
			fmt.Fprintln(r.stderr, tally)
		} else {
			fmt.Fprintln(r.stdout, tally)
		}
		if err := r.writeJUnit(); err != nil {
			return err
		}
		if count > 0 && len(r.units) >= count {
			break
		}
	}
	if len(r.units) == 0 {
		return exitf(exitNoDevice, "stopped before any unit was plugged in")
	}
	return r.exit()
}

func (r *checkRun) waitingFor(df *deviceFlags) string {
	if df.vidpid != "" {
		return "-d " + df.vidpid
	}
	return "any USB audio device"
}

// writeJUnit (re)writes the JUnit file with every unit so far, so an
// interrupted bench run keeps its record.
func (r *checkRun) writeJUnit() error {
	if r.junit == "" {
		return nil
	}
	f, err := os.Create(r.junit)
	if err != nil {
		return exitf(exitUsage, "--junit: %v", err)
	}
	werr := bench.NewReport(r.profileName, r.units).WriteJUnit(f)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("--junit: %v", werr)
	}
	return nil
}

// exit is nil when every unit passed, else exit status 1.
func (r *checkRun) exit() error {
	failed := 0
	for _, u := range r.units {
		if !u.Pass {
			failed++
		}
	}
	switch {
	case r.denied:
		return exitf(exitDenied, "the button test could not read the unit: permission denied (fix above)")
	case failed > 0:
		return exitf(exitFailed, "%d of %d unit(s) failed", failed, len(r.units))
	}
	return nil
}
