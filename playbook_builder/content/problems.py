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


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...,col=...::message``), so
    a pull request shows each problem on its line; a problem about a whole file (line 0)
    names the file only."""
    lines = []
    for p in sorted(problems):
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={max(p.column, 1)}"]
        if p.key_path:
            props.append(f"title={_escape_property(p.key_path)}")
        lines.append(f"::{p.severity.value} {','.join(props)}::{_escape_data(p.message)}")
    return "".join(line + "\n" for line in lines)


def format_json(problems: Iterable[Problem]) -> str:
    """The problems as one JSON document, for other tools."""
    import json

    ordered = sorted(problems)
    errors = sum(1 for p in ordered if p.severity is Severity.ERROR)
    document = {
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "key": p.key_path,
                "message": p.message,
                "severity": p.severity.value,
            }
            for p in ordered
        ],
        "errors": errors,
        "warnings": len(ordered) - errors,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATS = ("text", "github", "json")


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_report(self.problems))
