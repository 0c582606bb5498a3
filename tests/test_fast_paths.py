"""The fast paths staff wait on: `playbook validate` served from the data-only caches,
and commands importing only the libraries they use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.authoring import readability
from playbook_builder.content import parse_cache
from playbook_builder.project import open_project

HARD_TEXT = (
    "\n\nNotwithstanding contractual stipulations, remuneration adjustments necessitate "
    "comprehensive organisational deliberation regarding compensatory equitability "
    "considerations and administrative implementation responsibilities.\n"
)


def _grade_warnings(root: Path) -> list[str]:
    project = open_project(root, checks=(readability.reading_grade_problems,))
    return [p.format() for p in project.problems if "reading grade" in p.message]


def _add_hard_text(root: Path) -> Path:
    page = root / "content/pages/rights.md"
    page.write_text(page.read_text(encoding="utf-8") + HARD_TEXT, encoding="utf-8")
    return page


def test_warm_reading_grades_come_from_the_cache_and_match(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_hard_text(mini)
    cold = _grade_warnings(mini)
    assert any("content/pages/rights.md" in w for w in cold)
    assert (mini / parse_cache.GRADES_FILE).is_file()

    def no_scoring(text: str) -> float:
        raise AssertionError(f"scored again: {text[:40]}")

    monkeypatch.setattr(readability, "grade", no_scoring)
    assert _grade_warnings(mini) == cold


def test_changed_text_is_scored_again(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _grade_warnings(mini) == []
    scored: list[str] = []
    real = readability.grade

    def counting(text: str) -> float:
        scored.append(text)
        return real(text)

    monkeypatch.setattr(readability, "grade", counting)
    _add_hard_text(mini)
    warnings = _grade_warnings(mini)
    assert len(scored) == 1 and scored[0].startswith("Notwithstanding")
    assert any("content/pages/rights.md" in w for w in warnings)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: {**s, "scorer": "flesch-kincaid textstat 0.0.1"},
        lambda s: {**s, "version": 0},
        lambda s: {**s, "grades": {"../../x": 1.0}},
        lambda s: {**s, "grades": {k: True for k in s["grades"]}},
        lambda s: {**s, "grades": {k: "1.0" for k in s["grades"]}},
        lambda s: {**s, "grades": []},
        lambda s: {**s, "extra": 1},
    ],
    ids=["scorer", "version", "key", "bool", "text", "grades-type", "extra-key"],
)
def test_a_malformed_grade_cache_is_discarded(
    tamper: Any, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_hard_text(mini)
    cold = _grade_warnings(mini)
    written = mini / parse_cache.GRADES_FILE
    stored = json.loads(written.read_text(encoding="utf-8"))
    assert stored["grades"]
    written.write_text(json.dumps(tamper(stored)), encoding="utf-8")
    assert parse_cache.load_grades(mini, readability._scorer()) == {}
    # Every text is scored again, with the same result.
    assert _grade_warnings(mini) == cold


def test_a_non_finite_grade_is_discarded(mini: Path) -> None:
    _grade_warnings(mini)
    written = mini / parse_cache.GRADES_FILE
    text = written.read_text(encoding="utf-8")
    stored = json.loads(text)
    key = next(iter(stored["grades"]))
    written.write_text(
        text.replace(f'"{key}": {stored["grades"][key]}', f'"{key}": NaN'), encoding="utf-8"
    )
    assert "NaN" in written.read_text(encoding="utf-8")
    assert parse_cache.load_grades(mini, readability._scorer()) == {}


HEAVY = ("mkdocs", "material", "nh3", "textstat", "jinja2", "markdown")
PROBE = (
    "import json,sys;from playbook_builder.cli import main;code=main(sys.argv[1:]);"
    "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(%r))));sys.exit(code)"
)


def _modules_after(argv: list[str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_warm_validate_imports_no_site_engine_sanitiser_or_scorer(mini: Path) -> None:
    _modules_after(["validate", "--root", str(mini)])  # warms the caches
    assert _modules_after(["validate", "--root", str(mini)]) == []


def test_export_imports_no_site_engine(mini: Path, tmp_path: Path) -> None:
    loaded = _modules_after(
        ["export", "--root", str(mini), "--edition", "employers", "--out", str(tmp_path / "x")]
    )
    assert "mkdocs" not in loaded and "nh3" not in loaded and "material" not in loaded


# ------------------------------------------------------------------ repeated lines

TRICKY_LINES = [
    '<nav class="md-nav"><ul><li><a href="../x/">X</a></li>\n',
    "<p>plain text &amp; more</p>\n",
    "text that ends with an ampersand &amp\n",
    '<a href="javascript:alert(1)">bad</a>\n',
    '<img src="x.png" onerror="alert(1)">\n',
    "<div\n",
    '  class="split-tag" onclick="x()">\n',
    "<!-- a comment\n",
    "that ends here -->\n",
    "<script>\n",
    "var a = '<img onerror=x>';\n",
    "</script>\n",
    "<script>inline()</script>\n",
    "<title>Page <b>bold</b>\n",
    "</title>\n",
    "<style>p { color: red }\n",
    "</style>\n",
    '<link rel="stylesheet" href="https://elsewhere.example/x.css">\n',
    "<\n",
    "</\n",
    "<iframe src=x></iframe>\n",
    "<![CDATA[ x ]]>\n",
    '<meta http-equiv="refresh" content="0">\n',
    '<input type="text" value="a\n',
    'b">\n',
    "\n",
]


def _page(lines: list[str]) -> str:
    return "<html><head>\n" + "".join(lines) + "</head><body></body></html>\n"


def test_playback_of_repeated_lines_reads_exactly_what_the_parser_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from playbook_builder.render import sanitise

    assert sanitise._PLAYBACK, "this Python's parser keeps state the playback does not know"
    rng = random.Random(16)
    documents = [_page(rng.choices(TRICKY_LINES, k=rng.randint(1, 40))) for _ in range(400)]

    def results() -> list[Any]:
        found: list[Any] = []
        for doc in documents:
            found.append(sanitise._inventory(doc))
            try:
                found.append(sanitise.secure_page(doc, None, "Site"))
            except sanitise.PageRejected as exc:
                found.append(str(exc))
            found.append(sanitise.sanitise_html(doc))
        return found

    monkeypatch.setattr(sanitise, "_PLAYBACK", False)
    plain = results()
    monkeypatch.setattr(sanitise, "_PLAYBACK", True)
    for kept in (
        sanitise._LINE_EVENTS,
        sanitise._LINE_ELEMENTS,
        sanitise._LINE_AUDITS,
        sanitise._QUIET_AUDIT_LINES,
    ):
        kept.clear()
    assert results() == plain  # lines read once, recorded
    assert sanitise._LINE_EVENTS
    assert results() == plain  # recorded lines played back

    assert sanitise._LINE_ELEMENTS and sanitise._LINE_AUDITS
    # Lines read inside a script, a comment or a split tag are never recorded.
    sanitise._LINE_EVENTS.clear()
    inside = ["<script>\n", "var a = '<img onerror=x>';\n", "</script>\n"]
    inside += ["<!-- a comment\n", "that ends here -->\n", "<div\n"]
    inside += ['  class="split-tag" onclick="x()">\n']
    with pytest.raises(sanitise.PageRejected, match="onclick"):
        sanitise.secure_page(_page(inside), None, "Site")
    for line in inside[1], inside[4], inside[6]:
        assert line not in sanitise._LINE_EVENTS


SPELLINGS = [
    "<p>Para&para; &amp; &lt;b&gt; &#169; &#x27; &quot; &nbsp; &#10; &#0; &bogus;</p>\n",
    '<p>Line<br />\nnext<br/>and<hr />\n<img src="a.png" alt="x /> y" />\n',
    '<input type="checkbox" checked />\n<col span="2" />\n',
    "<p title='single &para;'>x</p>\n",
    '<p title="a &#39; b">x</p>\n',
    '<img src="a.png" onerror="x()" />\n',
    '<a href="java&#9;script:x()">y</a>\n',
    '<a href="&#106;avascript:x()">y</a>\n',
    "<custom-el data-x=1>z</custom-el>\n",
    "<form><form>nested</form></form>\n",
]


def test_spelling_shortcut_reports_what_the_element_comparison_reports() -> None:
    """The sanitiser skips comparing elements when the input, spelt as nh3 spells
    markup, equals the output; on hostile and odd input it must report exactly what the
    full comparison reports."""
    import random

    from playbook_builder.render import sanitise

    rng = random.Random(61)
    benign = [
        '<p>Para&para; &amp; &copy; &#8212; and <a href="../x/">a link</a></p>\n',
        '<p>Line<br />\nnext</p>\n<hr />\n<img src="a.png" alt="x /> y" />\n',
        '<h2 id="a">Title<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>\n',
        "<ul>\n<li>one &lt;two&gt; &quot;three&quot;</li>\n</ul>\n",
    ]
    shortcuts = 0
    for _ in range(400):
        lines = benign if rng.random() < 0.4 else benign + TRICKY_LINES + SPELLINGS
        fragment = "".join(rng.choices(lines, k=rng.randint(1, 12)))
        clean = sanitise._clean(fragment)
        full = sanitise._removed(fragment, clean)
        if sanitise._same_markup(fragment, clean):
            shortcuts += 1
            assert full == [], fragment
        assert sanitise.sanitise_html(fragment).removed == full
    assert shortcuts > 20  # the shortcut was exercised, not only the fallback


def test_page_check_skipping_the_sanitised_body_finds_what_a_full_read_finds() -> None:
    import random

    from playbook_builder.render import sanitise

    rng = random.Random(62)
    for _ in range(300):
        body = sanitise.sanitise_html(
            "".join(rng.choices(TRICKY_LINES + SPELLINGS, k=rng.randint(0, 8)))
        ).html
        before = "".join(rng.choices(TRICKY_LINES, k=rng.randint(0, 6)))
        after = "".join(rng.choices(TRICKY_LINES, k=rng.randint(0, 6)))
        page = (
            "<html><head>\n" + before + '<article class="md-content__inner md-typeset">'
            f"{body}</article>\n{after}</head><body></body></html>\n"
        )
        outcomes = []
        for sanitised in (None, body):
            try:
                outcomes.append(sanitise.secure_page(page, None, "Site", sanitised=sanitised))
            except sanitise.PageRejected as exc:
                outcomes.append(f"rejected: {exc}")
        assert outcomes[0] == outcomes[1], page


def test_serve_with_content_errors_stops_at_start_with_the_report(mini: Path) -> None:
    page = mini / "content/pages/rights.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: Know your rights", "title: [Know"),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "playbook_builder",
            "serve",
            "--root",
            str(mini),
            "--edition",
            "jobseekers",
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 1
    assert "content/pages/rights.md:3:10: YAML syntax error" in done.stderr
    assert "1 error, 0 warnings" in done.stderr
    assert "Traceback" not in done.stderr
