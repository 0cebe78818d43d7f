"""Dataset dumps, whichever store holds the data: written on first request, served as files.

They are cached in ``<store path>/dumps``. The embedded store's directory is
replaced by every build, and every committed write drops the cache (``follow``,
attached by ``open_store`` to each store it opens, in the server and the CLI alike),
so a dump is never older than the data it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.core.files import write_atomic
from kg.store.base import GraphStore


@dataclass(frozen=True)
class DumpFormat:
    ext: str
    media_type: str
    name: str
    graphs: bool  # whether named graphs are kept


DUMP_FORMATS: dict[str, DumpFormat] = {
    f.ext: f
    for f in (
        DumpFormat("ttl", "text/turtle", "Turtle (union of all graphs)", False),
        DumpFormat("nt", "application/n-triples", "N-Triples (union of all graphs)", False),
        DumpFormat("nq", "application/n-quads", "N-Quads (with named graphs)", True),
        DumpFormat("trig", "application/trig", "TriG (with named graphs)", True),
        DumpFormat("jsonld", "application/ld+json", "JSON-LD (with named graphs)", True),
    )
}


def follow(store: GraphStore, store_dir: Path) -> None:
    """Drop ``store``'s cached dumps whenever it commits a change."""
    store.on_update.append(lambda _update: invalidate(store_dir))


def invalidate(store_dir: Path | None) -> None:
    """Drop the cached dumps after a write, so the next request writes them anew."""
    if store_dir is not None:
        for path in (store_dir / "dumps").glob("dkk.*"):
            path.unlink(missing_ok=True)


def dump_path(store_dir: Path, store: GraphStore, ext: str, newer_than: float = 0.0) -> Path:
    """The dump file for ``ext``, written atomically on first use, and again when the data changed after
    ``newer_than`` (a write by another instance sharing the store, which this one's listener missed)."""
    target = store_dir / "dumps" / f"dkk.{ext}"
    if not target.is_file() or target.stat().st_mtime < newer_than:
        write_atomic(target, store.dump(ext))
    return target
