"""The conversion cache: a second build reuses each page's Markdown conversion, writes
the same site, replays the engine's warnings, and a planted cache can change words but
never bring script past the sanitiser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook_builder.cli import main
from playbook_builder.engine import render_cache

CACHE_MARK = "CACHEPLANTED-5d1c"


def _site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(mini: Path, site: str, *extra: str) -> int:
    return main(["build", "--root", str(mini), "--site-dir", str(mini / site), *extra])


def _cache_files(mini: Path) -> list[Path]:
    return sorted((mini / render_cache.FOLDER).glob("pages-v*.json"))


def test_a_warm_build_writes_exactly_what_a_cold_build_writes(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _build(mini, "cold", "--strict") == 0
    files = _cache_files(mini)
    assert [f.name for f in files] == [
        f"pages-v1-mkdocs.{e}.yml.json"
        for e in ("agencies", "employers", "jobseekers-co", "jobseekers")
    ]
    pages = json.loads(files[1].read_text(encoding="utf-8"))["pages"]
    assert len(pages) >= 5
    written = [f.stat().st_mtime_ns for f in files]
    assert _build(mini, "warm", "--strict") == 0
    capsys.readouterr()
    assert _site_files(mini / "warm") == _site_files(mini / "cold")
    # Every page came from the cache, so no cache file needed writing again.
    assert [f.stat().st_mtime_ns for f in files] == written


def test_an_edited_page_is_converted_again(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(mini, "site") == 0
    page = mini / "content/pages/rights.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA sentence added after the first build.\n"
    )
    assert _build(mini, "site") == 0
    capsys.readouterr()
    shown = [
        p
        for p in (mini / "site").rglob("*.html")
        if b"added after the first build" in p.read_bytes()
    ]
    assert shown, "the edit did not reach the site"


def test_warnings_from_conversion_fail_a_strict_build_every_time(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = mini / "content/pages/rights.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSee [the missing part](#no-such-anchor).\n"
    )
    for _ in range(2):  # cold, then from the cache
        assert _build(mini, "site", "--strict", "--jobs", "1") == 1
        _, err = capsys.readouterr()
        assert "no-such-anchor" in err


def test_a_planted_cache_entry_cannot_bring_script_past_the_sanitiser(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _build(mini, "site") == 0
    target = next(f for f in _cache_files(mini) if ".employers." in f.name)
    data = json.loads(target.read_text(encoding="utf-8"))
    planted = f'<p onclick="steal()">{CACHE_MARK}</p><script>steal()</script>'
    planted += '<a href="javascript:steal()">link</a>'
    for record in data["pages"].values():
        record["html"] = planted + record["html"]
    target.write_text(json.dumps(data), encoding="utf-8")
    assert _build(mini, "site") == 0
    _, err = capsys.readouterr()
    assert "the HTML sanitiser removed" in err
    hits = [p for p in (mini / "site/employers").rglob("*.html") if CACHE_MARK in p.read_text()]
    assert hits, "the planted entry was not used"
    for path in hits:
        text = path.read_text(encoding="utf-8")
        assert "steal()" not in text and "onclick" not in text


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps({"format": "other", "version": 1, "pages": {}}),
        json.dumps({"format": render_cache.FORMAT, "version": 99, "pages": {}}),
        json.dumps({"format": render_cache.FORMAT, "version": 1, "pages": {"k": {"html": 1}}}),
        json.dumps(
            {
                "format": render_cache.FORMAT,
                "version": 1,
                "pages": {
                    "k": {
                        "html": "<p>x</p>",
                        "toc": [],
                        "title": None,
                        "anchors": [],
                        "links": None,
                        "logs": [["os.system", 30, "not a logger of the engine"]],
                    }
                },
            }
        ),
    ],
)
def test_a_cache_file_not_written_by_us_is_thrown_away(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pages.json"
    path.write_text(text, encoding="utf-8")
    assert render_cache.load(path) == {}


def test_a_damaged_cache_file_leaves_the_build_unchanged(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _build(mini, "first") == 0
    for path in _cache_files(mini):
        path.write_text('{"format": "playbook-render-cache", "version": 1, "pages": [', "utf-8")
    assert _build(mini, "second") == 0
    capsys.readouterr()
    assert _site_files(mini / "second") == _site_files(mini / "first")
