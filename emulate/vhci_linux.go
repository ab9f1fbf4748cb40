//go:build linux

package emulate

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// vhciDir is vhci_hcd's platform device directory below a sysfs root.
const vhciDir = "devices/platform/vhci_hcd.0"

// vdevStatusNull is VDEV_ST_NULL in the status file: the port is free
// (drivers/usb/usbip/usbip_common.h).
const vdevStatusNull = 4

// Attachment is a device plugged into a vhci_hcd port. Conn is the device's
// end of the usbip connection: pass it to (*Device).Serve.
type Attachment struct {
	Conn      net.Conn
	Port      int
	sysfsRoot string
}

// AttachVHCI plugs a new virtual device into vhci_hcd port `port` at the
// given speed: it makes a socket pair, hands one end to the kernel through
// <sysfsRoot>/devices/platform/vhci_hcd.0/attach ("port sockfd devid
// speed") and returns the other end. sysfsRoot is normally "/sys". A port
// below 0 picks a free one for the speed (FreePort).
func AttachVHCI(sysfsRoot string, port int, speed Speed) (*Attachment, error) {
	if port < 0 {
		p, err := FreePort(sysfsRoot, speed)
		if err != nil {
			return nil, err
		}
		port = p
	}
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("emulate: socketpair: %w", err)
	}
	kernelEnd := fds[0]
	ours := os.NewFile(uintptr(fds[1]), "usbip")
	// devid is busnum << 16 | devnum of the remote device; any unique value
	// will do, it only comes back in every usbip header.
	devid := 1<<16 | (port + 2)
	line := fmt.Sprintf("%d %d %d %d", port, kernelEnd, devid, int(speed))
	werr := os.WriteFile(filepath.Join(sysfsRoot, vhciDir, "attach"), []byte(line), 0)
	// The kernel took its own reference to the socket; ours can go.
	syscall.Close(kernelEnd)
	if werr != nil {
		ours.Close()
		return nil, fmt.Errorf("emulate: attach %q: %w", line, werr)
	}
	conn, err := net.FileConn(ours)
	ours.Close()
	if err != nil {
		return nil, fmt.Errorf("emulate: %w", err)
	}
	return &Attachment{Conn: conn, Port: port, sysfsRoot: sysfsRoot}, nil
}

// Detach unplugs the device (vhci_hcd's detach file) and closes the
// connection; Serve then returns.
func (a *Attachment) Detach() error {
	err := os.WriteFile(filepath.Join(a.sysfsRoot, vhciDir, "detach"), []byte(strconv.Itoa(a.Port)), 0)
	a.Conn.Close()
	if err != nil {
		return fmt.Errorf("emulate: detach port %d: %w", a.Port, err)
	}
	return nil
}

// FreePort returns the first free vhci_hcd port for the speed: "hs" ports
// take low, full and high speed devices, "ss" ports super speed ones. The
// status file lists "hub port sta spd dev sockfd local_busid" per port.
func FreePort(sysfsRoot string, speed Speed) (int, error) {
	f, err := os.Open(filepath.Join(sysfsRoot, vhciDir, "status"))
	if err != nil {
		return 0, fmt.Errorf("emulate: is vhci-hcd loaded? %w", err)
	}
	defer f.Close()
	want := "hs"
	if speed >= SpeedSuper {
		want = "ss"
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 || fields[0] != want {
			continue
		}
		port, err1 := strconv.Atoi(fields[1])
		sta, err2 := strconv.Atoi(fields[2])
		if err1 == nil && err2 == nil && sta == vdevStatusNull {
			return port, nil
		}
	}
	return 0, fmt.Errorf("emulate: no free %s port in vhci_hcd", want)
}
