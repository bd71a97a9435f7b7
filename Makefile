# Allot: two commands do all set-up on a fresh machine (they install the system packages they need).
#   make demo   the main job end to end on generated data (SQLite in ./allot-data)
#   make test   the test suite
SWIFT ?= swift
DATA_DIR ?= allot-data
# System libraries: SQLite (GRDB), libcurl (webhooks), CBC and Clp (portfolio solver; the CClp shim is C++, so g++ for
# the C++ library headers).
PACKAGES = libsqlite3-dev libcurl4-openssl-dev coinor-libcbc-dev coinor-libclp-dev g++ pkg-config

# The web app's browser tests: Debian's chromium and its WebDriver, selenium, and axe-core (the copy inside the
# axe-playwright-python wheel, installed without Playwright, which would want to download a browser).
BROWSER_PACKAGES = chromium chromium-driver

# The PostgreSQL server the store's suites run against (Tests/support/pg-cluster makes a throwaway cluster of it).
TEST_PACKAGES = postgresql

.PHONY: deps test-deps browser-deps build demo web test browser-test bench fuzz

# The Debian packages of the list $(1) that are not installed yet, installed.
define install-missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi
endef

deps:
	$(call install-missing,$(PACKAGES))

test-deps:
	$(call install-missing,$(TEST_PACKAGES))

browser-deps:
	$(call install-missing,$(BROWSER_PACKAGES))
	@python3 -c "import selenium" 2>/dev/null || pip install --quiet selenium==4.51.0
	@python3 -c "import axe_playwright_python" 2>/dev/null || pip install --quiet --no-deps axe-playwright-python==0.1.8

build: deps
	$(SWIFT) build --product allot

demo: build
	.build/debug/allot demo --data-dir $(DATA_DIR)

# The web app on the demo's data (after `make demo`, which prints a sign-in link): http://127.0.0.1:8080/
web: build
	.build/debug/allot serve --data-dir $(DATA_DIR)

# Serially: the suites that run the real binary and servers poll on timetables, and on 2 cores long synchronous
# tests in parallel suites (CBC solves, CLI runs) hold Swift's cooperative threads and made those polls miss.
# Inside a throwaway PostgreSQL cluster (Tests/support/pg-cluster: a temporary folder, a loopback port, an unprivileged
# user), so the store's contract suites run against PostgreSQL too (ALLOT_TEST_DATABASE_URL); the cluster is stopped
# and removed after the tests, whether they pass, fail or are interrupted, and a failure still fails `make test`.
test: deps test-deps browser-deps
	bash Tests/support/pg-cluster run $(SWIFT) test --no-parallel
	$(MAKE) browser-test

# The pages in a real browser against `allot serve` on the demo's data (Tests/Browser/web_test.py); chromedriver is
# started by the test on loopback and stopped after it.
browser-test: browser-deps
	$(SWIFT) build --product allot
	python3 Tests/Browser/web_test.py

# DuckDB (pip) is what `bench survey` sets its own times beside.
bench: deps
	@python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb==2.0.1 \
		|| echo "DuckDB could not be installed: bench survey runs without its comparison"
	$(SWIFT) build -c release --product allot
	.build/release/allot bench survey --rows 1000000

# Fuzzing (libFuzzer through swiftc -sanitize=fuzzer,address): each target runs FUZZ_SECONDS on FUZZ_JOBS processes,
# starting from its kept inputs (Tests/AllotFuzzTests/Inputs/TARGET, the seeds and every past finding) and its corpus
# in .build-fuzz/corpus. A finding is written to .build-fuzz/findings/TARGET-*: fix it, then keep the input under
# Tests/AllotFuzzTests/Inputs/TARGET with a name that says what it broke. `make fuzz FUZZ_TARGETS=FuzzSurveyCSV`
# runs one. The instrumented build lives in .build-fuzz, apart from the ordinary one. Leak detection is off: the
# leaks LeakSanitizer reports are outside Allot's code (Foundation's FileManager.contents keeps a 4 KiB buffer for an
# empty file; HummingbirdTesting's in-memory channels in the request-bodies harness), and they would stop every run.
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2
FUZZ_TARGETS ?= FuzzSurveyCSV FuzzRoundFiles FuzzRequestBodies
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
		ALLOT_FUZZ=1 $(SWIFT) build -c release --scratch-path .build-fuzz --manifest-cache none --product $$t || exit 1; \
	done
	@mkdir -p .build-fuzz/findings
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$t; \
		echo "== $$t: $(FUZZ_SECONDS) s on $(FUZZ_JOBS) processes"; \
		ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/$$t .build-fuzz/corpus/$$t Tests/AllotFuzzTests/Inputs/$$t \
			-fork=$(FUZZ_JOBS) -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
			-artifact_prefix=.build-fuzz/findings/$$t- -print_final_stats=1 2>&1 | tee .build-fuzz/$$t.log | grep -E "^#|DONE|ERROR|Done|stat::" ; \
	done
