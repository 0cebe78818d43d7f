"""SHACL validation compiled to SPARQL over Oxigraph, with pySHACL as the reference.

pySHACL walks rdflib graphs node by node in Python: 5 s for a 1,000-course
upload and 90 s for a graph of a million triples on this machine. The shapes
this project writes use a small part of SHACL Core, so we read the shapes graph
once into plain objects (:mod:`.model`), fetch focus and value nodes with one
SPARQL query per target, path and class from an Oxigraph store (:mod:`.engine`),
and check the values in Python (:mod:`.checks`). A shapes graph that uses
anything outside that part raises :class:`Unsupported` when it is read, and
:func:`kg.pipeline.validation.validate` falls back to pySHACL; ``tests/test_shacl_engine.py``
asserts both give the same results on every bad-data case.
"""

from kg.pipeline.shacl.engine import load, validate_store
from kg.pipeline.shacl.model import Shapes, Unsupported, compile_shapes

__all__ = ["Shapes", "Unsupported", "compile_shapes", "load", "validate_store"]
