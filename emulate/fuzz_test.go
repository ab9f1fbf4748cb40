package emulate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzControl feeds arbitrary descriptor sets (a hostile device's) and
// arbitrary control requests to the request handlers: nothing may panic,
// and an IN answer may never exceed wLength.
func FuzzControl(f *testing.F) {
	for _, name := range []string{"qemu-usb-audio", "qemu-usb-kbd", "qemu-usb-audio-multi"} {
		if b, err := os.ReadFile(filepath.Join("..", "fixtures", "qemu", name, "descriptors.bin")); err == nil {
			f.Add(b, []byte{0x80, 6, 0, 2, 0, 0, 0xff, 0}, []byte{})
			f.Add(b, []byte{0xA1, 0x82, 1, 2, 0, 2, 2, 0}, []byte{})
		}
	}
	f.Add(uac2Blob(), []byte{0xA1, 0x02, 0x00, 0x01, 0x00, 0x10, 0x40, 0}, []byte{})
	f.Add(uac2Blob(), []byte{0x21, 0x01, 0x00, 0x01, 0x00, 0x10, 4, 0}, []byte{0x80, 0xbb, 0, 0})
	f.Fuzz(func(t *testing.T, blob, setup, out []byte) {
		d := &Device{Descriptors: blob, HIDReports: map[int][]byte{0: {0x05, 0x01}}, PatchHIDLength: len(out)%2 == 0}
		if d.Validate() != nil {
			return
		}
		var raw [8]byte
		copy(raw[:], setup)
		s := ParseSetup(raw)
		d.alt = map[uint8]uint8{}
		d.mu.Lock()
		data, status := d.control(s, out)
		d.mu.Unlock()
		if status == StatusOK && s.RequestType&0x80 != 0 && len(data) > int(s.Length) {
			t.Fatalf("%v: answered %d bytes", s, len(data))
		}
		_ = SpeedFromDescriptors(blob)
		_ = d.SendInputReport(int(raw[4]), out)
	})
}

// FuzzReadCommand decodes arbitrary bytes as usbip commands: errors are
// fine, panics and huge allocations are not.
func FuzzReadCommand(f *testing.F) {
	f.Add((&Submit{Header: Header{Direction: DirOut}, TransferBufferLength: 2, Data: []byte{1, 2}}).Encode())
	f.Add((&Unlink{Header: Header{Command: CmdUnlink}, UnlinkSeqnum: 3}).Encode())
	f.Add((&Submit{Header: Header{Direction: DirIn, Ep: 1}, NumberOfPackets: 1, IsoPackets: []IsoPacket{{0, 8, 0, 0}}}).Encode())
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bytes.NewReader(b)
		for i := 0; i < 4; i++ {
			if _, err := ReadCommand(r, func(uint32) bool { return true }); err != nil {
				return
			}
		}
		_, _ = ReadReply(bytes.NewReader(b))
	})
}
