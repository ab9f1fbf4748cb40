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
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/usbaudio/usbaudio/hid"
	"github.com/usbaudio/usbaudio/source"
)

func init() {
	register(&command{name: "watch", summary: "print headset button presses and plug/unplug events as they happen", run: runWatch})
}

const watchExamples = `  usbaudio watch                            # every headset's buttons, until Ctrl-C
  usbaudio watch --json | jq -c 'select(.control == "mute")'
  usbaudio watch -d 046d:0a38 --count 1     # wait for one button event, then exit
  usbaudio watch --timeout 30s --all-hid    # any HID device, for 30 seconds

Output, one line per event (text):
  2026-11-26T12:00:00.123Z 1-1 046d:0a38 add Logitech USB Headset H340
  2026-11-26T12:00:01.456Z 1-1 046d:0a38 volume-up pressed
  2026-11-26T12:00:01.580Z 1-1 046d:0a38 volume-up released
  2026-11-26T12:00:09.002Z 1-1 046d:0a38 remove
or JSON lines:
  {"time":"2026-11-26T12:00:01.456Z","device":"1-1","id":"046d:0a38","node":"/dev/hidraw0","control":"volume-up","event":"pressed","value":1}
  {"time":"2026-11-26T12:00:09.002Z","device":"1-1","id":"046d:0a38","event":"remove"}

Exit status:
  0  stopped by Ctrl-C, --timeout or --count
  2  usage error
  4  no HID node could be opened: permission denied (the fix is printed)
`

// readPoll bounds how long a reader waits for a report before it checks
// whether it should stop, so unplug and Ctrl-C close every node promptly.
const readPoll = 100 * time.Millisecond

// maxReportBytes is the largest report hidraw delivers (HID_MAX_BUFFER_SIZE).
const maxReportBytes = 16384

func runWatch(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("watch", "watch [FLAGS]", watchExamples, stderr)
	var df deviceFlags
	df.register(fs)
	asJSON := fs.Bool("json", false, "print JSON lines")
	allHID := fs.Bool("all-hid", false, "watch every HID device, not only those on audio devices")
	timeout := fs.Duration("timeout", 0, "exit (status 0) after this long, e.g. 30s")
	count := fs.Int("count", 0, "exit after this many button events")
	interval := fs.Duration("poll", 500*time.Millisecond, "how often the device list is polled for plug/unplug")
	hidBackend := fs.String("hid-backend", defaultHIDBackend(), "how input reports are read: hidraw (Linux, read-only, no cgo) or hidapi (go-hid)")
	if helped, err := parseFlags(fs, args, stdout); helped || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return exitf(exitUsage, "unexpected argument %q", fs.Arg(0))
	}
	if *count < 0 || *timeout < 0 || *interval <= 0 {
		return exitf(exitUsage, "--count, --timeout and --poll must be positive")
	}
	opts, err := df.options()
	if err != nil {
		return err
	}
	if df.sysfsRoot != "" {
		if _, err := os.Stat(df.sysfsRoot); err != nil {
			return exitf(exitUsage, "--sysfs-root: %v", err)
		}
	}
	opts.FS = liveFS

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	hotplug, err := source.Watch(ctx, source.WatchOptions{Options: opts, Interval: *interval})
	if err != nil {
		return exitf(exitNoDevice, "cannot list USB devices: %v", err)
	}
	var open hidOpener
	switch *hidBackend {
	case "hidraw":
		open = source.OpenHID
	case "hidapi":
		open = source.OpenHIDAPI
	default:
		return exitf(exitUsage, "--hid-backend %q: want hidraw or hidapi", *hidBackend)
	}
	if df.sysfsRoot != "" {
		// a captured tree holds its device nodes too (tests put FIFOs there)
		root := df.sysfsRoot
		open = func(node string) (source.HIDReader, error) {
			return source.OpenHIDRaw(filepath.Join(root, filepath.FromSlash(node)))
		}
	}
	loop := &eventLoop{stdout: stdout, stderr: stderr, open: open, now: time.Now,
		asJSON: *asJSON, count: *count, allHID: *allHID, reveal: df.reveal}
	return loop.run(ctx, hotplug)
}

// hidOpener opens a hidraw node for input reports (source.OpenHID; tests
// inject pipes).
type hidOpener func(node string) (source.HIDReader, error)

// eventLoop turns hotplug events and input reports into output lines. All
// output is written by run's goroutine; readers only send messages.
type eventLoop struct {
	stdout, stderr io.Writer
	open           hidOpener
	now            func() time.Time
	asJSON         bool
	count          int // stop after this many control events; 0: never
	allHID         bool
	reveal         bool

	devices map[string]*watchedDevice
	msgs    chan watchMsg
	events  int
	// tried, opened and denied count node opens, for exit status 4.
	tried, opened, denied int
}

// watchedDevice is one device whose nodes are being read.
type watchedDevice struct {
	port, id string
	cancel   context.CancelFunc
	readers  sync.WaitGroup
}

// watchMsg is what a reader reports: an event, or that its node went away.
type watchMsg struct {
	dev   *watchedDevice
	node  string
	time  time.Time
	event hid.Event
	gone  error
}

// eventLine is the JSON form of every line; hotplug lines leave the
// control fields out.
type eventLine struct {
	Time    string   `json:"time"`
	Device  string   `json:"device"`
	ID      string   `json:"id"`
	Node    string   `json:"node,omitempty"`
	Control string   `json:"control,omitempty"`
	Event   string   `json:"event"`
	Value   *int32   `json:"value,omitempty"`
	Name    string   `json:"name,omitempty"`
	Nodes   []string `json:"nodes,omitempty"`
	Initial bool     `json:"initial,omitempty"`
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func deviceKey(r *source.RawDevice) string { return fmt.Sprintf("%s#%d", r.PortPath, r.Dev) }

// run handles events until ctx ends, the hotplug channel closes or --count
// is reached, then closes every node it opened.
func (l *eventLoop) run(ctx context.Context, hotplug <-chan source.HotplugEvent) error {
	l.devices = map[string]*watchedDevice{}
	l.msgs = make(chan watchMsg, 64)
	defer l.closeAll()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-hotplug:
			if !ok {
				return nil
			}
			switch ev.Action {
			case source.HotplugAdd:
				l.add(ctx, ev)
			case source.HotplugRemove:
				if l.remove(ev) {
					return nil
				}
			}
			// Once the devices present at the start are handled: if every
			// node we tried was denied, there is nothing to watch.
			if ev.Initial && len(hotplug) == 0 && l.tried > 0 && l.opened == 0 && l.denied == l.tried {
				return exitf(exitDenied, "no HID node could be opened: permission denied (fix above)")
			}
		case m := <-l.msgs:
			if l.handle(m) {
				return nil
			}
		}
	}
}

// handle prints one reader message and reports whether --count is reached.
func (l *eventLoop) handle(m watchMsg) bool {
	if m.gone != nil {
		fmt.Fprintf(l.stderr, "usbaudio watch: %s %s %s: %v; waiting for it to come back\n", m.dev.port, m.dev.id, m.node, m.gone)
		return false
	}
	l.printEvent(m)
	l.events++
	return l.count > 0 && l.events >= l.count
}

// add starts readers on a new device's HID nodes when it is one to watch.
func (l *eventLoop) add(ctx context.Context, ev source.HotplugEvent) {
	raw := ev.Device
	key := deviceKey(&raw)
	if _, dup := l.devices[key]; dup {
		return
	}
	ld := liveDevice{Raw: raw, Model: buildLiveModel(&raw, l.reveal)}
	nodes := ld.hidNodes()
	if !ld.isAudio() && !(l.allHID && len(nodes) > 0) {
		return
	}
	dctx, cancel := context.WithCancel(ctx)
	wd := &watchedDevice{port: raw.PortPath, id: raw.ID(), cancel: cancel}
	l.devices[key] = wd
	var paths []string
	for _, n := range nodes {
		paths = append(paths, n.Node)
	}
	l.printHotplug(wd, "add", ld.Model.Identity.Name(), paths, ev.Initial)
	for _, n := range nodes {
		l.startReader(dctx, wd, &raw, n)
	}
}

// startReader opens one node and reads it in its own goroutine.
func (l *eventLoop) startReader(ctx context.Context, wd *watchedDevice, raw *source.RawDevice, n source.HIDNode) {
	if len(n.ReportDescriptor) == 0 {
		fmt.Fprintf(l.stderr, "usbaudio watch: %s %s %s: report descriptor not read; its reports cannot be decoded\n", wd.port, wd.id, n.Node)
		return
	}
	desc, _ := hid.Parse(n.ReportDescriptor) // problems are shown by scan; decode what parsed
	if desc == nil || len(desc.Controls()) == 0 {
		return // nothing a person presses: no need to hold the node open
	}
	l.tried++
	rd, err := l.open(n.Node)
	if err != nil {
		var pe *source.PermissionError
		if errors.As(err, &pe) {
			l.denied++
			pe.Node = n.Node
			if pe.Rule == "" {
				pe.Rule = source.HIDRawRule(raw.VendorID, raw.ProductID)
			}
			fmt.Fprintf(l.stderr, "usbaudio watch: %s %s: %v\n", wd.port, wd.id, pe)
		} else {
			fmt.Fprintf(l.stderr, "usbaudio watch: %s %s: cannot open %s: %v\n", wd.port, wd.id, n.Node, err)
		}
		return
	}
	l.opened++
	wd.readers.Add(1)
	go l.read(ctx, wd, n.Node, rd, hid.NewDecoder(desc))
}

// read decodes one node's reports until ctx ends or the node goes away,
// and always closes it.
func (l *eventLoop) read(ctx context.Context, wd *watchedDevice, node string, rd source.HIDReader, dec *hid.Decoder) {
	defer wd.readers.Done()
	defer rd.Close()
	buf := make([]byte, maxReportBytes)
	send := func(m watchMsg) bool {
		select {
		case l.msgs <- m:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for ctx.Err() == nil {
		n, err := rd.Read(buf, readPoll)
		if errors.Is(err, source.ErrTimeout) {
			continue
		}
		if err != nil {
			if ctx.Err() == nil {
				if !errors.Is(err, source.ErrGone) {
					err = fmt.Errorf("%w: %v", source.ErrGone, err)
				}
				send(watchMsg{dev: wd, node: node, gone: err})
			}
			return
		}
		now := l.now()
		// a report the descriptor does not describe is skipped (FormatError)
		_ = dec.Decode(buf[:n], func(e hid.Event) {
			send(watchMsg{dev: wd, node: node, time: now, event: e})
		})
	}
}

// remove stops and closes a device's readers, prints the events they
// had already sent, then says it left. It reports whether --count was
// reached on the way.
func (l *eventLoop) remove(ev source.HotplugEvent) (done bool) {
	key := deviceKey(&ev.Device)
	wd, ok := l.devices[key]
	if !ok {
		return false
	}
	l.stopDevice(wd)
	delete(l.devices, key)
	for drained := false; !drained; {
		select {
		case m := <-l.msgs:
			if m.dev == wd && m.gone != nil {
				continue // the remove line says it
			}
			if l.handle(m) {
				return true
			}
		default:
			drained = true
		}
	}
	l.printHotplug(wd, "remove", "", nil, false)
	return false
}

func (l *eventLoop) stopDevice(wd *watchedDevice) {
	wd.cancel()
	// readers blocked sending see ctx end; drain nothing, just wait
	wd.readers.Wait()
}

func (l *eventLoop) closeAll() {
	for key, wd := range l.devices {
		l.stopDevice(wd)
		delete(l.devices, key)
	}
}

func (l *eventLoop) printHotplug(wd *watchedDevice, action, name string, nodes []string, initial bool) {
	t := stamp(l.now())
	if l.asJSON {
		l.writeJSON(eventLine{Time: t, Device: wd.port, ID: wd.id, Event: action, Name: name, Nodes: nodes, Initial: initial})
		return
	}
	line := fmt.Sprintf("%s %s %s %s", t, wd.port, wd.id, action)
	if name != "" {
		line += " " + printableText(name)
	}
	fmt.Fprintln(l.stdout, line)
}

func (l *eventLoop) printEvent(m watchMsg) {
	t := stamp(m.time)
	if l.asJSON {
		v := m.event.Value
		l.writeJSON(eventLine{Time: t, Device: m.dev.port, ID: m.dev.id, Node: m.node,
			Control: m.event.Control, Event: m.event.Kind.String(), Value: &v})
		return
	}
	fmt.Fprintf(l.stdout, "%s %s %s %s\n", t, m.dev.port, m.dev.id, m.event)
}

func (l *eventLoop) writeJSON(v eventLine) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Fprintf(l.stderr, "usbaudio watch: %v\n", err)
		return
	}
	l.stdout.Write(append(b, '\n'))
}

// printableText escapes control characters and bytes that are not UTF-8
// in device strings, which the device's maker chose.
func printableText(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0 {
		return s
	}
	q := fmt.Sprintf("%q", s)
	return q[1 : len(q)-1]
}

// defaultHIDBackend: Linux reads hidraw nodes directly (read-only, shared
// with every other reader); elsewhere hidapi is the only way.
func defaultHIDBackend() string {
	if runtime.GOOS == "linux" {
		return "hidraw"
	}
	return "hidapi"
}
