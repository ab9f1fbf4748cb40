package emulate

import (
	"encoding/binary"
	"fmt"
	"io"
)

// usbip commands (usbip_protocol.rst, "USBIP_CMD_SUBMIT" and following).
const (
	CmdSubmit uint32 = 1
	CmdUnlink uint32 = 2
	RetSubmit uint32 = 3
	RetUnlink uint32 = 4
)

// HeaderSize is the size of every usbip URB header on the wire.
const HeaderSize = 48

// IsoPacketSize is the size of one usbip_iso_packet_descriptor.
const IsoPacketSize = 16

// Directions in the usbip header basic part.
const (
	DirOut uint32 = 0
	DirIn  uint32 = 1
)

// URB completion statuses, as negative Linux errno values.
const (
	StatusOK         int32 = 0
	StatusStall      int32 = -32  // EPIPE: the device stalled the request
	StatusConnReset  int32 = -104 // ECONNRESET: the URB was unlinked
	StatusNoDevice   int32 = -19  // ENODEV
	noIsoPackets     int32 = -1   // vhci sends 0xffffffff for non-iso URBs
	maxTransferBytes       = 1 << 20
	maxIsoPackets          = 1024
)

// Header is the 20-byte usbip_header_basic shared by all four commands.
type Header struct {
	Command   uint32
	Seqnum    uint32
	Devid     uint32
	Direction uint32
	Ep        uint32
}

// Submit is a USBIP_CMD_SUBMIT: one URB the host wants the device to run.
type Submit struct {
	Header
	TransferFlags        uint32
	TransferBufferLength int32
	StartFrame           int32
	NumberOfPackets      int32
	Interval             int32
	Setup                [8]byte
	Data                 []byte      // OUT data (TransferBufferLength bytes)
	IsoPackets           []IsoPacket // for isochronous URBs
}

// Return is a USBIP_RET_SUBMIT: the completion of one URB.
type Return struct {
	Header
	Status          int32
	ActualLength    int32
	StartFrame      int32
	NumberOfPackets int32
	ErrorCount      int32
	Data            []byte // IN data; ActualLength is set from it when encoding
	IsoPackets      []IsoPacket
}

// Unlink is a USBIP_CMD_UNLINK (UnlinkSeqnum names the URB to cancel) or,
// with Command RetUnlink, the answer (Status).
type Unlink struct {
	Header
	UnlinkSeqnum uint32
	Status       int32
}

// IsoPacket is a usbip_iso_packet_descriptor.
type IsoPacket struct {
	Offset       uint32
	Length       uint32
	ActualLength uint32
	Status       int32
}

// Setup is a decoded control SETUP packet (USB 2.0 §9.3), little-endian on
// the wire inside the big-endian usbip header.
type Setup struct {
	RequestType uint8
	Request     uint8
	Value       uint16
	Index       uint16
	Length      uint16
}

// ParseSetup decodes the 8 setup bytes.
func ParseSetup(b [8]byte) Setup {
	return Setup{b[0], b[1], binary.LittleEndian.Uint16(b[2:]), binary.LittleEndian.Uint16(b[4:]), binary.LittleEndian.Uint16(b[6:])}
}

// Bytes encodes the setup packet.
func (s Setup) Bytes() [8]byte {
	var b [8]byte
	b[0], b[1] = s.RequestType, s.Request
	binary.LittleEndian.PutUint16(b[2:], s.Value)
	binary.LittleEndian.PutUint16(b[4:], s.Index)
	binary.LittleEndian.PutUint16(b[6:], s.Length)
	return b
}

func (s Setup) String() string {
	return fmt.Sprintf("bmRequestType=%#02x bRequest=%#02x wValue=%#04x wIndex=%#04x wLength=%d",
		s.RequestType, s.Request, s.Value, s.Index, s.Length)
}

func putHeader(b []byte, h Header) {
	be := binary.BigEndian
	be.PutUint32(b[0:], h.Command)
	be.PutUint32(b[4:], h.Seqnum)
	be.PutUint32(b[8:], h.Devid)
	be.PutUint32(b[12:], h.Direction)
	be.PutUint32(b[16:], h.Ep)
}

func getHeader(b []byte) Header {
	be := binary.BigEndian
	return Header{be.Uint32(b[0:]), be.Uint32(b[4:]), be.Uint32(b[8:]), be.Uint32(b[12:]), be.Uint32(b[16:])}
}

// isIso reports whether a submit carries iso packet descriptors: vhci marks
// every other URB with 0 or 0xffffffff packets.
func (s *Submit) isIso() bool { return s.NumberOfPackets > 0 }

// Encode returns the wire form of a CMD_SUBMIT (header, OUT data, iso packets).
func (s *Submit) Encode() []byte {
	b := make([]byte, HeaderSize, HeaderSize+len(s.Data)+len(s.IsoPackets)*IsoPacketSize)
	h := s.Header
	h.Command = CmdSubmit
	putHeader(b, h)
	be := binary.BigEndian
	be.PutUint32(b[20:], s.TransferFlags)
	be.PutUint32(b[24:], uint32(s.TransferBufferLength))
	be.PutUint32(b[28:], uint32(s.StartFrame))
	be.PutUint32(b[32:], uint32(s.NumberOfPackets))
	be.PutUint32(b[36:], uint32(s.Interval))
	copy(b[40:48], s.Setup[:])
	if s.Direction == DirOut {
		b = append(b, s.Data...)
	}
	return appendIso(b, s.IsoPackets)
}

// Encode returns the wire form of a RET_SUBMIT. ActualLength is taken from
// Data for IN transfers; for OUT transfers it is kept as set.
func (r *Return) Encode() []byte {
	b := make([]byte, HeaderSize, HeaderSize+len(r.Data)+len(r.IsoPackets)*IsoPacketSize)
	h := r.Header
	h.Command = RetSubmit
	putHeader(b, h)
	actual := r.ActualLength
	if r.Direction == DirIn {
		actual = int32(len(r.Data))
	}
	be := binary.BigEndian
	be.PutUint32(b[20:], uint32(r.Status))
	be.PutUint32(b[24:], uint32(actual))
	be.PutUint32(b[28:], uint32(r.StartFrame))
	be.PutUint32(b[32:], uint32(r.NumberOfPackets))
	be.PutUint32(b[36:], uint32(r.ErrorCount))
	if r.Direction == DirIn {
		b = append(b, r.Data...)
	}
	return appendIso(b, r.IsoPackets)
}

// Encode returns the wire form of a CMD_UNLINK or RET_UNLINK.
func (u *Unlink) Encode() []byte {
	b := make([]byte, HeaderSize)
	putHeader(b, u.Header)
	if u.Command == RetUnlink {
		binary.BigEndian.PutUint32(b[20:], uint32(u.Status))
	} else {
		binary.BigEndian.PutUint32(b[20:], u.UnlinkSeqnum)
	}
	return b
}

func appendIso(b []byte, packets []IsoPacket) []byte {
	for _, p := range packets {
		var e [IsoPacketSize]byte
		binary.BigEndian.PutUint32(e[0:], p.Offset)
		binary.BigEndian.PutUint32(e[4:], p.Length)
		binary.BigEndian.PutUint32(e[8:], p.ActualLength)
		binary.BigEndian.PutUint32(e[12:], uint32(p.Status))
		b = append(b, e[:]...)
	}
	return b
}

func readIso(r io.Reader, n int32) ([]IsoPacket, error) {
	if n <= 0 {
		return nil, nil
	}
	if n > maxIsoPackets {
		return nil, fmt.Errorf("usbip: %d iso packets exceed the limit of %d", n, maxIsoPackets)
	}
	buf := make([]byte, int(n)*IsoPacketSize)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	out := make([]IsoPacket, n)
	be := binary.BigEndian
	for i := range out {
		e := buf[i*IsoPacketSize:]
		out[i] = IsoPacket{be.Uint32(e[0:]), be.Uint32(e[4:]), be.Uint32(e[8:]), int32(be.Uint32(e[12:]))}
	}
	return out, nil
}

// ReadCommand reads the next command the host (vhci_hcd) sends: a *Submit
// or an *Unlink. isIso tells, for a submit's endpoint, whether its URBs
// carry iso packet descriptors (nil: trust NumberOfPackets).
func ReadCommand(r io.Reader, isIso func(ep uint32) bool) (any, error) {
	var b [HeaderSize]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return nil, err
	}
	h := getHeader(b[:])
	be := binary.BigEndian
	switch h.Command {
	case CmdSubmit:
		s := &Submit{Header: h,
			TransferFlags:        be.Uint32(b[20:]),
			TransferBufferLength: int32(be.Uint32(b[24:])),
			StartFrame:           int32(be.Uint32(b[28:])),
			NumberOfPackets:      int32(be.Uint32(b[32:])),
			Interval:             int32(be.Uint32(b[36:])),
		}
		copy(s.Setup[:], b[40:48])
		if s.TransferBufferLength < 0 || s.TransferBufferLength > maxTransferBytes {
			return nil, fmt.Errorf("usbip: seqnum %d: transfer_buffer_length %d out of range", h.Seqnum, s.TransferBufferLength)
		}
		if h.Direction == DirOut && s.TransferBufferLength > 0 {
			s.Data = make([]byte, s.TransferBufferLength)
			if _, err := io.ReadFull(r, s.Data); err != nil {
				return nil, err
			}
		}
		if s.isIso() && (isIso == nil || isIso(h.Ep|h.Direction<<7)) {
			var err error
			if s.IsoPackets, err = readIso(r, s.NumberOfPackets); err != nil {
				return nil, err
			}
		}
		return s, nil
	case CmdUnlink:
		return &Unlink{Header: h, UnlinkSeqnum: be.Uint32(b[20:])}, nil
	default:
		return nil, fmt.Errorf("usbip: unknown command %#x (seqnum %d)", h.Command, h.Seqnum)
	}
}

// ReadReply reads what a device sends back: a *Return (its IN data length
// is the header's actual_length) or an *Unlink (RET_UNLINK). It is the host
// side of the protocol, for tests and tools.
func ReadReply(r io.Reader) (any, error) {
	var b [HeaderSize]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return nil, err
	}
	h := getHeader(b[:])
	be := binary.BigEndian
	switch h.Command {
	case RetSubmit:
		ret := &Return{Header: h,
			Status:          int32(be.Uint32(b[20:])),
			ActualLength:    int32(be.Uint32(b[24:])),
			StartFrame:      int32(be.Uint32(b[28:])),
			NumberOfPackets: int32(be.Uint32(b[32:])),
			ErrorCount:      int32(be.Uint32(b[36:])),
		}
		if ret.ActualLength < 0 || ret.ActualLength > maxTransferBytes {
			return nil, fmt.Errorf("usbip: seqnum %d: actual_length %d out of range", h.Seqnum, ret.ActualLength)
		}
		if h.Direction == DirIn && ret.ActualLength > 0 {
			ret.Data = make([]byte, ret.ActualLength)
			if _, err := io.ReadFull(r, ret.Data); err != nil {
				return nil, err
			}
		}
		var err error
		if ret.IsoPackets, err = readIso(r, ret.NumberOfPackets); err != nil {
			return nil, err
		}
		return ret, nil
	case RetUnlink:
		return &Unlink{Header: h, Status: int32(be.Uint32(b[20:]))}, nil
	default:
		return nil, fmt.Errorf("usbip: unknown reply %#x (seqnum %d)", h.Command, h.Seqnum)
	}
}
