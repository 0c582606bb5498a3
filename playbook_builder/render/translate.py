"""Translated editions at render time.

An edition whose language is not English (``language: es`` and ``translation_of:
jobseekers`` under the playbook plugin) shows the items of the edition it translates,
with every text taken from the gettext catalogues in ``locale/<lang>/LC_MESSAGES/``:

- ``content.po``: the text fields of the items, by item id and key path
  (``offer-evaluation:sections[0].items[2].question``);
- ``pages.po``: the Markdown pages, one entry per top-level block (see ``split_blocks``);
- ``ui.po``: strings written in the templates (``_("What to ask")``);
- ``script.po``: the checklist script's interface strings, by key, with plural forms.

A string with no usable translation (none yet, fuzzy, or written for older English)
keeps its English text, marked ``lang="en"`` so a screen reader pronounces it as English
and a reader sees why it is in English; the miss is recorded so ``playbook check`` can
list it with its PO file and line. The marking is done with two private-use characters
around the text while templates run (escaping leaves them alone), turned into
``<span lang="en">`` once the page is rendered (``finish``).
"""

from __future__ import annotations

import datetime as dt
import gettext
import json
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import polib
from pydantic import AfterValidator, BaseModel, ValidationError

from playbook_builder.content.collection import Content
from playbook_builder.content.models import Cluster, ContentItem, Page, _no_raw_html
from playbook_builder.content.yaml_source import Loc, format_key_path
from playbook_builder.editions import Edition

EN_OPEN = "\ue000"
EN_CLOSE = "\ue001"
DOMAINS = ("content", "pages", "ui", "script")
LOCALE_DIR = "locale"
REVIEWED_HEADER = "X-Reviewed"  # "yes": every entry of the catalogue is reviewed
REVIEWED_FLAG = "reviewed"  # one entry checked by a fluent reviewer (``#, reviewed``)

# Which values are prose is read from the models: only fields typed ``Text`` (or
# lists and mappings of it) are translated. Ids, references, enums, numbers, dates and
# addresses have other types and never reach a catalogue, so a translation cannot turn
# an id into something the model refuses. These ``Text`` fields are names that stay in
# English (an office's or publisher's name, a city) or are translated elsewhere (a
# page's body, by block; sources are cited in their own language).
_NAME_FIELDS = frozenset({"name", "publisher", "cities", "body", "sources", "source"})
# Fields of a kind that the jobseeker pages of that kind do not show.
_NOT_SHOWN = {Cluster.KIND: frozenset({"why_it_matters", "crosswalk"})}

LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def po_path(root: Path, language: str, domain: str) -> Path:
    return root / LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def entry_key(context: str | None, english: str) -> str:
    """How an entry is found: its context where it has one (content, pages, script),
    else its English text (template strings)."""
    return context if context else "\x04" + english


@dataclass(frozen=True)
class Miss:
    """A string shown in English on a translated page."""

    domain: str
    context: str | None
    english: str
    po_file: str  # relative to the project root
    line: int  # 0 when the catalogue has no entry for it
    reason: str


@dataclass
class _Catalogue:
    domain: str
    rel_path: str
    po: polib.POFile | None
    index: dict[str, polib.POEntry] = field(default_factory=dict)

    @property
    def reviewed(self) -> bool:
        return self.po is not None and self.po.metadata.get(REVIEWED_HEADER, "no") == "yes"


def is_reviewed(entry: polib.POEntry, catalogue_reviewed: bool = False) -> bool:
    return catalogue_reviewed or REVIEWED_FLAG in entry.flags


class Translator:
    """The catalogues of one language, and the strings that had to stay in English.

    It also keeps count of what a page used: ``begin()`` starts a count, and
    ``end()`` says whether every string looked up since was a reviewed translation
    (a string shown in English, or a translation nobody has reviewed, is not)."""

    def __init__(self, root: Path, language: str) -> None:
        self.language = language
        self.misses: dict[tuple[str, str], Miss] = {}
        self._unchecked: list[bool] = []
        # Whether every string of an item's translation is reviewed, by item id.
        self.item_reviewed: dict[str, bool] = {}
        self.catalogues: dict[str, _Catalogue] = {}
        for domain in DOMAINS:
            path = po_path(root, language, domain)
            rel = path.relative_to(root).as_posix()
            po = polib.pofile(str(path), wrapwidth=100) if path.is_file() else None
            cat = _Catalogue(domain, rel, po)
            if po is not None:
                for entry in po:
                    if not entry.obsolete:
                        cat.index[entry_key(entry.msgctxt, entry.msgid)] = entry
            self.catalogues[domain] = cat

    @property
    def reviewed(self) -> bool:
        return all(c.reviewed for c in self.catalogues.values())

    def begin(self) -> None:
        self._unchecked.append(False)

    def end(self) -> bool:
        """True when every string looked up since the matching ``begin`` is reviewed."""
        unchecked = self._unchecked.pop()
        if unchecked and self._unchecked:
            self._unchecked[-1] = True
        return not unchecked

    def _used(self, reviewed: bool) -> None:
        if not reviewed and self._unchecked:
            self._unchecked[-1] = True

    def lookup(self, domain: str, context: str | None, english: str) -> str | None:
        """The translation, or None (and the miss recorded)."""
        found = self._lookup(domain, context, english)
        if found is None:
            self._used(False)
        return found

    def _lookup(self, domain: str, context: str | None, english: str) -> str | None:
        cat = self.catalogues[domain]
        entry = cat.index.get(entry_key(context, english))
        if entry is None:
            return self._miss(cat, context, english, 0, "not in the catalogue yet")
        if entry.msgid != english:
            return self._miss(
                cat, context, english, entry.linenum, "the English changed; run i18n update"
            )
        if "fuzzy" in entry.flags:
            return self._miss(cat, context, english, entry.linenum, "fuzzy")
        if not entry.msgstr.strip():
            return self._miss(cat, context, english, entry.linenum, "untranslated")
        try:
            _no_raw_html(entry.msgstr)
        except ValueError as exc:
            return self._miss(cat, context, english, entry.linenum, f"translation refused: {exc}")
        self._used(is_reviewed(entry, cat.reviewed))
        return str(entry.msgstr)

    def _miss(
        self, cat: _Catalogue, context: str | None, english: str, line: int, reason: str
    ) -> str | None:
        key = (cat.domain, entry_key(context, english))
        self.misses.setdefault(key, Miss(cat.domain, context, english, cat.rel_path, line, reason))
        return None

    def text(self, domain: str, context: str | None, english: str) -> str:
        found = self.lookup(domain, context, english)
        return found if found is not None else mark_english(english)

    def plural_table(self) -> dict[str, Any]:
        """The checklist script's string table in this language (see strings-en.js):
        a plain string per key, or plural forms by Intl.PluralRules category, mapped
        from the PO file's Plural-Forms. Keys with no usable translation are left out:
        the script falls back to English for them."""
        cat = self.catalogues["script"]
        table: dict[str, Any] = {}
        if cat.po is None:
            return table
        categories = _plural_categories(self.language, cat.po.metadata.get("Plural-Forms", ""))
        for entry in cat.po:
            if entry.obsolete or not entry.msgctxt:
                continue
            if entry.msgid_plural:
                forms = entry.msgstr_plural
                usable = "fuzzy" not in entry.flags and forms and all(forms.values())
                if not usable:
                    self._miss(cat, entry.msgctxt, entry.msgid, entry.linenum, "untranslated")
                    self._used(False)
                    continue
                self._used(is_reviewed(entry, cat.reviewed))
                table[entry.msgctxt] = {
                    category: forms[index]
                    for category, index in categories.items()
                    if index in forms
                }
            else:
                found = self.lookup("script", entry.msgctxt, entry.msgid)
                if found is not None:
                    table[entry.msgctxt] = found
        return table


def _plural_categories(language: str, plural_forms: str) -> dict[str, int]:
    """CLDR plural category -> index of msgstr[n], by trying sample numbers in both the
    PO file's C expression and Babel's CLDR rules."""
    from babel import Locale

    match = re.search(r"plural\s*=\s*([^;]+)", plural_forms)
    expression = gettext.c2py(match.group(1)) if match else (lambda n: int(n != 1))
    rule = Locale.parse(language).plural_form
    out: dict[str, int] = {}
    for n in (0, 1, 2, 3, 5, 11, 21, 101, 1000000, 2000000):
        out.setdefault(rule(n), expression(n))
    return out


# --- marking English --------------------------------------------------------------

_LINE_PREFIX = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*)")


def mark_english(text: str) -> str:
    """Each line of ``text`` marked as English, after any Markdown block marker."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        prefix = _LINE_PREFIX.match(line)
        cut = prefix.end() if prefix else 0
        lines.append(f"{line[:cut]}{EN_OPEN}{line[cut:]}{EN_CLOSE}")
    return "\n".join(lines)


# How a translation names something that stays in English, per language: the words
# before the name, up to the closing parenthesis. "(fuente en inglés: Pay and Hours
# Worked)", "(en inglés: Wage and Hour Division)". The name is marked lang="en".
NAMED_IN_ENGLISH = {"es": "en inglés:"}


def mark_named_english(text: str, language: str) -> str:
    """The English names a translation gives in parentheses, marked as English."""
    lead = NAMED_IN_ENGLISH.get(language)
    if lead is None or lead not in text:
        return text
    pattern = re.compile(re.escape(lead) + r"(\s+)([^()\n]+(?:\n[^()\n]+)*?)\)")
    return pattern.sub(lambda m: f"{lead}{m.group(1)}{EN_OPEN}{m.group(2)}{EN_CLOSE})", text)


def mark_english_block(block: str) -> str:
    """A whole Markdown block (a list, a table, a note) marked as English."""
    return f'<div lang="en" markdown>\n\n{block}\n\n</div>'


_TEMPLATE_REGION = re.compile(r"<template\b.*?</template>", re.S)

# Addresses of pages written in a language, by language: a link to any other page of
# a translated edition says that the page is in English.
LOCAL_PAGE = {
    "es": re.compile(
        r"(/es(?:[/?#]|-us/|$)|/spanish/|espanol|español|[?&](?:lang|language)=es\b|[-_]es\.(?:html?|pdf)\b)",
        re.I,
    )
}
_LINKS = re.compile(
    r"<template\b.*?</template>"  # script data: left alone
    r"|```.*?```"  # code
    r"|(?<!!)\[(?P<text>(?:[^\[\]\n]|\[[^\]\n]*\])+)\]\((?P<url>https?://[^)\s]+)\)(?P<attrs>\{[^}\n]*\})?"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|<a\b[^>]*\bhref=\"(?P<href>https?://[^\"]+)\"[^>]*>(?P<inner>.*?)</a>",
    re.S,
)


def note_link_language(text: str, language: str) -> str:
    """Say "(in English)", in ``language``, after every link of a translated page to a
    page not written in that language (a Markdown link, an address, an HTML link). A
    short "source" link becomes "source in English" instead."""
    local = LOCAL_PAGE.get(language)
    if local is None:
        return text
    note = ui("(in English)")
    short = ui("source")
    short_in_english = ui("source in English")

    def one(match: re.Match[str]) -> str:
        url = match.group("url") or match.group("auto") or match.group("href")
        whole = match.group(0)
        if url is None or local.search(url):
            return whole
        rest = match.string[match.end() : match.end() + len(note) + 2]
        if note in rest:
            return whole
        label = match.group("text") if match.group("url") else match.group("inner")
        lead = NAMED_IN_ENGLISH.get(language)
        if label is not None and lead is not None and lead in label:
            return whole  # its text already gives the English name
        if label is not None and strip_marks(label).strip() == short:
            return whole.replace(f">{label}<", f">{short_in_english}<", 1).replace(
                f"[{label}]", f"[{short_in_english}]", 1
            )
        return f"{whole} {note}"

    return _LINKS.sub(one, text)


_TAG = re.compile(r"<[^<>]*>")


def strip_marks(text: str) -> str:
    return text.replace(EN_OPEN, "").replace(EN_CLOSE, "")


def finish(text: str) -> str:
    """Turn the marks into ``<span lang="en">``, except where markup cannot hold one:
    inside a tag (an attribute value) and inside ``<template>`` data for scripts."""
    if EN_OPEN not in text:
        return text
    text = _TEMPLATE_REGION.sub(lambda m: strip_marks(m.group(0)), text)
    text = _TAG.sub(lambda m: strip_marks(m.group(0)), text)
    return text.replace(EN_OPEN, '<span lang="en">').replace(EN_CLOSE, "</span>")


# --- the text of items ------------------------------------------------------------


def _is_prose(annotation: Any, metadata: Iterable[Any] = ()) -> bool:
    """True when a field's type is ``Text`` (marked by its HTML check), directly or as
    the items of a list, the values of a mapping or one side of ``X | None``."""
    for meta in metadata:
        if isinstance(meta, AfterValidator) and meta.func is _no_raw_html:
            return True
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _is_prose(base, extra)
    if origin in (list, tuple, Union, UnionType):
        return any(_is_prose(arg) for arg in get_args(annotation) if arg is not type(None))
    if origin is dict:
        return _is_prose(get_args(annotation)[1])
    return False


def _prose_fields(model: type[BaseModel]) -> frozenset[str]:
    translated: frozenset[str] = getattr(model, "TRANSLATED_NAMES", frozenset())
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if (name not in _NAME_FIELDS or name in translated)
        and _is_prose(info.annotation, info.metadata)
    )


def translatable_fields(item: ContentItem, audience: str) -> Iterator[tuple[Loc, str]]:
    """Every prose field of ``item`` that a page of this audience shows, with its key
    path. Page bodies are not here: they are translated by block (``pages.po``)."""
    not_shown = _NOT_SHOWN.get(item.KIND, frozenset())

    def visit(value: Any, loc: Loc, prose: bool) -> Iterator[tuple[Loc, str]]:
        """The strings under ``value`` when it is prose; either way, the prose of the
        models it holds (a list of facts, a mapping of sections)."""
        if isinstance(value, BaseModel):
            yield from walk(value, loc)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if loc == ("summary",) and isinstance(item, Cluster) and key != audience:
                    continue
                yield from visit(inner, (*loc, key), prose)
        elif isinstance(value, (list, tuple)):
            for i, inner in enumerate(value):
                yield from visit(inner, (*loc, i), prose)
        elif prose and isinstance(value, str) and value.strip():
            yield loc, value

    def walk(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
        prose = _prose_fields(type(model))
        for name in type(model).model_fields:
            value = getattr(model, name)
            if value is None or (not loc and name in not_shown):
                continue
            if name in _NAME_FIELDS and name not in prose:
                continue
            yield from visit(value, (*loc, name), name in prose)

    yield from walk(item, ())


def field_context(item_id: str, loc: Loc) -> str:
    return f"{item_id}:{format_key_path(loc)}"


_BLOCK_BREAK = re.compile(r"\n[ \t]*\n(?=\S)")


def split_blocks(markdown: str) -> list[str]:
    """The top-level blocks of a Markdown text: a paragraph, a heading, a list item
    (with its indented continuation), a table, a note with its indented body. A blank
    line followed by an indented line stays inside the block, so a note or a nested
    list is translated as one unit with what it belongs to."""
    return [b.strip("\n") for b in _BLOCK_BREAK.split(markdown.strip("\n")) if b.strip()]


def block_context(page_id: str, index: int) -> str:
    return f"{page_id}:body[{index}]"


def translate_item(item: ContentItem, audience: str, translator: Translator) -> ContentItem:
    """A copy of ``item`` with its text in the translator's language.

    A translation the model refuses (a limit the English keeps and the translation
    breaks) falls back to the English for that field and is recorded as a miss, so a
    catalogue can never stop a build that validation passed."""
    data = item.model_dump(mode="python")
    english_of: dict[Loc, str] = {}
    for loc, english in translatable_fields(item, audience):
        found = translator.lookup("content", field_context(item.id, loc), english)
        _put(data, loc, mark_english(english) if found is None else _named(found, translator))
        if found is not None:
            english_of[loc] = english
    if isinstance(item, Page):
        blocks = []
        for i, block in enumerate(split_blocks(item.body)):
            found = translator.lookup("pages", block_context(item.id, i), block)
            blocks.append(
                _named(found, translator) if found is not None else mark_english_block(block)
            )
        data["body"] = "\n\n".join(blocks) + "\n"
    try:
        return type(item).model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            if loc in english_of:
                _put(data, loc, mark_english(english_of[loc]))
                cat = translator.catalogues["content"]
                entry = cat.index.get(entry_key(field_context(item.id, loc), english_of[loc]))
                translator._used(False)
                translator._miss(
                    cat,
                    field_context(item.id, loc),
                    english_of[loc],
                    entry.linenum if entry is not None else 0,
                    f"translation refused: {error['msg']}",
                )
    try:
        return type(item).model_validate(data)
    except ValidationError:
        return item


def _named(found: str, translator: Translator) -> str:
    return mark_named_english(found, translator.language)


def _put(data: Any, loc: Loc, value: str) -> None:
    target = data
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value


def translated_content(shown: Content, edition: Edition, translator: Translator) -> Content:
    """``shown`` with every item translated (same ids, files and positions)."""
    audience = edition.audiences[0]
    out = Content(root=shown.root, audiences=shown.audiences, broken=shown.broken)
    for item_id, item in shown.items.items():
        translator.begin()
        out.items[item_id] = translate_item(item, audience, translator)
        translator.item_reviewed[item_id] = translator.end()
        out.files[item_id] = shown.files[item_id]
        out.parsed[item_id] = shown.parsed[item_id]
    return out


# --- template strings -------------------------------------------------------------

_CURRENT: ContextVar[Translator | None] = ContextVar("playbook_translator", default=None)


def use_translator(translator: Translator | None) -> None:
    """The translator that ``ui`` (``_`` in templates) uses in this render."""
    _CURRENT.set(translator)


def ui(english: str, **values: Any) -> str:
    """A template string in the language being rendered; ``%(name)s`` filled from
    ``values``. English editions get the English unchanged."""
    translator = _CURRENT.get()
    text = english if translator is None else translator.text("ui", None, english)
    return text % values if values else text


def long_date(day: dt.date) -> str:
    """A date as a reader of the language being rendered writes it: "November 25,
    2026", "25 de noviembre de 2026" (Babel's long format, from CLDR)."""
    translator = _CURRENT.get()
    return date_in(translator.language if translator is not None else "en", day)


def date_in(language: str, day: dt.date) -> str:
    if language == "en":
        return f"{day:%B} {day.day}, {day.year}"
    from babel.dates import format_date

    return str(format_date(day, format="long", locale=language))


def as_english(text: str) -> str:
    """Mark a name that stays in English (an office, a publisher, a source title)."""
    return text if _CURRENT.get() is None else f"{EN_OPEN}{text}{EN_CLOSE}"


def translator_for(edition: Edition) -> Translator | None:
    if edition.language == "en":
        return None
    return Translator(edition.config_file.parent, edition.language)


# --- language switch, notice and head links ---------------------------------------


def _other_site_href(edition_to: str, md_path: str, directory_urls: bool = True) -> str:
    from playbook_builder.render.urls import built_url

    built = built_url(md_path, directory_urls)
    # Up out of the page's folders and the edition's own folder, into the other one.
    return "../" * (built.count("/") + 1) + f"{edition_to}/" + built


def language_links(edition: Edition, md_path: str) -> list[tuple[str, str, str]]:
    """(language, edition id, href) for each other language of this page."""
    return [
        (language, other, _other_site_href(other, md_path, edition.directory_urls))
        for other, language in edition.translations
    ]


def decorate_page(markdown: str, edition: Edition, md_path: str, reviewed: bool) -> str:
    """Add the language switch (and, on an unreviewed translation, the notice) under
    the page's first heading."""
    lines = []
    for language, _other, href in language_links(edition, md_path):
        name = LANGUAGE_NAMES.get(language, language)
        lines.append(f"[{name}]({href}){{ .pb-language hreflang={language} lang={language} }}")
    # On every page that shows a string no fluent reviewer has checked yet.
    notice = (
        ui(
            "A fluent speaker has not yet reviewed this translation. It may have errors. "
            "The English version is the reference."
        )
        if not reviewed and edition.language != "en"
        else None
    )
    if notice:
        # One line with the language switch, so the notice costs no extra line of a
        # phone's first screen.
        switch = " · ".join(lines)
        lines = [
            f"{switch} · {notice}\n{{ .pb-unreviewed }}"
            if switch
            else f"{notice}\n{{ .pb-unreviewed }}"
        ]
    if not lines:
        return markdown
    return after_heading(markdown, "\n\n".join(lines))


def after_heading(markdown: str, block: str) -> str:
    """``block`` right under the page's first heading (at the top without one)."""
    head = re.search(r"^# .*$", markdown, re.M)
    if head is None:
        return block + "\n\n" + markdown
    return markdown[: head.end()] + "\n\n" + block + "\n" + markdown[head.end() :]


def script_strings_json(translator: Translator | None) -> str:
    """The page's string table for the checklist script, as JSON for a <template>."""
    if translator is None:
        return ""
    table = translator.plural_table()
    text = json.dumps(table, ensure_ascii=False, sort_keys=True)
    # Raw inside <template>, as the definition is: no markup can start, no entity either.
    return text.replace("<", "\\u003c").replace("&", "\\u0026")
