"""Generators of the fictional example municipality's data (committed under ``data/``)."""
