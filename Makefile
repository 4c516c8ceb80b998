# `make demo` and `make test` work on a fresh machine: each creates .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx -o out/demo --fail-on never
	@echo
	@echo "Results are in out/demo/: TMX, PO and XLIFF per article group, glossary report, review page."

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'  # the splitters bench/segmentation.py compares
	$(BIN)/python bench/segmentation.py
	$(BIN)/python bench/segmentation_sample.py
	$(BIN)/python bench/alignment.py
	$(BIN)/python bench/sample.py
	$(BIN)/python bench/pairing.py
	$(BIN)/python bench/glossary.py
	$(BIN)/python bench/tmx_memory.py
	$(BIN)/python bench/mt.py
	$(BIN)/python bench/scale.py --groups 1000
	$(BIN)/python bench/collect.py

clean:
	rm -rf $(VENV) out build *.egg-info
