"""The JSON answers' shapes, for the OpenAPI document (clients are generated from it) and for the check
FastAPI makes on every answer it serialises.

Models declare what clients may rely on; ``extra="allow"`` keeps any further field
the read model adds, so a new field is never silently dropped on its way out (it is
added here when it becomes part of the contract).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


class Ref(Answer):
    """A resource: its IRI, and where we minted it, its short id, CURIE and Linked Data page."""

    iri: str
    id: str | None = Field(None, description="The path after <base>id/, e.g. digcomp3/4.2.")
    curie: str | None = Field(
        None, description="With a framework prefix from the registry, e.g. digcomp3:4.2."
    )
    href: str | None = Field(None, description="Its Linked Data page, e.g. /id/digcomp3/4.2.")
    label: dict[str, str] | None = Field(None, description="Labels by language tag ('' for none).")


class Level(Ref):
    rank: int | None = None


class TextValue(Answer):
    """A literal: its text and language tag."""

    value: str
    lang: str | None = None


class Live(Answer):
    status: str


class Health(Answer):
    status: str
    version: str
    triples: int
    built: str | None = None
    graphs: int
    sparql: str | None = Field(
        None,
        description="Where query answers come from: memory, disk, loading (from disk while the copy "
        "loads) or remote.",
    )
    sandbox: dict[str, Any] | None = Field(None, description="How the query workers are confined.")
    catalogue: str | None = Field(
        None,
        description="The course index behind course lists and counts: ready, or loading (the store "
        "answers them meanwhile, slower on a large catalogue).",
    )


class ConceptNode(Ref):
    kind: str
    notation: str | None = None
    children: list[ConceptNode] = Field(default_factory=list)


class FrameworkTree(Answer):
    framework: Ref
    concepts: list[ConceptNode]
    queries: list[str]


class AreaCount(Ref):
    notation: str | None = None
    courses: int = Field(description="Courses with an outcome naming one of the area's competences.")


class AreaCounts(Answer):
    framework: Ref
    items: list[AreaCount]
    queries: list[str]


class OutcomeLevel(Answer):
    iri: str
    id: str | None = None
    label: str
    rank: int


class Outcome(Ref):
    type: str
    notation: str
    text: str
    level: OutcomeLevel
    ksa: str | None = None
    ai: str | None = None


class CompetenceMapping(Answer):
    direction: str
    predicate: str
    other: Ref
    schemes: list[str] = Field(
        default_factory=list, description="The concept schemes the other concept is in."
    )
    graph: str


class Use(Ref):
    example: bool
    level: Ref | None = None


class Refs(Answer):
    """The first resources of a list, how many there are, and the list endpoint with all of them."""

    items: list[Ref]
    total: int
    href: str
    next: str | None = None


class Uses(Answer):
    """A list inside an answer: its first items, how many there are, and where to page through all."""

    items: list[Use]
    total: int
    href: str = Field(description="The list endpoint with every item, paged.")
    next: str | None = Field(None, description="The page after the items shown, when there are more.")


class Agent(Answer):
    iri: str
    label: dict[str, str] = Field(description="Names by language tag.")


class Provenance(Answer):
    """Whose a statement is (kg.services.provenance): the same block on every page and answer."""

    graph: str = Field(description="The named graph that states it.")
    sources: list[str] = Field(description="The public sources it names (its own, else its graph's).")
    license: str | None = Field(None, description="The licence's IRI, where the maker states one.")
    licenseName: str | None = None
    rights: dict[str, str] = Field(description="A rights statement by language, where there is no licence.")
    publisher: Agent | None = Field(None, description="Who published the source it renders.")
    creator: Agent | None = Field(None, description="Whose work it is, where nobody published it as such.")
    status: Literal["published", "compiled", "proposed", "contributed", "example"] = Field(
        description="published: the publisher's; compiled: gathered by the DKK project from public pages; "
        "proposed: the DKK project's proposal; contributed: a provider's or municipality's; example: made up."
    )
    unconfirmed: bool = Field(
        description="The publisher has not confirmed it (e.g. a name only an adaptation gives)."
    )


class Competence(Ref):
    provenance: Provenance
    ourTranslations: list[str] = Field(
        description="Languages (da, en) in which the name is the DKK project's translation, "
        "not the publisher's"
    )
    ourDescriptions: list[str] = Field(
        description="Languages in which the description is the DKK project's own words, not the publisher's"
    )
    notes: dict[str, str] = Field(
        description="Editorial notes by language, e.g. that a name is not confirmed"
    )
    definition: dict[str, str]
    description: dict[str, str]
    notation: str | None = None
    types: list[Ref]
    framework: Ref | TextValue | None = None
    broader: list[Ref | TextValue]
    narrower: list[Ref | TextValue]
    sources: list[Ref | TextValue]
    levels: list[Level]
    outcomes: list[Outcome]
    mappings: list[CompetenceMapping]
    profiles: Uses
    courses: Uses
    practices: Uses
    queries: list[str]


class RequirementOut(Answer):
    competence: Ref
    level: Level
    importance: str | None = None
    statedIn: Ref
    inherited: bool


class Profile(Ref):
    chain: list[Ref] = Field(description="The profile, then what it derives from, up to the generic one.")
    requirements: list[RequirementOut]
    removed: list[Ref]
    queries: list[str]


class CoursesMeeting(Answer):
    """How many courses meet a requirement, the first few, and the /courses query with all of them."""

    items: list[Ref]
    total: int
    href: str
    next: str | None = None


class CoveredRequirement(Answer):
    competence: Ref
    level: Level
    covered: bool
    courses: CoursesMeeting


class ProfileCoverage(Ref):
    requirements: list[CoveredRequirement]
    gaps: list[Ref]
    covered: int
    total: int
    share: float | None = None
    queries: list[str]


class CompetenceCoverage(Answer):
    competence: Ref
    scale: Ref
    maxRank: int
    courses: int


class ProviderCoverage(Answer):
    provider: Ref
    competences: list[CompetenceCoverage]
    queries: list[str]


class SuggestedCompetence(Answer):
    competence: Ref
    framework: Ref
    score: float
    evidence: list[str]


class SuggestedOutcome(Ref):
    competence: Ref
    level: str | None = None
    text: str
    score: float
    evidence: list[str]


class Suggestions(Answer):
    competences: list[SuggestedCompetence]
    learningOutcomes: list[SuggestedOutcome]


class Recommendation(Ref):
    title: dict[str, str]
    provider: Ref
    level: Level
    mode: str | None = None
    reachesRequired: bool
    example: bool
    reason: str = Field(description="Why this course, in English.")
    reasonDa: str = Field(description="Why this course, in Danish.")


class Recommendations(Answer):
    """The best courses for a gap, how many would help, and /courses with every course teaching it."""

    items: list[Recommendation]
    total: int
    href: str
    next: str | None = None


class GapRequirement(Answer):
    competence: Ref
    required: Level
    current: float
    gap: float
    membersBelow: int
    area: Ref | None = None
    courses: Recommendations
    practices: Refs


class Gap(Ref):
    members: int
    requirements: list[GapRequirement]
    totals: dict[str, dict[str, Any]] = Field(description="Per competence area: summed gaps.")
    chart: str = Field(
        description="The profile's radar chart; POST here with Accept: image/svg+xml for yours."
    )


class Derived(Ref):
    diff: str = Field(description="Where the new profile's difference to its base is answered.")
    version: int = Field(description="The version this save made.")
    versions: str = Field(description="Where the profile's versions are listed.")


class RankChange(Answer):
    competence: Ref
    baseRank: int
    rank: int


class Diff(Answer):
    profile: Ref
    base: Ref
    added: list[Ref]
    removed: list[Ref]
    changed: list[RankChange]
    unchanged: int


class MappingLink(Answer):
    predicate: str
    other: Ref
    direction: str


class MappedConcept(Answer):
    concept: Ref
    links: list[MappingLink]


class MappingCoverage(Answer):
    source: str
    target: str
    concepts: int
    mapped: int
    byPredicate: dict[str, int]
    mappings: list[MappedConcept]
    unmapped: list[Ref]
    queries: list[str]


class Dump(Answer):
    href: str
    mediaType: str
    name: str
    namedGraphs: bool


class ResearchQuery(Answer):
    name: str
    title: str
    description: str
    href: str


class ImportResult(Answer):
    provider: str
    mode: str
    dryRun: bool
    courses: list[Ref]
    totalCourses: int
    import_: str | None = Field(None, alias="import", description="The PROV record of this write.")
    checksum: str | None = None


class ImportRecord(Answer):
    import_: str = Field(alias="import")
    time: str
    mode: str
    courses: int | None = None
    file: str | None = None
    checksum: str | None = None
    agent: str | None = None


class Imports(Answer):
    provider: Ref
    imports: list[ImportRecord]
