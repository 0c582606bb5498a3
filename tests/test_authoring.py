"""Staff tooling: starter files, JSON Schema, formatting, editorial checks, CI files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from playbook_builder.authoring.files import KIND_BY_SLUG, schema_texts
from playbook_builder.cli import main
from playbook_builder.project import open_project

from .conftest import REPO, audience_names, edition_ids

KINDS = sorted(KIND_BY_SLUG)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", KINDS)
def test_new_writes_a_valid_commented_draft(
    kind: str, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A jurisdiction's id is a state code in lower case.
    item_id = {"jurisdiction": "wy", "locality": "co-my-locality"}.get(kind, f"my-{kind}")
    code, out, _ = run(["new", "--root", str(mini), kind, item_id], capsys)
    assert code == 0
    rel = out.split()[1].rstrip(".")
    text = (mini / rel).read_text()
    if kind != "page":
        assert text.startswith(
            f"# yaml-language-server: $schema=../{'../' if not rel.startswith('case_studies') else ''}schemas/{kind}.schema.json\n"
        )
    assert "status: draft" in text and text.count("#") >= 3
    project = open_project(mini)
    assert project.content.items[item_id].status == "draft"
    # Scaffolding the same id twice is refused without touching the file.
    code, _, err = run(["new", "--root", str(mini), kind, item_id], capsys)
    assert code == 2 and "already used" in err  # a usage error, as click exits


def test_new_jurisdiction_needs_a_state_code(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["new", "--root", str(mini), "jurisdiction", "colorado"], capsys)
    assert code == 2 and "the state's postal code in lower case" in err


def test_new_rejects_a_bad_id(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["new", "--root", str(mini), "case-study", "Acme Bakery"], capsys)
    assert code == 2 and "lower-case letters" in err


def test_committed_schemas_are_current() -> None:
    project = open_project(REPO)
    for rel, text in schema_texts(project.content.audiences).items():
        assert (REPO / rel).read_text() == text, f"{rel} is stale: run playbook schema"


def test_schema_lists_fields_and_audiences() -> None:
    schema = json.loads((REPO / "schemas/case-study.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert sorted(schema["properties"]["audiences"]["items"]["enum"]) == audience_names(REPO)
    assert "illustrative" in schema["properties"]
    assert "description" in schema["properties"]["organization"]


def test_fmt_keeps_comments_and_order(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = mini / "content/metrics/union-membership-rate.yml"
    path.write_text(
        "# Top comment stays.\nid: union-membership-rate   # trailing comment stays\n"
        "title:    Union membership rate\naudiences:\n- agencies\nstatus: published\n"
        "cluster: worker-voice\ndefinition: Share of members.\nunit: percent\n"
        "reported_by:\n    -   administrative\ndata_sources: [CPS]\nfrequency: Yearly\n"
        "limitations: Annual only.\nwioa: Not an indicator.\n"
    )
    code, out, _ = run(["fmt", "--root", str(mini), "--check"], capsys)
    assert code == 1 and out == "would reformat content/metrics/union-membership-rate.yml\n"
    assert run(["fmt", "--root", str(mini)], capsys)[0] == 0
    text = path.read_text()
    assert text.startswith(
        "# Top comment stays.\nid: union-membership-rate   # trailing comment stays\n"
    )
    assert "title: Union membership rate\naudiences:\n  - agencies\n" in text
    assert "reported_by:\n  - administrative\n" in text
    assert run(["fmt", "--root", str(mini), "--check"], capsys)[0] == 0
    assert run(["validate", "--root", str(mini)], capsys)[0] == 0


def test_fmt_reports_unparsable_files(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "case_studies/bad.yml").write_text("id: bad\ntitle: [x\n")
    code, _, err = run(["fmt", "--root", str(mini)], capsys)
    assert code == 1 and err.startswith("case_studies/bad.yml:3:1: YAML syntax error")


def test_bundled_content_is_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["fmt", "--root", str(REPO), "--check"], capsys)
    assert code == 0, out + err


def test_check_reports_editorial_problems(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    case = mini / "case_studies/acme-clinic.yml"
    case.write_text(
        case.read_text()
        .replace(
            "title: A small clinic posts its pay ranges",
            "title: County worker board AGENCYCANARY-7f3e",
        )
        .replace(
            "summary: A composite clinic",
            "summary: See ![](chart.png) and [this](www.example) from a composite clinic",
        )
        + "updated: 2019-01-01\n"
    )
    code, out, err = run(["check", "--root", str(mini), "--max-age", "730"], capsys)
    assert code == 0 and out.startswith("Checked")
    golden("errors/check-editorial.txt", err.replace(str(mini), "<root>"))
    assert run(["check", "--root", str(mini), "--strict"], capsys)[0] == 1


def test_bundled_content_passes_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["check", "--root", str(REPO), "--strict"], capsys)
    assert code == 0, err


def test_ci_files_parse_and_use_the_readme_commands() -> None:
    yaml = YAML(typ="safe")
    readme = (REPO / "README.md").read_text()
    workflows = sorted((REPO / ".github/workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["check.yml", "deploy.yml", "engines.yml"]
    runs = []
    uses = []
    for path in workflows:
        data = yaml.load(path.read_text())
        assert data["jobs"], path
        assert True in data or "on" in data  # YAML 1.1 reads the key `on` as true
        for job in data["jobs"].values():
            runs += [step["run"] for step in job["steps"] if "run" in step]
            uses += [step["uses"] for step in job["steps"] if "uses" in step]
    assert any("playbook check --strict --format github" in r for r in runs)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    # One job per engine, each building with it.
    from playbook_builder.engine.engines import ENGINES

    engines = yaml.load((REPO / ".github/workflows/engines.yml").read_text())
    assert engines["jobs"]["engine"]["strategy"]["matrix"]["engine"] == list(ENGINES)
    assert any("--engine ${{ matrix.engine }}" in r for r in runs)
    assert any("playbook build --strict" in r for r in runs)
    editing = (REPO / "handbook/editing-content.md").read_text()
    assert "playbook validate" in editing and "playbook" in readme
    hooks = yaml.load((REPO / ".pre-commit-config.yaml").read_text())
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert "playbook validate" in entries and "playbook fmt --check" in entries


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci/run").read_text()
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash\n")[1:]]
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in ci.splitlines()


def test_plugin_options_are_declared_once_for_validate_mkdocs_and_the_readme() -> None:
    from playbook_builder.editions import OPTION_NAMES, options_table
    from playbook_builder.engine.adapter import PlaybookConfig

    assert list(OPTION_NAMES) == [name for name, _option in PlaybookConfig._schema]
    # README's table is written from the same declaration (paste options_table()).
    handbook = (REPO / "handbook/editions-and-places.md").read_text(encoding="utf-8")
    assert options_table() in handbook


def test_a_fourth_edition_needs_no_code_change(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "mkdocs.trainers.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: For trainers\nsite_dir: site/trainers\n"
        "plugins:\n  playbook:\n    edition: trainers\n    audiences: [trainers, employers]\n",
        encoding="utf-8",
    )
    practice = mini / "content/practices/regular-pay-review.yml"
    practice.write_text(
        practice.read_text("utf-8").replace(
            "audiences: [employers, agencies]", "audiences: [employers, agencies, trainers]"
        ),
        encoding="utf-8",
    )
    assert "trainers" in audience_names(mini) and "trainers" in edition_ids(mini)
    assert main(["validate", "--root", str(mini)]) == 0
    assert main(["build", "--root", str(mini), "--edition", "trainers", "--strict"]) == 0
    capsys.readouterr()
    built = mini / "site/trainers/practices/regular-pay-review/index.html"
    assert built.is_file()
