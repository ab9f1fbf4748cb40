// Package vm boots a real Debian kernel under QEMU with a busybox initramfs
// so end-to-end tests can exercise the kernel's USB, HID and ALSA drivers on
// machines that have no USB hardware, no modules and no KVM.
//
// Nothing it downloads lives in the repository: kernels are cached under
// CacheDir (default ${XDG_CACHE_HOME:-$HOME/.cache}/usbaudio-e2e).
package vm

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// PinnedKernelPackage is used when apt cannot name the current Debian kernel
// (offline, or linux-image-amd64 unknown to the package lists).
const PinnedKernelPackage = "linux-image-6.1.0-56-amd64"

// Kernel is an extracted Debian kernel package ready to boot.
type Kernel struct {
	Package string // e.g. linux-image-6.1.0-56-amd64
	Release string // uname -r, e.g. 6.1.0-56-amd64
	Root    string // dpkg -x destination holding boot/ and lib/modules/
	Vmlinuz string
	// DebVersion is the package version (e.g. 6.1.192-2), for provenance.
	DebVersion string
}

// CacheDir is where kernels and build products are kept between runs.
func CacheDir() string {
	if d := os.Getenv("USBAUDIO_E2E_CACHE"); d != "" {
		return d
	}
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "usbaudio-e2e")
}

var kernelDepRE = regexp.MustCompile(`Depends:\s*(linux-image-[0-9][^\s]*-amd64)\b`)

// ResolveKernelPackage names the kernel package Debian's linux-image-amd64
// metapackage currently depends on; the ABI number in that name moves with
// every Debian kernel update.
func ResolveKernelPackage(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "apt-cache", "depends", "linux-image-amd64").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("apt-cache depends linux-image-amd64: %v: %s", err, bytes.TrimSpace(out))
	}
	m := kernelDepRE.FindSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("apt-cache depends linux-image-amd64 names no linux-image-*-amd64 package")
	}
	return string(m[1]), nil
}

// FetchKernel returns an extracted, depmod'ed kernel from the cache,
// downloading it with apt-get first if needed. Order of preference: the
// package linux-image-amd64 depends on now, then PinnedKernelPackage, then
// any kernel already in the cache (so an offline machine still works).
func FetchKernel(ctx context.Context, cache string, logf func(string, ...any)) (*Kernel, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	var candidates []string
	pkg, err := ResolveKernelPackage(ctx)
	if err != nil && os.Geteuid() == 0 {
		// A fresh machine may have no package lists yet: refresh them once
		// and ask again, rather than fall back to a pinned ABI that Debian
		// may have removed since.
		logf("vm: %v; running apt-get update", err)
		if uerr := run(ctx, 5*time.Minute, "", "apt-get", "update"); uerr == nil {
			pkg, err = ResolveKernelPackage(ctx)
		}
	}
	if err == nil {
		candidates = append(candidates, pkg)
	} else {
		logf("vm: %v; falling back to %s", err, PinnedKernelPackage)
	}
	if len(candidates) == 0 || candidates[0] != PinnedKernelPackage {
		candidates = append(candidates, PinnedKernelPackage)
	}
	var errs []string
	for _, pkg := range candidates {
		if k, err := loadCachedKernel(cache, pkg); err == nil {
			return k, nil
		}
		k, err := downloadKernel(ctx, cache, pkg, logf)
		if err == nil {
			return k, nil
		}
		errs = append(errs, err.Error())
	}
	// Offline fallback: whatever kernel an earlier run left in the cache.
	entries, _ := os.ReadDir(filepath.Join(cache, "kernels"))
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() > entries[j].Name() })
	for _, e := range entries {
		if k, err := loadCachedKernel(cache, e.Name()); err == nil {
			logf("vm: using cached %s", e.Name())
			return k, nil
		}
	}
	return nil, fmt.Errorf("no kernel available: %s", strings.Join(errs, "; "))
}

func loadCachedKernel(cache, pkg string) (*Kernel, error) {
	root := filepath.Join(cache, "kernels", pkg)
	stamp, err := os.ReadFile(filepath.Join(root, ".ready"))
	if err != nil {
		return nil, err
	}
	return kernelFromTree(pkg, root, strings.TrimSpace(string(stamp)))
}

func kernelFromTree(pkg, root, debVersion string) (*Kernel, error) {
	images, _ := filepath.Glob(filepath.Join(root, "boot", "vmlinuz-*"))
	if len(images) != 1 {
		return nil, fmt.Errorf("%s: want one boot/vmlinuz-*, found %d", root, len(images))
	}
	release := strings.TrimPrefix(filepath.Base(images[0]), "vmlinuz-")
	if _, err := os.Stat(filepath.Join(root, "lib", "modules", release)); err != nil {
		return nil, fmt.Errorf("%s: no modules for %s", root, release)
	}
	return &Kernel{Package: pkg, Release: release, Root: root, Vmlinuz: images[0], DebVersion: debVersion}, nil
}

func downloadKernel(ctx context.Context, cache, pkg string, logf func(string, ...any)) (*Kernel, error) {
	debs := filepath.Join(cache, "debs")
	if err := os.MkdirAll(debs, 0o755); err != nil {
		return nil, err
	}
	deb, err := findDeb(debs, pkg)
	if err != nil {
		logf("vm: apt-get download %s", pkg)
		if err := run(ctx, 5*time.Minute, debs, "apt-get", "download", pkg); err != nil {
			// Package lists may be stale or absent: refresh once and retry.
			if uerr := run(ctx, 5*time.Minute, "", "apt-get", "update"); uerr != nil {
				return nil, fmt.Errorf("apt-get download %s: %v (apt-get update: %v)", pkg, err, uerr)
			}
			if err := run(ctx, 5*time.Minute, debs, "apt-get", "download", pkg); err != nil {
				return nil, fmt.Errorf("apt-get download %s: %v", pkg, err)
			}
		}
		if deb, err = findDeb(debs, pkg); err != nil {
			return nil, err
		}
	}
	debVersion := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(deb), pkg+"_"), "_amd64.deb")
	root := filepath.Join(cache, "kernels", pkg)
	tmp := root + ".tmp"
	os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	logf("vm: dpkg -x %s", filepath.Base(deb))
	if err := run(ctx, 5*time.Minute, "", "dpkg", "-x", deb, tmp); err != nil {
		return nil, err
	}
	k, err := kernelFromTree(pkg, tmp, debVersion)
	if err != nil {
		return nil, err
	}
	if err := run(ctx, 2*time.Minute, "", "depmod", "-b", tmp, k.Release); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".ready"), []byte(debVersion+"\n"), 0o644); err != nil {
		return nil, err
	}
	os.RemoveAll(root)
	if err := os.Rename(tmp, root); err != nil {
		return nil, err
	}
	return loadCachedKernel(cache, pkg)
}

func findDeb(dir, pkg string) (string, error) {
	m, _ := filepath.Glob(filepath.Join(dir, pkg+"_*_amd64.deb"))
	if len(m) == 0 {
		return "", fmt.Errorf("no %s deb in %s", pkg, dir)
	}
	sort.Strings(m)
	return m[len(m)-1], nil
}

// ModuleFiles lists the .ko files that load the named modules, dependencies
// first, as modprobe would insert them. Built-in modules are skipped.
func (k *Kernel) ModuleFiles(ctx context.Context, names ...string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	for _, name := range names {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		out, err := exec.CommandContext(cctx, "modprobe", "-d", k.Root, "-S", k.Release, "--show-depends", name).CombinedOutput()
		cancel()
		if err != nil {
			return nil, fmt.Errorf("modprobe --show-depends %s: %v: %s", name, err, bytes.TrimSpace(out))
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) < 2 || f[0] != "insmod" {
				continue // "builtin X"
			}
			if !seen[f[1]] {
				seen[f[1]] = true
				files = append(files, f[1])
			}
		}
	}
	return files, nil
}

// run executes a command with a hard time limit, returning its output in the
// error when it fails.
func run(ctx context.Context, limit time.Duration, dir, name string, args ...string) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, lastLines(out, 5))
	}
	return nil
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
