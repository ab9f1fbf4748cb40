// Command replay runs inside the e2e guest: it serves a descriptor set as a
// USB device through vhci_hcd with package emulate, so the guest kernel's
// drivers bind to it. It is driven by lines on stdin:
//
//	send IFACE HEX   queue an input report on interface IFACE's interrupt IN endpoint
//	detach           unplug the device
//	attach           plug it in again
//	quit             unplug and exit
//
// At EOF on stdin it keeps serving until SIGTERM or SIGINT, then unplugs.
// Every state change prints one "replay: ..." line on stdout.
package main

import (
	"bufio"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/usbaudio/usbaudio/emulate"
)

type reportFlags map[int]string

func (r reportFlags) String() string { return fmt.Sprint(map[int]string(r)) }
func (r reportFlags) Set(v string) error {
	i, path, ok := strings.Cut(v, "=")
	n, err := strconv.Atoi(i)
	if !ok || err != nil {
		return fmt.Errorf("want IFACE=FILE, got %q", v)
	}
	r[n] = path
	return nil
}

func main() {
	descPath := flag.String("d", "", "descriptor blob (device descriptor + configurations)")
	stringsPath := flag.String("s", "", "string table: lines \"INDEX TEXT\"")
	speedName := flag.String("speed", "auto", "auto, full, high or super")
	logPath := flag.String("log", "", "file for one line per control request")
	sysfs := flag.String("sysfs", "/sys", "sysfs root")
	patch := flag.Bool("patch-hid-length", false, "announce each -r report descriptor's real length in the HID descriptor")
	reports := reportFlags{}
	flag.Var(reports, "r", "HID report descriptor IFACE=FILE (repeatable)")
	flag.Parse()
	if err := run(*descPath, *stringsPath, *speedName, *logPath, *sysfs, reports, *patch); err != nil {
		fmt.Println("replay: error:", err)
		os.Exit(1)
	}
}

func run(descPath, stringsPath, speedName, logPath, sysfs string, reports reportFlags, patch bool) error {
	blob, err := os.ReadFile(descPath)
	if err != nil {
		return err
	}
	dev := &emulate.Device{Descriptors: blob, HIDReports: map[int][]byte{}, PatchHIDLength: patch}
	if stringsPath != "" {
		if dev.Strings, err = readStrings(stringsPath); err != nil {
			return err
		}
	}
	for iface, path := range reports {
		if dev.HIDReports[iface], err = os.ReadFile(path); err != nil {
			return err
		}
	}
	if logPath != "" {
		f, err := os.Create(logPath)
		if err != nil {
			return err
		}
		defer f.Close()
		var mu sync.Mutex
		dev.Logf = func(format string, args ...any) {
			mu.Lock()
			fmt.Fprintf(f, format+"\n", args...)
			mu.Unlock()
		}
	}
	if err := dev.Validate(); err != nil {
		return err
	}
	speed := map[string]emulate.Speed{"full": emulate.SpeedFull, "high": emulate.SpeedHigh, "super": emulate.SpeedSuper}[speedName]
	if speed == 0 {
		speed = emulate.SpeedFromDescriptors(blob)
	}
	dev.Speed = speed

	var att *emulate.Attachment
	served := make(chan error, 1)
	attach := func() error {
		a, err := emulate.AttachVHCI(sysfs, -1, speed)
		if err != nil {
			return err
		}
		att = a
		fmt.Printf("replay: attached port %d speed %v\n", a.Port, speed)
		go func() { served <- dev.Serve(a.Conn) }()
		return nil
	}
	detach := func() {
		if att == nil {
			return
		}
		err := att.Detach()
		serr := <-served
		fmt.Printf("replay: detached port %d (detach: %v, serve: %v, %d requests)\n", att.Port, err, serr, len(dev.Requests()))
		att = nil
	}
	if err := attach(); err != nil {
		return err
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(os.Stdin)
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
			// The kernel dropped the connection on its own.
			fmt.Printf("replay: connection ended: %v\n", err)
			att = nil
		case line, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			f := strings.Fields(line)
			switch {
			case len(f) == 3 && f[0] == "send":
				iface, err1 := strconv.Atoi(f[1])
				report, err2 := hex.DecodeString(f[2])
				if err1 != nil || err2 != nil {
					fmt.Printf("replay: bad send line %q\n", line)
					continue
				}
				if err := dev.SendInputReport(iface, report); err != nil {
					fmt.Printf("replay: send: %v\n", err)
				} else {
					fmt.Printf("replay: sent %x\n", report)
				}
			case len(f) == 1 && f[0] == "detach":
				detach()
			case len(f) == 1 && f[0] == "attach":
				if att == nil {
					if err := attach(); err != nil {
						fmt.Printf("replay: attach: %v\n", err)
					}
				}
			case len(f) == 1 && f[0] == "quit":
				detach()
				return nil
			}
		}
	}
}

func readStrings(path string) (map[uint8]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[uint8]string{}
	for _, line := range strings.Split(string(data), "\n") {
		i, text, ok := strings.Cut(line, " ")
		n, err := strconv.Atoi(i)
		if !ok || err != nil || n < 1 || n > 255 {
			continue
		}
		out[uint8(n)] = text
	}
	return out, nil
}
