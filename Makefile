# Every target CI and developers use. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
EXAMPLE := $(SHARED)/examples/miller-soleimani.txt

.PHONY: setup demo test lint eval bench clean lock train-unit-types train-attributions

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/oplens analyze examples/harbour-levy.txt --published 2025-03-14 --format text
	@if [ -f $(EXAMPLE) ]; then \
		echo; echo "=== $(EXAMPLE) ==="; \
		$(BIN)/oplens analyze $(EXAMPLE) --published 2020-01-03 --format text; \
	fi

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

eval: setup
	$(BIN)/python -m oplens.evaluation --data $(SHARED)/data

bench: setup
	$(BIN)/python benchmarks/run.py --data $(SHARED)/data
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/batch.py --data $(SHARED)/data
	$(BIN)/python benchmarks/export.py

# Retrain the shipped unit-type model (Webis-Editorials-16 training split; see its MODEL_CARD.md).
train-unit-types: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,train]'
	nice -n 10 $(BIN)/python -m oplens.training.unit_types --data $(SHARED)/data

# Retrain the shipped attribution tagger on PolNeAR train (CPU, about 6 minutes).
train-attributions: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,train]'
	nice -n 10 $(BIN)/python -m oplens.training.attributions --data $(SHARED)/data

# Regenerate the pinned constraints from the current virtualenv.
lock: setup
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check > constraints.txt

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
