"""Translated editions: the gettext workflow, isolation, language switches, and the
Spanish jobseeker edition in a browser."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest

from playbook_builder.authoring.i18n import script_table
from playbook_builder.cli import main
from playbook_builder.render.translate import (
    mark_english,
    mark_named_english,
    split_blocks,
    translatable_fields,
)

from .conftest import REPO
from .helpers import AGENCY_CANARY, DRAFT_CANARY, ES_EDITION, files_containing
from .stray_english import VISIBLE_TEXT_JS, stray_english, stray_english_in_texts


@pytest.fixture
def mini_es(mini: Path) -> Path:
    (mini / "mkdocs.jobseekers-es.yml").write_text(ES_EDITION, encoding="utf-8")
    return mini


def _switch_targets(site: Path, edition: str) -> list[tuple[Path, Path]]:
    pairs = []
    for page in sorted((site / edition).rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a class="pb-language" href="([^"]+)"', text):
            pairs.append((page, (page.parent / href / "index.html").resolve()))
    return pairs


def test_translation_edition_is_isolated_and_every_switch_resolves(
    mini_es: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--root", str(mini_es), "--strict"]) == 0
    capsys.readouterr()
    site = mini_es / "site"
    # Only jobseeker items: no agency canary, no draft, anywhere (pages, search, sitemap).
    assert files_containing(site / "jobseekers-es", AGENCY_CANARY) == []
    assert files_containing(site / "jobseekers-es", "county-board") == []
    assert files_containing(site, DRAFT_CANARY) == []
    assert 'lang="es"' in (site / "jobseekers-es/index.html").read_text(encoding="utf-8")
    # With no catalogue yet, every string is the English marked as English.
    home = (site / "jobseekers-es/index.html").read_text(encoding="utf-8")
    assert '<span lang="en">' in home
    for edition in ("jobseekers", "jobseekers-es"):
        pairs = _switch_targets(site, edition)
        pages = list((site / edition).rglob("index.html"))
        assert len(pairs) >= len(pages) - 1  # every page but the 404 page
        for page, target in pairs:
            assert target.is_file(), f"{page}: language switch leads to missing {target}"
            assert target.relative_to(site).parts[1:] == page.relative_to(site).parts[1:]


def test_po_round_trip_changed_english_becomes_fuzzy_and_check_reports_it(
    mini_es: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["i18n", "extract", "--root", str(mini_es)]) == 0
    assert main(["i18n", "update", "es", "--root", str(mini_es)]) == 0
    po_file = mini_es / "locale/es/LC_MESSAGES/content.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgctxt.endswith(".question"))
    context, english = entry.msgctxt, entry.msgid
    entry.msgstr = "¿Pregunta traducida?"
    po.save()
    assert main(["build", "--root", str(mini_es), "--edition", "jobseekers-es"]) == 0
    checklist_page = next(
        p
        for p in (mini_es / "site/jobseekers-es/checklists").rglob("index.html")
        if "¿Pregunta traducida?" in p.read_text(encoding="utf-8")
    )
    assert english not in checklist_page.read_text(encoding="utf-8")

    # The English changes: the translator's entry becomes fuzzy, keeping the old English.
    item_id = context.split(":")[0]
    source = next((mini_es / "content/checklists").glob(f"{item_id}.yml"))
    source.write_text(
        source.read_text(encoding="utf-8").replace(english, english.rstrip("?") + " now?"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["i18n", "extract", "--root", str(mini_es)]) == 0
    assert main(["i18n", "update", "es", "--root", str(mini_es)]) == 0
    assert "1 fuzzy" in capsys.readouterr().out
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgctxt == context)
    assert "fuzzy" in entry.flags and entry.previous_msgid == english
    assert entry.msgstr == "¿Pregunta traducida?"
    text = po_file.read_text(encoding="utf-8")
    assert f'#| msgid "{english}"' in text

    # The page shows the new English, marked, and check names the PO file and line.
    assert main(["build", "--root", str(mini_es), "--edition", "jobseekers-es"]) == 0
    html = checklist_page.read_text(encoding="utf-8")
    assert "¿Pregunta traducida?" not in html
    assert '<span lang="en">' + english.rstrip("?") + " now?</span>" in html
    capsys.readouterr()
    assert main(["check", "--root", str(mini_es)]) == 0
    report = capsys.readouterr().err
    found = re.search(
        rf"locale/es/LC_MESSAGES/content\.po:(\d+):1: warning: {re.escape(context)}: fuzzy", report
    )
    assert found, report
    # The line named is where the entry starts.
    rows = text.splitlines()
    at = int(found.group(1))
    assert context in "\n".join(rows[at - 1 : at + 6])
    assert main(["check", "--strict", "--root", str(mini_es)]) == 1
    # A removed string goes obsolete; status counts per file.
    capsys.readouterr()
    assert main(["i18n", "status", "--root", str(mini_es)]) == 0
    status = capsys.readouterr().out
    assert re.search(r"locale/es/LC_MESSAGES/content.po\s+0\s+1\s+\d+\s+0\s+0$", status, re.M)


def test_removed_english_becomes_obsolete(mini_es: Path) -> None:
    assert main(["i18n", "extract", "--root", str(mini_es)]) == 0
    assert main(["i18n", "update", "es", "--root", str(mini_es)]) == 0
    po_file = mini_es / "locale/es/LC_MESSAGES/ui.po"
    po = polib.pofile(str(po_file))
    po.append(polib.POEntry(msgid="A string no template has any more", msgstr="Ya no se usa"))
    po.save()
    assert main(["i18n", "update", "es", "--root", str(mini_es)]) == 0
    assert '#~ msgid "A string no template has any more"' in po_file.read_text(encoding="utf-8")


def test_script_strings_table_matches_node(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node")
    import subprocess

    module = REPO / "playbook_builder/assets/checklist/strings-en.js"
    out = subprocess.run(
        [
            node,
            "--input-type=module",
            "-e",
            f"import t from '{module.as_uri()}'; console.log(JSON.stringify(t))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert script_table() == json.loads(out)


def test_blocks_and_marks() -> None:
    text = '# Title\n\nA para\nwrapped.\n\n!!! note "N"\n    Body\n\n    more body\n\n- a\n- b\n'
    assert split_blocks(text) == [
        "# Title",
        "A para\nwrapped.",
        '!!! note "N"\n    Body\n\n    more body',
        "- a\n- b",
    ]
    assert mark_english("- one\n- two") == "- \ue000one\ue001\n- \ue000two\ue001"


def test_bundled_spanish_catalogues_are_complete_for_the_checklist() -> None:
    """Every interface string and every checklist string the Spanish edition shows has a
    translation (the pages may lag behind; check lists what does)."""
    for domain in ("script", "ui"):
        po = polib.pofile(str(REPO / f"locale/es/LC_MESSAGES/{domain}.po"))
        assert po.metadata["X-Reviewed"] == "no"
        assert [e.msgctxt or e.msgid for e in po.untranslated_entries()] == []
    po = polib.pofile(str(REPO / "locale/es/LC_MESSAGES/content.po"))
    missing = [e.msgctxt for e in po.untranslated_entries() if e.msgctxt.startswith("offer-")]
    assert missing == []


def test_stray_english_is_found_outside_lang_en_only() -> None:
    assert stray_english('<p lang="es">Elija una oferta.</p><p>Es un buen trabajo.</p>') == []
    found = stray_english(
        "<main><p>Revise la oferta. Show all the questions</p>"
        '<a href="#" aria-label="Quick check: what matters">Ver</a>'
        "<p>Cargo<br>de trabajo: Tips and the law</p></main>"
    )
    assert [f.split(":")[0] for f in found] == ["p", "<a aria-label>", "p", "p"]
    assert (
        stray_english(
            '<p>Según la ley (en inglés: <span lang="en">Fair Labor Standards Act and the rest'
            "</span>) y <code>the_key</code><script>var the = 1;</script>"
            '<a href="https://www.dol.gov/what-is-the-law">https://www.dol.gov/what-is-the-law</a>'
            '<div class="md-dialog" hidden>Copied to clipboard with the theme</div></p>'
        )
        == []
    )
    assert stray_english_in_texts([("li", "Oregon, Nueva York, Distrito de Columbia")]) == []


def test_names_a_translation_gives_in_english_are_marked() -> None:
    text = "Vea (fuente en inglés: Pay and Hours\nWorked) y (en inglés: at will)."
    marked = mark_named_english(text, "es")
    assert marked == (
        "Vea (fuente en inglés: \ue000Pay and Hours\nWorked\ue001) y (en inglés: \ue000at will\ue001)."
    )
    assert mark_named_english(text, "fr") == text


def test_state_fact_keys_are_data_not_text() -> None:
    from playbook_builder.content.load import load_content

    content, _problems = load_content(REPO, ["jobseekers"])
    offer = content.items["offer-evaluation"]
    keys = [loc for loc, _text in translatable_fields(offer, "jobseekers")]
    assert keys and not [loc for loc in keys if "state_facts" in loc]
    po = polib.pofile(str(REPO / "locale/es/LC_MESSAGES/content.po"))
    assert not [e.msgctxt for e in po if "state_facts" in (e.msgctxt or "")]


def test_spanish_pages_show_no_stray_english(es_site: Path) -> None:
    """Every page of the Spanish edition: English only inside lang="en"."""
    pages = sorted((es_site / "jobseekers-es").rglob("*.html"))
    assert len(pages) > 10
    found = [
        f"{page.relative_to(es_site)}: {hit}"
        for page in pages
        for hit in stray_english(page.read_text(encoding="utf-8"))
    ]
    assert found == []


# ------------------------------------------------------------------- browser (Spanish)


@pytest.fixture(scope="module")
def es_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("es") / "site"
    assert (
        main(
            [
                "build",
                "--root",
                str(REPO),
                "-e",
                "jobseekers",
                "-e",
                "jobseekers-es",
                "--strict",
                "--site-dir",
                str(out),
            ]
        )
        == 0
    )
    return out


def test_bundled_language_switches_resolve(es_site: Path) -> None:
    for edition in ("jobseekers", "jobseekers-es"):
        pairs = _switch_targets(es_site, edition)
        assert pairs
        for page, target in pairs:
            assert target.is_file(), f"{page}: switch leads to missing {target}"
    landing = (es_site / "index.html").read_text(encoding="utf-8")
    assert 'href="jobseekers-es/" lang="es"' in landing


@pytest.fixture(scope="module")
def es_base(es_site: Path) -> Iterator[str]:
    from .conftest import serve_folder

    yield from serve_folder(es_site)


@pytest.mark.browser
def test_spanish_pages_pass_axe_and_answers_move_between_languages(
    es_base: str, tmp_path: Path, browser: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .helpers import WCAG_21_AA

    page = browser.new_page(accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    axe = Axe()
    for path in (
        "",
        "checklists/offer-evaluation/",
        "guides/know-your-rights/",
        "state-by-state/",
    ):
        page.goto(es_base + "jobseekers-es/" + path)
        result = axe.run(page, options=WCAG_21_AA)
        assert result.response["violations"] == [], path
    offer = "checklists/offer-evaluation/"
    for saved_on, restored_on, save, restore, restored in (
        (
            "jobseekers",
            "jobseekers-es",
            "Save to file",
            "Abrir un archivo guardado",
            "Se recuperaron",
        ),
        (
            "jobseekers-es",
            "jobseekers",
            "Guardar en un archivo",
            "Restore from file",
            "Restored",
        ),
    ):
        page.goto(es_base + f"{saved_on}/{offer}")
        page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
        page.reload()
        radios = page.locator("fieldset.pb-item:visible")  # the quick check hides the rest
        answers = {}
        for i in range(3):
            item = radios.nth(i)
            item.locator("input").nth(i % 2).check()
            answers[item.get_attribute("data-pb-item")] = (
                item.locator("input").nth(i % 2).get_attribute("value")
            )
        with page.expect_download() as download:
            page.get_by_role("button", name=save).click()
        saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        page.goto(es_base + f"{restored_on}/{offer}")
        page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
        page.reload()
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name=restore).click()
        chooser.value.set_files(download.value.path())
        page.wait_for_function(
            "(w) => document.querySelector('.pb-message').textContent.startsWith(w)",
            arg=restored,
        )
        got = {
            el.get_attribute("name"): el.get_attribute("value")
            for el in page.locator(".pb-item input:checked").all()
        }
        assert got == answers, (saved_on, saved)
    # CSV headings in the page's language.
    page.goto(es_base + f"jobseekers-es/{offer}")
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Descargar CSV").click()
    head = Path(csv_download.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
    assert head.startswith('"Sección","Id de la pregunta","Pregunta"')
    assert errors == []


ES_OFFER_NUMBERS = [
    {"Pago": "18.50", "Pago por": "hora", "Horas por semana que espera": "32",
     "Horas por semana seguras": "20", "Viaje al trabajo, minutos de ida": "25",
     "Costo del viaje por semana ($)": "30",
     "Lo que usted paga por el seguro médico ($)": "45",
     "Costo del seguro médico por": "dos semanas"},
    {"Pago": "600", "Pago por": "semana", "Horas por semana que espera": "40"},
]  # fmt: skip


@pytest.mark.browser
def test_spanish_offer_checklist_after_the_script_shows_no_stray_english(
    es_base: str, browser: Any
) -> None:
    """The script writes text into the page (quick check, state figures, keep notice,
    offer numbers, the comparison): all of it Spanish, English only inside lang="en"."""
    from .helpers import fill_numbers, states_loaded

    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(es_base + "jobseekers-es/checklists/offer-evaluation/")
    page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
    page.reload()
    assert page.inner_text(".pb-view-text").startswith("Revisión rápida:")
    states_loaded(page, ".pb-state-choice")
    page.locator(".pb-state-choice select").select_option("CO")
    page.wait_for_function("() => !document.querySelector('.pb-loading')")
    for index, numbers in enumerate(ES_OFFER_NUMBERS):
        if index:
            page.get_by_role("button", name="Agregar otra oferta").click()
        fill_numbers(page, numbers)
        page.get_by_label("Nombre de esta oferta").fill(["Café", "Bodega"][index])
        shown = page.locator("fieldset.pb-item:visible")
        for i in range(3):
            shown.nth(i).locator("input").nth((i + index) % 3).check()
    # Tips with the state's figures, the comparison and every answer side by side.
    with_floor = page.locator("fieldset.pb-item:visible", has=page.locator(".pb-state-floor"))
    with_floor.first.locator("details.pb-tips summary").click()
    assert "En Colorado" in with_floor.first.locator(".pb-state-floor").inner_text()
    cards = page.locator(".pb-weigh-card")
    assert cards.count() == 2
    # Dollars as in the United States, as the number fields read them.
    cafe = cards.nth(0).inner_text()
    assert "$18.50 por hora" in cafe
    assert "$18.50 × 32 horas × 52 semanas = $30,784.00" in cafe
    page.locator("details.pb-every-answer summary").click()
    texts = page.evaluate(VISIBLE_TEXT_JS)
    assert len(texts) > 100
    assert stray_english_in_texts([(where, text) for where, text in texts]) == []
    # The full list, too.
    page.locator(".pb-view-toggle").first.click()
    assert stray_english_in_texts(page.evaluate(VISIBLE_TEXT_JS)) == []
    assert errors == []
    page.close()


@pytest.mark.browser
def test_spanish_rights_page_state_choice_is_in_spanish(es_base: str, browser: Any) -> None:
    """The rights page's "Your state" box (no checklist on the page) takes its words from
    the page's string table, as the checklist does."""
    from .helpers import states_loaded

    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(es_base + "jobseekers-es/guides/know-your-rights/")
    states_loaded(page, ".pb-state-page")
    assert page.get_by_label("Su estado").count() == 1
    page.locator(".pb-state-page select").select_option("CO")
    page.wait_for_function("() => !document.querySelector('.pb-loading')")
    assert "En Colorado" in page.locator(".pb-state-page .pb-state-floor").inner_text()
    assert stray_english_in_texts(page.evaluate(VISIBLE_TEXT_JS)) == []
    assert errors == []
    page.close()
