# kommarch: two commands on a fresh machine (python3 and make are all it takes).
#   make demo   audit the bundled mid-sized example municipality (Skovlund Kommune)
#   make test   run the whole test suite: pytest (import-linter contracts included),
#               mypy --strict, ruff, vulture
# Both create .venv from pyproject.toml on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test pytest lint typecheck deadcode mutation schemas docs bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Exit 1 from the audit means "findings at or above fail_on": that is the demo, not a failure.
demo: $(STAMP)
	@$(BIN)/kommarch audit inventories/skovlund; status=$$?; [ $$status -le 1 ]

test: pytest typecheck lint deadcode

pytest: $(STAMP)
	$(BIN)/python -m pytest

typecheck: $(STAMP)
	$(BIN)/python -m mypy

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests bench
	$(BIN)/python -m ruff format --check src tests bench

# Dead code at high confidence; a name vulture cannot see used goes in vulture_whitelist.py
# with its reason.
deadcode: $(STAMP)
	$(BIN)/python -m vulture src tests bench vulture_whitelist.py --min-confidence 80

# Mutation test: mutmut mutates src/kommarch/rules and src/kommarch/scoring (pyproject.toml,
# [tool.mutmut]) and runs only tests/rules and tests/scoring against each mutant; it lists the
# survivors. Not part of `make test` (minutes, not seconds); docs/testing.md records the score.
MUTATION_CHILDREN ?= 2
mutation: $(STAMP)
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/mutmut results

# Regenerate what is generated from the code (tests fail when these are stale).
schemas: $(STAMP)
	$(BIN)/kommarch schema --output-dir schemas

docs: $(STAMP)
	$(BIN)/python -m kommarch.render.rules > docs/rules.md

bench: $(STAMP)
	$(BIN)/python bench/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants

# A deeper fuzz run than the suite's (docs/testing.md): FUZZ_COUNT mutated inventories of seed
# FUZZ_SEED through validate, audit, graph and report, each input within 10 s.
FUZZ_SEED  ?= 1
FUZZ_COUNT ?= 100000
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz.run --seed $(FUZZ_SEED) --count $(FUZZ_COUNT) --timeout 10
