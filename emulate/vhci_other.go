//go:build !linux

package emulate

import (
	"errors"
	"net"
)

// ErrNoVHCI: vhci_hcd, the usbip host driver, exists only in Linux.
var ErrNoVHCI = errors.New("emulate: plugging a device in needs Linux's vhci_hcd (usbip host driver)")

// Attachment is a device plugged into a vhci_hcd port (Linux only).
type Attachment struct {
	Conn net.Conn
	Port int
}

// AttachVHCI fails: there is no vhci_hcd outside Linux. Serve still works
// over any net.Conn speaking usbip.
func AttachVHCI(sysfsRoot string, port int, speed Speed) (*Attachment, error) { return nil, ErrNoVHCI }

// Detach does nothing outside Linux.
func (a *Attachment) Detach() error { return ErrNoVHCI }

// FreePort fails outside Linux.
func FreePort(sysfsRoot string, speed Speed) (int, error) { return 0, ErrNoVHCI }
