package vm

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
)

// Initramfs collects files for a gzip'ed cpio "newc" archive, the format the
// kernel unpacks into its rootfs (Documentation/driver-api/early-userspace).
// Writing it in Go keeps the harness independent of the host's cpio flags.
type Initramfs struct {
	entries map[string]cpioEntry
}

type cpioEntry struct {
	mode     uint32 // type bits | permissions
	data     []byte
	hostPath string // read at write time when data is nil
	target   string // symlink target
}

const (
	modeDir     = 0o040000
	modeRegular = 0o100000
	modeSymlink = 0o120000
)

// NewInitramfs returns an archive holding the directories every boot needs.
func NewInitramfs() *Initramfs {
	r := &Initramfs{entries: map[string]cpioEntry{}}
	for _, d := range []string{"bin", "sbin", "dev", "proc", "sys", "tmp", "run", "etc", "lib/modules", "usr/bin", "usr/sbin"} {
		r.AddDir(d)
	}
	return r
}

func clean(p string) string { return strings.TrimPrefix(path.Clean("/"+p), "/") }

// AddDir adds a directory (and its parents).
func (r *Initramfs) AddDir(p string) {
	p = clean(p)
	for p != "" && p != "." {
		if _, ok := r.entries[p]; ok {
			return
		}
		r.entries[p] = cpioEntry{mode: modeDir | 0o755}
		p = path.Dir(p)
	}
}

// AddBytes adds a regular file with the given content and permissions.
func (r *Initramfs) AddBytes(p string, data []byte, perm os.FileMode) {
	p = clean(p)
	r.AddDir(path.Dir(p))
	if data == nil {
		data = []byte{}
	}
	r.entries[p] = cpioEntry{mode: modeRegular | uint32(perm.Perm()), data: data}
}

// AddHostFile adds a copy of a host file, read when the archive is written.
func (r *Initramfs) AddHostFile(p, hostPath string, perm os.FileMode) {
	p = clean(p)
	r.AddDir(path.Dir(p))
	r.entries[p] = cpioEntry{mode: modeRegular | uint32(perm.Perm()), hostPath: hostPath}
}

// AddSymlink adds a symbolic link p -> target.
func (r *Initramfs) AddSymlink(p, target string) {
	p = clean(p)
	r.AddDir(path.Dir(p))
	r.entries[p] = cpioEntry{mode: modeSymlink | 0o777, target: target}
}

// WriteFile writes the gzip'ed archive to a host file.
func (r *Initramfs) WriteFile(hostPath string) error {
	f, err := os.Create(hostPath)
	if err != nil {
		return err
	}
	if err := r.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Write writes the archive, gzip-compressed, parents before children.
func (r *Initramfs) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(r.entries))
	for n := range r.entries {
		names = append(names, n)
	}
	sort.Strings(names) // a parent sorts before its children
	ino := uint32(1)
	for _, n := range names {
		e := r.entries[n]
		data := e.data
		switch {
		case e.mode&0o170000 == modeSymlink:
			data = []byte(e.target)
		case e.mode&0o170000 == modeRegular && data == nil:
			if data, err = os.ReadFile(e.hostPath); err != nil {
				return err
			}
		}
		nlink := uint32(1)
		if e.mode&0o170000 == modeDir {
			nlink = 2
		}
		if err := writeCPIOEntry(zw, ino, n, e.mode, nlink, data); err != nil {
			return err
		}
		ino++
	}
	if err := writeCPIOEntry(zw, 0, "TRAILER!!!", 0, 1, nil); err != nil {
		return err
	}
	return zw.Close()
}

// writeCPIOEntry writes one newc header (13 8-digit hex fields after the
// "070701" magic), the NUL-terminated name and the data, each padded to 4.
func writeCPIOEntry(w io.Writer, ino uint32, name string, mode, nlink uint32, data []byte) error {
	hdr := fmt.Sprintf("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name)+1, 0)
	buf := make([]byte, 0, len(hdr)+len(name)+8)
	buf = append(buf, hdr...)
	buf = append(buf, name...)
	buf = append(buf, 0)
	buf = pad4(buf)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if n := len(data) % 4; n != 0 {
		_, err := w.Write(make([]byte, 4-n))
		return err
	}
	return nil
}

func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}
