// Command sysfscapture runs inside the e2e guest. It copies the sysfs and
// procfs files a USB audio scanner reads (USB devices, their interfaces,
// HID/hidraw nodes, sound cards, /proc/asound) into a tar archive, keeping
// symlinks as the relative links the kernel shows, and prints the archive
// gzip'ed and base64-encoded on stdout so it survives a serial console.
//
// sysfs attribute files claim a size of 4096 whatever they hold, so each
// file is read to EOF and stored with its real length.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	deviceAttrs = []string{
		"descriptors", "idVendor", "idProduct", "manufacturer", "product", "serial", "speed",
		"busnum", "devnum", "devpath", "bcdDevice", "bDeviceClass", "bDeviceSubClass",
		"bDeviceProtocol", "bNumConfigurations", "bConfigurationValue", "bNumInterfaces",
		"bmAttributes", "bMaxPower", "bMaxPacketSize0", "configuration", "version",
		"removable", "maxchild", "uevent", "dev",
	}
	interfaceAttrs = []string{
		"bInterfaceNumber", "bAlternateSetting", "bInterfaceClass", "bInterfaceSubClass",
		"bInterfaceProtocol", "bNumEndpoints", "interface", "modalias", "uevent",
	}
	endpointAttrs = []string{
		"bEndpointAddress", "bmAttributes", "wMaxPacketSize", "bInterval", "bLength",
		"direction", "interval", "type",
	}
	hidDevRE = regexp.MustCompile(`^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{4}\.[0-9A-F]{4}$`)
)

type capture struct {
	tw      *tar.Writer
	written map[string]bool
	roots   []string // captured USB device directories (absolute)
	errs    []string
}

func main() {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	c := &capture{tw: tar.NewWriter(zw), written: map[string]bool{}}
	c.usbDevices()
	c.classLinks("/sys/class/hidraw")
	c.classLinks("/sys/class/sound")
	c.asound()
	if err := c.tw.Close(); err != nil {
		fail(err)
	}
	if err := zw.Close(); err != nil {
		fail(err)
	}
	enc := base64.StdEncoding.EncodeToString(buf.Bytes())
	for len(enc) > 76 {
		fmt.Println(enc[:76])
		enc = enc[76:]
	}
	fmt.Println(enc)
	for _, e := range c.errs {
		fmt.Fprintln(os.Stderr, "sysfscapture:", e)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "sysfscapture:", err)
	os.Exit(1)
}

// rel turns an absolute guest path into the archive name (no leading "/").
func rel(p string) string { return strings.TrimPrefix(filepath.Clean(p), "/") }

func (c *capture) file(p string) {
	if c.written[p] {
		return
	}
	data, err := os.ReadFile(p)
	if err != nil {
		if !os.IsNotExist(err) {
			c.errs = append(c.errs, err.Error())
		}
		return
	}
	c.written[p] = true
	c.header(&tar.Header{Typeflag: tar.TypeReg, Name: rel(p), Mode: 0o644, Size: int64(len(data))})
	c.tw.Write(data)
}

func (c *capture) link(p string) {
	if c.written[p] {
		return
	}
	target, err := os.Readlink(p)
	if err != nil {
		return
	}
	c.written[p] = true
	c.header(&tar.Header{Typeflag: tar.TypeSymlink, Name: rel(p), Linkname: target, Mode: 0o777})
}

func (c *capture) header(h *tar.Header) {
	if err := c.tw.WriteHeader(h); err != nil {
		fail(err)
	}
}

func (c *capture) files(dir string, names []string) {
	for _, n := range names {
		c.file(filepath.Join(dir, n))
	}
}

func (c *capture) endpoints(dir string) {
	eps, _ := filepath.Glob(filepath.Join(dir, "ep_*"))
	for _, ep := range eps {
		c.files(ep, endpointAttrs)
	}
}

func (c *capture) usbDevices() {
	const bus = "/sys/bus/usb/devices"
	entries, err := os.ReadDir(bus)
	if err != nil {
		fail(err)
	}
	// vhci_hcd brings many buses (CONFIG_USBIP_VHCI_NR_HCS controllers,
	// two buses each); only those with a device plugged in are kept.
	used := map[string]bool{}
	for _, e := range entries {
		if n := e.Name(); !strings.HasPrefix(n, "usb") && !strings.Contains(n, "-0:") {
			used[strings.SplitN(n, "-", 2)[0]] = true
		}
	}
	for _, e := range entries {
		p := filepath.Join(bus, e.Name())
		busNum := strings.TrimPrefix(strings.SplitN(e.Name(), "-", 2)[0], "usb")
		if real, err := filepath.EvalSymlinks(p); err == nil && strings.Contains(real, "/vhci_hcd.") && !used[busNum] {
			continue
		}
		c.link(p)
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			c.errs = append(c.errs, err.Error())
			continue
		}
		c.link(filepath.Join(real, "driver"))
		c.endpoints(real)
		if !strings.Contains(e.Name(), ":") {
			c.roots = append(c.roots, real)
			c.files(real, deviceAttrs)
			continue
		}
		c.files(real, interfaceAttrs)
		c.hidDevices(real)
		c.soundCards(real)
	}
}

func (c *capture) hidDevices(intf string) {
	entries, _ := os.ReadDir(intf)
	for _, e := range entries {
		if !hidDevRE.MatchString(e.Name()) {
			continue
		}
		hd := filepath.Join(intf, e.Name())
		c.files(hd, []string{"report_descriptor", "uevent", "country"})
		c.link(filepath.Join(hd, "driver"))
		nodes, _ := filepath.Glob(filepath.Join(hd, "hidraw", "hidraw*"))
		for _, n := range nodes {
			c.files(n, []string{"dev", "uevent"})
		}
	}
}

func (c *capture) soundCards(intf string) {
	cards, _ := filepath.Glob(filepath.Join(intf, "sound", "card*"))
	for _, card := range cards {
		c.files(card, []string{"id", "number", "uevent"})
		kids, _ := os.ReadDir(card)
		for _, k := range kids {
			n := k.Name()
			if strings.HasPrefix(n, "controlC") || strings.HasPrefix(n, "pcmC") ||
				strings.HasPrefix(n, "hwC") || strings.HasPrefix(n, "midiC") {
				c.files(filepath.Join(card, n), []string{"dev", "uevent", "pcm_class"})
			}
		}
	}
}

// classLinks keeps /sys/class/X/* links that point into a captured device.
func (c *capture) classLinks(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			continue
		}
		for _, root := range c.roots {
			if strings.HasPrefix(real, root+"/") {
				c.link(p)
				break
			}
		}
	}
}

func (c *capture) asound() {
	const dir = "/proc/asound"
	c.files(dir, []string{"cards", "devices", "version", "pcm"})
	entries, _ := os.ReadDir(dir)
	var cards []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.Type()&os.ModeSymlink != 0 {
			c.link(p) // /proc/asound/<id> -> cardN
			continue
		}
		if strings.HasPrefix(e.Name(), "card") && e.IsDir() {
			cards = append(cards, p)
		}
	}
	sort.Strings(cards)
	for _, card := range cards {
		kids, _ := os.ReadDir(card)
		for _, k := range kids {
			p := filepath.Join(card, k.Name())
			if k.Type().IsRegular() {
				c.file(p)
			} else if k.IsDir() && strings.HasPrefix(k.Name(), "pcm") {
				c.file(filepath.Join(p, "info"))
			}
		}
	}
}
