"""Reviewed SPARQL templates, kept as .rq files and run with bound parameters.

User input never becomes query text: a template names its parameters as
variables, and callers pass values as bindings (Oxigraph substitutions, or a
VALUES block built from serialised terms for remote endpoints).

Rules for template authors, so that every template gives the same answer on every store:

- a parameter must appear in the SELECT projection (and in GROUP BY where there is
  one): Oxigraph substitutes only projected variables and refuses the query otherwise;
- a parameter is used in the outermost group, or in a FILTER at the top of an OPTIONAL
  of it, never inside a nested group: a remote store gets it as a VALUES block at the
  start of the outermost group, which a nested group's FILTER cannot see;
- no property path with a bound start where the path may be empty (``?p dkk:derivedFrom*``):
  stores evaluate those differently; walk such chains one step a query.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib.term import Node

from kg.core.namespaces import sparql_prologue
from kg.store.base import GraphStore, SelectResult


@cache
def template(name: str) -> str:
    """The template ``kg/sparql/<name>.rq`` with our PREFIX lines in front."""
    text = resources.files("kg").joinpath("sparql", f"{name}.rq").read_text(encoding="utf-8")
    return sparql_prologue() + text


def select(store: GraphStore, name: str, **bindings: Node) -> SelectResult:
    """Run the SELECT template ``name`` with bound parameters."""
    res = store.query(template(name), bindings or None)
    if not isinstance(res, SelectResult):
        raise TypeError(f"template {name} is not a SELECT query")
    return res


def select_page(store: GraphStore, name: str, limit: int, offset: int, **bindings: Node) -> SelectResult:
    """One page of the SELECT template ``name`` (which ends in ORDER BY): the store sorts and cuts it.
    LIMIT and OFFSET are the only text added to a template; they are checked to be integers here."""
    if type(limit) is not int or type(offset) is not int or limit < 0 or offset < 0:
        raise ValueError(f"a page needs non-negative integers, not limit={limit!r}, offset={offset!r}")
    res = store.query(f"{template(name)}\nLIMIT {limit} OFFSET {offset}", bindings or None)
    if not isinstance(res, SelectResult):
        raise TypeError(f"template {name} is not a SELECT query")
    return res
