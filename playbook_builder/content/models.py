"""The content model: one typed, documented model per kind of content file.

Each model forbids unknown keys (a misspelt key is the most common mistake) and is
frozen once loaded. The same models produce the JSON Schema that editors use for
autocompletion (``playbook schema``). Field descriptions are written for the staff who
edit the YAML, because they appear in their editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    Strict,
    StringConstraints,
    ValidationInfo,
)

from playbook_builder.content.safe_text import first_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _no_raw_html(value: str) -> str:
    problem = first_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _known_audience(value: str, info: ValidationInfo) -> str:
    allowed: tuple[str, ...] = tuple((info.context or {}).get("audiences", ()))
    if allowed and value not in allowed:
        raise ValueError(f"audience_unknown:{value}:{','.join(allowed)}")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="A stable id: lower-case letters, digits and single hyphens."),
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_raw_html)
]
Date = Annotated[dt.date, Strict()]
AudienceName = Annotated[str, AfterValidator(_known_audience)]
Level = Literal["low", "medium", "high"]
# Facts of a jurisdiction a checklist item can show beside its legal floor.
StateFact = Literal[
    "minimum_wage",
    "tipped_wage",
    "paid_sick_leave",
    "paid_family_leave",
    "pay_transparency",
    "osha_plan",
    "scheduling",
    "daily_overtime",
]
Status = Literal["draft", "published"]

# The six WIOA primary indicators of performance for the adult, dislocated worker and other core
# programs: WIOA sec. 116(b)(2)(A)(i), in regulation at 20 CFR 677.155(a)(1), with the
# calculation in DOL ETA's performance guidance (TEGL 10-16).
WIOA_INDICATORS_SOURCE = (
    "https://www.ecfr.gov/current/title-20/chapter-V/part-677/subpart-A/section-677.155"
)
WIOA_INDICATORS: dict[str, str] = {
    "employment-rate-q2": "Employment rate 2nd quarter after exit",
    "employment-rate-q4": "Employment rate 4th quarter after exit",
    "median-earnings-q2": "Median earnings 2nd quarter after exit",
    "credential-attainment": "Credential attainment",
    "measurable-skill-gains": "Measurable skill gains",
    "effectiveness-serving-employers": "Effectiveness in serving employers",
}
WioaIndicator = Literal[
    "employment-rate-q2",
    "employment-rate-q4",
    "median-earnings-q2",
    "credential-attainment",
    "measurable-skill-gains",
    "effectiveness-serving-employers",
]


class Strict_(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class Source(Strict_):
    """Where a fact comes from. Every statistic and every claim about a named
    organisation needs one."""

    title: Text = Field(description="Title of the report, page or article.")
    publisher: Text = Field(description="Who published it (agency, organisation, journal).")
    url: HttpUrl = Field(description="Full web address, starting with https://.")
    accessed: Date = Field(description="The day you last checked the page, as YYYY-MM-DD.")
    published: Date | None = Field(
        default=None,
        description="The source's own publication or update date, as YYYY-MM-DD, where it "
        "gives one (a figure is only as new as its source).",
    )
    note: Text | None = Field(
        default=None,
        description="How the source was read, where it is not the official page itself "
        "(e.g. a news report quoting the agency, because the agency's page could not be read).",
    )


class ContentItem(Strict_):
    """Fields shared by every kind of content."""

    KIND: ClassVar[str] = "item"
    FOLDER: ClassVar[str] = ""

    id: Slug = Field(description="Stable id; must equal the file name without .yml.")
    title: Text = Field(description="The title shown on the page and in lists.")
    audiences: list[AudienceName] = Field(
        min_length=1,
        description="Which editions show this item: employers, jobseekers, agencies. "
        "There is no default: an item is shown only where it is marked for.",
    )
    status: Status = Field(description="draft (not published) or published.")
    updated: Date | None = Field(default=None, description="When the content was last reviewed.")
    sources: list[Source] = Field(default_factory=list, description="Sources for the facts stated.")


class Cluster(ContentItem):
    """One of the seven job-quality clusters defined by the U.S. Department of Labor's
    Employment and Training Administration."""

    KIND = "cluster"
    FOLDER = "content/clusters"

    number: int = Field(ge=1, le=20, description="Position in the list of clusters (1-7).")
    short_title: Text = Field(description="A two- or three-word name for tight spaces.")
    summary: dict[AudienceName, Text] = Field(
        description="What the cluster means, worded for each audience the cluster is shown to."
    )
    why_it_matters: Text = Field(description="Why it matters, with the evidence (Markdown).")
    crosswalk: dict[Slug, list[Text]] = Field(
        default_factory=dict,
        description="Framework id -> names of that framework's elements covering this cluster.",
    )


class FrameworkElement(Strict_):
    name: Text = Field(description="The element's name as the framework words it.")
    description: Text = Field(description="What the element covers, in your own words.")


class Framework(ContentItem):
    """Another job-quality framework, mapped onto the seven clusters in the crosswalk."""

    KIND = "framework"
    FOLDER = "content/frameworks"

    publisher: Text = Field(description="Who publishes the framework.")
    year: int | None = Field(default=None, ge=1990, le=2100, description="Year published.")
    summary: Text = Field(description="What the framework is for, in two or three sentences.")
    elements: list[FrameworkElement] = Field(min_length=1, description="Its principles or parts.")
    gaps: Text | None = Field(
        default=None,
        description="Where it does not line up with the seven clusters, and how the playbook treats that.",
    )


class CostRange(Strict_):
    """What a practice costs in money or staff hours, as a published source gives it."""

    small: Text = Field(description="Cost for a small employer, as the source gives it.")
    large: Text | None = Field(
        default=None, description="Cost for a larger employer, where the source gives one."
    )
    source: int = Field(ge=1, description="Which entry of `sources` gives the figures (1 = first).")


class Practice(ContentItem):
    """Something an employer (or agency) can do to improve job quality."""

    KIND = "practice"
    FOLDER = "content/practices"

    clusters: list[Slug] = Field(min_length=1, description="Ids of the clusters it improves.")
    summary: Text = Field(description="One or two sentences: what the practice is.")
    steps: list[Text] = Field(min_length=1, description="How to do it, step by step.")
    effort: Level = Field(description="How much work it takes: low, medium or high.")
    cost: Literal["none", "low", "medium", "high"] = Field(description="Money it takes.")
    cost_note: Text | None = Field(
        default=None,
        description="What it costs in plain words: money, staff time, and who does the work.",
    )
    cost_range: CostRange | None = Field(
        default=None,
        description="A published cost range for a small and a larger employer, with its source. "
        "Leave it out when no source gives one; never estimate a figure.",
    )
    employer_size: list[Literal["small", "medium", "large"]] = Field(
        min_length=1, description="Employer sizes it suits: small (<50), medium (50-499), large."
    )
    first_step: bool = Field(
        default=False, description="true if it is a good first step for a small employer."
    )
    evidence: Text = Field(description="What the evidence says, citing the sources (Markdown).")
    metrics: list[Slug] = Field(default_factory=list, description="Ids of metrics that track it.")
    case_studies: list[Slug] = Field(default_factory=list, description="Ids of case studies.")


class Result(Strict_):
    description: Text = Field(description="What changed.")
    metric: Slug | None = Field(default=None, description="Id of the metric it relates to.")
    before: float | Text | None = Field(default=None, description="Value before.")
    after: float | Text | None = Field(default=None, description="Value after.")
    unit: Text | None = Field(default=None, description="Unit of before/after, e.g. percent.")
    source: int | None = Field(
        default=None, ge=1, description="Which entry of `sources` supports it (1 = first)."
    )


class CaseStudy(ContentItem):
    """What an organisation or jurisdiction did, and what happened."""

    KIND = "case study"
    FOLDER = "case_studies"

    organization: Text = Field(description="The organisation or jurisdiction.")
    sector: Text = Field(description="Industry or sector, e.g. Health care, Retail, Public sector.")
    size: Literal["small", "medium", "large", "jurisdiction"] = Field(
        description="small (<50 staff), medium (50-499), large (500+), or jurisdiction."
    )
    region: Text = Field(description="Place, e.g. 'Baltimore, Maryland' or 'Colorado'.")
    clusters: list[Slug] = Field(min_length=1, description="Ids of the clusters it concerns.")
    summary: Text = Field(description="The story in two sentences.")
    challenge: Text = Field(description="The problem they faced.")
    actions: list[Text] = Field(min_length=1, description="What they did.")
    results: list[Result] = Field(default_factory=list, description="What happened, with numbers.")
    practices: list[Slug] = Field(default_factory=list, description="Ids of related practices.")
    illustrative: bool = Field(
        default=False,
        description="true for a composite example that is not one real organisation; "
        "the page says so.",
    )


class ScaleOption(Strict_):
    value: Slug = Field(description="Stored answer value, e.g. yes, partly, no, not-sure.")
    label: Text = Field(description="What the reader sees.")
    points: float | None = Field(
        default=None, ge=0, description="Points for this answer; leave out for 'not sure'."
    )
    concern: bool = Field(
        default=False, description="true if this answer should raise the item's red flag."
    )


class ChecklistItem(Strict_):
    id: Slug = Field(description="Stable item id; paired checklists share item ids.")
    question: Text = Field(description="The question, as the reader sees it.")
    help: Text | None = Field(default=None, description="A hint shown under the question.")
    ask: Text | None = Field(default=None, description="Jobseekers: what to ask the employer.")
    verify: Text | None = Field(default=None, description="Jobseekers: how to check the answer.")
    red_flag: Text | None = Field(default=None, description="Jobseekers: what should worry you.")
    legal_floor: Text | None = Field(
        default=None, description="What federal law guarantees, where it sets a floor."
    )
    weight: float = Field(default=1.0, gt=0, le=10, description="Weight in the cluster score.")
    practices: list[Slug] = Field(default_factory=list, description="Ids of practices that help.")
    core: bool = Field(
        default=False,
        description="Jobseekers: one of the 10-12 questions that matter most; the offer "
        "checklist shows these first as a quick check, with the full list one tap away.",
    )
    state_facts: list[StateFact] = Field(
        default_factory=list,
        description="Jurisdiction facts to show beside this item's legal floor for the "
        "reader's state (e.g. minimum_wage); the labor department is always shown.",
    )


class ChecklistSection(Strict_):
    cluster: Slug | None = Field(default=None, description="Id of the cluster this section scores.")
    title: Text | None = Field(default=None, description="Heading; defaults to the cluster title.")
    intro: Text | None = Field(default=None, description="A sentence before the items.")
    items: list[ChecklistItem] = Field(min_length=1, description="The questions.")


class Checklist(ContentItem):
    """A self-assessment, worker pulse, job-offer evaluation or agency readiness check."""

    KIND = "checklist"
    FOLDER = "content/checklists"

    kind: Literal["self-assessment", "worker-pulse", "offer-evaluation", "readiness"] = Field(
        description="What sort of checklist it is."
    )
    version: int = Field(
        ge=1,
        description="Raise it when items change meaning; saved answers "
        "from an older version are then migrated or dropped.",
    )
    intro: Text = Field(description="How to use the checklist (Markdown).")
    pairs_with: Slug | None = Field(
        default=None,
        description="Id of the checklist whose item ids this one shares (worker pulse -> "
        "employer self-assessment), so the answers can be compared.",
    )
    scale: list[ScaleOption] = Field(min_length=2, description="The answer choices.")
    sections: list[ChecklistSection] = Field(min_length=1, description="Groups of items.")

    def all_items(self) -> list[ChecklistItem]:
        return [item for section in self.sections for item in section.items]


class Metric(ContentItem):
    """A measure of job quality, for agencies and boards."""

    KIND = "metric"
    FOLDER = "content/metrics"

    cluster: Slug = Field(description="Id of the cluster it measures.")
    definition: Text = Field(description="Exactly what is counted.")
    unit: Text = Field(description="Unit, e.g. percent of workers, dollars per hour.")
    numerator: Text | None = Field(
        default=None,
        description="For a rate or share: what is counted on top of the fraction. "
        "Leave out when the metric is not a rate (a median, a count, a number of days).",
    )
    denominator: Text | None = Field(
        default=None,
        description="For a rate or share: what it is divided by. Give it with `numerator`.",
    )
    reported_by: list[Literal["employer", "worker", "administrative"]] = Field(
        min_length=1,
        description="Who supplies the figure: the employer, workers (survey), or administrative data.",
    )
    data_sources: list[Text] = Field(min_length=1, description="Where the data can come from.")
    frequency: Text = Field(description="How often to collect it.")
    limitations: Text = Field(description="What it misses or how it can mislead.")
    wioa: Text = Field(description="How it relates to the WIOA primary indicators of performance.")
    wioa_indicator: WioaIndicator | None = Field(
        default=None,
        description="The WIOA primary indicator of performance (20 CFR 677.155(a)(1)) the "
        "metric is, or is reported beside: employment-rate-q2, employment-rate-q4, "
        "median-earnings-q2, credential-attainment, measurable-skill-gains, "
        "effectiveness-serving-employers. Leave out when none relates.",
    )


class Page(ContentItem):
    """A Markdown page with YAML front matter (content/pages/*.md)."""

    KIND = "page"
    FOLDER = "content/pages"

    order: int = Field(default=100, description="Position in the navigation; lower comes first.")
    section: Text = Field(default="Guides", description="Navigation group the page sits in.")
    state_chooser: bool = Field(
        default=False,
        description="Jobseekers: a 'Your state' choice at the top of the page that shows the "
        "state's legal floors (kept with the offer checklist's answers, on the device); in an "
        "edition pinned to one state, a pointer to that state's floors instead.",
    )
    body: str = Field(default="", description="The Markdown body (after the front matter).")


FRONT_MATTER_FIELDS = frozenset(Page.model_fields) - {"body", "id"}


def _match_validator(node: Any) -> None:
    """Make the schema refuse what the validator refuses: text that is only spaces
    (the validator strips it, then finds it empty) and web addresses that are not
    http(s) (the validator's URL type)."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
            node["pattern"] = "\\S"
        if node.get("format") == "uri":
            node["pattern"] = "^https?://[^\\s/$.?#][^\\s]*$"
        for value in node.values():
            _match_validator(value)
    elif isinstance(node, list):
        for value in node:
            _match_validator(value)


def json_schema(model: type[ContentItem], audiences: tuple[str, ...]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    props = schema.get("properties", {})
    props.pop("body", None)
    if model is Page:
        # A page's id is its file name; front matter never carries it.
        props.pop("id", None)
        schema["required"] = [r for r in schema.get("required", []) if r not in {"id", "body"}]
    _match_validator(schema)
    if "audiences" in props:
        props["audiences"]["items"] = {"enum": list(audiences), "type": "string"}
    return schema
