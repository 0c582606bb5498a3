"""The JSON Schemas editors use agree with `playbook validate`: every bundled file passes
its schema, and the cases where they used to disagree are refused by both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook_builder.content import models
from playbook_builder.content.load import content_files, load_content
from playbook_builder.content.yaml_source import split_front_matter
from playbook_builder.editions import all_audiences, discover_editions

from .conftest import MINI, REPO

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_FILE = {
    "cluster": "cluster",
    "framework": "framework",
    "practice": "practice",
    "case study": "case-study",
    "case-study": "case-study",
    "checklist": "checklist",
    "metric": "metric",
    "page": "page",
    "jurisdiction": "jurisdiction",
}


def _validator(model: type[models.ContentItem]) -> Any:
    name = SCHEMA_FILE.get(model.KIND, model.KIND.replace(" ", "-"))
    schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_editor_sees(value: Any) -> Any:
    """Dates as an editor's YAML language server sees them: strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value


def _data(model: type[models.ContentItem], path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    if model is models.Page:
        front, _body, _offset = split_front_matter(text)
        text = front or ""
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


def _bundled_files() -> list[tuple[type[models.ContentItem], Path]]:
    found = list(content_files(REPO))
    for overlay in sorted((REPO / "overlays").glob("*")) if (REPO / "overlays").is_dir() else []:
        found.extend(content_files(overlay))
    return found


def test_every_bundled_file_passes_its_schema() -> None:
    files = _bundled_files()
    assert len(files) > 100
    failures = []
    for model, path in files:
        errors = list(_validator(model).iter_errors(_as_editor_sees(_data(model, path))))
        failures.extend(f"{path.relative_to(REPO)}: {e.message}" for e in errors)
    assert failures == []


def _validator_verdict(root: Path) -> bool:
    audiences = all_audiences(discover_editions(root))
    _content, problems = load_content(root, audiences)
    return not any(p.severity == "error" for p in problems)


PRACTICE = ("content/practices/regular-pay-review.yml", models.Practice)
CASE_STUDY = ("case_studies/county-board.yml", models.CaseStudy)
CASES = {
    "blank-title": (*PRACTICE, "title: Review pay every year", "title: '   '"),
    "ftp-url": (*CASE_STUDY, "url: https://", "url: ftp://"),
    "bare-url": (*CASE_STUDY, "url: https://", "url: www."),
    "quoted-bool": (*PRACTICE, "first_step: true", "first_step: 'true'"),
    "quoted-bool-word": (*PRACTICE, "first_step: true", "first_step: 'yes'"),
    "quoted-number": (*CASE_STUDY, "source: 1", "source: '1'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_schema_and_validator_refuse_the_same_input(case: str, mini: Path) -> None:
    rel, model, before, after = CASES[case]
    path = mini / rel
    text = path.read_text("utf-8")
    assert before in text, before
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    schema_ok = not list(_validator(model).iter_errors(_as_editor_sees(_data(model, path))))
    assert (schema_ok, _validator_verdict(mini)) == (False, False)


def test_schema_and_validator_refuse_a_quoted_number(mini: Path) -> None:
    path = mini / "content/clusters/pay-equity.yml"
    lines = path.read_text("utf-8").splitlines()
    numbered = [i for i, line in enumerate(lines) if line.startswith("number: ")]
    assert numbered
    value = lines[numbered[0]].removeprefix("number: ")
    lines[numbered[0]] = f"number: '{value}'"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    schema_ok = not list(
        _validator(models.Cluster).iter_errors(_as_editor_sees(_data(models.Cluster, path)))
    )
    assert (schema_ok, _validator_verdict(mini)) == (False, False)


def test_a_page_needs_no_id_in_its_schema() -> None:
    schema = json.loads((REPO / "schemas/page.schema.json").read_text("utf-8"))
    assert "id" not in schema.get("required", [])
    assert "id" not in schema["properties"]
    page = MINI / "content/pages/rights.md"
    errors = list(_validator(models.Page).iter_errors(_as_editor_sees(_data(models.Page, page))))
    assert errors == []
