# TISC Desk. `make run` opens the program on its default database (installing
# the build packages when missing); `make test` runs vet and the tests.
GO      ?= go
BINARY  ?= tiscdesk
export PATH := $(PATH):/usr/local/go/bin

# Build tags of every build of the program (and of its tests, so that they
# test what ships): no_emoji leaves Fyne's colour emoji font (4.2 MB) out of
# the binary, and the window does not parse it for each text style (14 MiB
# less resident with 200,000 enrolments, BENCHMARKS.md "The window's memory,
# continued"). Emoji in the user's data show as empty boxes. The scripts of
# .ci/, .bench/ and packaging/ that build the program pass the same tags.
TAGS := no_emoji

.PHONY: deps run build test e2e bench lint package windows windows-check windows-test deb deb-check

deps:
	@bash .ci/deps

run: deps
	$(GO) run -tags $(TAGS) .

build: deps
	$(GO) build -tags $(TAGS) -o $(BINARY) .

test: deps
	$(GO) vet -tags $(TAGS) ./... ./.bench/floor
	$(GO) test -tags $(TAGS) -race ./...

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
	$(FYNE) package --os linux --release --tags $(TAGS)
	mkdir -p dist && mv "TISC Desk.tar.xz" dist/tiscdesk-linux-amd64.tar.xz
	@ls -l dist/tiscdesk-linux-amd64.tar.xz

# The version of FyneApp.toml, and what a release build is made of.
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
SOURCES := $(shell find . -name '*.go' -not -path './.*' -not -path './dist/*') \
	go.mod go.sum FyneApp.toml $(shell find assets -type f)

# dist/tiscdesk-windows-amd64.exe, cross-built with mingw-w64 (installed
# when missing), with the icon and version information embedded, and
# dist/tiscdesk-windows-amd64.msi, its per-user installer (msitools' wixl;
# packaging/windows/tiscdesk.wxs). The .exe is built once and reused by
# windows-check until a source file changes; a cold build takes minutes.
WINDOWS_EXE := dist/tiscdesk-windows-amd64.exe
WINDOWS_MSI := dist/tiscdesk-windows-amd64.msi
windows: $(WINDOWS_EXE) $(WINDOWS_MSI)

$(WINDOWS_EXE): $(SOURCES) | $(FYNE)
	@bash .ci/deps
	@bash .ci/deps .ci/packages-windows
	@# fyne package --release counts its builds in FyneApp.toml: keep the file as it is.
	mkdir -p dist && cp -p FyneApp.toml dist/FyneApp.toml.kept
	CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 $(FYNE) package --os windows --release --tags $(TAGS); \
	  status=$$?; cp -p dist/FyneApp.toml.kept FyneApp.toml; rm dist/FyneApp.toml.kept; exit $$status
	mv "TISC Desk.exe" $@
	@ls -l $@

$(WINDOWS_MSI): $(WINDOWS_EXE) packaging/windows/tiscdesk.wxs assets/icon/icon.png
	@bash .ci/deps .ci/packages-windows
	rm -rf dist/msi && mkdir -p dist/msi
	cp $(WINDOWS_EXE) dist/msi/tiscdesk.exe
	convert assets/icon/icon.png -define icon:auto-resize=256,64,48,32,16 dist/msi/tiscdesk.ico
	cd dist/msi && wixl -a x64 -D Version=$(VERSION) -D Exe=tiscdesk.exe -D Icon=tiscdesk.ico \
	  -o ../$(notdir $@) ../../packaging/windows/tiscdesk.wxs
	rm -rf dist/msi
	@ls -l $@

# The Windows build under Wine and Xvfb (.ci/windows-check): the window on
# the default database, a screenshot in .e2e/windows/, stats, check, an
# import, a report, a second program refused, then the .msi installed,
# a .tiscx opened through its file type, and uninstalled.
windows-check: $(WINDOWS_EXE) $(WINDOWS_MSI)
	@bash .ci/deps .ci/packages-windows
	bash .ci/windows-check

# dist/tiscdesk_VERSION_amd64.deb: the release binary in /usr/bin, the
# desktop entry, the icon and the .tiscx MIME type (packaging/linux).
DEB := dist/tiscdesk_$(VERSION)_amd64.deb
deb: $(DEB)

$(DEB): $(SOURCES) $(wildcard packaging/linux/*) | $(FYNE)
	@bash .ci/deps
	@bash .ci/deps .ci/packages-deb
	bash packaging/linux/build-deb $(VERSION) $@

# The .deb installed with apt on this machine, a bundle opened with the
# installed tiscdesk under Xvfb (.ci/deb-check), then removed.
deb-check: $(DEB)
	bash .ci/deb-check

# The data and reports tests cross-built for Windows (GOOS=windows go test
# -c for each package) and run under Wine; counts and skips by name.
windows-test: deps
	@bash .ci/deps .ci/packages-windows
	bash .ci/windows-tests
