"""Pages converted from Markdown to HTML, kept on disk between builds.

Converting Markdown is the largest cost of a build at a thousand pages, and between two
builds most pages are unchanged. A page's HTML depends only on its Markdown, the
Markdown settings, the list of files its links resolve against and the versions of the
converters, so all of these make up the key; anything else changed means a miss.

What is kept is the converter's output *before* the sanitiser and the page check, which
run on every build whether the HTML came from here or not: a cache file planted in a
checkout can change what a page says (as editing its content file could), never make a
page run code. Like the parse cache it is JSON, checked on load and thrown away whole on
any mismatch; no MkDocs import here (the adapter supplies and applies the values).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "playbook-render-cache"
VERSION = 1
FOLDER = ".playbook-cache"
# A cache larger than this is not read (one edition of 1,000 case studies is about 6 MB).
MAX_BYTES = 200 * 1024 * 1024
# Only messages of the site engine and its Markdown extensions are replayed.
LOGGER_PREFIXES = ("mkdocs", "markdown", "pymdownx", "material")


@dataclass(frozen=True)
class Converted:
    """What converting one page produced."""

    html: str
    toc: list[Any]  # Python-Markdown's toc_tokens: nested dicts of strings and ints
    title: str | None
    anchors: list[str]
    # Links to anchors in other pages: target's source path -> {anchor: link as written}
    links: dict[str, dict[str, str]] | None
    # Messages logged while converting: (logger name, level, message)
    logs: list[tuple[str, int, str]]


def cache_path(root: Path, config_name: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in config_name)
    return root / FOLDER / f"pages-v{VERSION}-{safe}.json"


def page_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _tree(value: Any, depth: int = 0) -> bool:
    """A JSON value of strings, ints, lists and string-keyed mappings, not too deep."""
    if depth > 32:
        return False
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return True
    if isinstance(value, list):
        return all(_tree(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _tree(v, depth + 1) for k, v in value.items())
    return False


def _strings(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _converted(record: Any) -> Converted:
    if not isinstance(record, dict) or set(record) != {
        "html",
        "toc",
        "title",
        "anchors",
        "links",
        "logs",
    }:
        raise ValueError("record")
    html, toc, title = record["html"], record["toc"], record["title"]
    anchors, links, logs = record["anchors"], record["links"], record["logs"]
    if not isinstance(html, str) or not isinstance(toc, list) or not _tree(toc):
        raise ValueError("html or toc")
    if title is not None and not isinstance(title, str):
        raise ValueError("title")
    if not isinstance(anchors, list) or not all(isinstance(a, str) for a in anchors):
        raise ValueError("anchors")
    if links is not None and not (
        isinstance(links, dict)
        and all(isinstance(k, str) and _strings(v) for k, v in links.items())
    ):
        raise ValueError("links")
    if not isinstance(logs, list):
        raise ValueError("logs")
    kept: list[tuple[str, int, str]] = []
    for entry in logs:
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and entry[0].startswith(LOGGER_PREFIXES)
            and isinstance(entry[1], int)
            and not isinstance(entry[1], bool)
            and isinstance(entry[2], str)
        ):
            raise ValueError("logs")
        kept.append((entry[0], entry[1], entry[2]))
    return Converted(html, toc, title, list(anchors), links, kept)


def load(path: Path) -> dict[str, Converted]:
    """The kept pages by key; empty when the file is missing, too large or not exactly
    what :func:`save` writes."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return {}
        if data.get("version") != VERSION or not isinstance(data.get("pages"), dict):
            return {}
        # JSON object keys are always strings.
        return {key: _converted(record) for key, record in data["pages"].items()}
    except (OSError, ValueError, RecursionError):
        return {}


def save(path: Path, pages: dict[str, Converted]) -> None:
    """Write the cache whole, replacing the old file in one step; never fails a build."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "pages": {
            key: {
                "html": c.html,
                "toc": c.toc,
                "title": c.title,
                "anchors": c.anchors,
                "links": c.links,
                "logs": [list(entry) for entry in c.logs],
            }
            for key, c in pages.items()
        },
    }
    with contextlib.suppress(OSError, TypeError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pages-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(LOGGER_PREFIXES):
            self.records.append((record.name, record.levelno, record.getMessage()))


def _toc_tokens(items: Any) -> list[Any]:
    return [
        {
            "level": item.level,
            "id": item.id,
            "name": item.title,
            "children": _toc_tokens(item.children),
        }
        for item in items
    ]


class ConversionCache:
    """One edition's kept conversions for one build: read at the start, and written at
    the end with exactly the pages this build converted or reused."""

    def __init__(self, path: Path, settings: str) -> None:
        self.path = path
        self.settings = settings
        self.kept = load(path)
        self.used: dict[str, Converted] = {}
        self.hits = 0
        self._files: tuple[Any, str] | None = None

    def _files_key(self, files: Any) -> str:
        # Links resolve against every file of the build and its URL.
        if self._files is None or self._files[0] is not files:
            listing = sorted(f"{f.src_uri}\0{f.url}" for f in files)
            self._files = (files, page_key(*listing))
        return self._files[1]

    def render(
        self,
        page: Any,
        files: Any,
        convert: Callable[[], None],
        get_toc: Callable[[list[Any]], Any],
    ) -> None:
        """Set ``page``'s HTML, table of contents, title and anchors from the cache, or
        by calling ``convert`` (the engine's own conversion) and keeping what it set."""
        key = page_key(
            FORMAT, self.settings, self._files_key(files), page.file.src_uri, page.markdown
        )
        kept = self.kept.get(key)
        if kept is not None and self._restore(page, kept, files, get_toc):
            self.used[key] = kept
            self.hits += 1
            return
        capture = _Capture()
        root = logging.getLogger()
        root.addHandler(capture)
        try:
            convert()
        finally:
            root.removeHandler(capture)
        links = page.links_to_anchors
        self.used[key] = Converted(
            html=page.content,
            toc=_toc_tokens(page.toc),
            title=page._title_from_render,
            anchors=sorted(page.present_anchor_ids or ()),
            links=None
            if links is None
            else {target.src_uri: dict(found) for target, found in links.items()},
            logs=capture.records,
        )

    @staticmethod
    def _restore(
        page: Any, kept: Converted, files: Any, get_toc: Callable[[list[Any]], Any]
    ) -> bool:
        links = None
        if kept.links is not None:
            links = {}
            for src_uri, found in kept.links.items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                links[target] = dict(found)
        for name, level, message in kept.logs:
            logging.getLogger(name).log(level, "%s", message)
        page.content = kept.html
        page.toc = get_toc(kept.toc)
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors)
        page.links_to_anchors = links
        return True

    def save(self) -> None:
        if self.used != self.kept:
            save(self.path, self.used)
