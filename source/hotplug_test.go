package source

import (
	"context"
	"github.com/usbaudio/usbaudio/internal/testtree"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func nextEvent(t *testing.T, ch <-chan HotplugEvent) HotplugEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("channel closed")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no hotplug event within 5 s")
	}
	return HotplugEvent{}
}

func TestWatchTree(t *testing.T) {
	root := testtree.Copy(t, handRoot)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := Watch(ctx, WatchOptions{Options: Options{Root: root}, Interval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, port := range []string{"3-2", "3-10"} {
		ev := nextEvent(t, ch)
		if ev.Action != HotplugAdd || !ev.Initial || ev.Device.PortPath != port {
			t.Fatalf("initial event = %s %v %s, want add %s", ev.Action, ev.Initial, ev.Device.PortPath, port)
		}
	}

	// unplug 3-10: the kernel removes its link and directory
	keys := filepath.Join(root, "sys/devices/pci0000:00/0000:00:14.0/usb3/3-10")
	saved := filepath.Join(t.TempDir(), "3-10")
	if err := os.Rename(keys, saved); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "sys/bus/usb/devices/3-10")
	os.Remove(link)
	ev := nextEvent(t, ch)
	if ev.Action != HotplugRemove || ev.Device.PortPath != "3-10" || ev.Device.Product != "Keys" || ev.Initial {
		t.Fatalf("unplug event = %s %s %q", ev.Action, ev.Device.PortPath, ev.Device.Product)
	}

	// plug it back: same port, new address
	os.WriteFile(filepath.Join(saved, "devnum"), []byte("11\n"), 0o644)
	os.Rename(saved, keys)
	os.Symlink("../../../devices/pci0000:00/0000:00:14.0/usb3/3-10", link)
	ev = nextEvent(t, ch)
	if ev.Action != HotplugAdd || ev.Device.PortPath != "3-10" || ev.Device.Dev != 11 || ev.Initial {
		t.Fatalf("replug event = %s %s dev %d", ev.Action, ev.Device.PortPath, ev.Device.Dev)
	}

	// a re-plug faster than a poll shows up as a new address: remove then add
	writeAtomic(t, filepath.Join(keys, "devnum"), "12\n")
	ev1, ev2 := nextEvent(t, ch), nextEvent(t, ch)
	if ev1.Action != HotplugRemove || ev1.Device.Dev != 11 || ev2.Action != HotplugAdd || ev2.Device.Dev != 12 {
		t.Fatalf("fast replug = %s %d, %s %d", ev1.Action, ev1.Device.Dev, ev2.Action, ev2.Device.Dev)
	}

	cancel()
	for range ch {
	} // closes after cancel
}

func TestWatchSelectAndErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := Watch(ctx, WatchOptions{Options: Options{Root: handRoot,
		Select: func(id DeviceID) bool { return id.VendorID == 0x1209 }}, Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ev := nextEvent(t, ch)
	if ev.Device.PortPath != "3-2" {
		t.Fatalf("selected %s", ev.Device.PortPath)
	}
	select {
	case ev := <-ch:
		t.Fatalf("unselected device reported: %+v", ev.Device.PortPath)
	default:
	}
	if _, err := Watch(ctx, WatchOptions{Options: Options{Root: t.TempDir()}}); err == nil {
		t.Error("Watch on a tree without sysfs did not fail")
	}
}

// writeAtomic replaces a file in one step, as sysfs values change: a poll
// never sees it half written.
func writeAtomic(t *testing.T, name, text string) {
	t.Helper()
	tmp := name + ".new"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func TestParseUevent(t *testing.T) {
	msg := []byte("add@/devices/pci0000:00/0000:00:14.0/usb3/3-2\x00ACTION=add\x00DEVPATH=/devices/pci0000:00/0000:00:14.0/usb3/3-2\x00" +
		"SUBSYSTEM=usb\x00DEVNAME=bus/usb/003/007\x00DEVTYPE=usb_device\x00PRODUCT=1209/1/100\x00SEQNUM=4242\x00")
	ev, ok := parseUevent(msg)
	if !ok || ev.Action != "add" || ev.DevPath != "/devices/pci0000:00/0000:00:14.0/usb3/3-2" ||
		ev.Env["DEVNAME"] != "bus/usb/003/007" || !ev.isUSBDeviceEvent() {
		t.Fatalf("uevent = %+v %v", ev, ok)
	}
	intf, _ := parseUevent([]byte("add@/devices/x/3-2/3-2:1.0\x00SUBSYSTEM=usb\x00DEVTYPE=usb_interface\x00"))
	if intf.isUSBDeviceEvent() {
		t.Error("interface event taken for a device event")
	}
	for _, bad := range []string{"", "libudev\x00\xfe\xed", "add@relative\x00", "@/x"} {
		if _, ok := parseUevent([]byte(bad)); ok {
			t.Errorf("parsed %q", bad)
		}
	}
}

func TestUeventSocket(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	wake, err := ueventWakeups(ctx)
	if err != nil {
		cancel()
		t.Skipf("netlink unavailable here: %v", err)
	}
	select {
	case <-wake: // a real USB event in the sandbox: fine either way
	case <-time.After(20 * time.Millisecond):
	}
	cancel() // must stop the reader without hanging (checked by -race and the test timeout)
}

// A device whose HID interface has no driver yet (snd-usb-audio is still
// probing the audio interfaces), or a driver but no hidraw node yet, is
// reported only once the node exists, so watch can open it.
func TestWatchWaitsForHIDDriver(t *testing.T) {
	root := testtree.Copy(t, handRoot)
	dev := filepath.Join(root, "sys/devices/pci0000:00/0000:00:14.0/usb3/3-2")
	link := filepath.Join(root, "sys/bus/usb/devices/3-2")
	saved := filepath.Join(t.TempDir(), "3-2")
	if err := os.Rename(dev, saved); err != nil {
		t.Fatal(err)
	}
	os.Remove(link)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := Watch(ctx, WatchOptions{Options: Options{Root: root}, Interval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if ev := nextEvent(t, ch); ev.Device.PortPath != "3-10" {
		t.Fatalf("initial event for %s, want 3-10", ev.Device.PortPath)
	}
	// plug 3-2 in with its HID interface 1.3 not bound yet
	driver := filepath.Join(saved, "3-2:1.3", "driver")
	target, err := os.Readlink(driver)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(driver)
	// first without interface 1.3 at all: the kernel has not created it yet
	intf3 := filepath.Join(saved, "3-2:1.3")
	intf3Saved := filepath.Join(t.TempDir(), "3-2:1.3")
	if err := os.Rename(intf3, intf3Saved); err != nil {
		t.Fatal(err)
	}
	os.Rename(saved, dev)
	os.Symlink("../../../devices/pci0000:00/0000:00:14.0/usb3/3-2", link)
	select {
	case ev := <-ch:
		t.Fatalf("%s %s reported before its HID interface existed", ev.Action, ev.Device.PortPath)
	case <-time.After(150 * time.Millisecond):
	}
	os.Rename(intf3Saved, filepath.Join(dev, "3-2:1.3"))
	select {
	case ev := <-ch:
		t.Fatalf("%s %s reported before its HID interface had a driver", ev.Action, ev.Device.PortPath)
	case <-time.After(150 * time.Millisecond): // settle is 50 ms; the wait at most 1 s
	}
	os.Symlink(target, filepath.Join(dev, "3-2:1.3", "driver"))
	// usbhid bound, its probe not finished: no hidraw node yet
	hidraw := filepath.Join(dev, "3-2:1.3", "0003:1209:0001.0004", "hidraw")
	hidrawSaved := filepath.Join(t.TempDir(), "hidraw")
	if err := os.Rename(hidraw, hidrawSaved); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-ch:
		t.Fatalf("%s %s reported before its HID interface had a hidraw node", ev.Action, ev.Device.PortPath)
	case <-time.After(150 * time.Millisecond):
	}
	os.Rename(hidrawSaved, hidraw)
	ev := nextEvent(t, ch)
	if ev.Action != HotplugAdd || ev.Device.PortPath != "3-2" {
		t.Fatalf("event = %s %s, want add 3-2", ev.Action, ev.Device.PortPath)
	}
	for _, i := range ev.Device.Interfaces {
		if i.Number == 3 && (i.Driver != "usbhid" || len(i.HIDRaw) == 0) {
			t.Errorf("interface 3: driver %q, %d hidraw nodes; want usbhid with its node", i.Driver, len(i.HIDRaw))
		}
	}
}
