package emulate

import (
	"bytes"
	"encoding/binary"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// host plays vhci_hcd's side of a usbip connection over a real socketpair.
type host struct {
	t    *testing.T
	conn net.Conn
	seq  uint32
	done chan error
}

func socketpair(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	conns := make([]net.Conn, 2)
	for i, fd := range fds {
		f := os.NewFile(uintptr(fd), "sp")
		c, err := net.FileConn(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	return conns[0], conns[1]
}

func serve(t *testing.T, d *Device) *host {
	t.Helper()
	hostEnd, devEnd := socketpair(t)
	h := &host{t: t, conn: hostEnd, done: make(chan error, 1)}
	go func() { h.done <- d.Serve(devEnd); devEnd.Close() }()
	t.Cleanup(func() {
		hostEnd.Close()
		select {
		case err := <-h.done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("Serve did not return after the host closed the connection")
		}
	})
	return h
}

func (h *host) send(b []byte) {
	h.t.Helper()
	if _, err := h.conn.Write(b); err != nil {
		h.t.Fatal(err)
	}
}

func (h *host) read() any {
	h.t.Helper()
	h.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	r, err := ReadReply(h.conn)
	if err != nil {
		h.t.Fatalf("reading reply: %v", err)
	}
	return r
}

// nothing asserts that the device sends nothing for a while.
func (h *host) nothing() {
	h.t.Helper()
	h.conn.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
	var b [1]byte
	if n, _ := h.conn.Read(b[:]); n != 0 {
		h.t.Fatalf("device answered an URB that should still be pending")
	}
}

func (h *host) submit(s *Submit) uint32 {
	h.seq++
	s.Seqnum = h.seq
	s.Devid = 0x10002
	s.Command = CmdSubmit
	h.send(s.Encode())
	return h.seq
}

// control runs a control transfer on EP0 and returns its completion.
func (h *host) control(rt, req uint8, value, index, length uint16, out []byte) *Return {
	h.t.Helper()
	s := &Submit{Setup: Setup{rt, req, value, index, length}.Bytes(), TransferBufferLength: int32(length)}
	if rt&0x80 != 0 {
		s.Direction = DirIn
	} else {
		s.Data = out
		s.TransferBufferLength = int32(len(out))
	}
	seq := h.submit(s)
	r, ok := h.read().(*Return)
	if !ok || r.Seqnum != seq {
		h.t.Fatalf("control %#x/%#x: want RET_SUBMIT seqnum %d, got %+v", rt, req, seq, r)
	}
	return r
}

func (h *host) ok(rt, req uint8, value, index, length uint16, out []byte) []byte {
	h.t.Helper()
	r := h.control(rt, req, value, index, length, out)
	if r.Status != StatusOK {
		h.t.Fatalf("request %#02x/%#02x wValue=%#04x wIndex=%#04x: status %d, want 0", rt, req, value, index, r.Status)
	}
	return r.Data
}

func (h *host) stall(rt, req uint8, value, index, length uint16, out []byte) {
	h.t.Helper()
	if r := h.control(rt, req, value, index, length, out); r.Status != StatusStall {
		h.t.Fatalf("request %#02x/%#02x wValue=%#04x wIndex=%#04x: status %d, want stall (-32)", rt, req, value, index, r.Status)
	}
}

func fixture(t *testing.T, name, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", "qemu", name, file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func qemuAudio(t *testing.T) *Device {
	return &Device{
		Descriptors: fixture(t, "qemu-usb-audio", "descriptors.bin"),
		Strings:     map[uint8]string{1: "QEMU", 2: "QEMU USB Audio", 3: "1"},
	}
}

func qemuKeyboard(t *testing.T) *Device {
	return &Device{
		Descriptors: fixture(t, "qemu-usb-kbd", "descriptors.bin"),
		HIDReports:  map[int][]byte{0: fixture(t, "qemu-usb-kbd", "report_descriptor.bin")},
	}
}

func TestSubmitEncodingMatchesWireLayout(t *testing.T) {
	s := &Submit{Header: Header{Seqnum: 7, Devid: 0x10002, Direction: DirOut, Ep: 0},
		TransferBufferLength: 3, Interval: 4,
		Setup: Setup{0x21, 0x01, 0x0200, 0x0200, 3}.Bytes(), Data: []byte{1, 2, 3}}
	b := s.Encode()
	want := []byte{
		0, 0, 0, 1, 0, 0, 0, 7, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, // basic: cmd, seq, devid, dir, ep
		0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, // flags, len, start, npackets, interval
		0x21, 0x01, 0x00, 0x02, 0x00, 0x02, 0x03, 0x00, // setup, little-endian
		1, 2, 3,
	}
	if !bytes.Equal(b, want) {
		t.Fatalf("CMD_SUBMIT bytes\n got % x\nwant % x", b, want)
	}
	got, err := ReadCommand(bytes.NewReader(b), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := got.(*Submit)
	if g.Seqnum != 7 || g.Devid != 0x10002 || g.TransferBufferLength != 3 || g.Interval != 4 ||
		!bytes.Equal(g.Data, []byte{1, 2, 3}) || ParseSetup(g.Setup) != (Setup{0x21, 0x01, 0x0200, 0x0200, 3}) {
		t.Fatalf("decoded %+v", g)
	}
}

func TestIsoSubmitAndReturnRoundTrip(t *testing.T) {
	iso := []IsoPacket{{0, 192, 0, 0}, {192, 192, 0, 0}}
	s := &Submit{Header: Header{Seqnum: 9, Direction: DirIn, Ep: 2}, TransferBufferLength: 384, NumberOfPackets: 2, IsoPackets: iso}
	b := s.Encode()
	if len(b) != HeaderSize+2*IsoPacketSize {
		t.Fatalf("iso IN submit is %d bytes, want %d (no data, two packet descriptors)", len(b), HeaderSize+32)
	}
	got, err := ReadCommand(bytes.NewReader(b), func(uint32) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if g := got.(*Submit); len(g.IsoPackets) != 2 || g.IsoPackets[1].Offset != 192 || g.IsoPackets[1].Length != 192 {
		t.Fatalf("iso packets decoded as %+v", g.IsoPackets)
	}
	r := &Return{Header: Header{Seqnum: 9, Direction: DirIn, Ep: 2}, Status: StatusOK, NumberOfPackets: 1,
		Data: []byte{0xAA, 0xBB}, IsoPackets: []IsoPacket{{0, 192, 2, 0}}}
	rb := r.Encode()
	if binary.BigEndian.Uint32(rb[0:]) != RetSubmit || binary.BigEndian.Uint32(rb[24:]) != 2 {
		t.Fatalf("RET_SUBMIT header % x: want command 3 and actual_length 2", rb[:48])
	}
	back, err := ReadReply(bytes.NewReader(rb))
	if err != nil {
		t.Fatal(err)
	}
	if g := back.(*Return); !bytes.Equal(g.Data, []byte{0xAA, 0xBB}) || len(g.IsoPackets) != 1 || g.IsoPackets[0].ActualLength != 2 {
		t.Fatalf("RET_SUBMIT decoded as %+v", g)
	}
}

func TestUnlinkEncoding(t *testing.T) {
	u := &Unlink{Header: Header{Command: CmdUnlink, Seqnum: 12}, UnlinkSeqnum: 11}
	b := u.Encode()
	if len(b) != HeaderSize || binary.BigEndian.Uint32(b[0:]) != 2 || binary.BigEndian.Uint32(b[20:]) != 11 {
		t.Fatalf("CMD_UNLINK bytes % x", b)
	}
	got, _ := ReadCommand(bytes.NewReader(b), nil)
	if g := got.(*Unlink); g.UnlinkSeqnum != 11 || g.Seqnum != 12 {
		t.Fatalf("decoded %+v", g)
	}
	r := (&Unlink{Header: Header{Command: RetUnlink, Seqnum: 12}, Status: StatusConnReset}).Encode()
	back, _ := ReadReply(bytes.NewReader(r))
	if g := back.(*Unlink); g.Command != RetUnlink || g.Status != -104 {
		t.Fatalf("RET_UNLINK decoded %+v", g)
	}
}

func TestReadCommandRejectsHugeLengths(t *testing.T) {
	s := &Submit{Header: Header{Direction: DirOut}}
	b := s.Encode()
	binary.BigEndian.PutUint32(b[24:], 0x7fffffff)
	if _, err := ReadCommand(bytes.NewReader(b), nil); err == nil {
		t.Fatal("a 2 GiB transfer_buffer_length was accepted")
	}
	b = (&Submit{Header: Header{Direction: DirIn}}).Encode()
	binary.BigEndian.PutUint32(b[32:], 1<<30)
	if _, err := ReadCommand(bytes.NewReader(b), nil); err == nil {
		t.Fatal("2^30 iso packets were accepted")
	}
	b[3] = 9
	if _, err := ReadCommand(bytes.NewReader(b), nil); err == nil {
		t.Fatal("command 9 was accepted")
	}
}

func TestGetDeviceAndConfigurationDescriptors(t *testing.T) {
	d := qemuAudio(t)
	h := serve(t, d)
	blob := d.Descriptors
	if got := h.ok(0x80, 6, 0x0100, 0, 8, nil); !bytes.Equal(got, blob[:8]) {
		t.Errorf("device descriptor (wLength 8) = % x, want % x", got, blob[:8])
	}
	if got := h.ok(0x80, 6, 0x0100, 0, 64, nil); !bytes.Equal(got, blob[:18]) {
		t.Errorf("device descriptor (wLength 64) = % x, want the 18 bytes % x", got, blob[:18])
	}
	if got := h.ok(0x80, 6, 0x0200, 0, 9, nil); !bytes.Equal(got, blob[18:27]) {
		t.Errorf("configuration header = % x, want % x", got, blob[18:27])
	}
	if got := h.ok(0x80, 6, 0x0200, 0, 0xffff, nil); !bytes.Equal(got, blob[18:]) || len(got) != 0x71 {
		t.Errorf("whole configuration: %d bytes, want wTotalLength 0x71 = %d", len(got), 0x71)
	}
	h.stall(0x80, 6, 0x0201, 0, 9, nil)  // there is no second configuration
	h.stall(0x80, 6, 0x0600, 0, 10, nil) // no device qualifier: a full-speed device
}

func TestStringDescriptors(t *testing.T) {
	h := serve(t, qemuAudio(t))
	if got := h.ok(0x80, 6, 0x0300, 0, 255, nil); !bytes.Equal(got, []byte{4, 3, 0x09, 0x04}) {
		t.Errorf("LANGID table = % x, want 04 03 09 04", got)
	}
	got := h.ok(0x80, 6, 0x0302, 0x0409, 255, nil)
	want := []byte{30, 3}
	for _, c := range "QEMU USB Audio" {
		want = append(want, byte(c), 0)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("string 2 = % x, want % x", got, want)
	}
	if got := h.ok(0x80, 6, 0x0302, 0x0409, 2, nil); !bytes.Equal(got, []byte{30, 3}) {
		t.Errorf("string 2 with wLength 2 = % x, want 1e 03", got)
	}
	h.stall(0x80, 6, 0x0309, 0x0409, 255, nil)
}

func TestConfigurationAndAlternateSettings(t *testing.T) {
	d := qemuAudio(t)
	h := serve(t, d)
	if got := h.ok(0x80, 8, 0, 0, 1, nil); !bytes.Equal(got, []byte{0}) {
		t.Errorf("GET_CONFIGURATION before SET = % x, want 00", got)
	}
	h.stall(0x00, 9, 7, 0, 0, nil)
	h.ok(0x00, 9, 1, 0, 0, nil)
	if got := h.ok(0x80, 8, 0, 0, 1, nil); !bytes.Equal(got, []byte{1}) || d.Configuration() != 1 {
		t.Errorf("GET_CONFIGURATION = % x, want 01", got)
	}
	h.ok(0x01, 11, 1, 1, 0, nil) // SET_INTERFACE(1, alt 1)
	if got := h.ok(0x81, 10, 0, 1, 1, nil); !bytes.Equal(got, []byte{1}) || d.AltSetting(1) != 1 {
		t.Errorf("GET_INTERFACE(1) = % x, want 01", got)
	}
	h.stall(0x01, 11, 5, 1, 0, nil) // no alt 5
	h.stall(0x81, 10, 0, 7, 1, nil) // no interface 7
	if got := h.ok(0x80, 0, 0, 0, 2, nil); !bytes.Equal(got, []byte{1, 0}) {
		t.Errorf("GET_STATUS(device) = % x, want 01 00 (self-powered, bmAttributes 0xc0)", got)
	}
	if got := h.ok(0x82, 0, 0, 0x01, 2, nil); !bytes.Equal(got, []byte{0, 0}) {
		t.Errorf("GET_STATUS(endpoint) = % x, want 00 00", got)
	}
}

func TestUAC1FeatureUnitVolumeAndMute(t *testing.T) {
	d := qemuAudio(t)
	h := serve(t, d)
	// Feature unit 2 on AC interface 0, volume (CS 2) of channel 1.
	vol := func(req uint8) []byte { return h.ok(0xA1, req, 0x0201, 0x0200, 2, nil) }
	if got := vol(0x82); !bytes.Equal(got, []byte{0x00, 0xD8}) {
		t.Errorf("GET_MIN volume = % x, want 00 d8 (-40 dB)", got)
	}
	if got := vol(0x83); !bytes.Equal(got, []byte{0x00, 0x00}) {
		t.Errorf("GET_MAX volume = % x, want 00 00 (0 dB)", got)
	}
	if got := vol(0x84); !bytes.Equal(got, []byte{0x00, 0x01}) {
		t.Errorf("GET_RES volume = % x, want 00 01 (1 dB)", got)
	}
	if got := vol(0x81); !bytes.Equal(got, []byte{0, 0}) {
		t.Errorf("GET_CUR volume = % x, want the default 00 00", got)
	}
	h.ok(0x21, 0x01, 0x0201, 0x0200, 0, []byte{0x00, 0xF6}) // SET_CUR -10 dB
	if got := vol(0x81); !bytes.Equal(got, []byte{0x00, 0xF6}) || d.Volume(2, 1) != -2560 {
		t.Errorf("GET_CUR after SET_CUR = % x (model %d), want 00 f6 (-2560)", got, d.Volume(2, 1))
	}
	if got := h.ok(0xA1, 0x81, 0x0100, 0x0200, 1, nil); !bytes.Equal(got, []byte{0}) {
		t.Errorf("GET_CUR mute = % x, want 00", got)
	}
	h.ok(0x21, 0x01, 0x0100, 0x0200, 0, []byte{1})
	if got := h.ok(0xA1, 0x81, 0x0100, 0x0200, 1, nil); !bytes.Equal(got, []byte{1}) {
		t.Errorf("GET_CUR mute after SET_CUR = % x, want 01", got)
	}
	h.stall(0xA1, 0x81, 0x0201, 0x0900, 2, nil) // no entity 9
	h.stall(0xA1, 0x81, 0x0601, 0x0200, 2, nil) // graphic EQ is not modelled
	// UAC1 endpoint sampling frequency on the iso OUT endpoint 0x01.
	if got := h.ok(0xA2, 0x81, 0x0100, 0x01, 3, nil); !bytes.Equal(got, []byte{0x80, 0xBB, 0x00}) {
		t.Errorf("GET_CUR sampling frequency = % x, want 80 bb 00 (48000)", got)
	}
	h.ok(0x22, 0x01, 0x0100, 0x01, 0, []byte{0x44, 0xAC, 0x00})
	if got := h.ok(0xA2, 0x81, 0x0100, 0x01, 3, nil); !bytes.Equal(got, []byte{0x44, 0xAC, 0x00}) {
		t.Errorf("GET_CUR sampling frequency after SET_CUR = % x, want 44 ac 00", got)
	}
}

// uac2Blob is a minimal UAC2 device: AC interface 0 (protocol 0x20) with a
// clock source (ID 0x10) and a feature unit (ID 0x11).
func uac2Blob() []byte {
	dev := []byte{18, 1, 0x00, 0x02, 0xEF, 0x02, 0x01, 64, 0x34, 0x12, 0x78, 0x56, 0, 1, 0, 0, 0, 1}
	ac := []byte{
		9, 4, 0, 0, 0, 1, 1, 0x20, 0, // AC interface, UAC2
		9, 0x24, 1, 0x00, 0x02, 0x08, 0x2E, 0x00, 0x00, // header (length patched below is not checked)
		8, 0x24, 0x0A, 0x10, 0x01, 0x07, 0x00, 0x00, // clock source 0x10
		17, 0x24, 0x02, 0x01, 0x01, 0x01, 0x00, 0x10, 0x02, 0x03, 0, 0, 0, 0, 0x00, 0x00, 0x00, // input terminal
		14, 0x24, 0x06, 0x11, 0x01, 0x0F, 0, 0, 0, 0, 0, 0, 0, 0, // feature unit 0x11, source 1
	}
	cfg := []byte{9, 2, 0, 0, 1, 1, 0, 0x80, 50}
	cfg = append(cfg, ac...)
	binary.LittleEndian.PutUint16(cfg[2:], uint16(len(cfg)))
	return append(dev, cfg...)
}

func TestUAC2CurAndRange(t *testing.T) {
	d := &Device{Descriptors: uac2Blob(), Audio: AudioModel{SampleRates: []uint32{44100, 48000}}}
	h := serve(t, d)
	got := h.ok(0xA1, 0x02, 0x0200, 0x1100, 8, nil)
	if want := []byte{1, 0, 0x00, 0xD8, 0x00, 0x00, 0x00, 0x01}; !bytes.Equal(got, want) {
		t.Errorf("RANGE volume = % x, want % x", got, want)
	}
	if got := h.ok(0xA1, 0x02, 0x0200, 0x1100, 2, nil); !bytes.Equal(got, []byte{1, 0}) {
		t.Errorf("RANGE volume with wLength 2 = % x, want wNumSubRanges 01 00", got)
	}
	h.ok(0x21, 0x01, 0x0200, 0x1100, 0, []byte{0x00, 0xEC})
	if got := h.ok(0xA1, 0x01, 0x0200, 0x1100, 2, nil); !bytes.Equal(got, []byte{0x00, 0xEC}) {
		t.Errorf("CUR volume after set = % x, want 00 ec", got)
	}
	if got := h.ok(0xA1, 0x01, 0x0100, 0x1000, 4, nil); !bytes.Equal(got, []byte{0x44, 0xAC, 0, 0}) {
		t.Errorf("clock CUR = % x, want 44 ac 00 00 (44100, the first rate)", got)
	}
	got = h.ok(0xA1, 0x02, 0x0100, 0x1000, 26, nil)
	want := []byte{2, 0, 0x44, 0xAC, 0, 0, 0x44, 0xAC, 0, 0, 0, 0, 0, 0, 0x80, 0xBB, 0, 0, 0x80, 0xBB, 0, 0, 0, 0, 0, 0}
	if !bytes.Equal(got, want) {
		t.Errorf("clock RANGE = % x, want % x", got, want)
	}
	h.ok(0x21, 0x01, 0x0100, 0x1000, 0, []byte{0x80, 0xBB, 0, 0})
	h.stall(0x21, 0x01, 0x0100, 0x1000, 0, []byte{0x00, 0x77, 0x01, 0}) // 96000 is not offered
	if got := h.ok(0xA1, 0x01, 0x0200, 0x1000, 1, nil); !bytes.Equal(got, []byte{1}) {
		t.Errorf("clock valid = % x, want 01", got)
	}
}

func TestHIDDescriptorsAndClassRequests(t *testing.T) {
	d := qemuKeyboard(t)
	h := serve(t, d)
	rd := d.HIDReports[0]
	if got := h.ok(0x81, 6, 0x2200, 0, uint16(len(rd)+64), nil); !bytes.Equal(got, rd) {
		t.Errorf("report descriptor = % x, want % x", got, rd)
	}
	if got := h.ok(0x81, 6, 0x2100, 0, 9, nil); !bytes.Equal(got, d.Descriptors[18+18:18+27]) {
		t.Errorf("HID descriptor = % x, want the one in the configuration % x", got, d.Descriptors[36:45])
	}
	h.stall(0x81, 6, 0x2200, 1, 64, nil) // no interface 1
	h.ok(0x21, 0x0A, 0, 0, 0, nil)       // SET_IDLE
	if got := h.ok(0xA1, 0x01, 0x0100, 0, 8, nil); !bytes.Equal(got, make([]byte, 8)) {
		t.Errorf("GET_REPORT before any report = % x, want 8 zero bytes", got)
	}
	if err := d.SendInputReport(0, []byte{0, 0, 4, 0, 0, 0, 0, 0}); err != nil {
		t.Fatal(err)
	}
	if got := h.ok(0xA1, 0x01, 0x0100, 0, 8, nil); !bytes.Equal(got, []byte{0, 0, 4, 0, 0, 0, 0, 0}) {
		t.Errorf("GET_REPORT after a report = % x, want that report", got)
	}
}

func TestInterruptInWaitsForReports(t *testing.T) {
	d := qemuKeyboard(t)
	h := serve(t, d)
	seq := h.submit(&Submit{Header: Header{Direction: DirIn, Ep: 1}, TransferBufferLength: 8})
	h.nothing()
	report := []byte{0, 0, 0x80, 0, 0, 0, 0, 0}
	if err := d.SendInputReport(0, report); err != nil {
		t.Fatal(err)
	}
	r := h.read().(*Return)
	if r.Seqnum != seq || r.Status != 0 || !bytes.Equal(r.Data, report) {
		t.Fatalf("interrupt completion %+v, want seqnum %d with % x", r, seq, report)
	}
	// A report queued before the host polls is delivered on the next URB, in order.
	d.SendInputReport(0, []byte{1})
	d.SendInputReport(0, []byte{2})
	for _, want := range []byte{1, 2} {
		seq := h.submit(&Submit{Header: Header{Direction: DirIn, Ep: 1}, TransferBufferLength: 8})
		if r := h.read().(*Return); r.Seqnum != seq || !bytes.Equal(r.Data, []byte{want}) {
			t.Fatalf("queued report: got %+v, want seqnum %d data %02x", r, seq, want)
		}
	}
	if err := d.SendInputReport(3, []byte{1}); err != ErrNoInterruptIn {
		t.Errorf("SendInputReport on a missing interface: %v, want ErrNoInterruptIn", err)
	}
}

func TestUnlinkCancelsPendingURB(t *testing.T) {
	d := qemuKeyboard(t)
	h := serve(t, d)
	seq := h.submit(&Submit{Header: Header{Direction: DirIn, Ep: 1}, TransferBufferLength: 8})
	h.seq++
	h.send((&Unlink{Header: Header{Command: CmdUnlink, Seqnum: h.seq}, UnlinkSeqnum: seq}).Encode())
	u, ok := h.read().(*Unlink)
	if !ok || u.Command != RetUnlink || u.Seqnum != h.seq || u.Status != StatusConnReset {
		t.Fatalf("RET_UNLINK = %+v, want seqnum %d status -104", u, h.seq)
	}
	// The cancelled URB must not complete later.
	d.SendInputReport(0, []byte{9})
	h.nothing()
	h.seq++
	h.send((&Unlink{Header: Header{Command: CmdUnlink, Seqnum: h.seq}, UnlinkSeqnum: 999}).Encode())
	if u := h.read().(*Unlink); u.Status != 0 {
		t.Fatalf("unlink of an unknown URB: status %d, want 0 (already completed)", u.Status)
	}
}

func TestIsochronousURBsCompleteWithSilence(t *testing.T) {
	h := serve(t, qemuAudio(t))
	h.ok(0x00, 9, 1, 0, 0, nil)
	h.ok(0x01, 11, 1, 1, 0, nil)
	iso := []IsoPacket{{0, 192, 0, 0}, {192, 192, 0, 0}, {384, 192, 0, 0}}
	data := make([]byte, 576)
	seq := h.submit(&Submit{Header: Header{Direction: DirOut, Ep: 1}, TransferBufferLength: 576, NumberOfPackets: 3, Data: data, IsoPackets: iso})
	r := h.read().(*Return)
	if r.Seqnum != seq || r.Status != 0 || r.ActualLength != 576 || r.NumberOfPackets != 3 || len(r.IsoPackets) != 3 {
		t.Fatalf("iso OUT completion %+v", r)
	}
	for i, p := range r.IsoPackets {
		if p.ActualLength != 192 || p.Offset != iso[i].Offset {
			t.Errorf("iso packet %d = %+v, want all 192 bytes consumed at offset %d", i, p, iso[i].Offset)
		}
	}
}

func TestUnknownRequestsStall(t *testing.T) {
	h := serve(t, qemuAudio(t))
	h.stall(0xC0, 0x33, 0, 0, 4, nil)           // vendor request
	h.stall(0x82, 12, 0, 0x81, 2, nil)          // SYNCH_FRAME
	h.stall(0xA1, 0x01, 0x0100, 0x0003, 8, nil) // HID GET_REPORT to an audio device's missing interface
	seq := h.submit(&Submit{Header: Header{Direction: DirIn, Ep: 5}, TransferBufferLength: 8})
	if r := h.read().(*Return); r.Seqnum != seq || r.Status != StatusStall {
		t.Fatalf("URB to a missing endpoint: %+v, want a stall", r)
	}
}

func TestServeRejectsBadDescriptors(t *testing.T) {
	for name, blob := range map[string][]byte{
		"empty":          nil,
		"short device":   {18, 1, 0},
		"no config":      uac2Blob()[:18],
		"not a config":   append(uac2Blob()[:18], 9, 4, 0, 0, 0, 0, 0, 0, 0),
		"tiny wTotalLen": append(uac2Blob()[:18], 9, 2, 4, 0, 1, 1, 0, 0x80, 50),
	} {
		if err := (&Device{Descriptors: blob}).Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// A configuration whose wTotalLength lies past the end is served as far as it goes.
	lying := uac2Blob()
	binary.LittleEndian.PutUint16(lying[20:], 0x4000)
	if err := (&Device{Descriptors: lying}).Validate(); err != nil {
		t.Errorf("lying wTotalLength: %v", err)
	}
}

func TestSpeedFromDescriptors(t *testing.T) {
	dev := func(bcd uint16) []byte {
		return []byte{18, 1, byte(bcd), byte(bcd >> 8), 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
	}
	withEP := func(bcd uint16, attr byte, mps uint16) []byte {
		b := dev(bcd)
		b = append(b, 9, 2, 25, 0, 1, 1, 0, 0x80, 50, 9, 4, 0, 0, 1, 0xff, 0, 0, 0)
		return append(b, 7, 5, 0x81, attr, byte(mps), byte(mps>>8), 1)
	}
	for name, c := range map[string]struct {
		blob []byte
		want Speed
	}{
		"usb 1.1 headset":        {withEP(0x0110, 0x0D, 192), SpeedFull},
		"usb 2.0 full-speed":     {withEP(0x0200, 0x03, 64), SpeedFull},
		"bulk 512":               {withEP(0x0200, 0x02, 512), SpeedHigh},
		"high-bandwidth iso":     {withEP(0x0200, 0x05, 0x13FC), SpeedHigh},
		"usb 3.1":                {withEP(0x0310, 0x02, 1024), SpeedSuper},
		"qemu usb-audio fixture": {fixture(t, "qemu-usb-audio", "descriptors.bin"), SpeedFull},
		"truncated":              {dev(0x0200)[:5], SpeedFull},
	} {
		if got := SpeedFromDescriptors(c.blob); got != c.want {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

func TestPatchHIDLengthAnnouncesTheServedReportDescriptor(t *testing.T) {
	rd := make([]byte, 300) // longer than the keyboard's 63 bytes, > 255 to test both bytes
	d := qemuKeyboard(t)
	d.HIDReports[0] = rd
	d.PatchHIDLength = true
	h := serve(t, d)
	cfg := h.ok(0x80, 6, 0x0200, 0, 0xff, nil)
	// Configuration 9 + interface 9, then the HID descriptor: 09 21 11 01 00 01 22 LL LL.
	if hidDesc := cfg[18:27]; hidDesc[6] != 0x22 || hidDesc[7] != 0x2C || hidDesc[8] != 0x01 {
		t.Errorf("served HID descriptor % x: want wDescriptorLength 0x012c (300)", hidDesc)
	}
	if got := h.ok(0x81, 6, 0x2100, 0, 9, nil); got[7] != 0x2C || got[8] != 0x01 {
		t.Errorf("GET_DESCRIPTOR(HID) % x: want wDescriptorLength 0x012c", got)
	}
	if d.Descriptors[18+18+7] != 0x3f {
		t.Errorf("the caller's descriptor bytes were modified")
	}
	if got := h.ok(0x81, 6, 0x2200, 0, 300, nil); len(got) != 300 {
		t.Errorf("report descriptor: %d bytes, want 300", len(got))
	}
}
