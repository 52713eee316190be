# TISC Desk. `make run` opens the program on its default database (installing
# the build packages when missing); `make test` runs vet and the tests.
GO      ?= go
BINARY  ?= tiscdesk
export PATH := $(PATH):/usr/local/go/bin

.PHONY: deps run build test e2e bench lint package windows windows-check windows-test deb

deps:
	@bash .ci/deps

run: deps
	$(GO) run .

build: deps
	$(GO) build -o $(BINARY) .

test: deps
	$(GO) vet ./...
	$(GO) test -race ./...

# The real window under Xvfb, driven with xdotool (screenshots in .e2e/).
e2e: deps
	bash .ci/e2e

# Benchmarks of the data and reports packages (no display needed).
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/... ./reports/...

# Every fuzz target (func Fuzz* in any package), one after the other, for
# FUZZTIME each: `make fuzz FUZZTIME=10m`. It prints each target's inputs and
# rate, and fails when one fails or hangs (.ci/fuzz); what fails is saved
# under the package's testdata/fuzz/ and from then on runs in `make test`.
# Plain `go test` (make test, CI) runs the seed corpora only.
FUZZTIME ?= 1m
.PHONY: fuzz
fuzz:
	@FUZZTIME=$(FUZZTIME) GO=$(GO) bash .ci/fuzz

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	@if ! $(GO) list -deps ./data ./reports | grep -q '^fyne.io'; then echo "data and reports do not import Fyne"; \
	  else echo "data or reports imports Fyne"; exit 1; fi

# Packages. The fyne tool is built at the version pinned in .ci/tools/go.mod
# (fyne.io/tools v1.7.0), apart from the program's own go.mod.
FYNE := .ci/bin/fyne

$(FYNE): .ci/tools/go.mod .ci/tools/go.sum
	cd .ci/tools && $(GO) build -o ../bin/fyne fyne.io/tools/cmd/fyne

# dist/tiscdesk-linux-amd64.tar.xz: the binary, the desktop entry and the
# icon from FyneApp.toml; unpack it and run `sudo make install` (or
# `make user-install`) inside.
package: deps $(FYNE)
	$(FYNE) package --os linux --release
	mkdir -p dist && mv "TISC Desk.tar.xz" dist/tiscdesk-linux-amd64.tar.xz
	@ls -l dist/tiscdesk-linux-amd64.tar.xz

# dist/tiscdesk-windows-amd64.exe, cross-built with mingw-w64 (installed
# when missing), with the icon and version information embedded.
windows: deps $(FYNE)
	@bash .ci/deps .ci/packages-windows
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 $(FYNE) package --os windows --release
	mkdir -p dist && mv "TISC Desk.exe" dist/tiscdesk-windows-amd64.exe
	@ls -l dist/tiscdesk-windows-amd64.exe

# The data and reports tests cross-built for Windows (GOOS=windows go test
# -c for each package) and run under Wine; counts and skips by name.
windows-test: deps
	@bash .ci/deps .ci/packages-windows
	bash .ci/windows-tests
