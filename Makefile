# MesoConsult: `make run` serves the app, `make test` runs lint and every test.
# Both set everything up on a fresh Debian/Ubuntu machine with Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench browser postgres clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

browser:
	@scripts/ensure-browser.sh

postgres:
	@scripts/ensure-postgres.sh

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: $(VENV)/.dev browser postgres lint
	$(PY) -m pytest

bench: $(VENV)/.dev browser postgres
	$(PY) -m bench

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .ruff_cache
