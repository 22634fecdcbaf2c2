# Two commands do all the set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: run test accuracy bench stress browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

## make run: set up, then parse the bundled sample (build + serve once those land)
run: $(STAMP)
	$(BIN)/kg parse sample

## make test: set up, then run the whole test suite
test: $(STAMP) browser
	$(BIN)/python -m pytest -q -m "not slow" -p no:cacheprovider

## make accuracy: parser accuracy per field and per input format against the UN's metadata
accuracy: $(STAMP)
	$(BIN)/kg accuracy $(SHARED)/corpus

## make browser: Debian's Chromium for the page tests (installed once, as root)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "warning: chromium could not be installed; browser tests will be skipped"; \
	  else echo "warning: not root, chromium not installed; browser tests will be skipped"; fi; }

clean:
	rm -rf $(VENV) var .pytest_cache
