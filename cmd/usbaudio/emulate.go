package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/usbaudio/usbaudio/emulate"
)

func init() {
	register(&command{name: "emulate", summary: "plug a virtual USB device (any saved descriptors) into this Linux host through vhci_hcd", run: runEmulate})
}

const emulateExamples = `  # as root, with the usbip host driver loaded (modprobe vhci-hcd):
  usbaudio emulate fixtures/devices/logitech-h340/lsusb.txt
  # a headset with its HID report descriptor on interface 3; press volume up then release
  printf 'send 3 0102\nsend 3 0100\n' | usbaudio emulate headset.bin --report 3=report_descriptor.bin
  # serve a -60..+6 dB volume range and 44.1/48 kHz
  usbaudio emulate qemu-audio.bin --volume-db -60:6 --rates 48000,44100

Lines on standard input drive the device:
  send IFACE HEX   queue an input report on interface IFACE's interrupt IN endpoint
  detach           unplug the device          attach   plug it in again
  quit             unplug and exit
At end of input the device stays plugged in until Ctrl-C, which unplugs it.
`

// runEmulate serves a descriptor set (anything decode reads) as a real USB
// device through the kernel's usbip host driver, so snd-usb-audio, usbhid,
// ALSA, udev and everything above them see a device plugged in.
func runEmulate(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("emulate", "emulate FILE [--report IFACE=FILE]... [flags]", emulateExamples, stderr)
	var (
		reports   []string
		sysfs     = flags.String("sysfs", "/sys", "sysfs mount (for /sys/devices/platform/vhci_hcd.0)")
		speedName = flags.String("speed", "auto", "bus speed: auto (from the endpoints), full, high or super")
		volume    = flags.String("volume-db", "-40:0", "the volume range feature units report, `MIN:MAX` in dB")
		rates     = flags.String("rates", "48000", "sample rates clock sources report (first is current), comma-separated")
		logReq    = flags.Bool("log-requests", false, "print one line per control request the host sends")
	)
	flags.StringArrayVar(&reports, "report", nil, "HID report descriptor for an interface, `IFACE=FILE` (binary or hex; repeatable)")
	if helped, err := parseFlags(flags, args, stdout); helped || err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return exitf(exitUsage, "give exactly one descriptor file (see --help)")
	}
	dev, err := emulatedDevice(flags.Arg(0), reports, *volume, *rates)
	if err != nil {
		return err
	}
	if *logReq {
		dev.Logf = func(format string, a ...any) { fmt.Fprintf(stdout, "request: "+format+"\n", a...) }
	}
	speed, ok := map[string]emulate.Speed{"full": emulate.SpeedFull, "high": emulate.SpeedHigh, "super": emulate.SpeedSuper}[*speedName]
	if !ok {
		if *speedName != "auto" {
			return exitf(exitUsage, "--speed %q: want auto, full, high or super", *speedName)
		}
		speed = emulate.SpeedFromDescriptors(dev.Descriptors)
	}
	dev.Speed = speed
	plug := func() (func() error, <-chan error, error) {
		att, err := emulate.AttachVHCI(*sysfs, -1, speed)
		if err != nil {
			return nil, nil, emulateAttachError(err)
		}
		served := make(chan error, 1)
		go func() { served <- dev.Serve(att.Conn) }()
		fmt.Fprintf(stdout, "attached: port %d, %v speed, %s\n", att.Port, speed, dev)
		return att.Detach, served, nil
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	return emulateLoop(os.Stdin, stdout, sig, plug, dev.SendInputReport)
}

// emulatedDevice loads the descriptors (and strings, when the input was
// lsusb text) and the report descriptors, and checks them.
func emulatedDevice(file string, reports []string, volume, rates string) (*emulate.Device, error) {
	inputs, err := readInputFiles([]string{file})
	if err != nil {
		return nil, exitf(exitMalformed, "%v", err)
	}
	if len(inputs) != 1 {
		return nil, exitf(exitUsage, "%s holds %d devices; emulate serves one", file, len(inputs))
	}
	in := inputs[0]
	dev := &emulate.Device{Descriptors: in.descriptors, HIDReports: map[int][]byte{}, Strings: map[uint8]string{}}
	for i, s := range in.strings.Table {
		dev.Strings[i] = s
	}
	for _, r := range reports {
		i, path, ok := strings.Cut(r, "=")
		n, err := strconv.Atoi(i)
		if !ok || err != nil || n < 0 || n > 255 {
			return nil, exitf(exitUsage, "--report %q: want IFACE=FILE", r)
		}
		b, err := readInputFile(path)
		if err != nil {
			return nil, err
		}
		if isText(b) {
			if b, err = parseHexText(b); err != nil {
				return nil, exitf(exitMalformed, "%s: %v", path, err)
			}
		}
		dev.HIDReports[n] = b
		dev.PatchHIDLength = true
	}
	lo, hi, ok := strings.Cut(volume, ":")
	min, err1 := strconv.ParseFloat(lo, 64)
	max, err2 := strconv.ParseFloat(hi, 64)
	if !ok || err1 != nil || err2 != nil || min >= max || min < -127 || max > 127 {
		return nil, exitf(exitUsage, "--volume-db %q: want MIN:MAX in dB, MIN < MAX, within -127..127", volume)
	}
	dev.Audio.VolumeMin, dev.Audio.VolumeMax, dev.Audio.VolumeRes = int16(min*256), int16(max*256), 256
	for _, r := range strings.Split(rates, ",") {
		hz, err := strconv.ParseUint(strings.TrimSpace(r), 10, 32)
		if err != nil || hz == 0 {
			return nil, exitf(exitUsage, "--rates %q: want sample rates in Hz, comma-separated", rates)
		}
		dev.Audio.SampleRates = append(dev.Audio.SampleRates, uint32(hz))
	}
	if err := dev.Validate(); err != nil {
		return nil, exitf(exitMalformed, "%s: %v", file, err)
	}
	return dev, nil
}

func emulateAttachError(err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return exitf(exitDenied, "%v (attaching a device through vhci_hcd needs root)", err)
	}
	if errors.Is(err, fs.ErrNotExist) {
		return exitf(exitNoDevice, "%v (load the usbip host driver: sudo modprobe vhci-hcd)", err)
	}
	return err
}

// emulateLoop plugs the device in and follows the command lines until quit
// or a signal. plug returns the unplug function and a channel that reports
// when the kernel ends the connection; it is injected so the loop can be
// tested without a kernel.
func emulateLoop(in io.Reader, out io.Writer, sig <-chan os.Signal,
	plug func() (func() error, <-chan error, error), send func(int, []byte) error) error {
	unplug, served, err := plug()
	if err != nil {
		return err
	}
	detach := func() {
		if unplug == nil {
			return
		}
		err := unplug()
		serr := <-served
		fmt.Fprintf(out, "detached (detach: %v, connection: %v)\n", errText(err), errText(serr))
		unplug, served = nil, nil
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for {
		select {
		case <-sig:
			detach()
			return nil
		case err := <-served:
			fmt.Fprintf(out, "connection ended by the host: %v\n", errText(err))
			unplug, served = nil, nil
		case line, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			f := strings.Fields(line)
			switch {
			case len(f) == 0:
			case len(f) == 3 && f[0] == "send":
				iface, err1 := strconv.Atoi(f[1])
				report, err2 := hex.DecodeString(f[2])
				if err1 != nil || err2 != nil {
					fmt.Fprintf(out, "bad line %q: want send IFACE HEX\n", line)
				} else if err := send(iface, report); err != nil {
					fmt.Fprintf(out, "send: %v\n", err)
				} else {
					fmt.Fprintf(out, "sent %x on interface %d\n", report, iface)
				}
			case len(f) == 1 && f[0] == "detach":
				detach()
			case len(f) == 1 && f[0] == "attach":
				if unplug == nil {
					if unplug, served, err = plug(); err != nil {
						fmt.Fprintf(out, "attach: %v\n", err)
					}
				}
			case len(f) == 1 && f[0] == "quit":
				detach()
				return nil
			default:
				fmt.Fprintf(out, "bad line %q (send IFACE HEX, detach, attach, quit)\n", line)
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}
