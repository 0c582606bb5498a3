"""Jurisdictions: the model, validation reports, stale figures, the State by state page,
the JSON data for scripts, and edition overlays."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from playbook_builder.authoring.check import editorial_problems
from playbook_builder.cli import main
from playbook_builder.content.models import Jurisdiction, LawFact, MinimumWage
from playbook_builder.project import open_project
from playbook_builder.render.pages import render_edition

from .conftest import MINI, REPO

CO = (MINI / "content/jurisdictions/co.yml").read_text()
SOURCE = {
    "title": "A table",
    "publisher": "A department",
    "url": "https://www.dol.gov/x",
    "accessed": dt.date(2026, 12, 1),
}

BAD: dict[str, str] = {
    "jurisdiction-missing-source": CO.replace(
        "paid_sick_leave:\n  exists: true\n", "paid_sick_leave:\n  exists: true\n  note: x\n"
    ).replace(
        """  link: https://cdle.colorado.gov/dlss/equal-pay-for-equal-work-act
  source:
    title: Equal Pay for Equal Work Act
    publisher: Colorado Department of Labor and Employment
    url: https://cdle.colorado.gov/dlss/equal-pay-for-equal-work-act
    accessed: 2026-12-01
""",
        "  link: https://cdle.colorado.gov/dlss/equal-pay-for-equal-work-act\n",
    ),
    "jurisdiction-rate-not-a-number": CO.replace("rate: 14.81", 'rate: "$14.81"').replace(
        "cash_wage: 11.79", "cash_wage: eleven"
    ),
    "jurisdiction-unknown-code": CO.replace("code: CO", "code: CX"),
    "jurisdiction-code-not-file-name": CO.replace("code: CO", "code: TX"),
    "jurisdiction-unknown-with-values": CO.replace(
        "osha_plan:\n  status: unknown\n", "osha_plan:\n  status: unknown\n  exists: true\n"
    ),
}


def test_known_fact_needs_a_source() -> None:
    with pytest.raises(ValidationError, match="a known fact needs a source"):
        LawFact.model_validate({"exists": True})
    assert LawFact.model_validate({"status": "unknown"}).exists is None


def test_rate_must_be_a_number_not_text() -> None:
    with pytest.raises(ValidationError, match="valid number"):
        MinimumWage.model_validate(
            {"rate": "14.81", "as_of": dt.date(2025, 1, 1), "source": SOURCE}
        )
    wage = MinimumWage.model_validate({"rate": 14, "as_of": dt.date(2025, 1, 1), "source": SOURCE})
    assert wage.rate == 14.0


def test_known_minimum_wage_needs_a_rate_and_date() -> None:
    with pytest.raises(ValidationError, match="needs as_of"):
        MinimumWage.model_validate({"rate": 9.0, "source": SOURCE})
    with pytest.raises(ValidationError, match="needs a rate, or `no_state_rate: true`"):
        MinimumWage.model_validate({"as_of": dt.date(2025, 1, 1), "source": SOURCE})


def test_code_must_be_a_state() -> None:
    data: dict[str, Any] = {
        "id": "zz",
        "title": "Nowhere",
        "audiences": ["jobseekers"],
        "status": "draft",
        "code": "ZZ",
        **{name: {"status": "unknown"} for name in Jurisdiction.FACTS},
    }
    with pytest.raises(ValidationError, match="'ZZ' is not a state code"):
        Jurisdiction.model_validate(data)


@pytest.mark.parametrize("case", sorted(BAD))
def test_jurisdiction_validation_report(
    case: str, mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    (mini / "content/jurisdictions/co.yml").write_text(BAD[case], encoding="utf-8")
    assert main(["validate", "--root", str(mini)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    golden(f"errors/{case}.txt", err)


def test_check_reports_stale_figures(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    project = open_project(mini, readability=False)
    stale = [
        p.format()
        for p in editorial_problems(project, max_age_days=365, today=dt.date(2026, 12, 1))
        if "figure is as of" in p.message
    ]
    assert stale and all("as_of" in line for line in stale)
    golden("errors/jurisdiction-stale-figures.txt", "\n".join(stale) + "\n")
    fresh = editorial_problems(project, max_age_days=730, today=dt.date(2026, 12, 1))
    assert not [p for p in fresh if "figure is as of" in p.message]


def test_state_page_shows_figures_dates_sources_and_unknowns() -> None:
    project = open_project(MINI, readability=False)
    rendered = render_edition(project.content, project.edition("jobseekers"))
    page = rendered.pages["state-by-state.md"].markdown
    assert "**Jump to a state:** [Colorado](#co) · [Texas](#tx)" in page
    assert "highest one that covers your job" in page
    assert "$14.81 an hour (as of January 1, 2025)" in page
    # A fact nobody could source sends the reader to the labor department, not a guess.
    texas = page.split("## Texas")[1]
    assert "not known here" in texas and "$" not in texas
    assert "https://www.dol.gov/agencies/whd" in texas
    assert {"State by state": "state-by-state.md"} in rendered.nav
    # The employer and agency editions do not show jurisdictions.
    for other in ("employers", "agencies"):
        assert (
            "state-by-state.md" not in render_edition(project.content, project.edition(other)).pages
        )


def test_jurisdiction_data_for_scripts() -> None:
    project = open_project(MINI, readability=False)
    rendered = render_edition(project.content, project.edition("jobseekers"))
    data = json.loads(rendered.files["data/jurisdictions.json"])
    assert data["format"] == 1
    assert list(data["jurisdictions"]) == ["US", "CO", "TX"]
    colorado = data["jurisdictions"]["CO"]["facts"]
    assert colorado["minimum_wage"]["rate"] == 14.81
    assert colorado["minimum_wage"]["as_of"] == "2025-01-01"
    assert colorado["minimum_wage"]["source"]["published"] == "2025-01-01"
    assert data["jurisdictions"]["TX"]["facts"]["minimum_wage"] == {
        "status": "unknown",
        **{k: None for k in ("summary", "link", "as_of", "source", "rate", "effective")},
        "no_state_rate": False,
        "local_rates": None,
    }


def test_pinned_edition_shows_one_state_and_overlay_replaces_only_there() -> None:
    project = open_project(MINI, readability=False)
    co = render_edition(project.content, project.edition("jobseekers-co"))
    base = render_edition(project.content, project.edition("jobseekers"))
    state = co.pages["state-by-state.md"]
    assert state.title == "Your legal floors in Colorado"
    assert "## Colorado" in state.markdown and "## Texas" not in state.markdown
    assert "Jump to a state" not in state.markdown
    # The overlay page replaces the base page with the same id, in this edition only.
    rights = co.pages["guides/rights.md"]
    assert rights.title == "Know your rights in Colorado"
    assert rights.source == "overlays/co/content/pages/rights.md"
    assert "COLORADOCANARY-5d1c" in rights.markdown
    assert "(../../state-by-state/#co)" in rights.markdown or "state-by-state.md#co" in (
        rights.markdown
    )
    assert "COLORADONEWCANARY-8e2a" in co.pages["guides/colorado-help.md"].markdown
    assert base.pages["guides/rights.md"].title == "Know your rights"
    assert "guides/colorado-help.md" not in base.pages
    # The base content itself is untouched.
    assert project.content.files["rights"] == "content/pages/rights.md"


def test_overlay_problems_name_the_overlay_file(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = mini / "overlays/co/content/pages/rights.md"
    page.write_text(page.read_text().replace("(ref:pay-equity)", "(ref:pay-equty)"))
    assert main(["validate", "--root", str(mini)]) == 1
    err = capsys.readouterr().err
    assert "overlays/co/content/pages/rights.md:10:" in err
    assert "link to 'ref:pay-equty' points at no item (did you mean 'pay-equity'?)" in err


def test_unknown_jurisdiction_in_edition_is_an_error(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = mini / "mkdocs.jobseekers-co.yml"
    config.write_text(config.read_text().replace("jurisdiction: CO", "jurisdiction: Colorado"))
    assert main(["validate", "--root", str(mini)]) == 1
    assert "'Colorado' is not a state code" in capsys.readouterr().err


def test_bundled_jurisdictions_cover_every_state() -> None:
    files = sorted(p.stem for p in (REPO / "content/jurisdictions").glob("*.yml"))
    assert len(files) == 52 and "us" in files and "dc" in files
