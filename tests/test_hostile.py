"""Hostile content and hostile files: rejected with a position, or inert in a browser.

Three layers are tested on their own: validation (a report with file:line:column),
the sanitiser and page check (with validation switched off, as if a pattern slipped
past it), and the Content-Security-Policy in a real browser.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from playbook_builder.cli import main
from playbook_builder.content import load as content_module
from playbook_builder.content import parse_cache
from playbook_builder.render.sanitise import (
    PageRejected,
    csp_policy,
    sanitise_html,
    script_hash,
    secure_page,
)

from .conftest import require_engine, serve_folder

# Each case: a value for a case study's `summary` (a Markdown field shown on the case
# study page, the case-study index and every cluster page it belongs to).
HOSTILE_TEXT: dict[str, str] = {
    "title-entities": "&lt;/title&gt;&lt;script&gt;alert('title')&lt;/script&gt;",
    "numeric-entities": "&#60;img src=x onerror=alert(1)&#62;",
    "js-link": "[click](javascript:alert(1))",
    "js-link-mixed-case": "[click](JaVaScRiPt:alert(1))",
    "js-link-entity-colon": "[click](javascript&#58;alert(1))",
    "js-link-tab": "[click](java\tscript:alert(1))",
    "js-link-angle": "[click](<javascript:alert(1)>)",
    "js-reference-definition": "[click][x]\n\n[x]: javascript:alert(1)",
    "js-autolink": "<javascript:alert(1)>",
    "vbscript-link": "[click](vbscript:msgbox(1))",
    "data-link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "attr-list-href": "word{: href='javascript:alert(1)' }",
    "attr-list-style": "Cover\n{: style='position:fixed;inset:0;background:red' }",
    "attr-list-handler": "Text\n{: onclick='alert(1)' }",
    "attr-list-class": "Text\n{ .md-button #fake }",
    "base-href": "<base href='https://attacker.example/'>",
    "meta-refresh": "<meta http-equiv='refresh' content='0;url=https://attacker.example/'>",
    "link-stylesheet": "<link rel=stylesheet href='https://attacker.example/x.css'>",
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)></svg>",
    "iframe": "<iframe src='https://attacker.example/'></iframe>",
    "style-element": "<style>body{display:none}</style>",
    "html-comment": "<!-- hidden -->",
    "form-action": "<form action='https://attacker.example/'><button>Go</button></form>",
    "bare-ref": "see ref:draft-practice for more",
}
# Where list items are rendered: a hostile step and action, too.
HOSTILE_LIST_ITEM = "Step [x](javascript:alert('step'))"


def _case_study(summary: str, title: str = "Hostile case") -> str:
    return (
        "id: hostile\n"
        f"title: {json.dumps(title)}\n"
        "audiences: [employers, agencies]\n"
        "status: published\n"
        "organization: Example\n"
        "sector: Health care\n"
        "size: small\n"
        "region: Somewhere\n"
        "clusters: [pay-equity]\n"
        f"summary: {json.dumps(summary)}\n"
        "challenge: A challenge.\n"
        f"actions: [{json.dumps(HOSTILE_LIST_ITEM)}]\n"
        "results:\n  - description: A result.\n"
        "practices: [regular-pay-review]\n"
        "illustrative: true\n"
    )


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ validation layer


def test_every_hostile_case_is_rejected_with_its_position(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    folder = mini / "case_studies"
    for name, text in HOSTILE_TEXT.items():
        body = _case_study(text).replace("id: hostile", f"id: {name}")
        body = body.replace(f"actions: [{json.dumps(HOSTILE_LIST_ITEM)}]", "actions: [Act.]")
        (folder / f"{name}.yml").write_text(body, encoding="utf-8")
    code, out, err = run(["validate", "--root", str(mini)], capsys)
    assert code == 1
    assert out == ""
    for name in HOSTILE_TEXT:
        assert re.search(rf"^case_studies/{name}\.yml:10:\d+: summary: ", err, re.M), name
    golden("errors/hostile-content.txt", err)


def test_hostile_title_and_list_item_are_rejected(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "case_studies/hostile.yml").write_text(
        _case_study("Fine.", title=HOSTILE_TEXT["title-entities"]), encoding="utf-8"
    )
    code, _out, err = run(["validate", "--root", str(mini)], capsys)
    assert code == 1
    assert "case_studies/hostile.yml:2:8: title: HTML character reference" in err
    assert "case_studies/hostile.yml:12:11: actions[0]: link target" in err


def test_hostile_page_body_is_reported_at_its_line(
    mini: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    (mini / "content/pages/hostile-page.md").write_text(
        "---\ntitle: Hostile\naudiences: [jobseekers]\nstatus: published\n---\n"
        "Fine first line.\n\n<base href='https://attacker.example/'>\n\n"
        "A [link](javascript:alert(1)) and <https://example.org/ok>.\n\n"
        "[r]: jav&#x61;script:alert(2)\n",
        encoding="utf-8",
    )
    code, _out, err = run(["validate", "--root", str(mini)], capsys)
    assert code == 1
    golden("errors/hostile-page.txt", err)


@pytest.mark.parametrize(
    "text",
    [
        "id: deep\ntitle: Deep\nsummary: " + "[" * 5000 + "]" * 5000 + "\n",
        "id: deep\ntitle: Deep\n" + "".join("  " * i + "k:\n" for i in range(3000)),
        "id: deep\ntitle: Deep\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)),
        "id: deep\ntitle: Deep\nsummary: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    ],
    ids=["flow-lists", "block-mappings", "block-lists", "flow-mappings"],
)
def test_deep_nesting_is_a_message_not_a_traceback(
    text: str, mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "content/practices/deep.yml").write_text(text, encoding="utf-8")
    code, _out, err = run(["validate", "--root", str(mini)], capsys)
    assert code == 1
    assert "Traceback" not in err and "RecursionError" not in err
    assert re.search(r"^content/practices/deep\.yml:\d+:\d+: nested more than 32 levels", err, re.M)


# ------------------------------------------------------------------ the parse cache


def test_cache_is_json_and_a_planted_cache_cannot_run_code(
    mini: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    assert run(["validate", "--root", str(mini)], capsys)[0] == 0
    written = mini / parse_cache.FILE
    stored = json.loads(written.read_text(encoding="utf-8"))
    assert stored["format"] == parse_cache.FORMAT
    files = {p.relative_to(mini).as_posix() for _m, p in content_module.content_files(mini)}
    assert files <= set(stored["files"])

    # A pickle that would create a file when unpickled, planted where caches live.
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."  # pickle protocol 0
    for name in ("parsed-v1.pickle", "parsed-v2.json"):
        (mini / ".playbook-cache" / name).write_bytes(payload)
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    assert run(["validate", "--root", str(mini)], capsys)[0] == 0
    assert not marker.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: {**s, "version": 1},
        lambda s: {**s, "files": []},
        lambda s: {
            **s,
            "files": {k: {**v, "key": ["x", 1]} for k, v in s["files"].items()},
        },
        lambda s: {"format": s["format"], "version": s["version"], "files": {"../../etc": {}}},
        lambda s: {
            **s,
            "files": {
                k: {**v, "parsed": {**v["parsed"], "data": {"$code": "x"}}}
                for k, v in s["files"].items()
            },
        },
    ],
    ids=["version", "files-type", "key-type", "path-escape", "unknown-tag"],
)
def test_a_malformed_cache_is_discarded(
    tamper: Callable[[dict[str, Any]], dict[str, Any]],
    mini: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    assert run(["validate", "--root", str(mini)], capsys)[0] == 0
    written = mini / parse_cache.FILE
    stored = json.loads(written.read_text(encoding="utf-8"))
    written.write_text(json.dumps(tamper(stored)), encoding="utf-8")
    assert parse_cache.load(mini) == {}
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    assert run(["validate", "--root", str(mini)], capsys)[0] == 0


def test_cache_round_trip_keeps_dates_and_problems(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini / "case_studies/bad.yml").write_text("id: bad\ntitle: [x\n", encoding="utf-8")
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    first = run(["validate", "--root", str(mini)], capsys)
    entries = parse_cache.load(mini)
    assert {p for _m, p in content_module.content_files(mini)} <= set(entries)
    content_module._PARSE_CACHE.clear()
    content_module._DISK_LOADED.clear()
    content_module._ITEM_CACHE.clear()
    second = run(["validate", "--root", str(mini)], capsys)
    assert first == second


# ------------------------------------------------------------------ sanitiser layer


def test_sanitiser_keeps_our_markup_and_removes_the_rest() -> None:
    ours = (
        '<form class="pb-checklist" id="f" novalidate><fieldset><legend>Q</legend>'
        '<label class="pb-option"><input type="radio" name="a" value="yes" '
        'aria-describedby="h"> <span>Yes</span></label></fieldset>'
        '<template class="pb-definition" data-search-exclude>{"a": "\\u003cb>"}</template>'
        "</form>"
        '<p><a href="../x/">rel</a> <a href="https://example.org/">abs</a> '
        '<a href="mailto:a@example.org">m</a> <a href="tel:+15555550100">t</a></p>'
        '<details class="note"><summary>More</summary><p>x</p></details>'
    )
    result = sanitise_html(ours)
    assert result.removed == []
    assert '{"a": "\\u003cb&gt;"}</template>' in result.html
    assert 'href="../x/"' in result.html and 'href="tel:+15555550100"' in result.html

    hostile = (
        '<p style="position:fixed" onclick="alert(1)">x</p>'
        '<a href="javascript:alert(1)">j</a><a href="java&#9;script:alert(1)">t</a>'
        '<a href="data:text/html,x">d</a><base href="https://a.example/">'
        '<meta http-equiv="refresh" content="0"><link rel="stylesheet" href="https://a.example/">'
        "<script>alert(1)</script><style>p{}</style><iframe src=x></iframe>"
        '<img src="x" onerror="alert(1)"><svg onload="alert(1)"></svg>'
        '<template class="pb-evil"><img src=x onerror=alert(1)></template>'
    )
    result = sanitise_html(hostile)
    for bad in ("style=", "onclick", "javascript", "data:", "<base", "<meta", "<link",
                "<script", "<style", "<iframe", "onerror", "<svg", "alert"):  # fmt: skip
        assert bad not in result.html, bad
    assert len(result.removed) >= 12


def _page(head: str = "", body: str = "", title: str = "T - Site") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}"
        "<script>var theme=1</script></head><body>"
        f'<article class="md-content__inner md-typeset">{body}</article>'
        "<script>var tail=2</script></body></html>"
    )


def test_secure_page_adds_a_policy_with_the_theme_script_hashes() -> None:
    out = secure_page(_page(body="<p>x</p>"), "T", "Site")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', out)
    assert policy is not None
    text = policy.group(1).replace("&#x27;", "'")
    assert text == csp_policy([script_hash("var theme=1"), script_hash("var tail=2")])
    assert "script-src 'self' 'sha256-" in text and "'unsafe-inline'" not in text.split(";")[1]
    assert out.index("Content-Security-Policy") < out.index("<script>")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (_page(body="<script>alert(1)</script>"), "inline script inside the page content"),
        (_page(head='<base href="https://a.example/">'), "<base>"),
        (_page(head='<meta http-equiv="refresh" content="0;url=x">'), "refresh"),
        (_page(head='<link rel="stylesheet" href="https://a.example/x.css">'), "<link>"),
        (_page(head='<link rel="stylesheet" href="//a.example/x.css">'), "<link>"),
        (_page(body='<p onmouseover="x()">x</p>'), "event-handler"),
        (_page(body='<a href="javascript:x()">x</a>'), "href="),
        (_page(head='<script src="https://a.example/x.js"></script>'), "script from"),
        (_page(title="<b>x</b>"), "markup inside <title>"),
    ],
)
def test_secure_page_refuses_what_no_page_may_hold(page: str, reason: str) -> None:
    with pytest.raises(PageRejected, match=re.escape(reason)):
        secure_page(page, None, "Site")


def test_title_text_is_escaped_in_title_element() -> None:
    # The theme writes `page.title | striptags`, which decodes entities.
    page = _page(title="</title><script>alert(1)</script> - Site")
    title = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    out = secure_page(page, title, "Site")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Site</title>" in out


def _hostile_project(mini: Path) -> None:
    summary = " ".join(HOSTILE_TEXT[k] for k in HOSTILE_TEXT if "\n" not in HOSTILE_TEXT[k])
    summary += "\n\n" + "\n\n".join(v for v in HOSTILE_TEXT.values() if "\n" in v)
    (mini / "case_studies/hostile.yml").write_text(
        _case_study(summary, title=HOSTILE_TEXT["title-entities"]), encoding="utf-8"
    )
    (mini / "content/pages/hostile-page.md").write_text(
        "---\ntitle: Hostile &lt;b&gt;page\naudiences: [employers, agencies]\n"
        "status: published\n---\n" + summary + "\n",
        encoding="utf-8",
    )


@pytest.mark.usefixtures("without_validation")
def test_strict_build_fails_naming_the_item_when_the_sanitiser_removes_anything(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _hostile_project(mini)
    code, _out, err = run(["build", "--root", str(mini), "--strict", "--jobs", "1"], capsys)
    assert code == 1
    assert (
        "case_studies/hostile.yml (page case-studies/hostile.md): the HTML sanitiser removed" in err
    )
    assert (
        "content/pages/hostile-page.md (page guides/hostile-page.md): the HTML sanitiser removed"
        in err
    )
    assert not (mini / "site").exists()


# The same build, with validation switched off, in a process of its own: an engine other
# than MkDocs has to load before any MkDocs module does.
_BUILD_WITHOUT_VALIDATION = """
import sys
from playbook_builder.content import load, models
models.first_problem = lambda text: None
load.unsafe_spans = lambda text: iter(())
from playbook_builder.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(params=["mkdocs", "properdocs"])
def hostile_site(
    request: pytest.FixtureRequest,
    mini: Path,
    capsys: pytest.CaptureFixture[str],
    without_validation: None,
) -> Path:
    _hostile_project(mini)
    args = ["build", "--root", str(mini), "--jobs", "1"]
    if request.param == "mkdocs":
        code, _out, err = run(args, capsys)
        assert code == 0, err
        return mini / "site"
    require_engine("properdocs")
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_WITHOUT_VALIDATION, *args, "--engine", "properdocs"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (mini / "site/employers/index.html").read_text("utf-8")
    assert "ProperDocs" in page  # the generator tag: this site really came from ProperDocs
    return mini / "site"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_hostile_output_is_inert_in_the_files(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        parsed = _Tags()
        parsed.feed(text)
        names = [tag for tag, _ in parsed.tags]
        assert names.count("meta") and "Content-Security-Policy" in text, path
        assert "base" not in names and "iframe" not in names, path
        assert parsed.title.count("<") == 0 or "&lt;" in text, path
        for tag, attrs in parsed.tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                assert "attacker.example" not in value, (path, tag, name)
                if name in {"href", "src", "action"}:
                    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                    assert not squeezed.startswith(("javascript:", "vbscript:", "data:")), path
                if name == "style":
                    assert "position" not in value, (path, tag)
            if tag == "meta":
                assert attrs.get("http-equiv", "").lower() != "refresh", path
            if tag == "link":
                assert not attrs.get("href", "").startswith(("http", "//")) or attrs.get("rel") in {
                    "canonical",
                    "alternate",
                }, path


@pytest.mark.browser
def test_hostile_output_is_inert_in_a_browser(hostile_site: Path, browser: Any) -> None:
    """No dialog, no request to another origin, no navigation, no policy violation."""
    events: list[str] = []
    targets = [
        "employers/case-studies/hostile/",
        "employers/case-studies/",
        "employers/clusters/pay-equity/",
        "employers/guides/hostile-page/",
        "agencies/guides/hostile-page/",
        "agencies/case-studies/hostile/",
        "agencies/clusters/pay-equity/",
        "employers/checklists/employer-check/",
        "jobseekers/checklists/offer-check/",
        "",
    ]
    for base in serve_folder(hostile_site):
        context = browser.new_context()

        def on_request(request: Any, base: str = base) -> None:
            if not request.url.startswith((base, "data:")):
                events.append(f"request to {request.url}")

        context.on("request", on_request)
        for target in targets:
            tab = context.new_page()
            tab.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
            tab.on(
                "console",
                lambda m: (
                    events.append(f"console {m.text}")
                    if "Content Security Policy" in m.text
                    else None
                ),
            )
            tab.on("pageerror", lambda e: events.append(f"page error {e}"))
            url = base + target
            tab.goto(url)
            # Whatever the page would load or run has had its chance.
            tab.wait_for_load_state("networkidle")
            hrefs = tab.eval_on_selector_all(
                "a[href], [src], form[action]",
                "els => els.map(e => e.href || e.src || e.action || '')",
            )
            unsafe = [h for h in hrefs if re.match(r"(?i)\s*(javascript|vbscript|data):", h)]
            assert unsafe == [], (url, unsafe)
            assert tab.url == url, f"navigated away from {url} to {tab.url}"
            tab.close()
        context.close()
    assert events == []


def test_no_output_holds_ref_links_or_draft_ids(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    metric = mini / "content/metrics/union-membership-rate.yml"
    text = metric.read_text(encoding="utf-8").replace(
        "wioa: Not a WIOA indicator;",
        "wioa: See [the draft](ref:draft-practice) and [pay review](ref:regular-pay-review);",
    )
    metric.write_text(text, encoding="utf-8")
    case = mini / "case_studies/county-board.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "region: Texas", "region: Texas, see [draft](ref:draft-practice)"
        ),
        encoding="utf-8",
    )
    assert run(["build", "--root", str(mini)], capsys)[0] == 0
    site = mini / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "ref:" not in text, path
            assert "draft-practice" not in text and "DRAFTCANARY" not in text, path
    metric_page = site / "agencies/metrics/union-membership-rate/index.html"
    metrics = metric_page.read_text(encoding="utf-8")
    assert '<a href="../../practices/regular-pay-review/">pay review</a>' in metrics


def _all_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_two_builds_on_different_days_are_byte_identical(mini: Path, tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH fixed, a build is the same whenever it runs. The day only
    matters through the legal facts, which show the value in force on that day: a build
    for another day differs only in the pages and data that carry them."""
    import subprocess
    import sys

    outputs = []
    for epoch in ("1796515200", "1796515200", "1700000000"):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        target = tmp_path / f"site-{epoch}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "playbook_builder",
                "build",
                "--root",
                str(mini),
                "--site-dir",
                str(target),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(_all_files(target))
    assert outputs[0].keys() == outputs[1].keys() == outputs[2].keys()
    assert outputs[0] == outputs[1]
    # (and the offline worker, whose version is a hash of the pages it saves)
    dated = (
        "state-by-state/",
        "data/jurisdictions.",
        "data/states/",
        "search/search_index.",
        "checklists/",
        "sw.js",
    )
    changed = [name for name in outputs[0] if outputs[0][name] != outputs[2][name]]
    undated = [name for name in changed if not any(part in name for part in dated)]
    assert changed and not undated, undated
    sitemap = outputs[0]["employers/sitemap.xml"].decode()
    assert "<lastmod>2026-11-25</lastmod>" in sitemap
