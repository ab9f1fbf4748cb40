package source

import (
	"context"
	"os"
	"syscall"
)

// ueventWakeups listens to the kernel's hotplug messages (netlink
// NETLINK_KOBJECT_UEVENT, multicast group 1, readable without root) and
// signals on the channel after each USB device event, so Watch polls at
// once instead of waiting for its next tick.
func ueventWakeups(ctx context.Context) (<-chan struct{}, error) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK,
		syscall.NETLINK_KOBJECT_UEVENT)
	if err != nil {
		return nil, err
	}
	if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK, Groups: 1}); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	// a non-blocking descriptor goes through the runtime poller, so Close
	// wakes the reader when ctx ends
	f := os.NewFile(uintptr(fd), "uevent")
	wake := make(chan struct{}, 1)
	go func() {
		<-ctx.Done()
		f.Close()
	}()
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := f.Read(buf)
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				continue // ENOBUFS after a burst: events were lost, a poll will catch up
			}
			if ev, ok := parseUevent(buf[:n]); ok && ev.isUSBDeviceEvent() {
				select {
				case wake <- struct{}{}:
				default:
				}
			}
		}
	}()
	return wake, nil
}
