"""kg.store.concatenated: the build reads a thousand files as one through a named pipe. A file that
cannot be read whole must fail the read (a short stream would be a silently smaller graph), and a
reader that stops or never starts must not leave the build waiting."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store.concatenated import concatenated
from kg.store.oxigraph import OxigraphStore


def _files(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = tmp_path / f"{i}.nq"
        path.write_text(
            f'<urn:s:{i}> <urn:p> "{i}" <urn:g:{i % 2}> .\n<urn:s:{i}> <urn:q> <urn:o> <urn:g:0> .\n'
        )
        paths.append(path)
    return paths


def test_the_files_read_as_one(tmp_path: Path) -> None:
    paths = _files(tmp_path, 3)
    with concatenated(paths) as stream:
        read = stream.read_bytes()
    assert read == b"".join(p.read_bytes() for p in paths)


def test_a_file_that_cannot_be_read_fails_the_read(tmp_path: Path) -> None:
    paths = _files(tmp_path, 3)
    paths[1].unlink()
    with pytest.raises(FileNotFoundError), concatenated(paths) as stream:
        stream.read_bytes()  # (the first file only: the reader must not count on it)


def test_a_reader_that_stops_or_never_opens_leaves_no_writer_waiting(tmp_path: Path) -> None:
    big = tmp_path / "big.nq"
    big.write_bytes(b"<urn:s> <urn:p> <urn:o> <urn:g> .\n" * 200_000)  # (more than a pipe holds)
    with concatenated([big, big]):
        pass  # never opened
    with concatenated([big, big]) as stream, stream.open("rb") as fh:
        assert fh.read(1000)  # stops early


def test_the_store_loads_every_quad_of_every_file(tmp_path: Path) -> None:
    paths = _files(tmp_path, 50)
    store = OxigraphStore.create(tmp_path / "store")
    store.load_files(paths, "nq")
    assert store.triple_count() == 100
    assert {g for g in store.named_graphs()} == {"urn:g:0", "urn:g:1"}
    store.close()
