package vm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCPIO decodes a gzip'ed newc archive: name -> (mode, data).
func readCPIO(t *testing.T, gz []byte) map[string]struct {
	mode uint32
	data string
} {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(zr)
	out := map[string]struct {
		mode uint32
		data string
	}{}
	hexField := func(b []byte) uint32 {
		var v uint32
		for _, c := range b {
			v <<= 4
			switch {
			case c >= '0' && c <= '9':
				v |= uint32(c - '0')
			case c >= 'A' && c <= 'F':
				v |= uint32(c-'A') + 10
			}
		}
		return v
	}
	for off := 0; off+110 <= len(raw); {
		h := raw[off : off+110]
		if string(h[:6]) != "070701" {
			t.Fatalf("offset %d: magic %q", off, h[:6])
		}
		mode := hexField(h[14:22])
		size := int(hexField(h[54:62]))
		nameLen := int(hexField(h[94:102]))
		name := string(raw[off+110 : off+110+nameLen-1])
		off += 110 + nameLen
		off = (off + 3) &^ 3
		data := string(raw[off : off+size])
		off += size
		off = (off + 3) &^ 3
		if name == "TRAILER!!!" {
			return out
		}
		out[name] = struct {
			mode uint32
			data string
		}{mode, data}
	}
	t.Fatal("no TRAILER!!!")
	return nil
}

func TestInitramfsIsNewcWithParentsFirst(t *testing.T) {
	r := NewInitramfs()
	r.AddBytes("init", []byte("#!/bin/sh\n"), 0o755)
	r.AddBytes("fx/dev/d.bin", []byte{1, 2, 3}, 0o644)
	r.AddSymlink("bin/sh", "busybox")
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got := readCPIO(t, buf.Bytes())
	if e := got["init"]; e.data != "#!/bin/sh\n" || e.mode != 0o100755 {
		t.Errorf("init = %+v, want the script with mode 0100755", e)
	}
	if e := got["fx/dev/d.bin"]; e.data != "\x01\x02\x03" || e.mode != 0o100644 {
		t.Errorf("fx/dev/d.bin = %+v", e)
	}
	if e := got["bin/sh"]; e.data != "busybox" || e.mode != 0o120777 {
		t.Errorf("bin/sh = %+v, want a symlink to busybox", e)
	}
	for _, dir := range []string{"fx", "fx/dev", "proc", "sys", "dev"} {
		if e, ok := got[dir]; !ok || e.mode != 0o040755 {
			t.Errorf("directory %s missing or wrong mode: %+v", dir, e)
		}
	}
}

func TestSectionsAndStatus(t *testing.T) {
	r := &Result{Console: "noise\n@@E2E-BEGIN cards\n 0 [Audio ]\n@@E2E-STATUS cards 3\n@@E2E-END cards\n@@E2E-NOTE slow\n@@E2E-BOOTED 2.50\n@@E2E-EXIT 0\n"}
	r.ExitCode = r.scenarioExit()
	if s, ok := r.Section("cards"); !ok || s != " 0 [Audio ]\n" {
		t.Errorf("Section = %q, %v", s, ok)
	}
	if st := r.SectionStatus("cards"); st != 3 {
		t.Errorf("SectionStatus = %d, want 3", st)
	}
	if _, ok := r.Section("missing"); ok {
		t.Error("a missing section was found")
	}
	if d, ok := r.Uptime("@@E2E-BOOTED"); !ok || d.Seconds() != 2.5 {
		t.Errorf("Uptime = %v %v, want 2.5s", d, ok)
	}
	if n := r.Notes(); len(n) != 1 || n[0] != "slow" {
		t.Errorf("Notes = %v", n)
	}
	if r.ExitCode != 0 {
		t.Errorf("ExitCode = %d", r.ExitCode)
	}
}

func tarGzBase64(t *testing.T, entries []tar.Header, data map[string]string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, h := range entries {
		h.Size = int64(len(data[h.Name]))
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(data[h.Name]))
	}
	tw.Close()
	zw.Close()
	enc := base64.StdEncoding.EncodeToString(buf.Bytes())
	var lines []string
	for len(enc) > 76 {
		lines = append(lines, enc[:76])
		enc = enc[76:]
	}
	return strings.Join(append(lines, enc), "\n") + "\n"
}

func TestArchiveKeepsBytesAndRelativeLinks(t *testing.T) {
	desc := "\x12\x01\x00\x02\x00\x00\x00\x40"
	sec := tarGzBase64(t, []tar.Header{
		{Typeflag: tar.TypeReg, Name: "sys/devices/usb1/1-1/descriptors", Mode: 0o644},
		{Typeflag: tar.TypeSymlink, Name: "sys/bus/usb/devices/1-1", Linkname: "../../../devices/usb1/1-1"},
	}, map[string]string{"sys/devices/usb1/1-1/descriptors": desc})
	raw, err := DecodeArchive(sec)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := ExtractTar(raw, dir); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "sys/bus/usb/devices/1-1/descriptors"))
	if err != nil || string(got) != desc {
		t.Fatalf("descriptors through the link = % x, %v; want % x", got, err, desc)
	}
	if l, _ := os.Readlink(filepath.Join(dir, "sys/bus/usb/devices/1-1")); l != "../../../devices/usb1/1-1" {
		t.Errorf("link target = %q, want the relative sysfs link", l)
	}
}

func TestArchiveRefusesEscapes(t *testing.T) {
	sec := tarGzBase64(t, []tar.Header{{Typeflag: tar.TypeReg, Name: "../../etc/evil", Mode: 0o644}}, map[string]string{"../../etc/evil": "x"})
	raw, err := DecodeArchive(sec)
	if err != nil {
		t.Fatal(err)
	}
	if err := ExtractTar(raw, t.TempDir()); err == nil {
		t.Fatal("an entry named ../../etc/evil was extracted")
	}
	sec = tarGzBase64(t, []tar.Header{
		{Typeflag: tar.TypeSymlink, Name: "sys/x", Linkname: "/tmp"},
		{Typeflag: tar.TypeReg, Name: "sys/x/evil", Mode: 0o644},
	}, nil)
	raw, _ = DecodeArchive(sec)
	if err := ExtractTar(raw, t.TempDir()); err == nil {
		t.Fatal("a file was written through a symlink to /tmp")
	}
	if _, err := DecodeArchive("not base64 !!!"); err == nil {
		t.Fatal("garbage decoded")
	}
}

func TestKernelPackageFromAptCache(t *testing.T) {
	out := "linux-image-amd64\n  Depends: linux-image-6.1.0-56-amd64\n"
	m := kernelDepRE.FindStringSubmatch(out)
	if m == nil || m[1] != "linux-image-6.1.0-56-amd64" {
		t.Fatalf("match = %v", m)
	}
	if kernelDepRE.MatchString("linux-image-amd64\n  Depends: linux-image-cloud-amd64\n") {
		t.Error("a flavour name was taken for an ABI")
	}
}

func TestSharedLibrariesOfADynamicBinary(t *testing.T) {
	if _, err := os.Stat("/bin/ls"); err != nil {
		t.Skip("no /bin/ls")
	}
	libs, err := SharedLibraries(context.Background(), "/bin/ls")
	if err != nil {
		t.Skip(err)
	}
	var libc, loader bool
	for _, l := range libs {
		libc = libc || strings.Contains(filepath.Base(l), "libc.so")
		loader = loader || strings.Contains(filepath.Base(l), "ld-linux")
	}
	if !libc || !loader {
		t.Errorf("ldd /bin/ls gave %v: want libc and the dynamic loader", libs)
	}
}
