# tracereport — the two commands of the README, and the checks behind them.
SWIFT ?= swift
DEBUG_BIN := .build/debug/tracereport
RELEASE_BIN := .build/release/tracereport
# The committed Output/ shows a fixed build time (2025-12-01 09:00 UTC), so it stays what a build of the sample makes.
SAMPLE_ENV := env SOURCE_DATE_EPOCH=1764579600

.PHONY: deps build report test check-output format format-check browser-test bench clean

deps:
	@bash .ci/install-deps

## The binary users run links the Swift runtime and Foundation statically: the dynamic loader no longer loads 15 of
## its 54 shared libraries and resolves their symbols at every start (8 ms of each build, 7 MB of its memory).
## A published history.jsonl is fetched with async-http-client, not Foundation's networking, which would link
## libcurl and its thirty libraries (7 ms of every start).
build: deps
	$(SWIFT) build -c release --product tracereport --static-swift-stdlib

## make report: build the sample report into Output/ (installs what is missing first).
## Output/ holds the history of this one build only (its history.jsonl starts anew), so it stays what a fresh build makes.
report: build
	rm -f Output/history.jsonl
	$(SAMPLE_ENV) $(RELEASE_BIN) build --output Output --templates Templates --history-limit 1

## make test: every test (beside a throwaway PostgreSQL server), the exit-code contract against the release binary
## users run as well as the debug one, then check that Output/ is exactly what the code builds now, then the site in Chromium
## (driven with the same release binary).
test: build
	@bash .ci/install-deps --tests
	$(SWIFT) build --build-tests
	TRACEREPORT_RELEASE_BINARY=$(CURDIR)/$(RELEASE_BIN) bash .ci/with-postgres $(SWIFT) test
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory check-output
	$(MAKE) --no-print-directory browser-test

## The sample site, then the golden-query fixture's, in headless Chromium, from file:// and from a server under a
## sub-path, then long ids and names (Tests/Browser/long-names); every page and table within the window at 1280, 1024, 768 and
## 390 px; screenshots in TestArtifacts/browser, TestArtifacts/browser-golden and TestArtifacts/browser-long.
browser-test: build
	@bash .ci/install-deps --browser
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  for epoch in 1764579600 1764666000 1764752400; do \
	    SOURCE_DATE_EPOCH=$$epoch $(RELEASE_BIN) build --output "$$tmp/site" --templates Templates >/dev/null || exit 1; done && \
	  python3 Tests/Browser/check_site.py "$$tmp/site" TestArtifacts/browser && \
	  for epoch in 1764579600 1764666000 1764752400; do \
	    SOURCE_DATE_EPOCH=$$epoch $(RELEASE_BIN) build Tests/TraceReportTests/Fixtures/golden --output "$$tmp/golden" >/dev/null || exit 1; done && \
	  CHECK_TRACE=traces/c-republish.html CHECK_TEXT='ci_compose_prompt (v3)|Asset ids' \
	    python3 Tests/Browser/check_site.py "$$tmp/golden" TestArtifacts/browser-golden && \
	  SOURCE_DATE_EPOCH=1764579600 $(RELEASE_BIN) build Tests/Browser/long-names --output "$$tmp/long" >/dev/null && \
	  CHECK_TRACE='traces/trace-*' CHECK_ASSET='assets/query/capacity*' CHECK_TEXT='capacity_forecast_for_the_payment_cluster' \
	    python3 Tests/Browser/check_site.py "$$tmp/long" TestArtifacts/browser-long

## make format: the Swift sources as the toolchain's `swift format` writes them (.swift-format: 4 spaces, 120 columns).
SWIFT_SOURCES := Sources Tests Package.swift
format:
	$(SWIFT) format format -i -r --configuration .swift-format $(SWIFT_SOURCES)

## The committed sources are formatted: format a copy and compare.
format-check:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp -R $(SWIFT_SOURCES) .swift-format "$$tmp"/ && \
	  (cd "$$tmp" && $(SWIFT) format format -i -r --configuration .swift-format $(SWIFT_SOURCES)) && \
	  if diff -rq --no-dereference Sources "$$tmp/Sources" >/dev/null && diff -rq --no-dereference Tests "$$tmp/Tests" >/dev/null \
	    && cmp -s Package.swift "$$tmp/Package.swift"; then echo "Swift sources are formatted (swift format, .swift-format)."; \
	  else diff -r --no-dereference Sources "$$tmp/Sources" | head -20; \
	    echo "Some Swift sources are not as swift format writes them: run 'make format' and commit." >&2; exit 1; fi

check-output:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(SAMPLE_ENV) $(DEBUG_BIN) build --output "$$tmp/site" --templates Templates --history-limit 1 >/dev/null && \
	  if diff -r "$$tmp/site" Output >/dev/null; then echo "Output/ matches the sample build."; \
	  else diff -r "$$tmp/site" Output | head -40; echo "Output/ differs from what 'tracereport build' makes now: run 'make report' and commit Output/." >&2; exit 1; fi

## make bench: release build against cmark-gfm and Hugo on a synthetic corpus (BENCH_SIZES=1000,10000,100000 to choose N),
## and from a throwaway PostgreSQL server against the same traces as files (BENCH_DB_SIZE=100000; 0 for none).
bench: build
	@command -v cmark-gfm >/dev/null 2>&1 || { sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; $$sudo apt-get install -y -qq cmark-gfm >/dev/null; }
	@command -v hugo >/dev/null 2>&1 || { sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; $$sudo apt-get install -y -qq hugo >/dev/null 2>&1 || echo "bench: no hugo package here; Hugo is skipped"; }
	bash .ci/with-postgres python3 Tests/Bench/bench.py

clean:
	rm -rf .build
