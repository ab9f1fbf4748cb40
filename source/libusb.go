//go:build cgo

package source

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/gousb"
)

// Standard request fields (USB 2.0 §9.3, §9.4.3, Table 9-5).
const (
	reqTypeDeviceToHost = 0x80 // IN, standard, device recipient
	reqGetDescriptor    = 0x06
	descTypeDevice      = 0x01
	descTypeConfig      = 0x02
	deviceDescLen       = 18
	configHeaderLen     = 9
)

// controlTimeout bounds each request: a device that does not answer a
// standard GET_DESCRIPTOR within a second is reported, not waited for.
const controlTimeout = time.Second

// controlIn performs one device-to-host control request into buf and
// returns the bytes received. gousb's Device.Control fits it; tests fake it.
type controlIn func(request uint8, value, index uint16, buf []byte) (int, error)

// getDescriptor issues GET_DESCRIPTOR(type, index) for length bytes.
func getDescriptor(ctrl controlIn, descType, index uint8, length int) ([]byte, error) {
	buf := make([]byte, length)
	n, err := ctrl(reqGetDescriptor, uint16(descType)<<8|uint16(index), 0, buf)
	if n < 0 {
		n = 0
	}
	if n > length {
		n = length
	}
	return buf[:n], err
}

// readRawDescriptors reads the device descriptor and each configuration:
// first its 9-byte header for wTotalLength, then the whole of it (USB 2.0
// §9.4.3). Only these standard requests are sent: optional ones such as
// GET_DESCRIPTOR(DEBUG) make some headsets drop off the bus. What was
// read before an error is returned with it.
func readRawDescriptors(ctrl controlIn) ([]byte, error) {
	dev, err := getDescriptor(ctrl, descTypeDevice, 0, deviceDescLen)
	if err != nil {
		return dev, fmt.Errorf("device descriptor: %w", err)
	}
	if len(dev) < deviceDescLen {
		return dev, &TruncatedError{Offset: 0, Want: deviceDescLen, Have: len(dev)}
	}
	out := dev
	for i := 0; i < int(dev[17]); i++ {
		hdr, err := getDescriptor(ctrl, descTypeConfig, uint8(i), configHeaderLen)
		if err != nil {
			return out, fmt.Errorf("configuration %d header: %w", i, err)
		}
		if len(hdr) < 4 {
			return append(out, hdr...), &TruncatedError{Offset: len(out), Want: configHeaderLen, Have: len(hdr)}
		}
		total := int(binary.LittleEndian.Uint16(hdr[2:]))
		if total < configHeaderLen {
			// a lying wTotalLength: keep what the header gave
			out = append(out, hdr...)
			continue
		}
		full, err := getDescriptor(ctrl, descTypeConfig, uint8(i), total)
		out = append(out, full...)
		if err != nil {
			return out, fmt.Errorf("configuration %d: %w", i, err)
		}
		if len(full) < total {
			return out, &TruncatedError{Offset: len(out) - len(full), Want: total, Have: len(full)}
		}
	}
	return out, nil
}

// usbfsNode is the device node libusb opens on Linux.
func usbfsNode(bus, dev int) string { return fmt.Sprintf("/dev/bus/usb/%03d/%03d", bus, dev) }

// libusbPortPath names a device like sysfs does: "1-1.4".
func libusbPortPath(bus int, path []int) string {
	if len(path) == 0 {
		return "usb" + strconv.Itoa(bus)
	}
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = strconv.Itoa(p)
	}
	return strconv.Itoa(bus) + "-" + strings.Join(parts, ".")
}

// libusbError maps libusb errors onto the package's: access to a typed
// *PermissionError naming the node and the udev rule, no-device to ErrGone.
func libusbError(err error, bus, dev int, vid, pid uint16) error {
	var le gousb.Error
	if !errors.As(err, &le) {
		return err
	}
	switch le {
	case gousb.ErrorAccess:
		return &PermissionError{Node: usbfsNode(bus, dev), Why: "usbfs node, needed by libusb to read descriptors",
			Rule: USBRule(vid, pid), Err: err}
	case gousb.ErrorNoDevice:
		return fmt.Errorf("%w: %v", ErrGone, err)
	}
	return err
}

// libusbSpeed renders gousb's speed as sysfs does (Mb/s).
var libusbSpeed = map[gousb.Speed]string{
	gousb.SpeedLow:   "1.5",
	gousb.SpeedFull:  "12",
	gousb.SpeedHigh:  "480",
	gousb.SpeedSuper: "5000",
}

func scanLibusb(opts Options) ([]RawDevice, error) {
	ctx := gousb.NewContext()
	defer ctx.Close()
	// First pass: descriptors libusb caches, nothing opened.
	var descs []gousb.DeviceDesc
	_, err := ctx.OpenDevices(func(d *gousb.DeviceDesc) bool {
		descs = append(descs, *d)
		return false
	})
	if err != nil && len(descs) == 0 {
		return nil, fmt.Errorf("libusb: %w", err)
	}
	sort.Slice(descs, func(i, j int) bool {
		if descs[i].Bus != descs[j].Bus {
			return descs[i].Bus < descs[j].Bus
		}
		return descs[i].Address < descs[j].Address
	})
	var out []RawDevice
	for _, d := range descs {
		if len(d.Path) == 0 && !opts.IncludeRootHubs {
			continue
		}
		id := DeviceID{Bus: d.Bus, Dev: d.Address, PortPath: libusbPortPath(d.Bus, d.Path),
			VendorID: uint16(d.Vendor), ProductID: uint16(d.Product), HaveVIDPID: true}
		if opts.Select != nil && !opts.Select(id) {
			continue
		}
		dev := readLibusbDevice(ctx, d, id)
		dev.Interfaces = interfacesFromDescriptors(dev.Descriptors)
		out = append(out, dev)
	}
	// HID report descriptors come through hidapi: reading them over libusb
	// would mean claiming the interface from the OS.
	if hids, err := HIDAPIDevices(); err == nil {
		attachHID(out, hids, HIDAPIReportDescriptor)
	}
	return out, nil
}

// readLibusbDevice opens one device (one OpenDevices call each, so an
// error belongs to this device) and reads its descriptors and strings.
// It never claims an interface or detaches a kernel driver.
func readLibusbDevice(ctx *gousb.Context, d gousb.DeviceDesc, id DeviceID) RawDevice {
	dev := RawDevice{Backend: BackendLibusb, Bus: d.Bus, Dev: d.Address, PortPath: id.PortPath,
		Speed: libusbSpeed[d.Speed], VendorID: id.VendorID, ProductID: id.ProductID}
	node := usbfsNode(d.Bus, d.Address)
	fail := func(err error) {
		err = libusbError(err, d.Bus, d.Address, id.VendorID, id.ProductID)
		if errors.Is(err, ErrGone) {
			dev.Gone = true
		}
		dev.Problems = append(dev.Problems, Problem{Path: node, Err: err})
	}
	handles, err := ctx.OpenDevices(func(o *gousb.DeviceDesc) bool {
		return o.Bus == d.Bus && o.Address == d.Address
	})
	for _, h := range handles[min(len(handles), 1):] {
		h.Close()
	}
	if len(handles) == 0 {
		if err == nil {
			err = gousb.ErrorNoDevice // unplugged between the two passes
		}
		fail(err)
		return dev
	}
	h := handles[0]
	defer h.Close()
	h.ControlTimeout = controlTimeout
	ctrl := func(request uint8, value, index uint16, buf []byte) (int, error) {
		return h.Control(reqTypeDeviceToHost, request, value, index, buf)
	}
	b, err := readRawDescriptors(ctrl)
	dev.Descriptors = b
	if err != nil {
		fail(err)
		if dev.Gone {
			return dev
		}
	}
	// String indexes from the device descriptor (iManufacturer, iProduct,
	// iSerialNumber at offsets 14..16).
	if len(b) >= deviceDescLen {
		for i, dst := range []*string{&dev.Manufacturer, &dev.Product, &dev.Serial} {
			idx := int(b[14+i])
			if idx == 0 {
				continue
			}
			s, err := h.GetStringDescriptor(idx)
			if err != nil {
				fail(fmt.Errorf("string %d: %w", idx, err))
				continue
			}
			*dst = s
		}
	}
	return dev
}
