"""The standards' own validators and test data, as committed fixtures (tests/fixtures/<standard>/),
so that a clone without ../shared checks exports against them too."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import SH

FIXTURES = Path(__file__).parent / "fixtures"
LOQ = FIXTURES / "elm" / "LOQ-constraints.ttl"

# The LOQ profile writes two URL patterns in Java's regex dialect; pySHACL compiles sh:pattern with
# Python's ``re`` and stops on them. The same patterns in Python's dialect: the inline (?i) becomes the
# sh:flags SHACL has for it, and Java's class unions become the classes they denote.
JAVA_TO_PYTHON = (
    (r"[[A-Fa-f0-9]\:\.]", r"[A-Fa-f0-9:.]"),
    (r"[%[\p{L}\p{Nl}\p{Nd}]]", r"[%\w]"),
)


def loq_shapes() -> Graph:
    """ELM's SHACL application profile for learning opportunities, its patterns readable by pySHACL."""
    g = Graph().parse(LOQ)
    for shape, pattern in list(g.subject_objects(SH.pattern)):
        text = str(pattern)
        for java, python in JAVA_TO_PYTHON:
            text = text.replace(java, python)
        if text.startswith("^(?i)"):
            text = "^" + text[len("^(?i)") :]
            g.add((shape, SH.flags, Literal("i")))
        g.set((shape, SH.pattern, Literal(text)))
    return g
