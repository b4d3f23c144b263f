# The README's commands. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
# Where links in e-mails, the API and the widget point: the server `make run` starts, unless given.
SITE_URL_HERE := $${SITE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test install migrate data serve worker bench lint messages translations check clean \
	screenshots

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

translations: install
	$(MANAGE) compile_translations

migrate: install
	mkdir -p var
	$(MANAGE) migrate --no-input

data: migrate translations
	$(MANAGE) load_reference_data
	SITE_URL="$(SITE_URL_HERE)" $(MANAGE) seed_demo

# The production setup on this machine: production settings, gunicorn with several workers,
# whitenoise, the task worker. Safe local values for the required variables unless set; HTTPS
# redirects off (no TLS proxy here). DATABASE_URL defaults to the SQLite file of `make run`.
WORKERS ?= 4
serve: translations
	@mkdir -p var; set -e; \
	export DJANGO_SETTINGS_MODULE=config.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/solidair.sqlite3}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  SITE_URL="$(SITE_URL_HERE)" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	  EMAIL_HOST="$${EMAIL_HOST:-127.0.0.1}" EMAIL_PORT="$${EMAIL_PORT:-1025}"; \
	$(MANAGE) collectstatic --no-input -v 0; \
	$(MANAGE) migrate --no-input -v 0; \
	echo "Solidair (production settings, $(WORKERS) workers) on http://127.0.0.1:$(PORT)/"; \
	trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker --interval 1 >var/worker.log 2>&1 & \
	$(BIN)/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
	  --access-logfile - --forwarded-allow-ips 127.0.0.1

worker: install
	$(MANAGE) db_worker

# Serve the site with a task worker beside it; Ctrl-C stops both.
run: data
	@echo "Solidair on http://127.0.0.1:$(PORT)/ (mails are written to var/mail/)"
	@export SITE_URL="$(SITE_URL_HERE)"; \
	trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker --interval 1 >var/worker.log 2>&1 & \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The key screens at 390 and 1366 px, in Dutch and French, as PNG files in var/screenshots/.
# A site of its own in var/screenshots-site/ (database, mails), emptied and filled with `make data`
# on each run, served on a free port (SITE_URL on that port) while Chromium takes the pictures.
SCREENSHOTS_VAR := $(CURDIR)/var/screenshots-site
screenshots: install
	rm -rf $(SCREENSHOTS_VAR)
	@mkdir -p $(SCREENSHOTS_VAR); set -e; unset REDIS_URL; \
	export DJANGO_SETTINGS_MODULE=config.settings.local SOLIDAIR_VAR_DIR="$(SCREENSHOTS_VAR)" \
	  DATABASE_URL="sqlite:///$(SCREENSHOTS_VAR)/solidair.sqlite3" \
	  SCREENSHOTS_PORT="$$($(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"; \
	export SITE_URL="http://127.0.0.1:$$SCREENSHOTS_PORT"; \
	echo "Filling the screenshots' own site in $(SCREENSHOTS_VAR) (make data) ..."; \
	$(MAKE) --no-print-directory data >$(SCREENSHOTS_VAR)/data.log 2>&1 \
	  || { cat $(SCREENSHOTS_VAR)/data.log; exit 1; }; \
	$(BIN)/python scripts/screenshots.py

bench: translations
	$(BIN)/python -m bench

# ruff, then the layers of ARCHITECTURE.md as import-linter contracts ([tool.importlinter] in
# pyproject.toml): an import against them fails here, and in CI.
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# For developers (needs GNU gettext): refresh each app's catalogue after changing texts.
messages: install
	for app in solidair/*/locale; do \
	  (cd $$(dirname $$app) && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -l nl -l fr -l en -l de --no-obsolete); \
	done

clean:
	rm -rf $(VENV) var
