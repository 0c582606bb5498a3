"""The project's own documents: a short README, and links that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import REPO

DOCS = [
    REPO / "README.md",
    REPO / "CONTRIBUTING.md",
    REPO / "DEVELOPERS.md",
    REPO / "ANSWERS_FORMAT.md",
    REPO / "benchmarks/RESULTS.md",
    *sorted((REPO / "handbook").glob("*.md")),
]
LINK = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
CODE = re.compile(r"`[^`\n]+`")  # an example in a code span is not a link


def anchors(path: Path) -> set[str]:
    """Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces
    to hyphens."""
    text = FENCE.sub("", path.read_text("utf-8"))
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def test_readme_is_short_and_points_to_the_handbook() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= 150
    assert "handbook/README.md" in readme


def test_every_link_between_the_documents_resolves() -> None:
    broken = []
    for doc in DOCS:
        text = CODE.sub("", FENCE.sub("", doc.read_text("utf-8")))
        for target in LINK.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue  # web addresses, mailto: and tel: are not checked here
            path, _, anchor = target.partition("#")
            file = (doc.parent / path).resolve() if path else doc
            if not file.exists():
                broken.append(f"{doc.relative_to(REPO)}: {target} (no such file)")
            elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                broken.append(f"{doc.relative_to(REPO)}: {target} (no such heading)")
    assert broken == []
