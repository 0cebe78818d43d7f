"""The user paths' part of the report: a table per scale, issue 15's targets, and growth across scales."""

from __future__ import annotations

import json
from pathlib import Path

PATH_P95_MS = {"100k": 100.0, "1m": 100.0, "5m": 300.0, "10m": 300.0}  # 10M's target; 5M held to it too
MAX_BYTES = 1_000_000  # no answer over 1 MB unless the client asked for a bulk format
GROWTH = 2.0  # from 1M to 10M triples, a path's p95 grows less than this


def _cell(t: dict) -> str:
    if "p50_ms" in t:
        return f"{t['p50_ms']}/{t['p95_ms']}"
    return f"cut: {t.get('skipped', 'not measured')}"


def table(paths: dict[str, dict]) -> list[str]:
    lines = [
        "User paths on the API serving from its in-memory copy (20 runs after a warm-up, p50/p95 ms, "
        "bytes of the answer):",
        "",
        "| request | p50/p95 ms | KB | status |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, t in paths.items():
        kb = round(t["bytes"] / 1024, 1) if "bytes" in t else ""
        lines.append(f"| `{name}` | {_cell(t)} | {kb} | {t.get('status', '')} |")
    return lines


def targets(scale: str, r: dict) -> dict:
    paths = r.get("user_paths", {})
    limit = PATH_P95_MS.get(scale, 100.0)
    slow = [n for n, t in paths.items() if "p95_ms" not in t or t["p95_ms"] >= limit]
    big = [n for n, t in paths.items() if t.get("bytes", 0) > MAX_BYTES]
    out = {
        f"user_paths_p95_under_{limit:.0f}ms": {"met": not slow, "missed": slow},
        "no_answer_over_1MB": {"met": not big, "missed": big},
    }
    if scale in ("5m", "10m"):
        b = r["build"]
        secs = round(sum(b["seconds"].values()), 1)
        out["build_under_5min"] = {"met": secs < 300, "s": secs}
        out["build_peak_under_8GB"] = {"met": b["peak_rss_mb"] < 8192, "mb": b["peak_rss_mb"]}
        serving = r["queries"]["api_memory_mb"]["total_pss"]
        out["serving_memory_under_6GB"] = {"met": serving < 6144, "pss_mb": serving}
        first = r.get("first_sparql_answer_seconds", 99)
        out["start_to_first_answer_under_2s"] = {"met": first < 2, "s": first}
    return out


def growth(results: Path) -> str:
    """p95 of every user path at each scale measured so far, and 10M (or the largest) over 1M."""
    runs = {}
    for scale in PATH_P95_MS:
        f = results / f"{scale}.json"
        if f.exists():
            data = json.loads(f.read_text())
            if "user_paths" in data:
                runs[scale] = data["user_paths"]
    if not runs:
        return ""
    scales = list(runs)
    last = scales[-1]
    lines = [
        "| request | " + " | ".join(f"p95 ms at {s}" for s in scales) + f" | {last}/1m |",
        "| --- | " + " | ".join("---:" for _ in scales) + " | ---: |",
    ]
    names = list(next(iter(runs.values())))
    for name in names:
        cells = [runs[s].get(name, {}) for s in scales]
        one, top = runs.get("1m", {}).get(name, {}), runs[last].get(name, {})
        ratio = (
            round(top["p95_ms"] / max(one["p95_ms"], 0.01), 2)
            if "p95_ms" in one and "p95_ms" in top and last != "1m"
            else ""
        )
        lines.append(
            f"| `{name}` | "
            + " | ".join(str(c.get("p95_ms", "cut")) if c else "" for c in cells)
            + f" | {ratio} |"
        )
    return "\n".join(lines) + "\n"
