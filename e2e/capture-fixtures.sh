#!/bin/sh
# Regenerate fixtures/sysfs/{demo,qemu-audio-multi} and fixtures/qemu/* by
# booting QEMU's emulated USB devices under a real Debian kernel.
# Needs root (or the packages already installed) for apt-get; the kernel is
# cached in ${USBAUDIO_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/usbaudio-e2e}.
set -eu
cd "$(dirname "$0")/.."
exec go run ./e2e/cmd/capture-fixtures -out . "$@"
