"""Providers and their API keys.

A provider is created by an administrator (CLI). Keys are random tokens shown
once; only their SHA-256 is stored (the tokens carry 256 bits of randomness, so
a fast hash is enough), in a JSON file beside the contributed data and never in
the graph. A key names its provider, and writes only that provider's graphs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from kg.core import namespaces as ns
from kg.core.errors import said
from kg.pipeline import contrib

PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")


class ProviderError(Exception):
    """An unknown provider, a bad identifier, or a provider that exists already: the refusal ``key`` of the
    catalogue (problem.<key>, its title; problem.<key>.detail, what to do), for the API and the CLI to
    say in their reader's language."""

    def __init__(self, key: str, values: Mapping[str, object] | None = None) -> None:
        self.key, self.values = key, dict(values or {})
        super().__init__(self.in_language("en"))

    def in_language(self, lang: str) -> str:
        return said(f"problem.{self.key}.detail", lang, self.values)


@dataclass(frozen=True)
class Key:
    key_id: str
    provider: str  # the owner's id: a provider, or a municipality when kind says so
    sha256: str
    created: str
    kind: str = "providers"


def provider_iri(provider: str) -> URIRef:
    return ns.ID[f"provider/{provider}"]


def about_graph(
    node: URIRef, cls: URIRef, name_da: str, name_en: str | None, url: str | None, example: bool
) -> Graph:
    """The record of a provider or municipality: class, names, website (its source), or the example mark."""
    g = Graph()
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.prefLabel, Literal(name_da, lang="da")))
    if name_en:
        g.add((node, SKOS.prefLabel, Literal(name_en, lang="en")))
    if url:
        g.add((node, FOAF.homepage, URIRef(url)))
        g.add((node, DCTERMS.source, URIRef(url)))
    if example:
        g.add((node, ns.DKK.status, ns.DKK.Example))
    return g


def _register(
    contrib_dir: Path,
    kind: str,
    owner: str,
    node: URIRef,
    cls: URIRef,
    name_da: str,
    name_en: str | None,
    url: str | None,
    example: bool,
) -> dict[str, Graph]:
    if not PROVIDER_ID.match(owner):
        raise ProviderError("owner.bad_id", {"id": repr(owner)})
    if not url and not example:
        raise ProviderError("owner.needs_url")
    path = contrib.owner_file(contrib_dir, owner, kind)
    if path.exists():
        raise ProviderError("owner.exists", {"id": owner})
    graphs = {
        contrib.graph_names(owner, kind)["about"]: about_graph(node, cls, name_da, name_en, url, example)
    }
    contrib.begin(contrib_dir, owner, kind)  # the store gets the record at the next reconcile
    contrib.write_graphs(path, graphs)
    return graphs


def add_provider(
    contrib_dir: Path,
    provider: str,
    name_da: str,
    name_en: str | None = None,
    url: str | None = None,
    example: bool = False,
) -> dict[str, Graph]:
    return _register(
        contrib_dir,
        "providers",
        provider,
        provider_iri(provider),
        ns.DKK.Provider,
        name_da,
        name_en,
        url,
        example,
    )


def add_municipality(
    contrib_dir: Path,
    municipality: str,
    name_da: str,
    name_en: str | None = None,
    url: str | None = None,
    example: bool = False,
) -> dict[str, Graph]:
    """Register a municipality that tailors profiles (its record lives in its own file)."""
    return _register(
        contrib_dir,
        "municipalities",
        municipality,
        ns.ID[f"municipality/{municipality}"],
        ns.DKK.Municipality,
        name_da,
        name_en,
        url,
        example,
    )


def registered(contrib_dir: Path, kind: str = "providers") -> list[str]:
    """Ids of the providers (or municipalities) registered here, whether or not they uploaded yet."""
    return sorted(p.stem for p in (contrib_dir / kind).glob("*.nq"))


def exists(contrib_dir: Path, provider: str, kind: str = "providers") -> bool:
    return bool(PROVIDER_ID.match(provider)) and contrib.owner_file(contrib_dir, provider, kind).is_file()


def _keys_file(contrib_dir: Path) -> Path:
    return contrib_dir / "keys.json"


def _load_keys(contrib_dir: Path) -> list[Key]:
    path = _keys_file(contrib_dir)
    if not path.is_file():
        return []
    return [Key(**k) for k in json.loads(path.read_text())["keys"]]


def _save_keys(contrib_dir: Path, keys: list[Key]) -> None:
    path = _keys_file(contrib_dir)
    tmp = path.with_name(f".keys.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"keys": [k.__dict__ for k in keys]}, indent=1))
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def create_key(contrib_dir: Path, provider: str, kind: str = "providers") -> str:
    """A new key for a provider (or a municipality, by ``kind``); shown once, stored only as a hash.
    Under the contributors' write lock: two keys made at once are both kept."""
    if not exists(contrib_dir, provider, kind):
        raise ProviderError(
            "no_municipality" if kind == "municipalities" else "no_provider", {"id": provider}
        )
    key_id = secrets.token_hex(4)
    token = f"dkk_{key_id}_{secrets.token_urlsafe(32)}"
    with contrib.write_lock(contrib_dir):
        keys = [
            *_load_keys(contrib_dir),
            Key(
                key_id,
                provider,
                hashlib.sha256(token.encode()).hexdigest(),
                datetime.now(UTC).isoformat(timespec="seconds"),
                kind,
            ),
        ]
        _save_keys(contrib_dir, keys)
    return token


def keys_of(contrib_dir: Path, owner: str, kind: str = "providers") -> list[Key]:
    """An owner's keys (their ids and dates; the tokens themselves are nowhere)."""
    return [k for k in _load_keys(contrib_dir) if k.provider == owner and k.kind == kind]


def revoke_key(contrib_dir: Path, owner: str, key_id: str, kind: str = "providers") -> None:
    """Revoke one of ``owner``'s keys; it stops working at once. Another owner's key is not found."""
    with contrib.write_lock(contrib_dir):
        keys = _load_keys(contrib_dir)
        kept = [k for k in keys if not (k.key_id == key_id and k.provider == owner and k.kind == kind)]
        if len(kept) == len(keys):
            raise ProviderError("no_key", {"owner": owner, "key": key_id})
        _save_keys(contrib_dir, kept)


def rotate_key(contrib_dir: Path, owner: str, key_id: str, kind: str = "providers") -> str:
    """A new key in place of ``key_id`` (made first, so the owner is never left without one)."""
    if key_id not in {k.key_id for k in keys_of(contrib_dir, owner, kind)}:
        raise ProviderError("no_key", {"owner": owner, "key": key_id})
    token = create_key(contrib_dir, owner, kind)
    revoke_key(contrib_dir, owner, key_id, kind)
    return token


def key_for_token(contrib_dir: Path, token: str) -> Key | None:
    """The key a token belongs to, or None; compared in constant time."""
    match = re.match(r"^dkk_([0-9a-f]{8})_", token)
    if not match:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    for key in _load_keys(contrib_dir):
        if key.key_id == match[1] and hmac.compare_digest(key.sha256, digest):
            return key
    return None
