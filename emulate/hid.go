package emulate

import (
	"errors"
	"fmt"
)

// HID class requests (HID 1.11 §7.2).
const (
	hidGetReport   = 0x01
	hidGetIdle     = 0x02
	hidGetProtocol = 0x03
	hidSetReport   = 0x09
	hidSetIdle     = 0x0A
	hidSetProtocol = 0x0B
	hidInputReport = 0x01
)

// hidClass answers HID class requests; d.mu is held.
func (d *Device) hidClass(s Setup, out []byte) ([]byte, int32) {
	in := s.RequestType&dirIn != 0
	iface := uint8(s.Index)
	switch {
	case !in && (s.Request == hidSetIdle || s.Request == hidSetProtocol || s.Request == hidSetReport):
		return nil, StatusOK
	case in && s.Request == hidGetIdle:
		return truncate([]byte{0}, s.Length), StatusOK
	case in && s.Request == hidGetProtocol:
		return truncate([]byte{1}, s.Length), StatusOK // report protocol
	case in && s.Request == hidGetReport:
		// wValue = report type << 8 | report ID. Answer the last input
		// report sent with that ID, or zeros, as an idle device would.
		if uint8(s.Value>>8) == hidInputReport {
			if r, ok := d.lastReport[iface][uint8(s.Value)]; ok {
				return truncate(r, s.Length), StatusOK
			}
			if r, ok := d.lastAny[iface]; ok && uint8(s.Value) == 0 {
				return truncate(r, s.Length), StatusOK // device without report IDs
			}
		}
		z := make([]byte, s.Length)
		if len(z) > 0 {
			z[0] = uint8(s.Value)
		}
		return z, StatusOK
	}
	return nil, StatusStall
}

// interruptIn parks an interrupt IN URB until a report is queued for its
// endpoint, answering at once when one is already waiting.
func (d *Device) interruptIn(s *Submit, addr uint8) error {
	d.mu.Lock()
	if q := d.reports[addr]; len(q) > 0 {
		report := q[0]
		d.reports[addr] = q[1:]
		d.mu.Unlock()
		return d.reply(s, StatusOK, report, nil)
	}
	p := &pendingURB{submit: s}
	d.pending[s.Seqnum] = p
	d.intrWait[addr] = append(d.intrWait[addr], p)
	d.mu.Unlock()
	return nil
}

// ErrNoInterruptIn is returned by SendInputReport for an interface without
// an interrupt IN endpoint.
var ErrNoInterruptIn = errors.New("emulate: interface has no interrupt IN endpoint")

// SendInputReport delivers an input report on the interrupt IN endpoint of
// interface iface: it completes the oldest URB the host has waiting, or
// is queued until the host polls (usbhid polls only while a reader holds the
// hidraw node open). For devices with report IDs, report[0] is the ID.
func (d *Device) SendInputReport(iface int, report []byte) error {
	if err := d.init(); err != nil {
		return err
	}
	if iface < 0 || iface > 255 {
		return fmt.Errorf("emulate: interface %d out of range", iface)
	}
	addr, ok := d.layout.interruptIn(uint8(iface))
	if !ok {
		return ErrNoInterruptIn
	}
	report = append([]byte(nil), report...)
	d.mu.Lock()
	last := d.lastReport[uint8(iface)]
	if last == nil {
		last = map[uint8][]byte{}
		d.lastReport[uint8(iface)] = last
	}
	if len(report) > 0 {
		last[report[0]] = report
	}
	d.lastAny[uint8(iface)] = report
	if q := d.intrWait[addr]; d.conn != nil && len(q) > 0 {
		p := q[0]
		d.intrWait[addr] = q[1:]
		delete(d.pending, p.submit.Seqnum)
		d.mu.Unlock()
		return d.reply(p.submit, StatusOK, report, nil)
	}
	if len(d.reports[addr]) >= maxQueuedReports {
		d.mu.Unlock()
		return fmt.Errorf("emulate: %d reports already queued on endpoint %#02x", maxQueuedReports, addr)
	}
	d.reports[addr] = append(d.reports[addr], report)
	d.mu.Unlock()
	return nil
}

// patchHIDLengths returns a copy of blob in which every HID class
// descriptor (HID 1.11 §6.2.1) of an interface that has a served report
// descriptor announces that report descriptor's real length. usbhid asks for
// exactly wDescriptorLength bytes, so a report descriptor taken from another
// source than the configuration must be announced with its own length.
func patchHIDLengths(blob []byte, reports map[int][]byte) []byte {
	out := append([]byte(nil), blob...)
	iface := -1
	for off := 0; off+2 <= len(out); {
		n := int(out[off])
		if n < 2 || off+n > len(out) {
			break
		}
		d := out[off : off+n]
		switch d[1] {
		case dtInterface:
			if n >= 3 {
				iface = int(d[2])
			}
		case dtHID:
			rd, ok := reports[iface]
			if !ok || n < 6 {
				break
			}
			// bNumDescriptors at byte 5, then (bDescriptorType, wDescriptorLength) triples.
			for i := 6; i+3 <= n; i += 3 {
				if d[i] == dtHIDReport {
					d[i+1], d[i+2] = byte(len(rd)), byte(len(rd)>>8)
					break
				}
			}
		}
		off += n
	}
	return out
}
