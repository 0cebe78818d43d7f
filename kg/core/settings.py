"""One typed settings object, read from the environment (prefix ``DKK_``).

Every knob of the library and the API lives here so that the README can document
them in one table and deployments change behaviour without code edits.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]  # kg/core/settings.py -> the project
DEFAULT_BASE_IRI = "https://w3id.org/dkk/"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DKK_", env_file=".env", extra="ignore")

    base_iri: str = Field(
        DEFAULT_BASE_IRI,
        description="Base of every IRI we mint; the shipped Turtle is rewritten to it on load.",
    )
    public_url: str = Field(
        "http://127.0.0.1:8000",
        description="The address the public reaches this server on: the dataset description and releases "
        "name their endpoint and downloads with it (never with the Host a request sends).",
    )
    store_path: Path = Field(ROOT / "var" / "store", description="Directory of the Oxigraph store.")
    database_url: str = Field(
        "",
        description="The accounts database (SQLAlchemy URL). Empty: SQLite in var/dkk.db, embedded and "
        "needing no set-up; in production e.g. postgresql+psycopg://user@host/dkk (pip install "
        "'.[postgres]'). Migrated to the newest schema on start.",
    )
    session_hours: int = Field(8, ge=1, le=24 * 30, description="How long a sign-in lasts.")
    login_max_failures: int = Field(5, ge=1, description="Wrong passwords in a row before an account locks.")
    login_lock_minutes: int = Field(15, ge=1, description="How long a locked account stays locked.")
    team_min_group: int = Field(
        5, ge=2, description="The fewest answers a team view of a dialogue round shows, so no one stands out."
    )
    time_zone: str = Field(
        "Europe/Copenhagen",
        description="The IANA time zone the site shows times in (stored times are UTC).",
        pattern=r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$",
    )
    assessment_retention_days: int = Field(
        730,
        ge=0,
        description="Days a dialogue round and everyone's answers in it are kept; then they are deleted "
        "(checked hourly). Two years lets a yearly round compare with the one before; 0 keeps them.",
    )
    ontology_dir: Path = Field(ROOT / "ontology", description="Ontology Turtle files.")
    shapes_dir: Path = Field(ROOT / "shapes", description="SHACL shapes Turtle files.")
    data_dir: Path = Field(ROOT / "data", description="Data Turtle files, one named graph each.")
    contrib_dir: Path = Field(
        ROOT / "var" / "contrib",
        description="Data contributed through the API and CLI (catalogues, keys); kept across builds.",
    )
    releases_dir: Path = Field(
        ROOT / "releases",
        description="Frozen releases (`dkk release X.Y.Z`), each a folder never rewritten; served at "
        "/releases.",
    )
    queries_dir: Path = Field(ROOT / "queries", description="Documented example research queries (.rq).")
    sources_dir: Path = Field(
        ROOT.parent / "shared" / "sources",
        description="Public source files the importers read (not part of a user's clone).",
    )
    sparql_endpoint: str | None = Field(
        None,
        description="URL of a remote SPARQL 1.1 endpoint to use instead of the embedded store.",
    )
    sparql_update_endpoint: str | None = Field(
        None, description="Update URL of the remote endpoint (defaults to sparql_endpoint)."
    )
    sparql_graph_store_endpoint: str | None = Field(
        None,
        description="SPARQL 1.1 Graph Store Protocol URL of the remote store (Oxigraph, Fuseki: .../store), "
        "to load whole graphs in one request each; without it graphs go as chunked updates.",
    )

    sparql_timeout: float = Field(
        10.0, gt=0, description="Seconds a public SPARQL query may run before it is stopped (503)."
    )
    sparql_result_limit: int = Field(
        10_000, gt=0, description="Most rows (or triples) one public SPARQL answer returns."
    )
    sparql_workers: int = Field(
        2, gt=0, le=32, description="Worker processes that run public SPARQL queries."
    )

    sparql_result_bytes: int = Field(
        50_000_000, gt=0, description="Most bytes (about) one public SPARQL answer returns; cut above it."
    )
    sparql_max_query_chars: int = Field(
        100_000, gt=0, description="Longest SPARQL query text the public endpoint reads (413 above it)."
    )
    sparql_worker_memory_mb: int = Field(
        2048,
        ge=0,
        description="Memory (RLIMIT_DATA) each query worker may use; one that passes it is replaced and the "
        "query answers 503. 0: no limit. Raise it for in-memory copies of stores past ~3M triples.",
    )
    sparql_client_concurrency: int | None = Field(
        None,
        ge=1,
        description="Queries one client (address) may run at once; default half the workers, at least 1.",
    )
    sparql_queue_per_client: int = Field(
        8, ge=0, description="Queries one client may have waiting for a worker (503 above it)."
    )
    sparql_queue_total: int = Field(
        64, ge=0, description="Queries all clients together may have waiting for a worker (503 above it)."
    )
    sparql_require_sandbox: bool = Field(
        False,
        description="Refuse to serve SPARQL when the query workers cannot be kept off the network "
        "(no seccomp, no network namespace): /sparql then answers 503. /health always shows which.",
    )
    rate_limit: str | None = Field(
        "300/minute",
        description="Anonymous reads one client (address) may make, as 'N/second|minute|hour' (the "
        "`limits` library's notation, several separated by ';'); 429 above it. Empty: no limit.",
    )

    sparql_in_memory: bool = Field(
        True, description="Query workers may answer from in-memory copies of the store (faster; uses memory)."
    )
    sparql_memory_workers: int = Field(
        1,
        ge=0,
        le=32,
        description="How many of the workers hold an in-memory copy (~400 bytes a triple each); the rest "
        "answer from the disk store.",
    )
    shacl_engine: Literal["sparql", "pyshacl"] = Field(
        "sparql",
        description="SHACL validator: shapes compiled to SPARQL on Oxigraph (fast), or pySHACL (reference).",
    )
    max_upload_bytes: int = Field(
        20_000_000, gt=0, description="Largest course catalogue an upload may send (413 above it)."
    )
    max_upload_rows: int = Field(
        5_000,
        gt=0,
        description="Most rows (courses) one CSV upload may hold (422 above it): split larger ones.",
    )
    max_upload_triples: int = Field(
        200_000, gt=0, description="Most triples one Turtle or JSON-LD upload may hold (422 above it)."
    )
    max_jsonld_depth: int = Field(
        32,
        gt=0,
        description="Deepest nesting of objects and arrays a JSON-LD upload may have (422 above it).",
    )

    def contrib_dir_resolved(self) -> Path:
        return self.contrib_dir if self.contrib_dir.is_absolute() else ROOT / self.contrib_dir

    def releases_dir_resolved(self) -> Path:
        return self.releases_dir if self.releases_dir.is_absolute() else ROOT / self.releases_dir

    def database_url_resolved(self) -> str:
        return self.database_url or f"sqlite:///{ROOT / 'var' / 'dkk.db'}"

    def cookies_secure(self) -> bool:
        """Cookies only over HTTPS, when the public address is HTTPS (not on http://127.0.0.1)."""
        return self.public_url.startswith("https://")

    def store_path_resolved(self) -> Path:
        return self.store_path if self.store_path.is_absolute() else ROOT / self.store_path


@lru_cache
def get_settings() -> Settings:
    return Settings()
