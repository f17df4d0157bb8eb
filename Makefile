# Insyn — `make` alone lists the targets. Everything runs from a project virtual environment
# (.venv) that the targets create and update themselves from pyproject.toml.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.insyn-installed
LAB := .venv-lab
# What the browser tests need (Debian's Chromium, axe-core from npm) and the screenshots (pdftoppm).
NODE := .node
AXE := $(NODE)/node_modules/axe-core/axe.min.js
CHROMIUM := /usr/bin/chromium
PDFTOPPM := /usr/bin/pdftoppm

.DEFAULT_GOAL := help
.PHONY: help setup browser-deps report test test-fast lint format bench bench-batch screenshots lab datakatalog docs clean

help: ## Visa alla mål med en rad var
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP) ## Skapa/uppdatera projektets virtuella miljö (.venv)

# Installed only when missing. Chromium and poppler come from Debian (CI runs as root; no sudo);
# Playwright's own browser download cannot work here, so `playwright install` is never run.
$(CHROMIUM) $(PDFTOPPM):
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils

$(AXE):
	npm install --prefix $(NODE) --no-audit --no-fund axe-core@4

browser-deps: $(CHROMIUM) $(PDFTOPPM) $(AXE) ## Installera Chromium, poppler och axe-core om de saknas

report: $(STAMP) ## Bygg alla exempelrapporter till _site/ (HTML, PDF, notebook, manifest)
	$(BIN)/insyn build --all

test: $(STAMP) browser-deps ## Kör lint och hela testsviten, även end-to-end-testerna
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

screenshots: report browser-deps ## Ta skärmbilder av en exempelrapport till docs/img/ (README)
	$(BIN)/python docs/screenshots.py

bench-batch: $(STAMP) ## Mät batchbyggen: --jobs 2 mot 1, mot papermill för hand, no-op, minne, Dask (≈15 min)
	$(BIN)/python benchmarks/bench_batch.py

lab: ## Öppna JupyterLab på notebooks/ med exempelparametrarna
	@test -x $(LAB)/bin/jupyter || ($(PYTHON) -m venv $(LAB) && \
		$(LAB)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[lab]')
	cd notebooks && ../$(LAB)/bin/jupyter lab

datakatalog: $(STAMP) ## Generera docs/datadictionary.md från scheman
	$(BIN)/python -m insyn.dictionary

docs: $(STAMP) ## Bygg användarhandboken (docs/guide) till _site/guide/
	$(BIN)/python -m insyn.guide

clean: ## Ta bort byggda rapporter och cachar (inte .venv)
	rm -rf _site .insyn-cache .pytest_cache .ruff_cache benchmarks/results
