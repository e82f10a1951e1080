# Two commands do all the set-up on a fresh clone:
#   make demo   builds the RESET demo site and its podcast feed into site/
#   make test   runs the whole test suite
# Both create a local virtualenv (.venv) and install what they need into it; `make test` also
# installs Debian's chromium (browser tests) and ffmpeg (loudness) when the machine lacks them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROGRAMS := /usr/bin/chromium /usr/bin/ffmpeg
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: demo test serve check clean

demo: $(STAMP)
	$(BIN)/reset-stories build

serve: $(STAMP)
	$(BIN)/reset-stories serve

check: $(STAMP)
	$(BIN)/reset-stories check

test: $(STAMP) $(PROGRAMS)
	$(BIN)/python -m pytest

# Debian packages named like the program they install.
/usr/bin/%:
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $*

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("reset-stories needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) site .pytest_cache
