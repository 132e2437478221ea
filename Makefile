# `make demo` and `make test` set everything up on a machine that has only Python 3.11.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
AS_OF  := 2026-11-22
EXAMPLES := examples/omgang-ht2026

.PHONY: install demo test fuzz test-tools browser bench bench-all docs screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@# An editable install compiles nothing; without .pyc files every run compiles asfcert
	@# again (about 20 ms), for instance where PYTHONDONTWRITEBYTECODE is set.
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

# Runs `asfcert check` on every shipped example company. The examples are dated, so the
# demo evaluates them as of $(AS_OF); exit codes 1 (findings) and 2 (unusable input) are
# the point of some examples, anything higher is a failure.
demo: $(STAMP)
	@for dir in $(EXAMPLES)/*/; do \
	  echo; echo "==> asfcert check $$dir --as-of $(AS_OF)"; \
	  $(BIN)/asfcert check "$$dir" --as-of $(AS_OF); code=$$?; \
	  echo "(exit code $$code)"; \
	  [ $$code -le 2 ] || exit $$code; \
	done
	@echo; echo "==> asfcert cohort report $(EXAMPLES) --as-of $(AS_OF) --out out/demo"
	@$(BIN)/asfcert cohort report $(EXAMPLES) --as-of $(AS_OF) --out out/demo; code=$$?; \
	  echo "(exit code $$code; open out/demo/report.html in a browser)"; [ $$code -le 2 ] || exit $$code

test: $(STAMP) test-tools
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

# The long mode of the mutation fuzzer (tests/fuzz/): FUZZ_CASES cases of FUZZ_SEED, two at a
# time, with a summary of the distinct failures at the end and the command that replays each.
# `make test` runs a bounded number of cases of a fixed seed (tests/test_fuzz.py).
FUZZ_SEED  ?= $(or $(ASFCERT_FUZZ_SEED),1)
FUZZ_CASES ?= $(or $(ASFCERT_FUZZ_CASES),3000)
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/runner.py --seed $(FUZZ_SEED) --cases $(FUZZ_CASES)

# What the tests need besides Python, installed from Debian with apt-get when missing (as
# root, or through password-less sudo); idempotent: does nothing when all are there.
#   chromium, poppler-utils       the browser tests (tests/test_registry_site.py,
#                                 tests/test_workspace_browser.py …) load the built ASF list and
#                                 drive the workspace in a headless Chromium through Playwright
#                                 (a test extra; it never downloads a browser);
#                                 tests/test_signing.py checks signatures with Poppler's `pdfsig`
#   tesseract-ocr, tesseract-ocr-swe   OCR of scanned evidence (tests/test_ocr.py; docs/evidence.md)
# When it cannot install them, it only says so and `make test` skips those tests with the
# reason; .ci/run requires them (ASFCERT_REQUIRE_BROWSER=1, ASFCERT_REQUIRE_OCR=1).
TEST_PACKAGES := chromium poppler-utils tesseract-ocr tesseract-ocr-swe
test-tools:
	@have_browser() { { [ -n "$$ASFCERT_CHROMIUM" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; } && command -v pdfsig >/dev/null 2>&1; }; \
	have_ocr() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx swe; }; \
	if have_browser && have_ocr; then \
	  echo "chromium: $${ASFCERT_CHROMIUM:-$$(command -v chromium || echo /usr/bin/chromium)}; tesseract: $$(command -v tesseract) (swe)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "make test-tools: installing $(TEST_PACKAGES) needs root (apt-get install); the browser and OCR tests that need them are skipped" >&2; exit 0; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(TEST_PACKAGES) \
	    || echo "make test-tools: apt-get could not install $(TEST_PACKAGES); the tests that need them are skipped" >&2; \
	else \
	  echo "make test-tools: no apt-get; install Chromium (or set ASFCERT_CHROMIUM), Poppler and Tesseract with its Swedish model (the tests that need them are skipped)"; \
	fi

browser: test-tools  # the old name, kept for scripts that call it

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_evidence.py
	$(BIN)/python bench/bench_workspace.py
	$(BIN)/python bench/bench_ocr.py

# The national-scale benchmarks build a registry of 1,000 companies first (a few minutes).
bench-all: bench
	$(BIN)/python bench/bench_cohort.py
	$(BIN)/python bench/bench_audit.py
	$(BIN)/python bench/bench_registry_site.py

docs: $(STAMP)
	$(BIN)/python tools/docsgen.py

# The screenshots in docs/workspace.md, docs/cohort.md and docs/auditor.md, made by the
# workspace's browser tests.
screenshots: $(STAMP) browser
	ASFCERT_SCREENSHOTS=docs/img $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_workspace_browser.py -k "ready_for_audit or second_tab"
	ASFCERT_SCREENSHOTS=docs/img $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_workspace_cohort_browser.py
	ASFCERT_SCREENSHOTS=docs/img $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_workspace_certify_browser.py

clean:
	rm -rf $(VENV) .pytest_cache
