package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// FS is the file access a tree needs; names are host paths. Tests inject
// failures (permission denied, vanishing directories) through it because
// they run as root, where chmod 000 does not stop a read.
type FS interface {
	Lstat(name string) (fs.FileInfo, error)
	Readlink(name string) (string, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	Open(name string) (io.ReadCloser, error)
}

// OSFS is the real file system.
type OSFS struct{}

func (OSFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (OSFS) Readlink(name string) (string, error)       { return os.Readlink(name) }
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (OSFS) Open(name string) (io.ReadCloser, error)    { return os.Open(name) }

// maxLinks bounds symlink expansion, as the kernel's ELOOP does (40).
const maxLinks = 40

// tree resolves slash paths ("/sys/bus/usb/devices/1-1") inside a root
// directory. Symlinks are followed by hand so none can leave the root: an
// absolute target restarts at the root and ".." stops there, which is what
// a captured tree needs (its links were made on another machine).
type tree struct {
	root string // host directory standing for "/"
	fs   FS
	// shown is prefixed to tree paths in problems and file lists: "/proc"
	// for a separate procfs root, whose "/" is the live /proc.
	shown string
}

// resolve returns the tree path (slash form, starting with "/") of name
// with every symlink expanded, and the links it went through.
func (t tree) resolve(name string) (string, []string, error) {
	pending := splitPath(name)
	var done []string
	var links []string
	for n := 0; len(pending) > 0; {
		part := pending[0]
		pending = pending[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(done) > 0 {
				done = done[:len(done)-1]
			}
			continue
		}
		next := append(done[:len(done):len(done)], part)
		host := t.host(next)
		fi, err := t.fs.Lstat(host)
		if err != nil {
			return "", links, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = next
			continue
		}
		if n++; n > maxLinks {
			return "", links, &fs.PathError{Op: "resolve", Path: name, Err: syscall.ELOOP}
		}
		target, err := t.fs.Readlink(host)
		if err != nil {
			return "", links, err
		}
		links = append(links, "/"+strings.Join(next, "/"))
		if strings.HasPrefix(target, "/") {
			done = nil
		}
		pending = append(splitPath(target), pending...)
	}
	return "/" + strings.Join(done, "/"), links, nil
}

func (t tree) host(parts []string) string {
	return filepath.Join(append([]string{t.root}, parts...)...)
}

func (t tree) hostPath(treePath string) string { return t.host(splitPath(treePath)) }

func splitPath(p string) []string { return strings.Split(filepath.ToSlash(p), "/") }

// linkBase returns the last element of a symlink's target without
// following it: a driver link names the driver even when the tree holds
// no bus/drivers directory.
func (t tree) linkBase(name string) (string, error) {
	dir, err := t.resolveDir(path.Dir(name))
	if err != nil {
		return "", err
	}
	target, err := t.fs.Readlink(t.hostPath(path.Join(dir, path.Base(name))))
	if err != nil {
		return "", err
	}
	return path.Base(filepath.ToSlash(target)), nil
}

func (t tree) resolveDir(name string) (string, error) {
	p, _, err := t.resolve(name)
	return p, err
}

// readDir lists a directory of the tree, following links to it.
func (t tree) readDir(name string) ([]fs.DirEntry, error) {
	p, err := t.resolveDir(name)
	if err != nil {
		return nil, err
	}
	return t.fs.ReadDir(t.hostPath(p))
}

// Read caps: sysfs attributes report a size of 4096 whatever they hold,
// so sizes are never trusted; reads stop at a cap instead.
const (
	attrCap = 64 << 10 // text attributes and proc files
	blobCap = 1 << 20  // descriptors: up to 8 configurations of 64 KiB each and then some
)

// readFile reads a tree file to EOF, at most limit bytes. A longer file
// returns the first limit bytes and ErrTooLarge. The returned tree path is
// the resolved one, for captures.
func (t tree) readFile(name string, limit int) ([]byte, string, []string, error) {
	p, links, err := t.resolve(name)
	if err != nil {
		return nil, "", links, err
	}
	f, err := t.fs.Open(t.hostPath(p))
	if err != nil {
		return nil, p, links, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return b, p, links, err
	}
	if len(b) > limit {
		return b[:limit], p, links, fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)
	}
	return b, p, links, nil
}

// isGoneErr says whether err means the file's device is going away:
// removed sysfs directories give ENOENT, a read from a dying device ENODEV.
func isGoneErr(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENODEV)
}
