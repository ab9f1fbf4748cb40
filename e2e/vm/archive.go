package vm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxArchive bounds what a guest may send back (decompressed).
const maxArchive = 64 << 20

// DecodeArchive turns a section holding base64 of a gzip'ed tar (as the
// guest program sysfscapture prints it) back into the tar bytes.
func DecodeArchive(section string) ([]byte, error) {
	var b64 strings.Builder
	for _, line := range strings.Split(section, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "@@E2E") {
			continue
		}
		b64.WriteString(line)
	}
	gz, err := base64.StdEncoding.DecodeString(b64.String())
	if err != nil {
		return nil, fmt.Errorf("archive: base64: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("archive: gzip: %v", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxArchive+1))
	if err != nil {
		return nil, fmt.Errorf("archive: gunzip: %v", err)
	}
	if len(raw) > maxArchive {
		return nil, fmt.Errorf("archive: larger than %d bytes", maxArchive)
	}
	return raw, nil
}

// ExtractTar writes a tar's directories, regular files and symlinks under
// dest. Symlink targets are kept verbatim (sysfs links are relative); names
// that would escape dest are refused.
func ExtractTar(tarBytes []byte, dest string) error {
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	root, err := filepath.EvalSymlinks(dest)
	if err != nil {
		return err
	}
	tr := tar.NewReader(bytes.NewReader(tarBytes))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("archive: %v", err)
		}
		name := filepath.Clean(filepath.FromSlash(h.Name))
		if filepath.IsAbs(name) || name == ".." || strings.HasPrefix(name, ".."+string(filepath.Separator)) {
			return fmt.Errorf("archive: entry %q escapes the destination", h.Name)
		}
		p := filepath.Join(dest, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		// An earlier symlink entry must not redirect this one outside dest.
		parent, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return err
		}
		if parent != root && !strings.HasPrefix(parent, root+string(filepath.Separator)) {
			return fmt.Errorf("archive: entry %q goes through a symlink out of the destination", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			data, err := io.ReadAll(io.LimitReader(tr, maxArchive))
			if err != nil {
				return err
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return err
			}
		case tar.TypeSymlink:
			os.Remove(p)
			if err := os.Symlink(h.Linkname, p); err != nil {
				return err
			}
		}
	}
}
