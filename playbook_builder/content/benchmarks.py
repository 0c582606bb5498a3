"""The ``benchmark`` kind: a figure from official statistics set beside a self-assessment
item, such as the share of private-industry workers who have paid sick leave.

A benchmark holds one measure from one source and period, for the groups the source
publishes (all workers, size classes, industries). The groups are a fixed vocabulary,
because the employer gives their size and picks their industry on the page, and the page
looks the figures up by these keys.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from playbook_builder.content.models import ContentItem, Slug, Strict_, Text

# Size groups: key -> (phrase inside a sentence, fewest workers, most workers or None).
# NCS counts workers at one establishment (a workplace); MEPS-IC counts employees of the
# whole firm. The employer gives one number; each source's narrowest group that holds it
# answers (see ``checklists/benchmarks.py``).
SIZE_GROUPS: dict[str, tuple[str, int, int | None]] = {
    "size-1-49": ("at workplaces with 1 to 49 workers", 1, 49),
    "size-50-99": ("at workplaces with 50 to 99 workers", 50, 99),
    "size-1-99": ("at workplaces with fewer than 100 workers", 1, 99),
    "size-100-499": ("at workplaces with 100 to 499 workers", 100, 499),
    "size-500-plus": ("at workplaces with 500 workers or more", 500, None),
    "firm-1-9": ("at firms with fewer than 10 employees", 1, 9),
    "firm-10-24": ("at firms with 10 to 24 employees", 10, 24),
    "firm-25-99": ("at firms with 25 to 99 employees", 25, 99),
    "firm-1-49": ("at firms with fewer than 50 employees", 1, 49),
    "firm-50-plus": ("at firms with 50 employees or more", 50, None),
    "firm-100-999": ("at firms with 100 to 999 employees", 100, 999),
    "firm-1000-plus": ("at firms with 1,000 employees or more", 1000, None),
}
# Industry groups as each source names them: key -> phrase inside a sentence.
INDUSTRY_GROUPS: dict[str, str] = {
    # BLS National Compensation Survey (NAICS supersectors)
    "industry-goods-producing": "in goods-producing industries",
    "industry-construction": "in construction",
    "industry-manufacturing": "in manufacturing",
    "industry-service-providing": "in service-providing industries",
    "industry-trade-transportation-utilities": "in trade, transportation, and utilities",
    "industry-information": "in information",
    "industry-financial-activities": "in financial activities",
    "industry-professional-business-services": "in professional and business services",
    "industry-education-health-services": "in education and health services",
    "industry-leisure-hospitality": "in leisure and hospitality",
    "industry-other-services": "in other services",
    # AHRQ MEPS-IC industry groups
    "meps-agriculture": "in agriculture, fishing and forestry",
    "meps-mining-manufacturing": "in mining and manufacturing",
    "meps-construction": "in construction",
    "meps-utilities-transportation": "in utilities and transportation",
    "meps-wholesale": "in wholesale trade",
    "meps-finance-real-estate": "in financial services and real estate",
    "meps-retail": "in retail trade",
    "meps-professional-services": "in professional services",
    "meps-other-services": "in other services",
}
GROUPS: tuple[str, ...] = ("all", *SIZE_GROUPS, *INDUSTRY_GROUPS)

# The industries an employer can choose, and the groups that answer for each, most exact
# first. A source's group is listed only where its name plainly covers the choice: where
# none does, the page compares with all private industry and says so.
INDUSTRY_CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "agriculture": ("Agriculture, forestry and fishing", ("meps-agriculture",)),
    "construction": (
        "Construction",
        ("industry-construction", "meps-construction", "industry-goods-producing"),
    ),
    "manufacturing": (
        "Manufacturing or mining",
        ("industry-manufacturing", "meps-mining-manufacturing", "industry-goods-producing"),
    ),
    "wholesale": (
        "Wholesale trade",
        ("meps-wholesale", "industry-trade-transportation-utilities", "industry-service-providing"),
    ),
    "retail": (
        "Retail trade",
        ("meps-retail", "industry-trade-transportation-utilities", "industry-service-providing"),
    ),
    "transportation-utilities": (
        "Transportation, warehousing or utilities",
        (
            "meps-utilities-transportation",
            "industry-trade-transportation-utilities",
            "industry-service-providing",
        ),
    ),
    "information": ("Information", ("industry-information", "industry-service-providing")),
    "finance-real-estate": (
        "Finance, insurance or real estate",
        (
            "industry-financial-activities",
            "meps-finance-real-estate",
            "industry-service-providing",
        ),
    ),
    "professional-business": (
        "Professional and business services",
        (
            "industry-professional-business-services",
            "meps-professional-services",
            "industry-service-providing",
        ),
    ),
    "education-health": (
        "Education or health care",
        ("industry-education-health-services", "industry-service-providing"),
    ),
    "leisure-hospitality": (
        "Hospitality, food service, arts or recreation",
        ("industry-leisure-hospitality", "industry-service-providing"),
    ),
    "other-services": (
        "Other services (repair, personal care, nonprofits...)",
        ("industry-other-services", "meps-other-services", "industry-service-providing"),
    ),
}


def _known_group(value: str) -> str:
    if value not in GROUPS:
        close = difflib.get_close_matches(value, GROUPS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(
            f"'{value}' is not a known group{hint}; use all, a size group (size-*, firm-*) "
            "or an industry group (industry-*, meps-*), as listed in CONTRIBUTING.md"
        )
    return value


GroupKey = Annotated[
    str, AfterValidator(_known_group), Field(json_schema_extra={"enum": list(GROUPS)})
]


class BenchmarkValue(Strict_):
    """One published figure, for one group of workers."""

    group: GroupKey = Field(
        description="Which workers: all; a size group (NCS workplaces: size-1-99, "
        "size-100-499, size-500-plus...; MEPS-IC firms: firm-1-9, firm-10-24...); or an "
        "industry group (NCS: industry-leisure-hospitality...; MEPS-IC: meps-retail...)."
    )
    value: float = Field(ge=0, le=100, description="The percentage, as the source prints it.")


class Benchmark(ContentItem):
    """A figure from official statistics, shown beside the self-assessment items it
    informs and the metrics it relates to."""

    KIND = "benchmark"
    FOLDER = "content/benchmarks"

    measure: Literal["access", "average-share"] = Field(
        description="access: the share of workers who have the benefit (an answer below it "
        "can fall behind most employers); average-share: an average percentage, such as the "
        "employer's share of a premium (shown for context only)."
    )
    counts: Literal["workers", "employers"] = Field(
        default="workers",
        description="For access: whether the share is of workers who have the benefit "
        "(NCS) or of employers that offer it (MEPS-IC establishments).",
    )
    benefit: Text = Field(
        description="The benefit as a short phrase that reads inside a sentence, e.g. "
        "'paid sick leave' or 'the premium for single coverage'."
    )
    population: Text = Field(
        description="Whose figures they are, as a plural that reads after '72% of', e.g. "
        "'private industry workers' or 'private-sector workplaces'; for an average-share, "
        "who pays, e.g. 'employers'."
    )
    period: Text = Field(description="The reference period the source gives, e.g. March 2025.")
    checklist_items: list[Slug] = Field(
        min_length=1, description="Ids of the checklist items the figure is shown beside."
    )
    metrics: list[Slug] = Field(
        default_factory=list, description="Ids of metrics the figure gives context to."
    )
    values: list[BenchmarkValue] = Field(
        min_length=1, description="The figures, one per group; `all` is required."
    )
    table: Text | None = Field(
        default=None,
        description="Where in the source the figures are, e.g. 'Table 6, paid sick leave'.",
    )

    def value_for(self, group: str) -> float | None:
        for entry in self.values:
            if entry.group == group:
                return entry.value
        return None
