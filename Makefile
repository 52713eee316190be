# TISC Desk. `make run` opens the program on its default database (installing
# the build packages when missing); `make test` runs vet and the tests.
GO      ?= go
BINARY  ?= tiscdesk
export PATH := $(PATH):/usr/local/go/bin

.PHONY: deps run build test e2e bench lint

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

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	@if ! $(GO) list -deps ./data ./reports | grep -q '^fyne.io'; then echo "data and reports do not import Fyne"; \
	  else echo "data or reports imports Fyne"; exit 1; fi
