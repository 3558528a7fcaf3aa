# Kefu Academy — `make demo` and `make test` are all the set-up there is.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/kefu_academy
PYTEST_ARGS ?=
# Where `make demo` serves; certificates' QR codes and verify links follow it.
PORT ?= 8000
# Debian packages the tests need: a CJK font for certificates, a browser, PDF tools,
# zbarimg to read back the QR code printed on a certificate, and npm for axe-core.
APT_PACKAGES := fonts-noto-cjk chromium poppler-utils zbar-tools npm
# axe-core, which the browser tests run on each page (tests/browser/package.json).
# npm ci rewrites node_modules/.package-lock.json, so it runs again only when
# node_modules is missing or package-lock.json changed.
NODE_STAMP := tests/browser/node_modules/.package-lock.json

.PHONY: demo test install system-packages cjk-font migrations-check lint test-sqlite \
	test-postgres messages bench clean

demo: $(STAMP) cjk-font
	$(BIN)/lms quickstart --port $(PORT)

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdffonts >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v zbarimg >/dev/null 2>&1 || missing="$$missing zbar-tools"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing (run as root or: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

# The certificates' CJK font, for the demo: installed when running as root, else a
# warning (quickstart's system check repeats it and certificate PDFs are refused).
cjk-font:
	@fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian package: fonts-noto-cjk (certificates)"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq fonts-noto-cjk >/dev/null; } \
	    || echo "WARNING: could not install fonts-noto-cjk; certificates cannot be printed"; \
	  else \
	    echo "WARNING: no CJK font, certificates cannot be printed (sudo apt-get install fonts-noto-cjk)"; \
	  fi; }

# Models and migrations must agree (tests/core/test_migrations.py checks it too).
migrations-check: $(STAMP)
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=lms.settings.test \
	  $(BIN)/lms makemigrations --check --dry-run

$(NODE_STAMP): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check lms tests bench

test: $(STAMP) system-packages lint migrations-check
	@$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres && echo "Databases tested: SQLite, PostgreSQL"; \
	else \
	  echo "Databases tested: SQLite only (PostgreSQL did not answer on 127.0.0.1:5432)"; \
	fi

test-sqlite: $(STAMP) $(NODE_STAMP)
	@echo "=== pytest on SQLite ==="
	env -u DATABASE_URL $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-postgres: $(STAMP) $(NODE_STAMP)
	@echo "=== pytest on PostgreSQL ==="
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --create-db $(PYTEST_ARGS)

messages: $(STAMP)
	$(BIN)/lms makemessages -l zh_Hans --no-obsolete -e html,txt,py \
	  --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'var/*'
	cd lms && ../$(BIN)/lms compilemessages

bench: $(STAMP)
	for f in bench/bench_*.py; do $(BIN)/python $$f; done

clean:
	rm -rf var .pytest_cache
