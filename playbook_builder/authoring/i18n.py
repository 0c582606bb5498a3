"""The translation workflow: ``playbook i18n extract | update LANG | status``.

Like Sphinx's ``gettext`` builder and ``sphinx-intl update``: ``extract`` writes the
English of every translated edition to templates (``locale/<domain>.pot``); ``update``
merges them into ``locale/<lang>/LC_MESSAGES/<domain>.po``, so a changed English string
becomes fuzzy (its old English kept as ``#| msgid``), a new one untranslated and a
removed one obsolete (``#~``); ``status`` counts. The files are ordinary gettext
catalogues that Poedit, Weblate and Crowdin read and write; polib reads and writes them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import polib

from playbook_builder.content.models import Page
from playbook_builder.content.problems import Problem, Severity
from playbook_builder.content.yaml_source import Loc
from playbook_builder.editions import Edition
from playbook_builder.project import Project
from playbook_builder.render.translate import (
    DOMAINS,
    LOCALE_DIR,
    REVIEWED_FLAG,
    REVIEWED_HEADER,
    block_context,
    field_context,
    po_path,
    split_blocks,
    translatable_fields,
)

PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);"}
# Script strings only the employer and agency checklists show: a jobseeker translation
# does not need them (offer checklists have no scores, plan or worker comparison).
_SCRIPT_NOT_FOR_JOBSEEKERS = (
    "pair.",
    "plan.",
    "method.",
    "chart.",
    "results.",
    "unsure.",
    "bench.",
    "earlier.",
)


def pot_path(root: Path, domain: str) -> Path:
    return root / LOCALE_DIR / f"{domain}.pot"


def translated_editions(project: Project) -> list[Edition]:
    return [e for e in project.editions if e.translation_of]


def _new_file(language: str | None) -> polib.POFile:
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "Job Quality Playbook",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if language:
        po.metadata["Language"] = language
        po.metadata["Plural-Forms"] = PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);")
        po.metadata[REVIEWED_HEADER] = "no"
    return po


# --- extract ----------------------------------------------------------------------


def extract(project: Project) -> dict[str, polib.POFile]:
    """The English of every translated edition, one template per domain."""
    from playbook_builder.overlays import with_overlay
    from playbook_builder.select import select_for_edition

    out = {domain: _new_file(None) for domain in DOMAINS}
    seen: dict[str, set[str]] = {domain: set() for domain in DOMAINS}

    def add(domain: str, entry: polib.POEntry) -> None:
        key = (entry.msgctxt or "") + "\x04" + entry.msgid
        if key in seen[domain]:
            for occurrence in entry.occurrences:
                existing = next(
                    e for e in out[domain] if e.msgctxt == entry.msgctxt and e.msgid == entry.msgid
                )
                if occurrence not in existing.occurrences:
                    existing.occurrences.append(occurrence)
            return
        seen[domain].add(key)
        out[domain].append(entry)

    sources = {e.translation_of for e in translated_editions(project)}
    for source_id in sorted(s for s in sources if s):
        source = project.edition(source_id)
        shown = select_for_edition(with_overlay(project.content, source), source)
        audience = source.audiences[0]
        for item_id in sorted(shown.items, key=lambda i: shown.files[i]):
            item = shown.items[item_id]
            rel = shown.files[item_id]
            parsed = shown.parsed[item_id]
            for loc, text in translatable_fields(item, audience):
                add(
                    "content",
                    polib.POEntry(
                        msgctxt=field_context(item_id, loc),
                        msgid=text,
                        occurrences=[(rel, str(_line(parsed, loc)))],
                    ),
                )
            if isinstance(item, Page):
                for i, block in enumerate(split_blocks(item.body)):
                    add(
                        "pages",
                        polib.POEntry(
                            msgctxt=block_context(item_id, i),
                            msgid=block,
                            occurrences=[(rel, "")],
                        ),
                    )
    for entry in _template_strings():
        add("ui", entry)
    for entry in script_entries(project.root):
        add("script", entry)
    return out


def _line(parsed: object, loc: Loc) -> int:
    try:
        return int(parsed.position(loc)[0])  # type: ignore[attr-defined]
    except Exception:  # a field the file leaves to its default
        return 1


def _template_strings() -> list[polib.POEntry]:
    """``_("...")`` in the templates and ``_("...")`` or ``ui("...")`` in the render
    modules, with where each is used."""
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract

    package = resources.files("playbook_builder")
    found: dict[str, polib.POEntry] = {}
    files: list[tuple[str, object]] = [
        (f"templates/{entry.name}", babel_extract)
        for entry in sorted(package.joinpath("templates").iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".j2")
    ]
    files += [
        (f"render/{entry.name}", "python")
        for entry in sorted(package.joinpath("render").iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".py")
    ]
    for rel, method in files:
        path = str(package.joinpath(rel))
        options = {"trim_blocks": "true", "lstrip_blocks": "true"}
        for lineno, message, comments, _context in extract_from_file(
            method,  # type: ignore[arg-type]
            path,
            keywords={"_": None, "ui": None},
            options=options,
        ):
            if not isinstance(message, str):
                continue
            entry = found.setdefault(message, polib.POEntry(msgid=message, occurrences=[]))
            entry.occurrences.append((f"playbook_builder/{rel}", str(lineno)))
            if comments:
                entry.comment = "\n".join(comments)
            if "%(" in message:
                entry.flags = ["python-format"]
    return list(found.values())


# The strings table is a plain object literal: quoted keys, string values or plural
# objects {one: "...", other: "..."}, // comments, trailing commas.
_JS_COMMENT = re.compile(r"/\*.*?\*/|^\s*//[^\n]*$", re.M | re.S)
_JS_BARE_KEY = re.compile(r"([{,]\s*)([A-Za-z_=][\w=]*)\s*:")
_JS_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def script_table(root: Path | None = None) -> dict[str, object]:
    """The English string table of the checklist script (assets/checklist/strings-en.js)."""
    import json

    text = (
        resources.files("playbook_builder")
        .joinpath("assets/checklist/strings-en.js")
        .read_text(encoding="utf-8")
    )
    body = _JS_COMMENT.sub("", text)
    body = body[body.index("export default") + len("export default") :].strip().rstrip(";")
    body = _JS_BARE_KEY.sub(lambda m: f'{m.group(1)}"{m.group(2)}":', body)
    body = _JS_TRAILING_COMMA.sub(r"\1", body)
    table = json.loads(body)
    if not isinstance(table, dict):
        raise ValueError("strings-en.js: expected `export default { ... }`")
    return table


def script_entries(root: Path) -> list[polib.POEntry]:
    entries = []
    for key, value in script_table(root).items():
        if key.startswith(_SCRIPT_NOT_FOR_JOBSEEKERS):
            continue
        where = [("playbook_builder/assets/checklist/strings-en.js", "")]
        if isinstance(value, dict):
            entries.append(
                polib.POEntry(
                    msgctxt=key,
                    msgid=str(value.get("one", value.get("other", ""))),
                    msgid_plural=str(value.get("other", "")),
                    msgstr_plural={0: "", 1: ""},
                    occurrences=where,
                    flags=["javascript-format"],
                    comment="%{name} is filled in by the script; keep it as it is.",
                )
            )
        else:
            entry = polib.POEntry(msgctxt=key, msgid=str(value), occurrences=where)
            if "%{" in str(value):
                entry.comment = "%{name} is filled in by the script; keep it as it is."
            entries.append(entry)
    return entries


def write_templates(project: Project) -> list[Path]:
    written = []
    for domain, po in extract(project).items():
        path = pot_path(project.root, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        written.append(path)
    return written


# --- update -----------------------------------------------------------------------


@dataclass
class MergeCounts:
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0


def _page_of(context: str | None) -> str:
    return (context or "").partition(":")[0]


class _Pool:
    """The old catalogue's entries, each matched at most once."""

    def __init__(self, old: polib.POFile) -> None:
        self.entries = [e for e in old if e.msgid]
        self.used: set[int] = set()

    def take(self, test: Callable[[polib.POEntry], bool]) -> polib.POEntry | None:
        for i, e in enumerate(self.entries):
            if i not in self.used and test(e):
                self.used.add(i)
                return e
        return None

    def take_closest(self, msgid: str) -> polib.POEntry | None:
        """The closest unmatched English among template strings (no context), as
        msgmerge does."""
        candidates = {
            e.msgid: j for j, e in enumerate(self.entries) if j not in self.used and not e.msgctxt
        }
        close = difflib.get_close_matches(msgid, list(candidates), n=1, cutoff=0.6)
        if not close:
            return None
        self.used.add(candidates[close[0]])
        return self.entries[candidates[close[0]]]

    def translated_leftovers(self) -> list[polib.POEntry]:
        return [
            e
            for i, e in enumerate(self.entries)
            if i not in self.used and (e.msgstr or any(e.msgstr_plural.values()))
        ]


# The matching passes, in order: (which new entries the pass is for, how an old entry
# matches, whether the carried translation is fuzzy).
_PASSES: tuple[
    tuple[
        Callable[[polib.POEntry], bool],
        Callable[[polib.POEntry, polib.POEntry], bool],
        bool,
    ],
    ...,
] = (
    # The same context and English: kept as it is.
    (lambda n: True, lambda e, n: e.msgctxt == n.msgctxt and e.msgid == n.msgid, False),
    # A block that moved: the same English elsewhere in the same item or page.
    (
        lambda n: bool(n.msgctxt),
        lambda e, n: _page_of(e.msgctxt) == _page_of(n.msgctxt) and e.msgid == n.msgid,
        False,
    ),
    # Changed English: the same context.
    (lambda n: bool(n.msgctxt), lambda e, n: e.msgctxt == n.msgctxt, True),
)


def _matches(
    same: Callable[[polib.POEntry, polib.POEntry], bool],
    new: polib.POEntry,
    old: polib.POEntry,
) -> bool:
    return same(old, new)


def _new_entry(new: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=new.msgctxt,
        msgid=new.msgid,
        msgid_plural=new.msgid_plural,
        msgstr_plural=dict.fromkeys(range(2), "") if new.msgid_plural else {},
        occurrences=list(new.occurrences),
        comment=new.comment,
        flags=list(new.flags),
    )


def merge(
    template: polib.POFile, old: polib.POFile, language: str
) -> tuple[polib.POFile, MergeCounts]:
    """``template``'s entries with the translations of ``old`` carried over.

    Matching, in order: the same context and English (kept as it is); the same English
    in the same item or page under another context (a block that moved: kept); the same
    context with other English (a changed string: fuzzy, the old English kept as the
    previous msgid); for template strings, which have no context, the closest English
    (fuzzy). What is left of ``old`` becomes obsolete.
    """
    counts = MergeCounts()
    result = _new_file(language)
    result.metadata.update(old.metadata)
    result.header = old.header or (
        "Spanish translation of the Job Quality Playbook (jobseeker edition).\n"
        "An entry flagged 'reviewed' was checked by a fluent speaker: see CONTRIBUTING.md."
    )
    pool = _Pool(old)
    entries = [_new_entry(new) for new in template]
    matched: list[polib.POEntry | None] = [None] * len(entries)
    for applies, same, fuzzy in _PASSES:
        for i, entry in enumerate(entries):
            if matched[i] is None and applies(entry):
                found = pool.take(functools.partial(_matches, same, entry))
                if found is not None:
                    _carry(entry, found, fuzzy=fuzzy)
                    matched[i] = found
    for i, entry in enumerate(entries):
        if matched[i] is None and not entry.msgctxt:
            found = pool.take_closest(entry.msgid)
            if found is not None:
                _carry(entry, found, fuzzy=True)
                matched[i] = found
    for entry, match in zip(entries, matched, strict=True):
        if match is None:
            counts.new += 1
        elif "fuzzy" in entry.flags:
            counts.fuzzy += 1
        else:
            counts.kept += 1
        result.append(entry)
    already_obsolete = old.obsolete_entries()
    for e in pool.translated_leftovers():
        e.obsolete = True
        e.occurrences = []
        result.append(e)
        counts.obsolete += 0 if e in already_obsolete else 1
    return result, counts


def _carry(entry: polib.POEntry, old: polib.POEntry, *, fuzzy: bool) -> None:
    entry.msgstr = old.msgstr
    if entry.msgid_plural and old.msgstr_plural:
        entry.msgstr_plural = dict(old.msgstr_plural)
    entry.tcomment = old.tcomment
    was_fuzzy = "fuzzy" in old.flags or old.obsolete
    has_text = bool(old.msgstr or any(old.msgstr_plural.values()))
    if (fuzzy or was_fuzzy) and has_text:
        entry.flags.append("fuzzy")
        # Keep the English the translation was last made for.
        entry.previous_msgid = old.previous_msgid or (
            old.msgid if old.msgid != entry.msgid else None
        )
        if entry.previous_msgid == entry.msgid:
            entry.previous_msgid = None
    elif REVIEWED_FLAG in old.flags and has_text:
        # A review holds for the English it was made against: kept only while the
        # English and the translation are the ones reviewed.
        entry.flags.append(REVIEWED_FLAG)


def update(project: Project, language: str) -> dict[str, MergeCounts]:
    """Merge the templates into ``locale/<language>/LC_MESSAGES/*.po``."""
    results = {}
    for domain in DOMAINS:
        template_file = pot_path(project.root, domain)
        if not template_file.is_file():
            raise FileNotFoundError(
                f"{template_file.relative_to(project.root)} is missing: run `playbook i18n extract` first"
            )
        template = polib.pofile(str(template_file), wrapwidth=100)
        target = po_path(project.root, language, domain)
        old = polib.pofile(str(target), wrapwidth=100) if target.is_file() else _new_file(language)
        merged, counts = merge(template, old, language)
        target.parent.mkdir(parents=True, exist_ok=True)
        merged.save(str(target))
        results[domain] = counts
    return results


# --- status -----------------------------------------------------------------------


@dataclass(frozen=True)
class FileStatus:
    language: str
    path: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    reviewed: int  # entries flagged reviewed (all translated ones if the header says so)


def _has_text(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def status(root: Path) -> list[FileStatus]:
    out: list[FileStatus] = []
    base = root / LOCALE_DIR
    if not base.is_dir():
        return out
    for lang_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        for domain in DOMAINS:
            path = po_path(root, lang_dir.name, domain)
            if not path.is_file():
                continue
            po = polib.pofile(str(path))
            live = [e for e in po if not e.obsolete]
            fuzzy = sum(1 for e in live if "fuzzy" in e.flags)
            translated = sum(1 for e in live if "fuzzy" not in e.flags and _has_text(e))
            whole = po.metadata.get(REVIEWED_HEADER, "no") == "yes"
            reviewed = sum(
                1
                for e in live
                if "fuzzy" not in e.flags and _has_text(e) and (whole or REVIEWED_FLAG in e.flags)
            )
            out.append(
                FileStatus(
                    lang_dir.name,
                    path.relative_to(root).as_posix(),
                    translated,
                    fuzzy,
                    len(live) - fuzzy - translated,
                    len(po) - len(live),
                    reviewed,
                )
            )
    return out


# --- check ------------------------------------------------------------------------


def translation_problems(project: Project) -> list[Problem]:
    """Every string a translated edition shows in English, at its PO file and line;
    translations that break the language's glossary; and translated text harder to read
    than the edition's ``reading_ease``."""
    from playbook_builder.authoring.glossary import glossary_problems
    from playbook_builder.render.edition import render_edition

    problems: list[Problem] = []
    for language in sorted({e.language for e in project.editions} - {"en"}):
        problems.extend(glossary_problems(project.root, language))
    for edition in project.editions:
        if edition.language == "en":
            continue
        rendered = render_edition(project.content_for(edition), edition)
        for miss in rendered.untranslated:
            where = f"{miss.context}" if miss.context else ""
            short = " ".join(miss.english.split())
            short = short if len(short) <= 70 else short[:67] + "..."
            problems.append(
                Problem(
                    miss.po_file,
                    miss.line,
                    1 if miss.line else 0,
                    where,
                    f'{miss.reason}; {edition.id} shows the English (marked lang="en"): "{short}"',
                    Severity.WARNING,
                )
            )
        if edition.reading_ease is not None:
            problems.extend(reading_ease_problems(project.root, edition))
    return problems


MIN_WORDS = 10


def reading_ease(texts: Iterable[str], language: str) -> float:
    """Fernández Huerta reading ease (higher is easier; 60 and above is plain)."""
    import textstat

    from playbook_builder.authoring.readability import plain_text

    joined = " ".join(plain_text(t) for t in texts)
    textstat.set_lang(language)
    try:
        return float(textstat.fernandez_huerta(joined))
    finally:
        textstat.set_lang("en_US")


def translated_texts(root: Path, language: str) -> dict[str, list[polib.POEntry]]:
    out: dict[str, list[polib.POEntry]] = {}
    for domain in DOMAINS:
        path = po_path(root, language, domain)
        if path.is_file():
            po = polib.pofile(str(path))
            out[domain] = [e for e in po.translated_entries() if e.msgstr]
    return out


def reading_ease_problems(root: Path, edition: Edition) -> list[Problem]:
    from playbook_builder.authoring.readability import plain_text

    limit = edition.reading_ease or 0
    problems = []
    for domain, entries in translated_texts(root, edition.language).items():
        rel = po_path(root, edition.language, domain).relative_to(root).as_posix()
        for entry in entries:
            if len(plain_text(entry.msgstr).split()) < MIN_WORDS:
                continue
            if (entry.msgctxt or "").endswith(".name"):
                continue  # an office's name, not a sentence to simplify
            score = reading_ease([entry.msgstr], edition.language)
            if score < limit:
                problems.append(
                    Problem(
                        rel,
                        entry.linenum,
                        1,
                        entry.msgctxt or "",
                        f"reading ease {score:.0f} is below {limit:.0f} (Fernández Huerta): shorter sentences, everyday words",
                        Severity.WARNING,
                    )
                )
    return problems
