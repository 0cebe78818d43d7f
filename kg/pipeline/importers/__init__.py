"""Importers: regenerate ``data/`` from the public source files in ``../shared/sources``.

Each importer reads one publication and writes one Turtle file (one named graph).
They are pure functions of their input files, so re-running them on unchanged
sources reproduces ``data/`` byte for byte.
"""
