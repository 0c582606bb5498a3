"""One rendering per concept: a language's glossary and the check that keeps the
catalogues to it.

``locale/<lang>/glossary.yml`` lists, for each concept, the English term, the one
rendering the translation uses, the variants it rules out (false friends, calques,
and words that mean something else: "seguridad en el trabajo" reads as safety, not
job security), and where the rendering comes from (the Spanish pages of DOL, EEOC,
OSHA or NLRB). ``playbook check`` reports every translated entry that uses a ruled-out
variant, or that translates a ``required`` term without its rendering, at the PO file's
line. English names given as "(en inglés: ...)" are not read as Spanish text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import polib
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, ValidationError
from ruamel.yaml import YAML

from playbook_builder.content.problems import Problem
from playbook_builder.render.translate import DOMAINS, LOCALE_DIR, NAMED_IN_ENGLISH, po_path

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class GlossarySource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Phrase
    publisher: Phrase
    url: HttpUrl


class Term(BaseModel):
    """One concept."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Phrase = Field(description="The concept, in English words.")
    en: Phrase = Field(
        description="How to find the concept in English text: a regular expression, "
        "matched without regard to case."
    )
    rendering: Phrase = Field(description="The one rendering the translation uses.")
    accept: list[Phrase] = Field(
        default_factory=list,
        description="Regular expressions for inflected forms that count as the rendering "
        "(plural, with an article); the rendering itself always counts.",
    )
    avoid: list[Phrase] = Field(
        default_factory=list,
        description="Regular expressions for the variants ruled out (case-insensitive).",
    )
    required: bool = Field(
        default=False,
        description="An entry whose English has the term must have the rendering.",
    )
    source: GlossarySource | None = Field(
        default=None, description="Where the rendering is used (an official Spanish page)."
    )
    note: Phrase | None = Field(default=None, description="Why, for the translator.")


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    language: Phrase
    terms: list[Term]


def glossary_path(root: Path, language: str) -> Path:
    return root / LOCALE_DIR / language / "glossary.yml"


def load_glossary(root: Path, language: str) -> tuple[Glossary | None, list[Problem]]:
    path = glossary_path(root, language)
    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        return None, []
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    try:
        glossary = Glossary.model_validate(data)
    except ValidationError as exc:
        return None, [
            Problem(rel, 0, 0, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()
        ]
    problems = []
    for i, term in enumerate(glossary.terms):
        for key, pattern in [("en", term.en), *(("avoid", a) for a in term.avoid)]:
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(Problem(rel, 0, 0, f"terms[{i}].{key}", f"bad pattern: {exc}"))
    return glossary, problems


@dataclass(frozen=True)
class Use:
    """A ruled-out variant (or a missing rendering) in one catalogue entry."""

    po_file: str
    line: int
    context: str
    message: str


def _spanish_text(text: str, language: str) -> str:
    """The translation without what stays English: names given "(en inglés: ...)",
    link addresses and code."""
    lead = NAMED_IN_ENGLISH.get(language)
    if lead:
        text = re.sub(r"\(" + re.escape(lead) + r"[^()]*\)", "()", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"`[^`]*`", "", text)


def _strings(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [s for s in entry.msgstr_plural.values() if s]
    return [entry.msgstr] if entry.msgstr else []


def check_entry(term: Term, english: str, translation: str) -> str | None:
    """Why ``translation`` breaks the glossary for ``term``, or None."""
    for pattern in term.avoid:
        found = re.search(pattern, translation, re.I)
        if found:
            return (
                f'"{found.group(0)}" is ruled out by the glossary; for "{term.term}" use '
                f'"{term.rendering}"'
            )
    if term.required and re.search(term.en, english, re.I):
        accepted = [re.escape(term.rendering), *term.accept]
        if not any(re.search(p, translation, re.I) for p in accepted):
            return f'the English has "{term.term}" but not the glossary\'s "{term.rendering}"'
    return None


def glossary_uses(root: Path, language: str, glossary: Glossary) -> list[Use]:
    uses: list[Use] = []
    for domain in DOMAINS:
        path = po_path(root, language, domain)
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            for translation in _strings(entry):
                text = _spanish_text(translation, language)
                for term in glossary.terms:
                    why = check_entry(term, entry.msgid, text)
                    if why:
                        uses.append(Use(rel, entry.linenum, entry.msgctxt or "", why))
    return uses


def glossary_problems(root: Path, language: str) -> list[Problem]:
    glossary, problems = load_glossary(root, language)
    if glossary is None:
        return problems
    return problems + [
        Problem(u.po_file, u.line, 1, u.context, u.message)
        for u in glossary_uses(root, language, glossary)
    ]
