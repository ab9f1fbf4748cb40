// Package e2e holds the end-to-end suite: tests built only with the e2e tag
// (`make e2e`) boot Debian's kernel under QEMU with QEMU's emulated USB
// devices and with devices served by package emulate through vhci_hcd, and
// assert what the kernel's drivers and ALSA/hidraw made of them. See
// README.md in this directory; a plain `go test ./...` boots nothing.
package e2e
