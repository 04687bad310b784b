# convert — set-up, demo, tests and benchmarks. `make demo` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the writers and the tests need: Pango for WeasyPrint, the HarfBuzz subsetter (without it
# WeasyPrint falls back to fontTools, ~12x slower on CJK fonts), Noto CJK for SC glyphs, Noto Color Emoji
# (pasted news carries emoji; without it the PDF draws empty boxes), poppler for PDF checks, Java for
# EPUBCheck, LibreOffice Writer to open DOCX files, Chromium and Node for Ace by DAISY and to
# lay the EPUB out as a reading system does (tests/test_cjk_typesetting.py measures its lines).
DEB_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-noto-cjk fonts-noto-core \
	fonts-noto-color-emoji poppler-utils default-jre-headless libreoffice-writer-nogui chromium nodejs
# Ace by DAISY (the EPUB accessibility checker, tests/tools/package.json) runs on Debian's Chromium through its
# Puppeteer runner; --ignore-scripts because its Electron runner would download a browser of its own.
ACE := tests/tools/node_modules/.bin/ace-puppeteer

.PHONY: setup system-packages demo test bench golden clean

setup: system-packages $(STAMP) $(ACE)

system-packages:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages (run as root or: sudo apt-get install $$missing)"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

$(ACE): tests/tools/package.json tests/tools/package-lock.json
	@command -v npm >/dev/null || { echo "installing Debian's npm"; apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	cd tests/tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(ACE)

demo: setup
	$(BIN)/convert --to all seeds -o dist

# The validators (EPUBCheck, Ace, pdfua, openxml-audit) run in the tests; a missing one fails them.
test: setup
	PUPPETEER_EXECUTABLE_PATH=$${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium} $(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/batch.py

# Rewrite tests/golden/ (structural snapshots of each sample, tests/test_golden.py) after an intended
# change, then review the diff it prints before committing it.
golden: setup
	CONVERT_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py
	-git diff --stat -- tests/golden

clean:
	rm -rf dist .pytest_cache build *.egg-info tests/tools/node_modules
