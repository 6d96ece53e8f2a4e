# Two entry points for a fresh clone: `make demo` and `make test`. Both create .venv once and reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,lake]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/isswatch demo

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy cannot follow the editable install's import hook: it reads the packages through links named as installed.
typecheck: $(STAMP)
	mkdir -p build/typecheck/isswatch
	for p in flows extractors warehouse; do ln -sfn "$$PWD/$$p" build/typecheck/isswatch/$$p; done
	$(BIN)/mypy -p isswatch.extractors -p isswatch.warehouse -p isswatch.flows

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data .pytest_cache
