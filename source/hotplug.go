package source

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"
)

// HotplugAction says whether a device arrived or left.
type HotplugAction string

const (
	HotplugAdd    HotplugAction = "add"
	HotplugRemove HotplugAction = "remove"
)

// HotplugEvent is one arrival or departure. A remove carries the device as
// it was last read, since it can no longer be read.
type HotplugEvent struct {
	Action HotplugAction
	// Initial marks the adds for devices present when Watch started.
	Initial bool
	Time    time.Time
	Device  RawDevice
}

// WatchOptions configures Watch; the embedded Options choose the backend,
// the tree and (through Select) which devices are reported.
type WatchOptions struct {
	Options
	// Interval between polls; 0 means 500 ms.
	Interval time.Duration
	// Settle is how long a new device must stay before it is read, so its
	// interfaces have drivers (and hidraw nodes) bound; 0 means Interval.
	Settle time.Duration
}

// deviceKey tells a re-plugged device from the one before: the port is
// reused, the address on the bus is not.
func deviceKey(id DeviceID) string { return fmt.Sprintf("%s#%d", id.PortPath, id.Dev) }

// Watch reports devices as they come and go by polling the backend's
// device list: on Linux the sysfs directory, which needs no root and works
// on a captured tree; on the live system kernel uevents make it poll at
// once. Devices present at the start arrive first, as adds
// with Initial set. The channel is closed when ctx ends.
func Watch(ctx context.Context, opts WatchOptions) (<-chan HotplugEvent, error) {
	if opts.Interval <= 0 {
		opts.Interval = 500 * time.Millisecond
	}
	if opts.Settle <= 0 {
		opts.Settle = opts.Interval
	}
	w := &watcher{opts: opts, known: map[string]RawDevice{}, pending: map[string]time.Time{}}
	initial, err := w.poll(true)
	if err != nil {
		return nil, err
	}
	out := make(chan HotplugEvent, len(initial)+16)
	for _, ev := range initial {
		out <- ev
	}
	// On the live system kernel uevents trigger a poll at once; the ticker
	// still runs for settling devices and in case events are lost.
	var wake <-chan struct{}
	if opts.Root == "" && (opts.Backend == "" || opts.Backend == BackendSysfs) && DefaultBackend() == BackendSysfs {
		wake, _ = ueventWakeups(ctx) // nil (never ready) when netlink is unavailable
	}
	go func() {
		defer close(out)
		tick := time.NewTicker(opts.Interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			case <-wake:
			}
			events, err := w.poll(false)
			if err != nil {
				continue // the list is briefly unreadable; try again next tick
			}
			for _, ev := range events {
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

type watcher struct {
	opts    WatchOptions
	known   map[string]RawDevice // reported as added
	pending map[string]time.Time // seen, not yet settled
}

// poll lists the devices, reads the ones that are new and settled, and
// diffs. The backend's Select hook sees every device's identity before
// anything else is read, which is where the listing is taken.
func (w *watcher) poll(first bool) ([]HotplugEvent, error) {
	now := time.Now()
	present := map[string]bool{}
	opts := w.opts.Options
	userSelect := opts.Select
	opts.Select = func(id DeviceID) bool {
		k := deviceKey(id)
		present[k] = true
		if _, ok := w.known[k]; ok {
			return false
		}
		if userSelect != nil && !userSelect(id) {
			return false
		}
		if first {
			return true
		}
		since, ok := w.pending[k]
		if !ok {
			w.pending[k] = now
			return w.opts.Settle <= 0
		}
		return now.Sub(since) >= w.opts.Settle
	}
	devs, err := Scan(opts)
	if err != nil {
		return nil, err
	}
	var events []HotplugEvent
	for k, dev := range w.known {
		if !present[k] {
			delete(w.known, k)
			events = append(events, HotplugEvent{Action: HotplugRemove, Time: now, Device: dev})
		}
	}
	for k := range w.pending {
		if !present[k] {
			delete(w.pending, k)
		}
	}
	for _, dev := range devs {
		if dev.Gone {
			continue // came and went within one poll
		}
		k := deviceKey(DeviceID{PortPath: dev.PortPath, Dev: dev.Dev})
		if since, ok := w.pending[k]; ok && !first && hidUnbound(&dev) && now.Sub(since) < bindWaitSettles*w.opts.Settle {
			// The kernel binds interfaces one after another; snd-usb-audio's
			// probe of the audio interfaces can take seconds before usbhid
			// gets the HID one. Reported now, the device would have no
			// hidraw node for watch to read: read it again next poll.
			continue
		}
		delete(w.pending, k)
		w.known[k] = dev
		events = append(events, HotplugEvent{Action: HotplugAdd, Initial: first, Time: now, Device: dev})
	}
	sortEvents(events)
	return events, nil
}

// bindWaitSettles bounds how long (in Settle periods) a new device waits
// for a driver on its HID interfaces; one that never gets one (usbhid not
// loaded) is reported after that.
const bindWaitSettles = 20

// hidUnbound reports whether a HID interface of the device is not ready:
// declared in the first configuration but not created yet (the kernel adds
// and probes interfaces one after another), without a driver, or without
// its hidraw node (the driver core links the driver before usbhid's probe
// creates the node).
func hidUnbound(dev *RawDevice) bool {
	ready := map[uint8]bool{}
	for _, i := range dev.Interfaces {
		if i.Class != 0x03 {
			continue
		}
		node := false
		for _, h := range i.HIDRaw {
			node = node || h.Node != ""
		}
		if i.Driver == "" || !node {
			return true
		}
		ready[i.Number] = true
	}
	for _, n := range declaredHIDInterfaces(dev.Descriptors) {
		if !ready[n] {
			return true
		}
	}
	return false
}

// declaredHIDInterfaces lists the interface numbers of class HID (0x03) in
// the first configuration of a descriptor blob, reading only bytes present.
func declaredHIDInterfaces(blob []byte) []uint8 {
	if len(blob) < 1 {
		return nil
	}
	start := int(blob[0])
	if start < 2 || start+4 > len(blob) {
		return nil
	}
	end := start + int(binary.LittleEndian.Uint16(blob[start+2:]))
	if end > len(blob) {
		end = len(blob)
	}
	var out []uint8
	for off := start; off+2 <= end; {
		n := int(blob[off])
		if n < 2 {
			break
		}
		if blob[off+1] == 0x04 && n >= 9 && off+9 <= end && blob[off+5] == 0x03 {
			out = append(out, blob[off+2])
		}
		off += n
	}
	return out
}

// sortEvents puts removes first (a re-plug reads as remove then add) and
// orders each kind by port.
func sortEvents(ev []HotplugEvent) {
	less := func(a, b HotplugEvent) bool {
		if a.Action != b.Action {
			return a.Action == HotplugRemove
		}
		return portPathLess(a.Device.PortPath, b.Device.PortPath)
	}
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && less(ev[j], ev[j-1]); j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
}
