# Two entry points for a fresh clone: `make demo` and `make test`. Both create .venv once and reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The claims reader compiled with mypyc (same outputs, faster); rebuilt when its sources change. Without a C
# compiler the build says why and the pure Python reader is used (extractors/claims/native.py).
NATIVE := extractors/claims/_native/SOURCES

.PHONY: demo test lint typecheck bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,lake]"
	touch $(STAMP)

$(NATIVE): $(STAMP) $(wildcard extractors/claims/*.py)
	$(BIN)/python -m isswatch.extractors.claims.native_build || echo "continuing with the pure Python claims reader"

demo: $(STAMP) $(NATIVE)
	$(BIN)/isswatch demo

test: $(STAMP) $(NATIVE) lint typecheck
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy cannot follow the editable install's import hook: it reads the packages through links named as installed.
typecheck: $(STAMP)
	mkdir -p build/typecheck/isswatch
	for p in flows extractors warehouse; do ln -sfn "$$PWD/$$p" build/typecheck/isswatch/$$p; done
	$(BIN)/mypy -p isswatch.extractors -p isswatch.warehouse -p isswatch.flows

bench: $(STAMP) $(NATIVE)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) data .pytest_cache extractors/claims/_native
