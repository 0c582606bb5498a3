"""A translation a person can trust: the glossary keeps one rendering per concept, a
fluent reviewer works from a sheet, and a page says it is unreviewed until every string
it shows has been reviewed."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import polib
import pytest

from playbook_builder.authoring.glossary import check_entry, glossary_problems, load_glossary
from playbook_builder.cli import main
from playbook_builder.content.collation import sort_key
from playbook_builder.project import open_project
from playbook_builder.render.edition import render_edition
from playbook_builder.render.translate import (
    REVIEWED_FLAG,
    date_in,
    note_link_language,
    use_translator,
)

from .conftest import REPO
from .helpers import ES_EDITION

NOTICE = "The English version is the reference."


@pytest.fixture
def mini_es(mini: Path) -> Path:
    (mini / "mkdocs.jobseekers-es.yml").write_text(ES_EDITION, encoding="utf-8")
    assert main(["i18n", "extract", "--root", str(mini)]) == 0
    assert main(["i18n", "update", "es", "--root", str(mini)]) == 0
    return mini


def _po(root: Path, domain: str) -> Path:
    return root / "locale/es/LC_MESSAGES" / f"{domain}.po"


def _translate_all(root: Path, *, reviewed: bool) -> None:
    """Every entry "translated" (as its English: the test is about review state, not
    wording) and flagged reviewed or not."""
    for domain in ("content", "pages", "ui", "script"):
        po = polib.pofile(str(_po(root, domain)))
        for entry in po:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            entry.flags = [f for f in entry.flags if f not in ("fuzzy", REVIEWED_FLAG)]
            if reviewed:
                entry.flags.append(REVIEWED_FLAG)
        po.save()


def _notice_pages(root: Path) -> set[str]:
    project = open_project(root)
    try:
        rendered = render_edition(
            project.content_for(project.edition("jobseekers-es")), project.edition("jobseekers-es")
        )
    finally:
        use_translator(None)
    return {path for path, page in rendered.pages.items() if NOTICE in page.markdown}


# ---------------------------------------------------------------------- glossary


def test_bundled_catalogues_keep_to_the_glossary() -> None:
    glossary, problems = load_glossary(REPO, "es")
    assert glossary is not None and problems == []
    assert len(glossary.terms) >= 20
    assert [p.format() for p in glossary_problems(REPO, "es")] == []


def test_a_planted_variant_fails_the_glossary_with_its_po_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "locale", tmp_path / "locale")
    before = {p.format() for p in glossary_problems(tmp_path, "es")}
    po_file = tmp_path / "locale/es/LC_MESSAGES/content.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgstr and "horas extra" in e.msgstr and not e.obsolete)
    entry.msgstr = entry.msgstr.replace("horas extra", "tiempo extra", 1)
    po.save()
    found = polib.pofile(str(po_file)).find(entry.msgid, msgctxt=entry.msgctxt)
    assert found is not None
    line = found.linenum
    problems = [p.format() for p in glossary_problems(tmp_path, "es") if p.format() not in before]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"locale/es/LC_MESSAGES/content.po:{line}:1: ")
    assert (
        '"tiempo extra" is ruled out by the glossary; for "overtime" use "horas extra"'
        in (problems[0])
    )


def test_a_required_rendering_that_is_missing_is_reported(tmp_path: Path) -> None:
    shutil.copytree(REPO / "locale", tmp_path / "locale")
    po_file = tmp_path / "locale/es/LC_MESSAGES/ui.po"
    po = polib.pofile(str(po_file))
    po.append(polib.POEntry(msgid="Call the EEOC about discrimination.", msgstr="Llame."))
    po.save()
    messages = [p.message for p in glossary_problems(tmp_path, "es")]
    assert any('"discrimination" but not the glossary\'s "discriminación"' in m for m in messages)
    assert any('"EEOC" but not' in m for m in messages)


def test_names_given_in_english_are_not_read_as_spanish(tmp_path: Path) -> None:
    shutil.copytree(REPO / "locale", tmp_path / "locale")
    po_file = tmp_path / "locale/es/LC_MESSAGES/ui.po"
    po = polib.pofile(str(po_file))
    po.append(
        polib.POEntry(
            msgid="The Wage and Hour Division.",
            msgstr="La División de Horas y Salarios (en inglés: Wage and Hour Division).",
        )
    )
    po.save()
    messages = [p.message for p in glossary_problems(tmp_path, "es")]
    assert not any("Wage and Hour Division" in m for m in messages), messages


# -------------------------------------------------------------- reviewed entries


def test_notice_until_every_string_of_a_page_is_reviewed(mini_es: Path) -> None:
    _translate_all(mini_es, reviewed=False)
    unreviewed = _notice_pages(mini_es)
    assert "index.md" in unreviewed and len(unreviewed) >= 5

    _translate_all(mini_es, reviewed=True)
    assert _notice_pages(mini_es) == set()

    # One content entry of one item loses its review (its English changed, say): that
    # item's page and the pages listing every item say so again; the others do not.
    po = polib.pofile(str(_po(mini_es, "content")))
    entry = next(e for e in po if e.msgctxt and e.msgctxt.startswith("offer-check:"))
    entry.flags.remove(REVIEWED_FLAG)
    po.save()
    again = _notice_pages(mini_es)
    assert "checklists/offer-check.md" in again
    assert "index.md" in again
    assert not any(p.startswith("clusters/") for p in again)


def test_a_review_survives_an_update_only_while_the_english_is_the_same(mini_es: Path) -> None:
    _translate_all(mini_es, reviewed=True)
    source = mini_es / "content/checklists/offer-check.yml"
    po = polib.pofile(str(_po(mini_es, "content")))
    entry = next(
        e
        for e in po
        if e.msgctxt and e.msgctxt.startswith("offer-check:") and e.msgctxt.endswith("question")
    )
    source.write_text(
        source.read_text(encoding="utf-8").replace(entry.msgid, entry.msgid + " Really"),
        encoding="utf-8",
    )
    assert main(["i18n", "extract", "--root", str(mini_es)]) == 0
    assert main(["i18n", "update", "es", "--root", str(mini_es)]) == 0
    po = polib.pofile(str(_po(mini_es, "content")))
    changed = next(e for e in po if e.msgctxt == entry.msgctxt)
    assert "fuzzy" in changed.flags and REVIEWED_FLAG not in changed.flags
    kept = [e for e in po if e.msgctxt != entry.msgctxt and not e.obsolete]
    assert kept and all(REVIEWED_FLAG in e.flags for e in kept)


def test_review_sheet_puts_legal_entries_first_and_marks_what_is_approved(
    mini_es: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _translate_all(mini_es, reviewed=False)
    out = mini_es / "review"
    assert main(["i18n", "review-sheet", "--lang", "es", "--root", str(mini_es)]) == 0
    with (out / "review-es.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and rows[0]["priority"] == "legal"
    priorities = [r["priority"] for r in rows]
    assert priorities == sorted(priorities, key=lambda p: p != "legal")
    assert any(r["where"] == "state-by-state/tx.md" for r in rows)
    page = (out / "review-es.html").read_text(encoding="utf-8")
    assert "<script" not in page and page.count("<tr class=") == len(rows)

    # The reviewer approves two rows and queries one; one approved row's translation
    # is changed before the sheet comes back: it is not marked.
    rows[0]["verdict"] = "ok"
    rows[1]["verdict"] = "OK"
    rows[2]["verdict"] = "fix"
    rows[2]["comment"] = "Use 'salario mínimo'."
    with (out / "back.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    changed = polib.pofile(str(mini_es / rows[1]["po_file"]))
    entry = changed.find(rows[1]["english"], msgctxt=rows[1]["context"] or None)
    assert entry is not None
    entry.msgstr = "Otra traducción."
    changed.save()
    capsys.readouterr()
    assert (
        main(
            ["i18n", "mark-reviewed", "--lang", "es", "--root", str(mini_es), str(out / "back.csv")]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert said.startswith("1 marked reviewed, 0 already marked, 1 changed"), said
    po = polib.pofile(str(mini_es / rows[0]["po_file"]))
    first = po.find(rows[0]["english"], msgctxt=rows[0]["context"] or None)
    assert first is not None and REVIEWED_FLAG in first.flags
    assert main(["i18n", "status", "--pages", "--root", str(mini_es)]) == 0
    status = capsys.readouterr().out
    assert re.search(r"state-by-state/tx\.md\s+\d+ of \d+", status), status


def test_a_new_language_starts_with_one_command(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["i18n", "init", "fr", "--root", str(mini)]) == 0
    config = mini / "mkdocs.jobseekers-fr.yml"
    assert "translation_of: jobseekers" in config.read_text(encoding="utf-8")
    po = polib.pofile(str(mini / "locale/fr/LC_MESSAGES/content.po"))
    assert any(e.msgctxt and e.msgctxt.startswith("offer-check:") for e in po)
    assert (mini / "locale/fr/glossary.yml").is_file()
    assert main(["build", "--root", str(mini), "-e", "jobseekers-fr"]) == 0
    home = (mini / "site/jobseekers-fr/index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in home and NOTICE in home
    capsys.readouterr()
    assert main(["i18n", "init", "fr", "--root", str(mini)]) == 1
    assert "exists already" in capsys.readouterr().err


# ------------------------------------------------------------ language details


def test_names_sort_as_the_language_sorts() -> None:
    names = ["Montana", "Míchigan", "Misisipi", "Nueva York", "Ñandú", "Oregón", "Ohio"]
    assert sorted(names, key=lambda t: sort_key(t, "es")) == [
        "Míchigan",
        "Misisipi",
        "Montana",
        "Nueva York",
        "Ñandú",
        "Ohio",
        "Oregón",
    ]


def test_dates_are_written_as_the_reader_writes_them() -> None:
    day = dt.date(2026, 11, 25)
    assert date_in("en", day) == "November 25, 2026"
    assert date_in("es", day) == "25 de noviembre de 2026"


def test_links_to_pages_in_another_language_say_so() -> None:
    text = (
        "See [the rules](https://www.dol.gov/agencies/whd) and "
        "[las reglas](https://www.worker.gov/es/overtime). <https://osha.gov/workers>\n"
        '<a href="https://eeoc.gov/es/node/1">EEOC</a> <a href="tel:+18664879243">call</a>'
    )
    out = note_link_language(text, "es")
    assert "[the rules](https://www.dol.gov/agencies/whd) (in English)" in out
    assert "[las reglas](https://www.worker.gov/es/overtime) (in English)" not in out
    assert "<https://osha.gov/workers> (in English)" in out
    assert '<a href="https://eeoc.gov/es/node/1">EEOC</a> (in' not in out
    assert "call</a> (in" not in out
    assert note_link_language(out, "es") == out  # said once
    assert note_link_language(text, "en") == text


def test_a_name_is_not_the_term_it_spells() -> None:
    """ "Union" inside a list of counties is a place, not a labor union; "union" in a
    sentence, or "Unions" starting one, is the term and needs its rendering."""
    glossary, _problems = load_glossary(REPO, "es")
    assert glossary is not None
    union = next(t for t in glossary.terms if t.term == "union")
    assert check_entry(union, "Counties: Umatilla, Union and Wallowa.", "Condados: Union") is None
    for english in ("You may join a union.", "Unions help. Ask one.", "Ask. Unions help."):
        assert check_entry(union, english, "Puede unirse.") is not None
        assert check_entry(union, english, "Puede unirse a un sindicato.") is None
