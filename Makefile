# Two commands do all the set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# the corpus and the Wikidata tables: ../shared beside the clone, or the folder KG_SHARED names
SHARED ?= $(or $(KG_SHARED),../shared)

.PHONY: run test accuracy bench stress system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

HOST ?= 127.0.0.1
PORT ?= 8080
STORE ?= var/store

## make run: set up, build the bundled sample into the embedded store, dump a release, then serve it
run: $(STAMP)
	$(BIN)/kg build sample --store $(STORE) --report var/build-report.md || test $$? -eq 2
	$(BIN)/kg dump --store $(STORE) --out var/data
	@echo "Serving on http://$(HOST):$(PORT)/  (query page at /sparql; Ctrl-C stops)"
	$(BIN)/kg serve --store $(STORE) --data var/data --host $(HOST) --port $(PORT)

## make test: set up, then run the whole test suite
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -m "not slow" -p no:cacheprovider

## make accuracy: parser accuracy per field and per input format against the UN's metadata
accuracy: $(STAMP)
	$(BIN)/kg accuracy $(SHARED)/corpus

## make bench: the pipeline and the endpoint against its peers, in one run (writes bench/REPORT.md); not part of make test
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/kg bench

## make system-deps: Debian's Chromium (page tests) and antiword (legacy .doc), installed once as root
SYSTEM_TOOLS := chromium antiword
system-deps:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || echo "warning: could not install$$missing; the tests that need them will say so"; \
	  else echo "warning: not root, could not install$$missing; the tests that need them will say so"; fi; fi

clean:
	rm -rf $(VENV) var .pytest_cache

## make stress: the long reliability runs of issue 10 (fuzzing, faults, load, attacks; < 15 min)
stress: $(STAMP)
	$(BIN)/python -m pytest -q -m slow -p no:cacheprovider tests/stress tests/test_queries_speed.py
