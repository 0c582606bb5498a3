"""A playbook project on disk: its root, editions and validated content."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from playbook_builder.content.collection import Content
from playbook_builder.content.load import load_content
from playbook_builder.content.problems import ContentError, Problem, has_errors
from playbook_builder.editions import Edition, all_audiences, discover_editions


@dataclass
class Project:
    root: Path
    editions: list[Edition]
    content: Content
    problems: list[Problem]
    # What loading the base content found (``problems`` adds overlays and readability):
    # a build hands content and these to each edition's MkDocs run, so it reads them once.
    base_problems: list[Problem] = field(default_factory=list)

    def edition(self, edition_id: str) -> Edition:
        for edition in self.editions:
            if edition.id == edition_id:
                return edition
        known = ", ".join(e.id for e in self.editions)
        raise KeyError(f"no edition '{edition_id}'; the editions are: {known}")

    def content_for(self, edition: Edition) -> Content:
        """The content an edition is assembled from: the project's, plus the edition's
        overlay items when it has an overlay (loaded here, before any rendering)."""
        from playbook_builder.overlays import with_overlay

        return with_overlay(self.content, edition)


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``mkdocs.yml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def project_editions(root: Path) -> list[Edition]:
    """The project's editions; raise :class:`ContentError` when there are none."""
    editions = discover_editions(root)
    if not editions:
        raise ContentError(
            [
                Problem(
                    "mkdocs.yml",
                    0,
                    0,
                    "",
                    "no edition files (mkdocs.<edition>.yml) found in " + str(root),
                )
            ]
        )
    return editions


# A check a caller adds to loading: it reads loaded content and returns its problems
# (the staff tools add the reading-grade warnings, authoring/readability.py).
ContentCheck = Callable[[Content, list[Edition]], list[Problem]]


def open_project(root: Path, *, checks: Sequence[ContentCheck] = ()) -> Project:
    """Load a project; raise :class:`ContentError` with every problem if it has errors.

    ``checks`` run on content that loaded without errors (a plain build adds none: the
    reading-grade check loads a pronunciation dictionary, about a second on new text).
    """
    editions = project_editions(root)
    content, problems = load_content(root, all_audiences(editions))
    base_problems = list(problems)
    if not has_errors(problems):
        from playbook_builder.overlays import load_overlay

        for edition in editions:
            problems += load_overlay(content, edition)[1]
    for check in checks:
        if not has_errors(problems):
            problems += check(content, editions)
    project = Project(
        root=root,
        editions=editions,
        content=content,
        problems=problems,
        base_problems=base_problems,
    )
    if has_errors(problems):
        raise ContentError(problems)
    return project
