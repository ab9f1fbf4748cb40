package source

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// CaptureOptions controls Capture.
type CaptureOptions struct {
	// KeepSerials copies serial numbers as they are; by default they are
	// replaced, since a capture is meant to be attached to bug reports.
	KeepSerials bool
}

// MaskedSerial replaces serial numbers in captures.
const MaskedSerial = "(masked)"

// captureSink receives the entries of a capture.
type captureSink interface {
	dir(name string) error
	link(name, target string) error
	file(name string, data []byte) error
}

// CaptureDir copies exactly the files a scan read for devs (RawDevice.Files)
// from the tree opts names into the directory dst, so that
// Scan(Options{Root: dst}) reads the same devices. Symlinks are copied as
// links; a link whose target was not needed dangles, as in the fixtures.
// Only sysfs-backend devices list files; libusb ones add nothing.
func CaptureDir(opts Options, devs []RawDevice, dst string, co CaptureOptions) error {
	return capture(opts, devs, dirSink(dst), co)
}

// CaptureTar writes the same entries as CaptureDir as a gzip-compressed
// tar stream (paths relative, "sys/..." and "proc/...").
func CaptureTar(opts Options, devs []RawDevice, w io.Writer, co CaptureOptions) error {
	zw := gzip.NewWriter(w)
	tw := tar.NewWriter(zw)
	sink := &tarSink{w: tw, dirs: map[string]bool{}, when: time.Now()}
	err := capture(opts, devs, sink, co)
	if cerr := tw.Close(); err == nil {
		err = cerr
	}
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return err
}

func capture(opts Options, devs []RawDevice, sink captureSink, co CaptureOptions) error {
	sys, proc := opts.trees()
	done := map[string]bool{}
	for _, d := range devs {
		for _, p := range d.Files {
			if done[p] {
				continue
			}
			done[p] = true
			t, inTree := sys, p
			if proc.shown != "" && strings.HasPrefix(p, "/proc/") {
				t, inTree = proc, strings.TrimPrefix(p, "/proc")
			}
			if err := captureOne(t, inTree, p, sink, co); err != nil {
				return err
			}
		}
	}
	return nil
}

// captureOne copies one tree entry; inTree is its path in t, name its
// path in the capture.
func captureOne(t tree, inTree, name string, sink captureSink, co CaptureOptions) error {
	host := t.hostPath(inTree)
	fi, err := t.fs.Lstat(host)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // gone since the scan: leave it out
		}
		return err
	}
	rel := strings.TrimPrefix(name, "/")
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := t.fs.Readlink(host)
		if err != nil {
			return err
		}
		return sink.link(rel, target)
	case fi.IsDir():
		return sink.dir(rel)
	}
	b, _, _, err := t.readFile(inTree, blobCap)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("capture %s: %w", name, err)
	}
	if path.Base(name) == "serial" && strings.HasPrefix(name, "/sys/") && !co.KeepSerials {
		b = []byte(MaskedSerial + "\n")
	}
	return sink.file(rel, b)
}

type dirSink string

func (d dirSink) path(name string) string { return filepath.Join(string(d), filepath.FromSlash(name)) }

func (d dirSink) dir(name string) error { return os.MkdirAll(d.path(name), 0o755) }

func (d dirSink) link(name, target string) error {
	p := d.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if old, err := os.Readlink(p); err == nil && old == target {
		return nil
	}
	return os.Symlink(target, p)
}

func (d dirSink) file(name string, data []byte) error {
	p := d.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

type tarSink struct {
	w    *tar.Writer
	dirs map[string]bool
	when time.Time
}

// parents writes each missing parent directory entry first, so the
// archive unpacks with any tar.
func (s *tarSink) parents(name string) error {
	dir := path.Dir(name)
	if dir == "." || s.dirs[dir] {
		return nil
	}
	if err := s.parents(dir); err != nil {
		return err
	}
	s.dirs[dir] = true
	return s.w.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir + "/", Mode: 0o755, ModTime: s.when})
}

func (s *tarSink) dir(name string) error {
	if s.dirs[name] {
		return nil
	}
	if err := s.parents(name); err != nil {
		return err
	}
	s.dirs[name] = true
	return s.w.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: 0o755, ModTime: s.when})
}

func (s *tarSink) link(name, target string) error {
	if err := s.parents(name); err != nil {
		return err
	}
	return s.w.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: name, Linkname: target, Mode: 0o777, ModTime: s.when})
}

func (s *tarSink) file(name string, data []byte) error {
	if err := s.parents(name); err != nil {
		return err
	}
	if err := s.w.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: int64(len(data)), Mode: 0o644, ModTime: s.when}); err != nil {
		return err
	}
	_, err := s.w.Write(data)
	return err
}
