"""Problems found in content, as data with a position.

Every check in the project reports through :class:`Problem`, so a staff member sees one
report naming file, line, column and key for everything that is wrong at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content.

    ``file`` is relative to the project root with forward slashes; ``line`` and ``column``
    are 1-based (0 when the problem concerns the whole file); ``key_path`` reads like
    ``results[1].after`` and is empty for file-level problems.
    """

    file: str
    line: int
    column: int
    key_path: str
    message: str
    severity: Severity = Severity.ERROR
    # False for warnings about the calendar rather than the content (a legal fact due for
    # review): they are shown, but `--strict` does not fail on them, so a commit that
    # passed does not fail on a later day with nothing changed.
    strict: bool = True

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.key_path}:" if self.key_path else ""
        label = " warning:" if self.severity is Severity.WARNING else ""
        return f"{where}:{label}{key} {self.message}"


def format_report(problems: Iterable[Problem]) -> str:
    """The problems sorted by file and position, one per line, with a closing count."""
    ordered = sorted(problems)
    errors = sum(1 for p in ordered if p.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    lines = [p.format() for p in ordered]
    lines.append(
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )
    return "\n".join(lines) + "\n"


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))
