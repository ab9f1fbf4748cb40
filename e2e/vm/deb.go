package vm

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// FetchPackage downloads a Debian package with apt-get (once; cached in
// CACHE/debs) and extracts it with dpkg -x into CACHE/pkgs/NAME, returning
// that directory. The scenarios use it for userspace they run in the guest
// (udev's systemd-udevd and udevadm).
func FetchPackage(ctx context.Context, cache, pkg string, logf func(string, ...any)) (string, error) {
	root := filepath.Join(cache, "pkgs", pkg)
	if _, err := os.Stat(filepath.Join(root, ".ready")); err == nil {
		return root, nil
	}
	debs := filepath.Join(cache, "debs")
	if err := os.MkdirAll(debs, 0o755); err != nil {
		return "", err
	}
	deb, err := findDeb(debs, pkg)
	if err != nil {
		logf("vm: apt-get download %s", pkg)
		if err := run(ctx, 5*time.Minute, debs, "apt-get", "download", pkg); err != nil {
			if uerr := run(ctx, 5*time.Minute, "", "apt-get", "update"); uerr != nil {
				return "", err
			}
			if err := run(ctx, 5*time.Minute, debs, "apt-get", "download", pkg); err != nil {
				return "", err
			}
		}
		if deb, err = findDeb(debs, pkg); err != nil {
			return "", err
		}
	}
	tmp := root + ".tmp"
	os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	if err := run(ctx, 5*time.Minute, "", "dpkg", "-x", deb, tmp); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".ready"), []byte(filepath.Base(deb)+"\n"), 0o644); err != nil {
		return "", err
	}
	os.RemoveAll(root)
	return root, os.Rename(tmp, root)
}
