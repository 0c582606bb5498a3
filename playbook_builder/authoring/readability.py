"""Reading-grade checks for plain-language editions.

An edition that sets ``reading_grade`` (the jobseeker edition sets 8) has every text
field of the items shown to it scored with the Flesch-Kincaid grade; a field of ten
words or more above the limit is a warning naming file, field and score.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from playbook_builder.content import parse_cache
from playbook_builder.content.collection import Content
from playbook_builder.content.models import Cluster, Page
from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import Loc, format_key_path, iter_text_fields
from playbook_builder.editions import Edition

MIN_WORDS = 10
_SKIP_KEYS = {
    "id",
    "name",
    "code",
    "url",
    "publisher",
    "accessed",
    "updated",
    "status",
    "audiences",
    "value",
    "kind",
    "section",
    "cluster",
    "clusters",
    "practices",
    "pairs_with",
    "effort",
    "cost",
}
_MARKDOWN = [
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> their text
    (re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>|!!!|\?\?\?)\s*", re.M), ""),  # block markers
    (re.compile(r'"[^"]*"\s*$', re.M), ""),  # admonition titles
    (re.compile(r"[*_`|]"), " "),
]


def plain_text(markdown: str) -> str:
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return " ".join(markdown.split())


def grade(text: str) -> float:
    # Imported here: loading textstat's pronunciation dictionary takes about a second,
    # and a run whose texts are all in the grade cache never needs it.
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def _scorer() -> str:
    return f"flesch-kincaid textstat {metadata.version('textstat')}"


class _Grades:
    """Grades of the texts scored before, from the data-only cache in the project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.scorer = _scorer()
        self.loaded = parse_cache.load_grades(root, self.scorer)
        self.used: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        score = self.used.get(key)
        if score is None:
            score = self.loaded.get(key)
        if score is None:
            score = grade(text)
        self.used[key] = score
        return score

    def save(self) -> None:
        # Only the texts of this run are kept, so the cache never grows with old text.
        if self.used != self.loaded:
            parse_cache.save_grades(self.root, self.scorer, self.used)


def _fields(
    content: Content, item_id: str, audience: str
) -> Iterator[tuple[Loc, str, tuple[int, int] | None]]:
    item = content.items[item_id]
    parsed = content.parsed[item_id]
    if isinstance(item, Cluster):
        if audience in item.summary:
            yield ("summary", audience), item.summary[audience], None
        return
    for loc, text in iter_text_fields(parsed.data):
        if (
            any(isinstance(p, str) and p in _SKIP_KEYS for p in loc)
            or "sources" in loc
            or "source" in loc
        ):
            continue
        if isinstance(item, Page) and loc == ("body",):
            line = parsed.body_line
            for block in re.split(r"\n\s*\n", text):
                yield (
                    loc,
                    block,
                    (line + len(text[: text.find(block)].splitlines()) - 1 if block else line, 1),
                )
            continue
        yield loc, text, None


def reading_grade_problems(content: Content, editions: list[Edition]) -> list[Problem]:
    problems: list[Problem] = []
    scored = _Grades(content.root)
    for edition in editions:
        if edition.reading_grade is None:
            continue
        limit = edition.reading_grade
        for item_id, item in content.items.items():
            shown_to = [a for a in item.audiences if a in edition.audiences]
            if not shown_to:
                continue
            parsed = content.parsed[item_id]
            for loc, text, at in _fields(content, item_id, shown_to[0]):
                plain = plain_text(text)
                if len(plain.split()) < MIN_WORDS:
                    continue
                score = scored(plain)
                if score > limit:
                    line, column = at or parsed.position(loc)
                    problems.append(
                        Problem(
                            parsed.rel_path,
                            line,
                            column,
                            format_key_path(loc),
                            f"reading grade {score:.1f} is above {limit:g} for the {edition.id} edition; "
                            "use shorter sentences and everyday words",
                            Severity.WARNING,
                        )
                    )
    scored.save()
    return sorted(set(problems))
