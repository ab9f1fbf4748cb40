# usbaudio — build, test, demo. Every target that needs system packages runs
# `deps` first, which installs what a fresh Debian machine lacks.
GO        ?= go
BIN       := bin/usbaudio
SYS_PKGS  := pkg-config libusb-1.0-0-dev libudev-dev
FUZZTIME  ?= 10s
DEMO_ROOT := fixtures/sysfs/demo

.PHONY: all deps build test vet demo bench bench-instructions fuzz e2e clean install-udev uninstall-udev

all: build

# ensure_pkgs: install the Debian packages in $(1) that are missing (as
# root, or through sudo); nothing on a machine without dpkg.
define ensure_pkgs
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    echo "installing system packages:$$missing"; \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing >/dev/null 2>&1 || \
	    { $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; \
	  fi; \
	fi
endef

# deps: system packages for cgo (libusb, hidapi's libudev) and Go modules.
deps:
	$(call ensure_pkgs,$(SYS_PKGS))
	@$(GO) mod download

build: deps
	$(GO) build -o $(BIN) ./cmd/usbaudio

vet: deps
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

test: vet
	$(GO) test -race -count=1 ./...
	@# The corpus summary (go test hides a passing package's output without -v).
	@$(GO) test -count=1 -run 'Corpus' -v ./fixtures/ | grep -E '^corpus:'

demo: build
	./$(BIN) scan --sysfs-root $(DEMO_ROOT)

bench: deps
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# bench-instructions: instructions per decode of each real headset of
# BenchmarkParseRealHeadset (the names come from the benchmark itself, so
# the list lives in one place: usbdesc's realHeadsets), counted by valgrind's callgrind. Unlike ns/op
# on a shared machine the count does not depend on the host or its load:
# it is the difference between runs of 2000 and 20000 iterations (so the
# benchmark's setup cancels out; with fewer iterations the collector-off
# count moved by a few hundred between runs, now by a few dozen) with one
# P. With the collector off it is the decoder's own work; with it on it
# adds the collector's share, which varies with when collections happen
# to run. The last column is BenchmarkDecodeRealHeadset's, collector off:
# the same decode without the analysis (topology, classification).
bench-instructions: deps
	$(call ensure_pkgs,valgrind)
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	$(GO) test -c -o $$tmp/usbdesc.test ./usbdesc; \
	cd usbdesc; \
	headsets=$$($$tmp/usbdesc.test -test.run='^$$' -test.bench='^BenchmarkParseRealHeadset$$' -test.benchtime=1x -test.cpu=1 | \
	  sed -n 's|^BenchmarkParseRealHeadset/\([^[:space:]]*\).*|\1|p'); \
	[ -n "$$headsets" ] || { echo "bench-instructions: BenchmarkParseRealHeadset listed no headsets" >&2; exit 1; }; \
	printf '%-36s %20s %20s %20s\n' headset 'GC on' 'GC off' 'decode only, GC off'; \
	for h in $$headsets; do \
	  line=$$(printf '%-36s' $$h); \
	  for run in ParseRealHeadset:100 ParseRealHeadset:off DecodeRealHeadset:off; do \
	    bench=$${run%%:*}; gc=$${run##*:}; \
	    for n in 2000 20000; do \
	      GOGC=$$gc GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=$$tmp/cg.out \
	        $$tmp/usbdesc.test -test.run='^$$' -test.bench="^Benchmark$$bench$$/^$$h$$" \
	        -test.benchtime=$${n}x -test.cpu=1 >/dev/null 2>$$tmp/vg.$$n; \
	    done; \
	    a=$$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' $$tmp/vg.2000); \
	    b=$$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' $$tmp/vg.20000); \
	    if [ -z "$$a" ] || [ -z "$$b" ]; then cat $$tmp/vg.20000 >&2; exit 1; fi; \
	    line="$$line $$(printf '%20s' "$$(( (b - a) / 18000 ))/op")"; \
	  done; \
	  echo "$$line"; \
	done

# fuzz: every Fuzz target in the module, each for $(FUZZTIME).
# Go 1.26's fuzzing coordinator can fail a target with a bare "context
# deadline exceeded" when -fuzztime runs out while a worker is mid-call
# (golang/go#75804, fixed in Go 1.27). A real finding always writes its
# input ("Failing input written to testdata/fuzz/..."), so a failure that
# is only that message, with no input written, is run once more; any other
# failure, or the same one twice, fails the target.
fuzz: deps
	@set -e; log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    for try in 1 2; do \
	      echo "fuzz $$pkg $$t ($(FUZZTIME))"; \
	      if $(GO) test -run='^$$' -fuzz="^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s $$pkg >$$log 2>&1; then \
	        cat $$log; break; \
	      fi; \
	      cat $$log; \
	      if [ $$try = 1 ] && grep -q '^    context deadline exceeded$$' $$log && ! grep -q 'Failing input written' $$log; then \
	        echo "fuzz: $$t stopped on Go's -fuzztime deadline race (golang/go#75804) with no failing input; running it again"; \
	        continue; \
	      fi; \
	      exit 1; \
	    done; \
	  done; \
	done

clean:
	rm -rf bin

# install-udev: the binary to $(PREFIX)/bin and the rules to $(UDEV_RULES_DIR).
PREFIX         ?= /usr/local
UDEV_RULES_DIR ?= /etc/udev/rules.d

install-udev: build
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/usbaudio
	sed 's|/usr/local/bin/usbaudio|$(PREFIX)/bin/usbaudio|g' udev/70-usbaudio.rules > udev/.70-usbaudio.rules.tmp
	install -D -m 0644 udev/.70-usbaudio.rules.tmp $(DESTDIR)$(UDEV_RULES_DIR)/70-usbaudio.rules
	rm -f udev/.70-usbaudio.rules.tmp
	-udevadm control --reload-rules 2>/dev/null && udevadm trigger --subsystem-match=usb --subsystem-match=hidraw --subsystem-match=sound 2>/dev/null

uninstall-udev:
	rm -f $(DESTDIR)$(UDEV_RULES_DIR)/70-usbaudio.rules $(DESTDIR)$(PREFIX)/bin/usbaudio
	-udevadm control --reload-rules 2>/dev/null

# --- e2e ---
# e2e: boots a real Debian kernel under QEMU (software emulation) with QEMU's
# emulated USB devices and our usbip emulator; see e2e/README.md. The kernel
# package is downloaded with apt-get and cached outside the repository.
e2e: deps
	$(GO) test -tags e2e -v -count=1 -timeout 14m ./e2e/...

# capture-fixtures: regenerate fixtures/sysfs/{demo,qemu-audio-multi} and fixtures/qemu/*.
capture-fixtures:
	./e2e/capture-fixtures.sh
# --- end e2e ---
