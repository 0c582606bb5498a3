"""Combine worker-pulse answer files, optionally against an employer's self-assessment.

This is the agency side of the paired checklists: a board or program collects the files
workers save from the pulse page (format in ANSWERS_FORMAT.md) and gets section averages
with small groups suppressed, next to the employer's own view where one is given. The
numbers are :func:`playbook_builder.checklists.scoring.compare_with_companion`'s, the same the
employer's page shows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook_builder.checklists.answers_file import MAX_FILE_BYTES, content_key
from playbook_builder.checklists.scoring import (
    AnswersFileError,
    checklist_definition,
    compare_with_companion,
    read_answers_file,
)
from playbook_builder.content.models import Checklist
from playbook_builder.project import Project
from playbook_builder.select import is_for_edition, select_for_edition


class CollectError(Exception):
    """The request cannot be answered (unknown checklist, no usable file)."""


@dataclass
class Collected:
    pulse: Checklist
    employer: Checklist
    result: dict[str, Any]
    used: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # (path, path of the earlier file with the same bytes): counted once, not again.
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    employer_file: str | None = None


def collect_pulse(
    project: Project,
    pulse_id: str,
    worker_files: list[Path],
    *,
    employer_file: Path | None = None,
    min_responses: int,
) -> Collected:
    pulse = project.content.get(pulse_id)
    if not isinstance(pulse, Checklist) or not pulse.pairs_with:
        paired = [c.id for c in project.content.of(Checklist) if c.pairs_with]
        raise CollectError(
            f"'{pulse_id}' is not a checklist paired with another; try: {', '.join(paired)}"
        )
    employer = project.content.get(pulse.pairs_with)
    assert isinstance(employer, Checklist)  # validation guarantees the pairing
    edition = next(
        (e for e in project.editions if is_for_edition(pulse, e) and is_for_edition(employer, e)),
        None,
    )
    if edition is None:
        raise CollectError(f"no edition shows both {pulse.id} and {employer.id}")
    shown = select_for_edition(project.content, edition)
    pulse_definition = checklist_definition(pulse, shown, edition)
    employer_definition = checklist_definition(employer, shown, edition)
    collected = Collected(pulse, employer, {})
    answer_sets = []
    seen: dict[str, str] = {}
    for path in worker_files:
        try:
            data = _read_bounded(path)
            first = seen.setdefault(content_key(data), str(path))
            if first != str(path):
                # The same file twice would count one worker twice, defeating suppression.
                collected.duplicates.append((str(path), first))
                continue
            saved = read_answers_file(data, pulse_definition)
        except (OSError, AnswersFileError) as exc:
            collected.rejected.append((str(path), _reason(exc)))
            continue
        answer_sets.append(saved.answer_sets[0][1])
        collected.used.append(str(path))
    if not answer_sets:
        raise CollectError(
            "no usable worker-pulse file:\n"
            + "\n".join(f"  {p}: {why}" for p, why in collected.rejected)
        )
    employer_answers: dict[str, str] = {}
    if employer_file is not None:
        try:
            employer_answers = read_answers_file(
                _read_bounded(employer_file), employer_definition
            ).answer_sets[0][1]
        except (OSError, AnswersFileError) as exc:
            raise CollectError(f"{employer_file}: {_reason(exc)}") from None
        collected.employer_file = str(employer_file)
    collected.result = compare_with_companion(
        employer_definition,
        employer_answers,
        answer_sets,
        companion=pulse.id,
        min_responses=min_responses,
    )
    return collected


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, reading no more than one byte past the size limit."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc.__class__.__name__})"
    return str(exc)


def _cell(value: float | None, suppressed: bool = False) -> str:
    if suppressed:
        return "suppressed"
    return "" if value is None else f"{value:g}"


def table_rows(collected: Collected) -> list[list[str]]:
    result = collected.result
    rows = [["Section", "Questions", "Employer", "Workers", "Responses", "Gap"]]
    for row in [*result["sections"], {**result["overall"], "title": "Overall"}]:
        rows.append(
            [
                row["title"],
                str(row["items"]),
                _cell(row["employer"]),
                _cell(row["workers"], row["suppressed"]),
                str(row["responses"]),
                _cell(row["gap"]),
            ]
        )
    return rows


def format_text(collected: Collected) -> str:
    rows = table_rows(collected)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    duplicates = (
        f", {len(collected.duplicates)} duplicate(s) ignored" if collected.duplicates else ""
    )
    lines = [
        f"{collected.pulse.title}: {len(collected.used)} file(s) used, {len(collected.rejected)} not used"
        f"{duplicates}; sections with fewer than {collected.result['min_responses']} responses"
        " are suppressed.",
        "Scores from 0 to 100 on the questions both checklists ask; gap = workers minus employer.",
        "",
    ]
    for n, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    for path, why in collected.rejected:
        lines.append(f"not used: {path}: {why}")
    for path, first in collected.duplicates:
        lines.append(f"duplicate, ignored: {path}: the same bytes as {first}")
    return "\n".join(lines) + "\n"


def format_csv(collected: Collected) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table_rows(collected))
    return out.getvalue()
