# Allot: two commands do all set-up on a fresh machine (they install the system packages they need).
#   make demo   the main job end to end on generated data (SQLite in ./allot-data)
#   make test   the test suite
SWIFT ?= swift
DATA_DIR ?= allot-data
# System libraries: SQLite (GRDB), libcurl (webhooks), CBC and Clp (portfolio solver; the CClp shim is C++, so g++ for
# the C++ library headers).
PACKAGES = libsqlite3-dev libcurl4-openssl-dev coinor-libcbc-dev coinor-libclp-dev g++ pkg-config

.PHONY: deps build demo test bench

deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build --product allot

demo: build
	.build/debug/allot demo --data-dir $(DATA_DIR)

# Serially: the suites that run the real binary and servers poll on timetables, and on 2 cores long synchronous
# tests in parallel suites (CBC solves, CLI runs) hold Swift's cooperative threads and made those polls miss.
test: deps
	$(SWIFT) test --no-parallel

bench: deps
	$(SWIFT) build -c release --product allot
	.build/release/allot bench survey --rows 1000000
