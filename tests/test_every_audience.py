"""What validation accepts must build: every item of the bundled content, of every
kind, marked for every audience, builds every edition (translated and state-pinned
ones included) without a traceback.

This is the guard for a class of defect, not one bug: a field that reaches a
template or the translator in a shape the model refuses (an id wrapped as untranslated
text, for example) stops a build that ``validate`` passed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from playbook_builder.cli import main
from playbook_builder.content.kinds import KINDS

from .conftest import REPO, audience_names, edition_ids

_COPIED = ("content", "case_studies", "locale", "overlays", "docs")
_AUDIENCES_LINE = re.compile(r"^audiences:.*(?:\n[ \t]+-.*)*", re.M)


def _mark_for_everyone(project: Path, audiences: list[str]) -> int:
    """Rewrite each content file's ``audiences`` to every audience; the count."""
    marked = 0
    everyone = "audiences: [" + ", ".join(audiences) + "]"
    for path in sorted(project.rglob("*")):
        if path.suffix not in (".yml", ".md") or not path.is_file():
            continue
        if path.parent == project or "LC_MESSAGES" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        new, count = _AUDIENCES_LINE.subn(everyone, text, count=1)
        if count:
            path.write_text(new, encoding="utf-8")
            marked += 1
    return marked


@pytest.fixture(scope="module")
def everyone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("everyone")
    for name in _COPIED:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, project / name)
    for config in REPO.glob("mkdocs*.yml"):
        shutil.copy(config, project / config.name)
    assert _mark_for_everyone(project, audience_names(REPO)) > 200
    return project


def test_every_kind_is_in_the_copy(everyone: Path) -> None:
    folders = {kind.FOLDER for kind in KINDS if kind.FOLDER}
    for folder in folders:
        assert any((everyone / folder).glob("*.*")), f"no {folder} items to mark"


def test_every_item_for_every_audience_validates_then_builds(
    everyone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--root", str(everyone)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    site = everyone / "site"
    code = main(["build", "--root", str(everyone), "--site-dir", str(site)])
    output = capsys.readouterr()
    assert code == 0, output.err[-3000:]
    assert "Traceback" not in output.err
    for edition in edition_ids(REPO):
        assert (site / edition / "index.html").is_file(), edition
    # The case study with results reached the jobseekers' Spanish edition with its
    # metric link intact (the id never went through the translator).
    page = site / "jobseekers-es/case-studies/beyond-care-childcare-cooperative/index.html"
    html = page.read_text(encoding="utf-8")
    assert "employee-turnover-rate" in html
    marked = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "\ue000" in (text := p.read_text(encoding="utf-8")) or "\ue001" in text
    ]
    assert marked == []
