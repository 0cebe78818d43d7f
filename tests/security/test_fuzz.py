"""A short Schemathesis run on the session's server: no input gives a 5xx or an undocumented status.

The long run is ``make fuzz`` (tests/security/fuzz.py)."""

from __future__ import annotations

from .fuzz import fuzz


def test_no_input_gives_a_server_error_or_an_undocumented_status(server: str) -> None:
    result = fuzz(server, examples=5, seed=1)
    assert result.server_errors == 0, result.summary
    assert not result.failures, f"{result.failures}\n{result.summary}"
