# KOOP-BİS Desktop — set-up, run, test. Only these targets are needed on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench clean translations dist dist-check screenshots postgresql-server

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 veya üstü gerekli"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# English UI: compile the committed .ts sources to .qm (the .qm files are build output, not committed).
TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

# Re-extract the UI's tr() strings into the .ts (run after changing UI text, then translate and commit).
update-translations: $(STAMP)
# `_tr("Context", "text")` is the modules' short name for QCoreApplication.translate.
	$(BIN)/pyside6-lupdate -tr-function-alias translate+=_tr $$(find koopbis_desktop/ui -name '*.py') -ts resources/translations/koopbis_en.ts

# The demo database (created on first run in the user data folder, see README "Desktop app")
# and, beside it, the training KOOP-BİS server on 127.0.0.1:8765 holding the same demo
# cooperatives, so sync and conflicts can be practised. The server stops with the app.
run: $(STAMP) translations
	@server_db="$$($(BIN)/python -c 'from koopbis_desktop.demo import demo_database_path; print(demo_database_path().parent / "egitim-sunucusu.sqlite")')"; \
	mkdir -p "$$(dirname "$$server_db")"; \
	$(BIN)/koopbis-server --db "$$server_db" --seed-data 500 --port 8765 >"$$(dirname "$$server_db")/egitim-sunucusu.log" 2>&1 & \
	server=$$!; trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	$(BIN)/koopbis-desktop --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The office-database tests start a throw-away PostgreSQL cluster from Debian's server binaries
# (tests/pgcluster.py); a fresh machine gets them here. Never skipped: without them the tests fail.
postgresql-server:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then \
		echo "PostgreSQL sunucusu kuruluyor (testler için)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null; \
	fi

pytest: $(STAMP) translations postgresql-server
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck pytest

# README's and user guide's pictures (docs/screenshots/, resources/kilavuz/tr/img/) from the
# real windows on the demo data; the conflict dialog's from a loopback training server.
screenshots: $(STAMP) translations
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python docs/screenshots/conflict_shot.py

bench: $(STAMP)
	$(BIN)/python bench/store.py

# The one-folder bundle (PyInstaller, extra "dist") and the Linux .tar.gz; see README "Install".
DIST_STAMP := $(VENV)/.installed-dist

$(DIST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(DIST_STAMP)

dist: $(DIST_STAMP) translations
	$(BIN)/python installer/build.py

# Build the bundle, prove it starts (smoke on new/older/newer databases, CLI, training
# server) and measure its size and start-up against the venv. CI runs it after make test.
dist-check: dist
	$(BIN)/python bench/bundle.py --runs 5

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build dist
