# Two commands do all the set-up on a fresh clone:
#   make demo   builds the RESET demo site and its podcast feed into site/
#   make test   runs ruff and mypy, then the whole test suite
# Both create a local virtualenv (.venv) and install what they need into it; `make test` also
# installs Debian's chromium (browser tests), ffmpeg (loudness) and npm (for axe-core and Lighthouse)
# when the machine lacks them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PROGRAMS := /usr/bin/chromium /usr/bin/ffmpeg /usr/bin/npm
# What the browser tests take from npm (axe-core, Lighthouse), pinned by tests/browser/package-lock.json:
# npm ci writes this file last, so a lock that changed (or an old install with axe-core alone) installs again.
NODE_PACKAGES := tests/browser/node_modules/.package-lock.json
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: demo test lint serve check clean screenshots

demo: $(STAMP)
	$(BIN)/reset-stories build

serve: $(STAMP)
	$(BIN)/reset-stories serve

check: $(STAMP)
	$(BIN)/reset-stories check

# Lint and types first: a failure there costs seconds, not the whole suite (configured in pyproject.toml).
test: $(STAMP) $(PROGRAMS) $(NODE_PACKAGES)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto -m "not alone"
	$(BIN)/python -m pytest -m alone

# Only the lint and type checks (what `make test` runs first).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The README's screenshot of an episode page, taken by the browser tests.
screenshots: $(STAMP) $(PROGRAMS) $(NODE_PACKAGES)
	mkdir -p docs/screenshots
	RESET_STORIES_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_visitors.py -k "mkdocs and (player_works or first_screen)"

# axe-core, injected into pages by the accessibility tests, and Lighthouse, which the page budget runs
# with Debian's chromium (tests/test_budget.py): both pinned by the lock file; nothing is downloaded
# when they run. Lighthouse 12 runs on Node 20 (13 wants Node 22). package.json's "overrides" pin
# two packages that Lighthouse's trace engine asks for as "latest": without them npm ci refuses the
# lock as soon as either publishes a new release.
$(NODE_PACKAGES): tests/browser/package.json tests/browser/package-lock.json | /usr/bin/npm
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

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
