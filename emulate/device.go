package emulate

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// Device is a USB device served from its descriptors. Fill the exported
// fields, then call Serve with the host end of a usbip connection (see
// AttachVHCI). A Device serves one connection at a time; Serve may be
// called again after it returns (a re-plug), keeping queued input reports.
type Device struct {
	// Descriptors is the device descriptor followed by its configuration(s),
	// each wTotalLength bytes long: the layout of sysfs "descriptors".
	Descriptors []byte
	// Strings answers GET_DESCRIPTOR(String) by index; index 0 (the LANGID
	// table) is always US English. A missing index stalls.
	Strings map[uint8]string
	// HIDReports answers GET_DESCRIPTOR(Report) per interface number.
	HIDReports map[int][]byte
	// PatchHIDLength makes each served HID descriptor announce the length
	// of the report descriptor in HIDReports instead of the length written
	// in Descriptors (for report descriptors taken from another capture).
	PatchHIDLength bool
	// Audio is the model behind UAC volume, mute and clock requests.
	Audio AudioModel
	// Speed paces isochronous completions (frames vs microframes); it
	// should match the speed given to AttachVHCI. Zero means full speed.
	Speed Speed
	// Logf, if set, receives one line per request (for debugging a guest).
	Logf func(format string, args ...any)

	once   sync.Once
	layout *layout
	err    error

	mu         sync.Mutex
	conn       net.Conn
	wmu        sync.Mutex // serialises writes: replies come from several goroutines
	config     uint8
	alt        map[uint8]uint8
	pending    map[uint32]*pendingURB // seqnum -> URB not yet answered
	intrWait   map[uint8][]*pendingURB
	reports    map[uint8][][]byte         // endpoint -> reports waiting for an URB
	lastReport map[uint8]map[uint8][]byte // interface -> report ID -> report
	lastAny    map[uint8][]byte
	controls   map[controlKey][]byte
	requests   []Setup
}

type pendingURB struct {
	submit *Submit
	timer  *time.Timer // iso pacing
}

// maxQueuedReports bounds reports queued while the host polls nothing;
// maxRecordedRequests bounds the request history Requests returns.
const (
	maxQueuedReports    = 256
	maxRecordedRequests = 4096
)

func (d *Device) init() error {
	d.once.Do(func() {
		blob := d.Descriptors
		if d.PatchHIDLength {
			blob = patchHIDLengths(blob, d.HIDReports)
		}
		d.layout, d.err = parseLayout(blob)
		d.reports = map[uint8][][]byte{}
		d.lastReport = map[uint8]map[uint8][]byte{}
		d.lastAny = map[uint8][]byte{}
		d.controls = map[controlKey][]byte{}
	})
	return d.err
}

// Validate parses the descriptors the way Serve will.
func (d *Device) Validate() error { return d.init() }

func (d *Device) logf(format string, args ...any) {
	if d.Logf != nil {
		d.Logf(format, args...)
	}
}

// Serve answers usbip commands on conn until the host closes it (a detach),
// returning nil then, or the first protocol or I/O error.
func (d *Device) Serve(conn net.Conn) error {
	if err := d.init(); err != nil {
		return err
	}
	d.mu.Lock()
	if d.conn != nil {
		d.mu.Unlock()
		return errors.New("emulate: device is already being served")
	}
	d.conn = conn
	d.config = 0
	d.alt = map[uint8]uint8{}
	d.pending = map[uint32]*pendingURB{}
	d.intrWait = map[uint8][]*pendingURB{}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		for _, p := range d.pending {
			if p.timer != nil {
				p.timer.Stop()
			}
		}
		d.pending, d.intrWait, d.conn = nil, nil, nil
		d.mu.Unlock()
	}()
	for {
		cmd, err := ReadCommand(conn, d.isIsoEndpoint)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			return err
		}
		switch c := cmd.(type) {
		case *Submit:
			if err := d.submit(c); err != nil {
				return err
			}
		case *Unlink:
			if err := d.unlink(c); err != nil {
				return err
			}
		}
	}
}

func (d *Device) isIsoEndpoint(addr uint32) bool {
	ep, ok := d.layout.endpoints[uint8(addr)]
	return ok && ep.attributes&0x03 == endpointIsochron
}

// reply sends a RET_SUBMIT for s.
func (d *Device) reply(s *Submit, status int32, data []byte, iso []IsoPacket) error {
	r := &Return{Header: Header{Command: RetSubmit, Seqnum: s.Seqnum, Devid: s.Devid, Direction: s.Direction, Ep: s.Ep},
		Status: status, StartFrame: s.StartFrame, IsoPackets: iso}
	if s.Direction == DirIn {
		if len(data) > int(s.TransferBufferLength) {
			data = data[:s.TransferBufferLength]
		}
		r.Data = data
	} else if status == StatusOK {
		r.ActualLength = int32(len(s.Data))
	}
	if iso != nil {
		r.NumberOfPackets = int32(len(iso))
	}
	return d.write(r.Encode())
}

func (d *Device) write(b []byte) error {
	d.mu.Lock()
	conn := d.conn
	d.mu.Unlock()
	if conn == nil {
		return errors.New("emulate: not connected")
	}
	d.wmu.Lock()
	defer d.wmu.Unlock()
	_, err := conn.Write(b)
	return err
}

func (d *Device) submit(s *Submit) error {
	if s.Ep == 0 {
		setup := ParseSetup(s.Setup)
		d.mu.Lock()
		if len(d.requests) >= maxRecordedRequests {
			// Keep the most recent half: a long-lived emulator must not grow.
			d.requests = append(d.requests[:0], d.requests[maxRecordedRequests/2:]...)
		}
		d.requests = append(d.requests, setup)
		data, status := d.control(setup, s.Data)
		d.mu.Unlock()
		d.logf("control %v -> status %d, %d bytes", setup, status, len(data))
		return d.reply(s, status, data, nil)
	}
	addr := uint8(s.Ep) | uint8(s.Direction<<7)
	ep, known := d.layout.endpoints[addr]
	switch {
	case !known:
		d.logf("submit to unknown endpoint %#02x: stall", addr)
		return d.reply(s, StatusStall, nil, nil)
	case ep.attributes&0x03 == endpointIsochron:
		return d.isoSubmit(s)
	case s.Direction == DirIn && ep.attributes&0x03 == endpointInterrupt:
		return d.interruptIn(s, addr)
	default:
		// Bulk and interrupt OUT are accepted; bulk IN has nothing to say
		// and waits, like a device that NAKs, until unlinked.
		if s.Direction == DirOut {
			return d.reply(s, StatusOK, nil, nil)
		}
		d.mu.Lock()
		d.pending[s.Seqnum] = &pendingURB{submit: s}
		d.mu.Unlock()
		return nil
	}
}

// isoSubmit completes an isochronous URB after the time its packets take on
// the bus (1 ms frames at full speed, 125 µs microframes at high speed), so a
// streaming driver is not spun in a tight resubmit loop. IN packets are
// answered empty (silence); OUT packets are consumed.
func (d *Device) isoSubmit(s *Submit) error {
	iso := make([]IsoPacket, len(s.IsoPackets))
	for i, p := range s.IsoPackets {
		iso[i] = IsoPacket{Offset: p.Offset, Length: p.Length}
		if s.Direction == DirOut {
			iso[i].ActualLength = p.Length
		}
	}
	frame := time.Millisecond
	if d.Speed >= SpeedHigh {
		frame = 125 * time.Microsecond
	}
	p := &pendingURB{submit: s}
	d.mu.Lock()
	d.pending[s.Seqnum] = p
	p.timer = time.AfterFunc(time.Duration(len(iso))*frame, func() {
		d.mu.Lock()
		_, still := d.pending[s.Seqnum]
		delete(d.pending, s.Seqnum)
		d.mu.Unlock()
		if still {
			d.reply(s, StatusOK, nil, iso)
		}
	})
	d.mu.Unlock()
	return nil
}

func (d *Device) unlink(u *Unlink) error {
	d.mu.Lock()
	p, found := d.pending[u.UnlinkSeqnum]
	if found {
		delete(d.pending, u.UnlinkSeqnum)
		if p.timer != nil {
			p.timer.Stop()
		}
		for addr, q := range d.intrWait {
			for i, w := range q {
				if w == p {
					d.intrWait[addr] = append(q[:i:i], q[i+1:]...)
					break
				}
			}
		}
	}
	d.mu.Unlock()
	// usbip_protocol.rst: -ECONNRESET when the URB was cancelled, 0 when it
	// had already completed.
	status := int32(0)
	if found {
		status = StatusConnReset
	}
	r := &Unlink{Header: Header{Command: RetUnlink, Seqnum: u.Seqnum, Devid: u.Devid, Direction: u.Direction, Ep: u.Ep}, Status: status}
	return d.write(r.Encode())
}

// Requests returns the control requests seen so far, at most the last
// few thousand (for tests and logs).
func (d *Device) Requests() []Setup {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Setup(nil), d.requests...)
}

// Configuration is the current bConfigurationValue (0: unconfigured).
func (d *Device) Configuration() uint8 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.config
}

// AltSetting is the current alternate setting of an interface.
func (d *Device) AltSetting(iface uint8) uint8 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.alt[iface]
}

func (d *Device) String() string {
	if d.init() != nil || len(d.layout.device) < 12 {
		return "emulate.Device(invalid)"
	}
	dev := d.layout.device
	return fmt.Sprintf("emulate.Device(%02x%02x:%02x%02x)", dev[9], dev[8], dev[11], dev[10])
}
