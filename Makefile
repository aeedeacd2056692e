# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SHARED ?= ../shared
EVAL_ARGS ?=

.PHONY: demo test eval install install-test browser virtuoso lint bench clean

demo: install
	$(BIN)/geokg build seeds --out out

test: install-test browser virtuoso
	$(BIN)/python -m pytest

# Every development set of $(SHARED) in one table; EVAL_ARGS=--verbose lists the errors.
eval: install
	$(BIN)/geokg eval --suite $(SHARED) $(EVAL_ARGS)

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

# Headless Chromium for the HTML tests, from Debian's packages.
browser:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || \
	  ( $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver )

# Virtuoso 7 for the secured-store push test (each test starts a private instance).
virtuoso:
	@[ -x /usr/bin/virtuoso-t ] || \
	  ( $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends virtuoso-opensource )

lint: install-test
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache
