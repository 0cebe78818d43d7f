"""Suggest competences (and DigComp 3.0 learning outcomes) for a course title and description.

A BM25 index over what each competence can be recognised by, with fields weighted:
its labels in Danish and English, our search terms, its definition, the labels of
its ESCO skill, and the text of its learning outcomes. Every suggestion carries
the words that matched, so a provider sees why. Runs offline from the store.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.core.text import Bag, features, stem, words
from kg.store.base import GraphStore
from kg.store.templates import select

WEIGHTS = {"label": 3.0, "term": 2.0, "esco": 1.5, "definition": 1.0, "outcome": 0.15}
K1, B = 1.2, 0.5


@dataclass
class Suggestion:
    iri: str
    score: float
    evidence: list[str]
    framework: str = ""
    level: str | None = None
    text: str | None = None
    competence: str | None = None


@dataclass
class Index:
    docs: dict[str, Bag] = field(default_factory=dict)
    framework: dict[str, str] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    avg_len: float = 1.0
    outcomes: list[tuple[str, str, str, str, Bag]] = field(default_factory=list)

    @classmethod
    def build(cls, store: GraphStore) -> Index:
        idx = cls()
        texts = select(store, "suggest_texts")
        docs: dict[str, Bag] = defaultdict(lambda: defaultdict(float))
        for r in texts.rows:
            c = str(r["competence"])
            idx.framework[c] = str(r["framework"])
            weight = WEIGHTS[str(r["field"])]
            for feat, n in features(str(r["text"])).items():
                docs[c][feat] += n * weight
        idx.docs = dict(docs)
        for bag in idx.docs.values():
            idx.df.update(bag.keys())
        idx.avg_len = sum(sum(b.values()) for b in idx.docs.values()) / max(len(idx.docs), 1)
        outcomes = select(store, "suggest_outcomes")
        idx.outcomes = [
            (
                str(r["outcome"]),
                str(r["competence"]),
                str(r["levelName"]),
                str(r["text"]),
                features(str(r["text"])),
            )
            for r in outcomes.rows
        ]
        return idx

    def _idf(self, feat: str) -> float:
        n = len(self.docs)
        return math.log(1 + (n - self.df[feat] + 0.5) / (self.df[feat] + 0.5))

    def competences(self, text: str, framework: str | None = None, limit: int = 5) -> list[Suggestion]:
        query = features(text)
        stems_to_words = defaultdict(set)
        for w in words(text):
            stems_to_words[stem(w)].add(w)
        scored = []
        for c, bag in self.docs.items():
            if framework and self.framework[c] != framework:
                continue
            length = sum(bag.values())
            score, hits = 0.0, defaultdict[str, float](float)
            for feat, q in query.items():
                tf = bag.get(feat)
                if not tf:
                    continue
                part = q * self._idf(feat) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg_len))
                score += part
                if not feat.startswith("#"):
                    hits[feat] += part
            if score > 0:
                best = sorted(hits, key=lambda f: -hits[f])[:5]
                evidence = [w for f in best for w in sorted(stems_to_words[f])]
                scored.append(Suggestion(c, round(score, 3), evidence, self.framework[c]))
        scored.sort(key=lambda s: -s.score)
        return scored[:limit]

    def learning_outcomes(self, text: str, competences: list[str], limit: int = 5) -> list[Suggestion]:
        """Outcomes of the suggested competences that share the most words with the text."""
        query = {f for f in features(text) if not f.startswith("#")}
        wanted = set(competences)
        scored = []
        for iri, competence, level, body, bag in self.outcomes:
            if competence not in wanted:
                continue
            shared = query & {f for f in bag if not f.startswith("#")}
            if shared:
                score = sum(self._idf(f) for f in shared)
                scored.append(
                    Suggestion(
                        iri, round(score, 3), sorted(shared), level=level, text=body, competence=competence
                    )
                )
        scored.sort(key=lambda s: -s.score)
        return scored[:limit]
