# One entry point for people and CI. Everything runs from a local virtualenv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup test lint demo sandbox schema clean aws-test aws-sweep

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

lint: setup
	$(PY) -m ruff check reconciler tests tools
	$(PY) -m mypy

# Never the real-AWS suite (tests/aws is skipped without COGNITO_RECONCILER_AWS_TESTS=1).
test: lint
	env -u COGNITO_RECONCILER_AWS_TESTS $(PY) -m pytest -q -p no:cacheprovider

demo: setup
	$(PY) tools/demo.py specs/workshop.yaml

sandbox: setup
	$(VENV)/bin/cognito-reconciler sandbox

# The conformance suite against real Cognito (docs/conformance.md): needs AWS credentials
# and AWS_REGION; COGNITO_RECONCILER_AWS_RECORD=1 also records snapshots. Never part of `test`.
aws-test: setup
	COGNITO_RECONCILER_AWS_TESTS=1 $(PY) -m pytest -p no:cacheprovider -rfs tests/aws $(ARGS)

# Leftover crtest- pools older than 3 hours: listed; ARGS=--yes deletes them.
aws-sweep: setup
	$(PY) tools/aws_sweep.py $(ARGS)

schema: setup
	$(PY) tools/gen_schema.py
	$(PY) tools/gen_model_facts.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
