# The two commands a teacher or developer needs: `make serve` and `make test`.
# Each creates what it needs first (a .venv with an editable install), so a fresh clone works.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
REGION ?= uk

# Where to listen comes only from the make command line (`make serve HOST=0.0.0.0 PORT=8870`),
# never from the environment: zsh sets HOST for every shell, and a stray HOST must not put the
# lessons on the network. `make class` listens on the local network unless HOST is given.
given = $(if $(filter command line,$(origin $(1))),$($(1)),$(2))
SERVE_HOST := $(call given,HOST,127.0.0.1)
CLASS_HOST := $(call given,HOST,0.0.0.0)
SERVE_PORT := $(call given,PORT,8866)

.PHONY: serve class worksheets static test check readability lint coverage bench browser clean help

help:
	@echo "make serve   serve the lessons on http://$(SERVE_HOST):$(SERVE_PORT) (PORT=... HOST=... to change)"
	@echo "make class   run a class: serve on the local network, print QR code and teacher PIN (REGION=uk|us|eu)"
	@echo "make worksheets  printable worksheets (HTML + PDF) in worksheets-out/"
	@echo "make static  the course as a static website in site/ (REGION=uk|us|eu)"
	@echo "make test    install test tools and the browser, then lint and run the whole test suite"
	@echo "make check   validate the course content files"
	@echo "make readability  reading grade of every lesson page (7 or lower passes)"
	@echo "make lint    ruff format check, lint, and mypy type check"
	@echo "make coverage  the quiz engine's own tests reach every line and branch of it"
	@echo "make bench   measure load time, memory, latency and class capacity (benchmarks/RESULTS.md)"

# Runtime environment: rebuilt when the package's dependencies change.
$(BIN)/.runtime: pyproject.toml $(wildcard share/jupyter/voila/templates/backedu/*)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

# Static-site tools: the `static` extra (Voici) + npm's Pyodide (and axe-core for the tests).
$(BIN)/.static: $(BIN)/.runtime package.json package-lock.json
	@command -v npm >/dev/null || { echo "make: the static site needs Node.js and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --editable '.[static]'
	npm ci --no-audit --no-fund --silent
	@touch $@

# Test environment: runtime + static tools + the `test` extra (which brings the `authoring` one).
$(BIN)/.test: $(BIN)/.static
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

serve: $(BIN)/.runtime
	$(BIN)/backedu serve --host $(SERVE_HOST) --port $(SERVE_PORT)

# A class: the lessons run in students' browsers (the static site, built for REGION when missing
# or out of date). Without the tools to build it (npm, the static extra) backedu class says why
# and runs the lessons on this computer (Voilà) instead.
class: $(BIN)/.runtime
	@$(MAKE) --no-print-directory $(BIN)/.static || echo "make class: the tools that build \
	the lessons for students' browsers could not be installed (see above)."
	$(BIN)/backedu class --region $(REGION) --host $(CLASS_HOST) --port $(SERVE_PORT)

worksheets: $(BIN)/.runtime
	$(BIN)/backedu worksheets --out worksheets-out

# The course as a static website in site/ (skipped when nothing it is built from has changed).
static: $(BIN)/.static
	$(BIN)/backedu static --out site --region $(REGION)

check: $(BIN)/.runtime
	$(BIN)/backedu check

readability: $(BIN)/.test
	$(BIN)/backedu readability

browser:
	@scripts/ensure-browser

test: $(BIN)/.test browser lint coverage
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(BIN)/.test browser
	$(BIN)/python -m benchmarks.bench

lint: $(BIN)/.test
	$(BIN)/ruff format --check backedu tests benchmarks scripts hatch_build.py
	$(BIN)/ruff check backedu tests benchmarks scripts hatch_build.py
	$(BIN)/mypy

# The quiz engine grades students: its own tests (tests/unit/test_quiz.py, run alone, so that no
# widget or browser test can make up for a missing case) must reach every line and branch of it.
coverage: $(BIN)/.test
	$(BIN)/python -m pytest tests/unit/test_quiz.py -q --no-header \
	  --cov=backedu.logic.quiz --cov-branch --cov-report=term-missing --cov-fail-under=100

clean:
	rm -rf $(VENV) node_modules test-artifacts site .cache backedu/content/data/checked.json
