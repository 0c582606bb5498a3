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
from playbook_builder.content.place import Jurisdiction, LawFact, MinimumWage
from playbook_builder.project import open_project
from playbook_builder.render.edition import render_edition

from .conftest import MINI, REPO

CO = (MINI / "content/jurisdictions/co.yml").read_text()
DENVER = (MINI / "content/localities/co-denver.yml").read_text()
SOURCE = {
    "title": "A table",
    "publisher": "A department",
    "url": "https://www.dol.gov/x",
    "accessed": dt.date(2026, 12, 1),
}
FIRST_RATE = """    - from: 2025-01-01
      rate: 14.81
"""

BAD: dict[str, str] = {
    "jurisdiction-missing-source": CO.replace(
        """      summary: Job posts must show the pay and describe the benefits.
      source:
        title: Equal Pay for Equal Work Act
        publisher: Colorado Department of Labor and Employment
        url: https://cdle.colorado.gov/dlss/equal-pay-for-equal-work-act
        accessed: 2026-12-06
""",
        "      summary: Job posts must show the pay and describe the benefits.\n",
    ),
    "jurisdiction-rate-not-a-number": CO.replace("rate: 14.81", 'rate: "$14.81"').replace(
        "cash_wage: 11.79", "cash_wage: eleven"
    ),
    "jurisdiction-unknown-code": CO.replace("code: CO", "code: CX"),
    "jurisdiction-code-not-file-name": CO.replace("code: CO", "code: TX"),
    "jurisdiction-unknown-with-values": CO.replace(
        "osha_plan:\n  status: unknown\n",
        "osha_plan:\n  status: unknown\n  link: https://www.osha.gov/\n",
    ),
    # Every rule of the dated values at once: out of order, a duplicate date, a rate
    # below the federal floor with no note, a phone that is not one, an undated value
    # after a dated one.
    "jurisdiction-phone": CO.replace('phone: "303-318-8441"', 'phone: "call us"'),
    # Every whole-file rule of the dated values at once: out of order, a duplicate date,
    # a rate below the federal floor with no note, an undated value after a dated one.
    "jurisdiction-dated-values": CO.replace(
        "    - from: 2026-01-01\n      rate: 15.16", "    - from: 2024-01-01\n      rate: 15.16"
    )
    .replace(
        "    - from: 2026-01-01\n      cash_wage: 12.14",
        "    - from: 2025-01-01\n      cash_wage: 12.14",
    )
    .replace("rate: 14.81", "rate: 5.15")
    .replace(
        "osha_plan:\n",
        "    - exists: false\n      source:\n        title: A page\n        publisher: A state\n"
        "        url: https://cdle.colorado.gov/\n        accessed: 2026-12-06\nosha_plan:\n",
    ),
}


def test_known_fact_needs_values_each_with_a_source() -> None:
    with pytest.raises(ValidationError, match="a known fact needs `values`"):
        LawFact.model_validate({})
    with pytest.raises(ValidationError, match="source"):
        LawFact.model_validate({"values": [{"exists": True}]})
    assert LawFact.model_validate({"status": "unknown"}).entries() == []


def test_rate_must_be_a_number_with_a_date() -> None:
    with pytest.raises(ValidationError, match="valid number"):
        MinimumWage.model_validate(
            {"values": [{"rate": "14.81", "from": dt.date(2025, 1, 1), "source": SOURCE}]}
        )
    with pytest.raises(ValidationError, match="from"):
        MinimumWage.model_validate({"values": [{"rate": 9.0, "source": SOURCE}]})
    with pytest.raises(ValidationError, match="exactly one of `rate`, `federal_applies: true`"):
        MinimumWage.model_validate({"values": [{"from": dt.date(2025, 1, 1), "source": SOURCE}]})
    wage = MinimumWage.model_validate(
        {"values": [{"rate": 14, "from": dt.date(2025, 1, 1), "source": SOURCE}]}
    )
    assert wage.values[0].rate == 14.0


UNCHECKED = """    - from: 2026-07-01
      unchecked: true
      summary: Denver sets a new rate each July 1.
      source:
        title: Denver Minimum Wage
        publisher: City and County of Denver, Denver Labor
        url: https://www.denvergov.org/minimumwage
        accessed: 2026-12-06
"""


def test_an_unchecked_rate_is_said_plainly_and_is_due(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    day = dt.date(2025, 1, 1)
    with pytest.raises(ValidationError, match="exactly one of `rate`"):
        MinimumWage.model_validate(
            {"values": [{"from": day, "rate": 9.0, "unchecked": True, "source": SOURCE}]}
        )
    with pytest.raises(ValidationError, match="an unchecked rate needs a `summary`"):
        MinimumWage.model_validate({"values": [{"from": day, "unchecked": True, "source": SOURCE}]})
    (mini / "content/localities/co-denver.yml").write_text(DENVER + UNCHECKED, encoding="utf-8")

    def colorado_page(epoch: str) -> str:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        project = open_project(mini)
        edition = project.edition("jobseekers")
        rendered = render_edition(project.content_for(edition), edition)
        return rendered.pages["state-by-state/co.md"].markdown

    page = colorado_page("1796256000")  # 2026-12-03
    assert (
        "**Denver** (city): The rate may have changed on July 1, 2026; we could not check it yet. "
        "Before then it was $19.29 an hour. Denver sets a new rate each July 1."
    ) in page
    assert "$19.29 an hour. Since" not in page
    # Before the change, the known rate and the change ahead.
    page = colorado_page("1780000000")  # 2026-05-28
    assert "**Denver** (city): $19.29 an hour. Since January 1, 2026." in page
    assert "Changes on July 1, 2026." in page
    assert main(["facts", "due", "--root", str(mini), "--today", "2026-12-06"]) == 0
    out = capsys.readouterr().out
    assert "the rate from 2026-07-01 could not be read" in out
    assert "co-denver.yml:27:18: Denver (CO)" in out  # the `unchecked: true` line


def test_value_in_force_and_next_change() -> None:
    wage = MinimumWage.model_validate(
        {
            "values": [
                {"rate": 14.81, "from": dt.date(2025, 1, 1), "source": SOURCE},
                {"rate": 15.16, "from": dt.date(2026, 1, 1), "source": SOURCE},
            ]
        }
    )
    assert wage.in_force(dt.date(2024, 12, 31)) is None
    assert wage.in_force(dt.date(2025, 12, 31)) is wage.values[0]
    assert wage.in_force(dt.date(2026, 1, 1)) is wage.values[1]
    assert wage.next_change(dt.date(2025, 12, 31)) is wage.values[1]
    assert wage.next_change(dt.date(2026, 1, 1)) is None


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


def test_locality_whose_state_is_missing(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    (mini / "content/localities/wa-seattle.yml").write_text(
        DENVER.replace("co-denver", "wa-seattle").replace("state: CO", "state: WA"),
        encoding="utf-8",
    )
    (mini / "content/localities/denver.yml").write_text(
        DENVER.replace("id: co-denver", "id: denver"), encoding="utf-8"
    )
    assert main(["validate", "--root", str(mini)]) == 1
    err = capsys.readouterr().err
    golden("errors/locality-problems.txt", err)


def test_check_and_facts_due(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    project = open_project(mini)
    # Colorado's rate is expected to change on 2027-01-01 and no value from then is
    # recorded: due from that day, listed ahead with --within.
    before = [p.format() for p in editorial_problems(project, today=dt.date(2026, 12, 6))]
    assert not [line for line in before if "expected on" in line]
    after = [
        p.format()
        for p in editorial_problems(project, today=dt.date(2027, 1, 2))
        if "expected on" in p.message or "last read" in p.message
    ]
    assert after == [
        "content/jurisdictions/co.yml:20:18: warning: minimum_wage.expect_change: minimum wage: "
        "a new value was expected on 2027-01-01 and none is recorded from that date; re-read "
        "https://cdle.colorado.gov/wages/minimum-wage"
    ]
    # Sources read more than a year ago are due; --max-age overrides the year.
    late = editorial_problems(project, today=dt.date(2027, 12, 7))
    assert any("last read 2026-12-06, more than 365 days" in p.message for p in late)
    assert not [
        p
        for p in editorial_problems(project, fact_age_days=800, today=dt.date(2027, 12, 7))
        if "last read" in p.message
    ]
    capsys.readouterr()
    assert (
        main(["facts", "due", "--root", str(mini), "--today", "2026-12-06", "--within", "30"]) == 0
    )
    out = capsys.readouterr().out
    golden("facts-due.txt", out)
    assert "read: https://cdle.colorado.gov/wages/minimum-wage" in out


def test_state_pages_show_values_in_force_dates_sources_and_help(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2025-12-15: the 2025 rate is in force and the 2026 one is ahead.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765800000")
    project = open_project(MINI)
    rendered = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    )
    index = rendered.pages["state-by-state/index.md"].markdown
    assert "- [Colorado](co.md)" in index and "- [Texas](tx.md)" in index
    assert "highest one that covers your job" in index
    page = rendered.pages["state-by-state/co.md"].markdown
    assert (
        '<details class="pb-fact"><summary><strong>Minimum wage:</strong> $14.81 an hour.'
        "</summary><p>Since January 1, 2025. Denver and Edgewater set higher rates. Rises to "
        "$15.16 on January 1, 2026."
    ) in page
    assert 'data-pb-built="2025-12-15"' in page
    assert "**Denver** (city): $18.81 an hour. Since January 1, 2025." in page
    assert "[303-318-8441](tel:+13033188441) (help in Spanish)" in page
    assert "[1-866-487-9243](tel:+18664879243)" in page
    assert "We could not check these facts against an official source yet: state safety" in page
    # Texas: the state's rate is known; the unknown facts are named once, not one by one.
    texas = rendered.pages["state-by-state/tx.md"].markdown
    assert "$7.25 an hour.</summary><p>Since July 24, 2009." in texas
    assert texas.count("We could not check") == 1
    assert {"State by state": "state-by-state/index.md"} in rendered.nav
    for other in ("employers", "agencies"):
        pages = render_edition(
            project.content_for(project.edition(other)), project.edition(other)
        ).pages
        assert not [p for p in pages if p.startswith("state-by-state/")]
    # On the day of the change the page shows the new rate, "since" its date.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    page = (
        render_edition(
            project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
        )
        .pages["state-by-state/co.md"]
        .markdown
    )
    assert (
        "<strong>Minimum wage:</strong> $15.16 an hour.</summary><p>Since January 1, 2026." in page
    )
    assert "Rises to" not in page.split("<strong>Minimum wage:</strong>")[1].split("\n")[0]


def test_jurisdiction_data_for_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765800000")  # 2025-12-15
    project = open_project(MINI)
    rendered = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    )
    data = json.loads(rendered.files["data/jurisdictions.json"])
    assert data["format"] == 2 and data["built"] == "2025-12-15"
    assert list(data["jurisdictions"]) == ["US", "CO", "TX"]
    colorado = data["jurisdictions"]["CO"]
    wage = colorado["facts"]["minimum_wage"]
    # Format 1's fields: the value in force on the build date.
    assert wage["rate"] == 14.81 and wage["as_of"] == "2025-01-01"
    # Format 2: every value with its date and source.
    assert [(v["from"], v["rate"]) for v in wage["values"]] == [
        ("2025-01-01", 14.81),
        ("2026-01-01", 15.16),
    ]
    assert wage["values"][1]["source"]["url"] == "https://cdle.colorado.gov/dlss/comps-order-40"
    assert [x["id"] for x in colorado["localities"]] == ["co-denver"]
    assert colorado["facts"]["labor_office"]["phone"] == "303-318-8441"
    assert data["jurisdictions"]["TX"]["facts"]["tipped_wage"] == {
        "status": "unknown",
        "link": None,
    }


def test_pinned_edition_shows_one_state_and_overlay_replaces_only_there() -> None:
    project = open_project(MINI)
    co = render_edition(
        project.content_for(project.edition("jobseekers-co")), project.edition("jobseekers-co")
    )
    base = render_edition(
        project.content_for(project.edition("jobseekers")), project.edition("jobseekers")
    )
    state = co.pages["state-by-state/index.md"]
    assert state.title == "Your legal floors in Colorado"
    assert "Colorado" in state.markdown and "Texas" not in state.markdown
    assert "See all states" not in state.markdown
    # The overlay page replaces the base page with the same id, in this edition only.
    rights = co.pages["guides/rights.md"]
    assert rights.title == "Know your rights in Colorado"
    assert rights.source == "overlays/co/content/pages/rights.md"
    assert "COLORADOCANARY-5d1c" in rights.markdown
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


def test_facts_due_are_shown_but_do_not_fail_a_strict_check(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fact falls due as the calendar moves: `check --strict` shows it and still
    passes, so a commit that passed does not fail later with nothing changed."""
    # The fixture's two other warnings (a draft, a placeholder address) fail --strict.
    (mini / "content/practices/draft-practice.yml").unlink()
    board = mini / "case_studies/county-board.yml"
    board.write_text(board.read_text().replace("https://example.org/board", "https://www.dol.gov/"))
    tx = mini / "content/jurisdictions/tx.yml"
    tx.write_text(
        tx.read_text().replace("minimum_wage:\n", "minimum_wage:\n  expect_change: 2010-01-01\n")
    )
    assert main(["check", "--root", str(mini), "--strict"]) == 0
    err = capsys.readouterr().err
    assert err.endswith("0 errors, 1 warning\n")
    assert (
        "content/jurisdictions/tx.yml:11:18: warning: minimum_wage.expect_change: minimum wage: "
        "a new value was expected on 2010-01-01" in err
    )
