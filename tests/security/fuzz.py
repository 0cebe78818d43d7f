"""Fuzz the HTTP API with Schemathesis (from its OpenAPI document) and count server errors.

``make fuzz`` runs it long (a fresh store, a provider with a key so that writes are
exercised past authorisation); ``tests/security/test_fuzz.py`` runs it short on the
test session's server. Schemathesis's own checks decide: ``not_a_server_error``
(no 5xx for any input), ``status_code_conformance`` (only documented statuses),
``content_type_conformance`` and ``response_schema_conformance`` (a JSON answer has the shape the
OpenAPI document declares, api/schemas.py). The full log goes to test-artifacts/fuzz.log.

    .venv/bin/python -m tests.security.fuzz --examples 200
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.core.settings import ROOT

CHECKS = ",".join(
    (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
    )
)
LOG = ROOT / "test-artifacts" / "fuzz.log"


@dataclass
class FuzzResult:
    returncode: int
    server_errors: int
    failures: dict[str, int]
    summary: str
    tool_errors: int = 0  # Schemathesis itself failed to generate for an operation (see the log)


def fuzz(url: str, examples: int, headers: tuple[str, ...] = (), seed: int | None = None) -> FuzzResult:
    """One Schemathesis run against ``url``; what it found, by check."""
    cli = str(Path(sys.executable).with_name("schemathesis"))
    args = [cli, "run", f"{url}/openapi.json", "--checks", CHECKS, "--max-examples", str(examples)]
    args += ["--workers", "2", "--no-color", "--request-timeout", "30"]
    if seed is not None:
        args += ["--seed", str(seed)]
    for header in headers:
        args += ["-H", header]
    run = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    LOG.parent.mkdir(parents=True, exist_ok=True)
    LOG.write_text(run.stdout + run.stderr)
    failures = {m[1]: int(m[2]) for m in re.finditer(r"❌ (ST\d+) [^:\n]+: (\d+)", run.stdout)}
    summary = "\n".join(line for line in run.stdout.splitlines()[-12:] if line.strip())
    tool = sum(int(m[1]) for m in re.finditer(r"🚫 [^:\n]+: (\d+)", run.stdout))
    return FuzzResult(run.returncode, failures.get("ST101", 0), failures, summary, tool)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per operation")
    parser.add_argument("--seed", type=int, default=None)
    opts = parser.parse_args()
    from .conftest import make_site  # (imports the test package's server helpers)

    with tempfile.TemporaryDirectory(prefix="dkk-fuzz-") as tmp:
        site = make_site(Path(tmp))
        try:
            print(f"fuzz: {opts.examples} examples per operation against {site.url} (log: {LOG})", flush=True)
            result = fuzz(
                site.url, opts.examples, (f"Authorization: Bearer {site.keys['alpha']}",), opts.seed
            )
        finally:
            site.proc.terminate()
            site.proc.wait(timeout=10)
    print(result.summary)
    print(
        f"fuzz: {result.server_errors} server errors; failures by check: {result.failures or 'none'}; "
        f"operations Schemathesis could not generate for: {result.tool_errors} (the log says which)"
    )
    sys.exit(1 if result.failures else 0)


if __name__ == "__main__":
    main()
