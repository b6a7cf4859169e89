# «Наставник»: `make run` sets everything up and serves on 127.0.0.1:8000; `make test` tests.
PYTHON ?= python3
UV_VERSION = 0.13.8
UV = .tools/bin/uv
VENV = .venv
PY = $(VENV)/bin/python
DEV_ENV = DEBUG=$${DEBUG:-true}
ADDRESS ?= 127.0.0.1:8000

.PHONY: run install tools migrate demo test lint messages check-deploy bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock $(UV)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

# Test tools from the npm registry (package.json, package-lock.json): axe-core,
# which the browser tests inject into every page they visit (conftest.py).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tools: node_modules/.installed

migrate: install
	mkdir -p var
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(PY) manage.py load_demo

# The server and, in the background, the task worker that applies confirmed imports
# and sends letters, and the reminder scan every 15 minutes (scan_reminders --every);
# both stop when the server does (Ctrl-C), the worker after the task it is running.
# They run in their own sessions, so that Ctrl-C does not reach them: each gets one
# SIGTERM (a second signal would cut the worker's task short).
SCAN_EVERY ?= 900
run: demo
	@$(DEV_ENV) setsid $(PY) manage.py db_worker --no-reload --no-startup-delay & \
	worker=$$!; \
	$(DEV_ENV) setsid $(PY) manage.py scan_reminders --every $(SCAN_EVERY) & \
	scanner=$$!; \
	trap 'kill $$worker $$scanner 2>/dev/null; wait $$worker $$scanner' EXIT; \
	trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(DEV_ENV) $(PY) manage.py runserver $(ADDRESS)

# The whole suite, browser tests included (they skip with a message where Chromium
# is missing, and fail instead when REQUIRE_BROWSER=true, as in CI), in two worker
# processes (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one.
PYTEST_ARGS ?= -n 2
test: install tools
	DEBUG=true SECRET_KEY=test-only $(PY) -m pytest $(PYTEST_ARGS)

# ruff (style and lint), import-linter (apps import downward only: the layers in
# pyproject.toml), mypy with django-stubs, and no model change without a migration.
lint: install
	mkdir -p var
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DEBUG=true $(VENV)/bin/mypy .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# Rebuild Russian translations after changing strings (needs GNU gettext).
messages: install
	DEBUG=true $(PY) manage.py makemessages -l ru --no-location --ignore=.venv --ignore=.tools --ignore=var
	DEBUG=true $(PY) manage.py compilemessages -l ru --ignore=.venv --ignore=.tools

check-deploy: install
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=nastavnik.example.ru \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The benchmark (docs/benchmarks.md): region data at 1× and 10× in its own
# PostgreSQL database (recreated), served by gunicorn as shipped and measured with
# wrk (installed from Debian if missing). About 15 minutes; not part of `make test`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/nastavnik_bench
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk)
	mkdir -p var/bench
	DEBUG=false BENCH=true SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
	  VAR_DIR=$(CURDIR)/var/bench DATABASE_URL=$(BENCH_DATABASE_URL) \
	  $(PY) manage.py run_bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .tools var node_modules
