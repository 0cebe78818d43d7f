"""The layers hold: imports only go down (core -> store -> pipeline -> services -> interfaces), nothing
lives at the kg/ root but the package face, the API holds no SPARQL, no module reads the settings when
it is imported, and the app takes its settings from its factory."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from kg.core.settings import ROOT, get_settings

LAYERS = ["kg.core", "kg.store", "kg.pipeline", "kg.services", "kg.cli", "api", "bench"]
INTERFACES = {"kg.cli", "api", "bench"}  # side by side: none imports another


def _modules() -> dict[str, Path]:
    out = {}
    for root in ("kg", "api", "bench"):
        for path in (ROOT / root).rglob("*.py"):
            if "static" in path.parts or "migrations" in path.parts or path.name == "__main__.py":
                continue  # (migrations are Alembic's scripts, which it runs itself, not modules)
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            out[name] = path
    return out


def _layer(module: str) -> str | None:
    return next((layer for layer in LAYERS if module == layer or module.startswith(layer + ".")), None)


def _imports(path: Path, module: str) -> set[str]:
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                found.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                found.add(node.module)
    return found


def test_imports_only_go_down() -> None:
    wrong = []
    for module, path in _modules().items():
        mine = _layer(module)
        if mine is None:
            continue
        for imported in _imports(path, module):
            theirs = _layer(imported)
            if theirs is None or theirs == mine:
                continue
            upward = LAYERS.index(theirs) > LAYERS.index(mine)
            sideways = mine in INTERFACES and theirs in INTERFACES
            if upward or sideways:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "\n".join(sorted(wrong))


def test_nothing_at_the_kg_root_but_the_package_face() -> None:
    assert sorted(p.name for p in (ROOT / "kg").glob("*.py")) == ["__init__.py"]


def test_the_api_holds_no_sparql() -> None:
    """Routes and pages translate HTTP to service calls; queries live in kg/ (templates in kg/sparql): no
    module of the API runs a template (the REST router only serves their text)."""
    runners = {
        ("kg.store.templates", "select"),
        ("kg.services.refs", "run"),
        ("kg.store.templates", "template"),
    }
    offenders = []
    for module, path in _modules().items():
        if _layer(module) != "api":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if (node.module, alias.name) in runners and module != "api.routes.rest":
                        offenders.append(f"{module}: {alias.name}")
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if "WHERE" in text and any(w in text for w in ("SELECT ", "CONSTRUCT ", "ASK {")):
                offenders.append(f"{module}: a query text")
    assert not offenders, offenders


def test_no_module_reads_the_settings_when_imported() -> None:
    """Every module of kg, api and bench imported with the settings refused: one that read them at import
    (a base IRI, a path, a limit) fails here."""
    names = sorted(_modules())
    code = (
        "import importlib, sys\n"
        "import kg.core.settings as s\n"
        "def refuse(*a, **k):\n    raise RuntimeError('settings read at import')\n"
        "s.get_settings = refuse\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except RuntimeError as exc:\n        sys.exit(f'{name}: {exc}')\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]


def test_the_app_takes_its_settings_from_its_factory(store: object) -> None:
    small = get_settings().model_copy(update={"sparql_result_limit": 3})
    query = {"query": "SELECT ?s WHERE { ?s a dkk:Competence }"}
    with TestClient(create_app(small)) as client:
        rows = client.get("/sparql", params=query)
    with TestClient(create_app()) as client:
        default = client.get("/sparql", params=query)
    assert len(rows.json()["results"]["bindings"]) == 3 and rows.headers["DKK-Result-Limit"] == "3"
    assert len(default.json()["results"]["bindings"]) > 3
