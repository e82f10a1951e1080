# Two commands do all the set-up on a fresh clone:
#   make demo   builds the RESET demo site and its podcast feed into site/
#   make test   runs ruff and mypy, then the whole test suite
# Both create a local virtualenv (.venv) and install what they need into it; `make test` also
# installs Debian's chromium (browser tests), ffmpeg (loudness) and npm (for axe-core) when the
# machine lacks them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROGRAMS := /usr/bin/chromium /usr/bin/ffmpeg /usr/bin/npm
AXE := tests/browser/node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: demo test lint serve check clean screenshots

demo: $(STAMP)
	$(BIN)/reset-stories build

serve: $(STAMP)
	$(BIN)/reset-stories serve

check: $(STAMP)
	$(BIN)/reset-stories check

# Lint and types first: a failure there costs seconds, not the whole suite (configured in pyproject.toml).
test: $(STAMP) $(PROGRAMS) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto

# Only the lint and type checks (what `make test` runs first).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The README's screenshot of an episode page, taken by the browser tests.
screenshots: $(STAMP) $(PROGRAMS) $(AXE)
	mkdir -p docs/screenshots
	RESET_STORIES_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_visitors.py -k "player_works and mkdocs"

# axe-core, injected into pages by the accessibility tests (pinned by the lock file).
$(AXE): tests/browser/package-lock.json | /usr/bin/npm
	npm ci --prefix tests/browser --no-audit --no-fund --silent

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
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
