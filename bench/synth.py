"""A seeded, realistic synthetic graph on top of the real vocabularies, sized by triple count.

Synthetic providers with course catalogues, and 98 synthetic municipalities
with profiles derived from the example profiles and best practices, written as contributed-data
files (kg.pipeline.contrib) so that the real build (reasoning, SHACL, store) is what gets
measured. Everything is example data: named "Syntetisk ...", marked
dkk:status dkk:Example, and never written into data/.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg.core.namespaces import ELM, SCHEMA, SHIPPED_DKK, SHIPPED_ID
from kg.pipeline import contrib

TRIPLES_PER_COURSE = 28  # two outcomes, asserted + inferred (26 measured, + the outcomes marked as example)
TRIPLES_PER_MUNICIPALITY = 120
TRIPLES_PER_PRACTICE = 14
CITIZEN_GROUPS = ("aeldre", "digitalt-udsatte", "handicap", "socialt-udsatte", "ufaglaerte", "alle-borgere")
MUNICIPALITIES = 98
WORDS_DA = (
    "digital",
    "data",
    "sikkerhed",
    "kommunikation",
    "samarbejde",
    "ledelse",
    "borger",
    "velfærd",
    "teknologi",
    "informations",
    "kompetence",
    "innovation",
    "dokumentation",
    "analyse",
    "trivsel",
)
WORDS_EN = (
    "digital",
    "data",
    "security",
    "communication",
    "collaboration",
    "leadership",
    "citizen",
    "welfare",
    "technology",
    "information",
    "competence",
    "innovation",
    "records",
    "analysis",
)
COMPETENCES = [
    f"digcomp3/{a}.{c}" for a, n in ((1, 3), (2, 6), (3, 4), (4, 4), (5, 4)) for c in range(1, n + 1)
]
LEVELS3 = ("basic", "intermediate", "advanced", "highly-advanced")
KL = (
    "kl-wheel/brugerkompetencer",
    "kl-wheel/dataanvendelse",
    "kl-wheel/data-og-informationssikkerhed",
    "kl-wheel/udvikling",
    "kl-wheel/implementering-og-anskaffelse",
)
BASES = ("example/profile/generisk", "example/profile/sosu", "example/profile/laerer")


@dataclass
class Plan:
    providers: int
    courses_per_provider: int
    profiles_per_municipality: int
    practices_per_municipality: int

    @property
    def courses(self) -> int:
        return self.providers * self.courses_per_provider


def plan(target_triples: int, shipped_triples: int = 20_000) -> Plan:
    """How many providers, courses and profiles make about ``target_triples`` in the built store."""
    profiles = 2 if target_triples < 500_000 else 5
    practices = 3 if target_triples < 500_000 else 10
    municipalities = MUNICIPALITIES * (
        TRIPLES_PER_MUNICIPALITY * profiles // 2 + TRIPLES_PER_PRACTICE * practices
    )
    budget = max(target_triples - shipped_triples - municipalities, 1000)
    courses = budget // TRIPLES_PER_COURSE
    providers = max(10, min(courses // 40, 900))
    return Plan(providers, max(1, courses // providers), profiles, practices)


def _course(g: Graph, rng: random.Random, provider: URIRef, pid: str, n: int) -> None:
    course = SHIPPED_ID[f"provider/{pid}/course/k{n}"]
    words = rng.sample(range(len(WORDS_EN)), 2)
    g.add((course, RDF.type, SHIPPED_DKK.CourseOffering))
    g.add((course, SHIPPED_DKK.offeredBy, provider))
    g.add(
        (
            course,
            DCTERMS.title,
            Literal(f"{WORDS_DA[words[0]].title()} og {WORDS_DA[words[1]]} {n}", lang="da"),
        )
    )
    g.add(
        (
            course,
            DCTERMS.title,
            Literal(f"{WORDS_EN[words[0]].title()} and {WORDS_EN[words[1]]} {n}", lang="en"),
        )
    )
    g.add(
        (
            course,
            SHIPPED_DKK.mode,
            rng.choice((SHIPPED_DKK.Online, SHIPPED_DKK.InPerson, SHIPPED_DKK.Blended)),
        )
    )
    g.add(
        (course, ELM.volumeOfLearning, Literal(f"PT{rng.choice((3, 7, 14, 21, 35))}H", datatype=XSD.duration))
    )
    g.add((course, SCHEMA.inLanguage, Literal("da")))
    g.add((course, SHIPPED_DKK.status, SHIPPED_DKK.Example))
    for i in (1, 2):
        outcome = URIRef(f"{course}/outcome/{i}")
        competence = rng.choice(COMPETENCES) if i == 1 or rng.random() < 0.7 else rng.choice(KL)
        g.add((course, SHIPPED_DKK.hasOutcome, outcome))
        g.add((outcome, RDF.type, SHIPPED_DKK.CourseOutcome))
        g.add((outcome, SHIPPED_DKK.teachesCompetence, SHIPPED_ID[competence]))
        g.add((outcome, SHIPPED_DKK.targetLevel, SHIPPED_ID[f"digcomp3/level/{rng.choice(LEVELS3)}"]))
        g.add((outcome, SHIPPED_DKK.status, SHIPPED_DKK.Example))  # a part of an example is one too


def _provider_about(pid: str, n: int) -> Graph:
    g = Graph()
    node = SHIPPED_ID[f"provider/{pid}"]
    g.add((node, RDF.type, SHIPPED_DKK.Provider))
    g.add((node, SKOS.prefLabel, Literal(f"Syntetisk udbyder {n:03d}", lang="da")))
    g.add((node, SHIPPED_DKK.status, SHIPPED_DKK.Example))
    return g


def _practices(data: Graph, rng: random.Random, mun: URIRef, n: int, count: int) -> None:
    for k in range(count):
        practice = URIRef(f"{mun}/practice/p{k}")
        citizens = rng.random() < 0.5
        data.add((practice, RDF.type, SHIPPED_DKK.BestPractice))
        data.add((practice, SKOS.prefLabel, Literal(f"Syntetisk praksis {k} ({n:02d})", lang="da")))
        data.add((practice, DCTERMS.description, Literal(f"Syntetisk eksempel nr. {k}.", lang="da")))
        data.add((practice, SHIPPED_DKK.municipality, mun))
        data.add(
            (
                practice,
                SHIPPED_DKK.track,
                SHIPPED_DKK.CitizenReadiness if citizens else SHIPPED_DKK.StaffDevelopment,
            )
        )
        group = f"citizen-group/{rng.choice(CITIZEN_GROUPS)}" if citizens else "org-level/medarbejdere"
        data.add((practice, SHIPPED_DKK.targetGroup, SHIPPED_ID[group]))
        for competence in rng.sample(COMPETENCES, 2):
            data.add((practice, SHIPPED_DKK.addressesCompetence, SHIPPED_ID[competence]))
        data.add((practice, SHIPPED_DKK.status, SHIPPED_DKK.Example))
        # The shapes ask every practice for a source: here, honestly, this generator.
        data.add((practice, DCTERMS.source, SHIPPED_ID["bench/synthetic"]))


def _municipality(rng: random.Random, mid: str, n: int, profiles: int, practices: int) -> tuple[Graph, Graph]:
    about, data = Graph(), Graph()
    mun = SHIPPED_ID[f"municipality/{mid}"]
    about.add((mun, RDF.type, SHIPPED_DKK.Municipality))
    about.add((mun, SKOS.prefLabel, Literal(f"Syntetisk kommune {n:02d}", lang="da")))
    about.add((mun, SHIPPED_DKK.status, SHIPPED_DKK.Example))
    for p in range(profiles):
        profile = SHIPPED_ID[f"municipality/{mid}/profile/p{p}"]
        data.add((profile, RDF.type, SHIPPED_DKK.CompetenceProfile))
        data.add((profile, SKOS.prefLabel, Literal(f"Lokal profil {p} ({n:02d})", lang="da")))
        data.add((profile, SHIPPED_DKK.derivedFrom, SHIPPED_ID[rng.choice(BASES)]))
        data.add((profile, DCTERMS.creator, mun))
        data.add((profile, SHIPPED_DKK.status, SHIPPED_DKK.Example))
        for r, competence in enumerate(rng.sample(COMPETENCES, 4), start=1):
            req = URIRef(f"{profile}/requirement/{r}")
            data.add((profile, SHIPPED_DKK.hasRequirement, req))
            data.add((req, RDF.type, SHIPPED_DKK.Requirement))
            data.add((req, SHIPPED_DKK.competence, SHIPPED_ID[competence]))
            data.add((req, SHIPPED_DKK.status, SHIPPED_DKK.Example))
            data.add(
                (req, SHIPPED_DKK.requiredLevel, SHIPPED_ID[f"digcomp3/level/{rng.choice(LEVELS3[:3])}"])
            )
        if rng.random() < 0.5:
            data.add((profile, SHIPPED_DKK.removesCompetence, SHIPPED_ID[rng.choice(COMPETENCES)]))
    _practices(data, rng, mun, n, practices)
    return about, data


def generate(contrib_dir: Path, target_triples: int, seed: int = 42) -> Plan:
    """Write the synthetic providers and municipalities into ``contrib_dir``."""
    rng = random.Random(seed)
    p = plan(target_triples)
    for n in range(p.providers):
        pid = f"syntetisk-{n:03d}"
        names = contrib.graph_names(pid)
        courses = Graph()
        for c in range(p.courses_per_provider):
            _course(courses, rng, SHIPPED_ID[f"provider/{pid}"], pid, c)
        contrib.write_graphs(
            contrib.owner_file(contrib_dir, pid),
            {names["about"]: _provider_about(pid, n), names["data"]: courses},
        )
    for n in range(MUNICIPALITIES):
        mid = f"syntetisk-{n:02d}"
        names = contrib.graph_names(mid, "municipalities")
        about, data = _municipality(rng, mid, n, p.profiles_per_municipality, p.practices_per_municipality)
        contrib.write_graphs(
            contrib.owner_file(contrib_dir, mid, "municipalities"),
            {names["about"]: about, names["data"]: data},
        )
    return p


def upload_csv(courses: int, seed: int = 7) -> bytes:
    """A provider's CSV of ``courses`` courses, as the upload benchmark sends it."""
    rng = random.Random(seed)
    rows = ["course_id;title_da;title_en;hours;mode;competence_1;level_1;competence_2;level_2"]
    for n in range(courses):
        a, b = rng.sample(COMPETENCES, 2)
        rows.append(
            f"u{n};Kursus {n};Course {n};7,5;{rng.choice(('online', 'blandet', 'fremmøde'))};"
            f"{a.replace('/', ':')};{rng.choice(('Basic', 'Intermediate', 'Advanced'))};"
            f"{b.replace('/', ':')};{rng.choice(('Basic', 'Intermediate'))}"
        )
    return ("\r\n".join(rows) + "\r\n").encode()
