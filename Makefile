# Insyn — `make` alone lists the targets. Everything runs from a project virtual environment
# (.venv) that the targets create and update themselves from pyproject.toml.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.insyn-installed
LAB := .venv-lab

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lint format bench bench-batch lab clean

help: ## Visa alla mål med en rad var
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP) ## Skapa/uppdatera projektets virtuella miljö (.venv)

report: $(STAMP) ## Bygg alla exempelrapporter till _site/ (HTML, PDF, notebook, manifest)
	$(BIN)/insyn build --all

test: $(STAMP) ## Kör lint och hela testsviten, även end-to-end-testerna
	$(BIN)/ruff check insyn tests benchmarks
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## Kör bara de snabba testerna
	$(BIN)/python -m pytest -m "not e2e and not browser"

lint: $(STAMP) ## Kontrollera koden med ruff
	$(BIN)/ruff check insyn tests benchmarks
	$(BIN)/ruff format --check insyn tests benchmarks

format: $(STAMP) ## Formatera koden med ruff
	$(BIN)/ruff format insyn tests benchmarks

bench: $(STAMP) ## Mät tiden för en rapport mot golvet (kernelstart + trivial rendering)
	$(BIN)/python benchmarks/bench_report.py

bench-batch: $(STAMP) ## Mät batchbyggen: --jobs 2 mot 1, mot papermill för hand, no-op, minne, Dask (≈15 min)
	$(BIN)/python benchmarks/bench_batch.py

lab: ## Öppna JupyterLab på notebooks/ med exempelparametrarna
	@test -x $(LAB)/bin/jupyter || ($(PYTHON) -m venv $(LAB) && \
		$(LAB)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[lab]')
	cd notebooks && ../$(LAB)/bin/jupyter lab

clean: ## Ta bort byggda rapporter och cachar (inte .venv)
	rm -rf _site .insyn-cache .pytest_cache .ruff_cache benchmarks/results
