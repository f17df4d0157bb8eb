"""Insyn: reproducible, parameterised follow-up reports for Swedish social services.

Notebooks in ``notebooks/`` narrate; this package computes. See ``insyn.build`` for one run and a
batch, ``insyn.cli`` for the command line.
"""

from insyn.provenance import insyn_version

__version__ = insyn_version()
