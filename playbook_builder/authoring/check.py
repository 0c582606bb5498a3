"""``playbook check``: everything ``validate`` does, plus editorial checks.

These are warnings (errors with ``--strict``): items no edition shows, stale review and
access dates, links with a malformed web address, images without alt text, and titles
used twice within a kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

from playbook_builder.content.models import ContentItem
from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import (
    Loc,
    ParsedYaml,
    format_key_path,
    iter_text_fields,
)
from playbook_builder.project import Project
from playbook_builder.select import is_for_edition

_PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")


@dataclass
class _Context:
    """What the rules share: the project, the cut-off date, the titles seen so far."""

    project: Project
    max_age_days: int
    oldest: dt.date
    titles: dict[tuple[str, str], str] = field(default_factory=dict)


Finding = tuple[Loc, str]
Rule = Callable[[ContentItem, ParsedYaml, _Context], Iterator[Finding]]


def _unshown(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    if not any(is_for_edition(item, e, drafts=True) for e in ctx.project.editions):
        yield ("audiences",), "no edition shows this item: none of its audiences has an edition"
    elif item.status == "draft":
        yield ("status",), "draft: not published in any edition (shown only with --drafts)"


def _repeated_title(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    key = (item.KIND, item.title.strip().lower())
    if key in ctx.titles:
        yield ("title",), f"the title is also used by {ctx.titles[key]}"
    else:
        ctx.titles[key] = parsed.rel_path


def _stale_review(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    if item.updated and item.updated < ctx.oldest:
        yield (
            ("updated",),
            f"last reviewed {item.updated.isoformat()}, more than {ctx.max_age_days} days ago",
        )


def _sources(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    for i, source in enumerate(item.sources):
        host = (source.url.host or "").lower()
        if host in _PLACEHOLDER_HOSTS or host.endswith(tuple("." + h for h in _PLACEHOLDER_HOSTS)):
            yield ("sources", i, "url"), f"'{source.url}' is a placeholder; cite the real page"
        if source.accessed < ctx.oldest:
            yield (
                ("sources", i, "accessed"),
                f"source last checked {source.accessed.isoformat()}, more than "
                f"{ctx.max_age_days} days ago; check the link still works",
            )


def _links(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    for loc, text in iter_text_fields(parsed.data):
        for match in _MD_LINK.finditer(text):
            target = match.group(1)
            if target.startswith(("ref:", "#")):
                continue
            url = urlparse(target)
            if url.scheme in ("http", "https") and url.netloc and "." in url.netloc:
                continue
            if url.scheme == "mailto" and "@" in url.path:
                continue
            if url.scheme == "tel" and re.fullmatch(r"\+\d{8,15}", url.path):
                continue
            yield (
                loc,
                f"link target '{target}' is not a full web address, a phone number "
                "(tel:+18664879243) or a ref: link",
            )


def _images(item: ContentItem, parsed: ParsedYaml, ctx: _Context) -> Iterator[Finding]:
    for loc, text in iter_text_fields(parsed.data):
        for match in _MD_IMAGE.finditer(text):
            if not match.group(1).strip():
                yield (
                    loc,
                    f"image '{match.group(2)}' has no alt text; describe it inside the brackets",
                )


# The editorial rules, each a function of one item. A new rule is one more function here
# and one more entry in this tuple.
RULES: tuple[Rule, ...] = (_unshown, _repeated_title, _stale_review, _sources, _links, _images)


def editorial_problems(
    project: Project,
    *,
    max_age_days: int = 730,
    fact_age_days: int | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """``max_age_days`` for review and source dates; ``fact_age_days`` for the legal
    facts of places (a year unless given: their figures change every year)."""
    today = today or dt.date.today()
    content = project.content
    ctx = _Context(project, max_age_days, today - dt.timedelta(days=max_age_days))
    problems: list[Problem] = []
    for item_id, item in content.items.items():
        parsed = content.parsed[item_id]
        for rule in RULES:
            for loc, message in rule(item, parsed, ctx):
                line, col = parsed.position(loc)
                problems.append(
                    Problem(
                        parsed.rel_path, line, col, format_key_path(loc), message, Severity.WARNING
                    )
                )
    from playbook_builder.content.jurisdictions import REVIEW_DAYS, due_facts

    fact_days = REVIEW_DAYS if fact_age_days is None else fact_age_days
    problems.extend(d.as_problem() for d in due_facts(content, today, max_age_days=fact_days))
    from playbook_builder.authoring.i18n import translation_problems

    problems.extend(translation_problems(project))
    return problems
