# Knutepunkt: `make demo` serves the demo site, `make test` runs every check. Both install
# what they need first (a virtual environment from uv.lock), so they work on a fresh clone.
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
TOOLS := .tools
PY := $(VENV)/bin/python
UV := $(TOOLS)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: install demo serve test lint typecheck pytest bench messages lock vendor clean help

help:
	@echo "make demo   - install, build the demo database under var/ and serve on http://127.0.0.1:8000"
	@echo "make test   - install, lint, type-check and run every test (SQLite, then PostgreSQL)"
	@echo "make bench  - performance measurements (SCALE=small|municipality|national)"
	@echo "make messages - extract and compile translations"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# The stamp file makes re-runs instant until the lock file changes.
$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed
	@$(PY) scripts/compile_messages.py

demo: install
	@KNUTEPUNKT_ENVIRONMENT=demo ./scripts/demo.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	KNUTEPUNKT_ENVIRONMENT=test $(VENV)/bin/mypy knutepunkt e2e scripts $(wildcard bench)

pytest: install
	./scripts/run-tests.sh

test: lint typecheck pytest

bench: install
	./scripts/bench.sh $(or $(SCALE),small)

messages: install
	./scripts/make_messages.sh

lock: | $(UV)
	$(UV) lock

vendor:
	./scripts/refresh-vendor.sh

clean:
	rm -rf $(VENV) $(TOOLS) var
