"""A review a person can do: the sheet a fluent reviewer fills in, and marking what
they approved.

``playbook i18n review-sheet --lang es`` writes every translated entry side by side
(English, translation, where it appears, whether it is reviewed, a column for the
verdict and one for a comment), legal entries first, as CSV (for a spreadsheet) and as
a printable HTML page. ``playbook i18n mark-reviewed --lang es SHEET.csv`` flags each
entry whose verdict is "ok" as ``reviewed`` in its PO file, if its English and its
translation are still the ones on the sheet. A page of the edition drops the "not yet
reviewed" notice when every string it shows is flagged (see translate.Translator).
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from playbook_builder.content.models import ContentItem
from playbook_builder.project import Project
from playbook_builder.render.translate import DOMAINS, REVIEWED_FLAG, REVIEWED_HEADER, po_path

COLUMNS = (
    "priority",
    "where",
    "po_file",
    "line",
    "context",
    "english",
    "translation",
    "reviewed",
    "verdict",
    "comment",
)
APPROVED = frozenset({"ok", "yes", "reviewed", "approved", "sí", "si"})

# Words of a sentence that states a right, a figure or an office: checked first.
_LEGAL_WORDS = re.compile(
    r"minimum wage|overtime|\blaws?\b|\blegal\b|FMLA|(?:sick|family|medical|paid) leave"
    r"|discriminat|EEOC|OSHA|NLRB|Wage and Hour|immigration|retaliat|complain|a charge"
    r"|\$\d|\bclaim\b",
    re.I,
)
_LEGAL_ITEMS = frozenset({"jurisdiction", "locality"})
_LEGAL_PAGES = frozenset({"know-your-rights", "laws-by-employer-size"})


@dataclass(frozen=True)
class Row:
    priority: str  # "legal" or "other"
    where: str  # the page (Markdown path) or "interface"
    po_file: str
    line: int
    context: str
    english: str
    translation: str
    reviewed: bool

    def as_dict(self) -> dict[str, str]:
        return {
            "priority": self.priority,
            "where": self.where,
            "po_file": self.po_file,
            "line": str(self.line),
            "context": self.context,
            "english": self.english,
            "translation": self.translation,
            "reviewed": "yes" if self.reviewed else "no",
            "verdict": "",
            "comment": "",
        }


def _translation(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return " | ".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return str(entry.msgstr)


def _where(project: Project, domain: str, context: str) -> tuple[str, ContentItem | None]:
    if domain in ("ui", "script"):
        return "interface", None
    from playbook_builder.render.pages import page_path

    item = project.content.items.get(context.partition(":")[0])
    if item is None:
        return "unknown", None
    try:
        return page_path(item), item
    except TypeError:
        return item.KIND, item


def _is_legal(item: ContentItem | None, context: str, english: str) -> bool:
    if item is not None and (item.KIND in _LEGAL_ITEMS or item.id in _LEGAL_PAGES):
        return True
    if "legal_floor" in context or "red_flag" in context:
        return True
    return bool(_LEGAL_WORDS.search(english))


def review_rows(project: Project, language: str) -> list[Row]:
    """Every translated entry of the language, legal entries first, then by page."""
    rows = []
    for domain in DOMAINS:
        path = po_path(project.root, language, domain)
        if not path.is_file():
            continue
        rel = path.relative_to(project.root).as_posix()
        po = polib.pofile(str(path))
        whole = po.metadata.get(REVIEWED_HEADER, "no") == "yes"
        for entry in po:
            translation = _translation(entry)
            if entry.obsolete or "fuzzy" in entry.flags or not translation.strip(" |"):
                continue
            context = entry.msgctxt or ""
            where, item = _where(project, domain, context)
            rows.append(
                Row(
                    "legal" if _is_legal(item, context, entry.msgid) else "other",
                    where,
                    rel,
                    entry.linenum,
                    context,
                    entry.msgid,
                    translation,
                    whole or REVIEWED_FLAG in entry.flags,
                )
            )
    rows.sort(key=lambda r: (r.priority != "legal", r.where, r.po_file, r.line))
    return rows


def write_csv(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row.as_dict())


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #999; padding: .35rem; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
td.verdict {{ min-width: 7rem; }}
tr.legal td:first-child {{ font-weight: bold; }}
@media print {{ body {{ margin: 0; font-size: 10pt; }} tr {{ break-inside: avoid; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{summary}</p>
<p>For each row, write <strong>ok</strong> in the verdict column when the translation says
exactly what the English says, in plain words; otherwise write the fix in the comment column.
Legal entries come first. Enter the verdicts in the CSV sheet and run
<code>playbook i18n mark-reviewed --lang {language} SHEET.csv</code>.</p>
<table>
<thead><tr><th>#</th><th>Where</th><th>English</th><th lang="{language}">Translation</th>
<th>Reviewed</th><th>Verdict</th><th>Comment</th></tr></thead>
<tbody>
{body}
</tbody>
</table>
</body>
</html>
"""


def write_html(rows: list[Row], path: Path, language: str) -> None:
    body = []
    for n, row in enumerate(rows, 1):
        where = f"{row.where}<br><small>{html.escape(row.po_file)}:{row.line}</small>"
        body.append(
            f'<tr class="{row.priority}"><td>{n}<br><small>{row.priority}</small></td>'
            f"<td>{where}</td><td>{html.escape(row.english)}</td>"
            f'<td lang="{language}">{html.escape(row.translation)}</td>'
            f"<td>{'yes' if row.reviewed else 'no'}</td>"
            '<td class="verdict"></td><td></td></tr>'
        )
    counts = Counter(r.priority for r in rows)
    reviewed = sum(r.reviewed for r in rows)
    summary = (
        f"{len(rows)} translated entries ({counts['legal']} legal first, "
        f"{counts['other']} other); {reviewed} already reviewed."
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        _PAGE.format(
            title=html.escape(f"Translation review sheet: {language}"),
            summary=html.escape(summary),
            language=html.escape(language),
            body="\n".join(body),
        ),
        encoding="utf-8",
    )


@dataclass
class MarkCounts:
    marked: int = 0
    already: int = 0
    changed: int = 0  # the English or the translation changed since the sheet was made
    not_approved: int = 0


def mark_reviewed(root: Path, language: str, sheet: Path) -> MarkCounts:
    """Flag as reviewed each entry the sheet approves, if it is still the same text."""
    counts = MarkCounts()
    approved: dict[str, list[dict[str, str]]] = {}
    with sheet.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if (row.get("verdict") or "").strip().casefold() in APPROVED:
                approved.setdefault(row["po_file"], []).append(row)
            else:
                counts.not_approved += 1
    for domain in DOMAINS:
        path = po_path(root, language, domain)
        rel = path.relative_to(root).as_posix()
        if rel not in approved or not path.is_file():
            continue
        po = polib.pofile(str(path), wrapwidth=100)
        index = {(e.msgctxt or "", e.msgid): e for e in po if not e.obsolete}
        for row in approved[rel]:
            entry = index.get((row["context"], row["english"]))
            if entry is None or _translation(entry) != row["translation"]:
                counts.changed += 1
            elif REVIEWED_FLAG in entry.flags:
                counts.already += 1
            else:
                entry.flags.append(REVIEWED_FLAG)
                counts.marked += 1
        po.save(str(path))
    return counts


@dataclass(frozen=True)
class PageStatus:
    where: str
    entries: int
    reviewed: int


def page_status(project: Project, language: str) -> list[PageStatus]:
    """Translated and reviewed entries per page (the interface strings as one page)."""
    total: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for row in review_rows(project, language):
        total[row.where] += 1
        done[row.where] += row.reviewed
    return [PageStatus(w, total[w], done[w]) for w in sorted(total)]
