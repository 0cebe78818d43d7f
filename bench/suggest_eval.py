"""Precision@3 of the competence suggester on our labelled course descriptions.

Run after a build: `make bench` (or `.venv/bin/python bench/suggest_eval.py`).
Writes bench/results/suggest.json. The descriptions in suggest_eval.jsonl are
made up by the project (30 Danish, 30 English), each labelled with the DigComp 3.0
competence(s) a curator would map it to.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from kg.core.namespaces import SHIPPED_ID
from kg.core.settings import get_settings
from kg.services.suggest import Index
from kg.store import open_store

HERE = Path(__file__).parent


def main() -> dict:
    items = [json.loads(line) for line in (HERE / "suggest_eval.jsonl").read_text().splitlines() if line]
    store = open_store(get_settings(), read_only=True)
    start = time.perf_counter()
    index = Index.build(store)
    build_s = time.perf_counter() - start
    per_lang: dict[str, list[tuple[float, float, float]]] = {"da": [], "en": []}
    start = time.perf_counter()
    for item in items:
        gold = {str(SHIPPED_ID[g]) for g in item["gold"]}
        top = [
            s.iri
            for s in index.competences(
                f"{item['title']}. {item['description']}", framework=str(SHIPPED_ID["digcomp3"]), limit=3
            )
        ]
        p3 = len(gold & set(top)) / 3
        hit = 1.0 if gold & set(top) else 0.0
        rr = next((1 / (i + 1) for i, c in enumerate(top) if c in gold), 0.0)
        per_lang[item["lang"]].append((p3, hit, rr))
    query_s = (time.perf_counter() - start) / len(items)

    def mean(rows: list[tuple[float, float, float]], i: int) -> float:
        return round(sum(r[i] for r in rows) / len(rows), 3)

    every = per_lang["da"] + per_lang["en"]
    best_possible = round(sum(min(len(i["gold"]), 3) / 3 for i in items) / len(items), 3)
    result = {
        "items": len(items),
        "precision_at_3": mean(every, 0),
        "best_possible_precision_at_3": best_possible,
        "hit_at_3": mean(every, 1),
        "mrr_at_3": mean(every, 2),
        "by_language": {
            lang: {"precision_at_3": mean(r, 0), "hit_at_3": mean(r, 1)} for lang, r in per_lang.items()
        },
        "index_build_seconds": round(build_s, 3),
        "seconds_per_query": round(query_s, 4),
    }
    out = HERE / "results" / "suggest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
