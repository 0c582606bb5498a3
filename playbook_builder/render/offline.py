"""Offline after one visit, and installable: a pass over an edition's built folder.

For an edition with ``offline: true`` (the jobseekers' guides), after the engine has
written the site, this pass adds

- ``sw.js``: the service worker (``assets/offline/sw.js``) with the list of files it saves
  on install (the home page, the checklists, the rights and how-to pages, the state
  chooser, and the styles, scripts and data those pages load; each state page as it is
  read, or as soon as the reader picks the state) and a version that is a hash of those
  files, so each build that changes them replaces the saved copy;
- ``manifest.webmanifest`` and two icons, so a phone can add the guide to its home
  screen (it opens at the first checklist);
- a ``<link rel="manifest">`` in every page, which the page script reads to register
  the worker (``assets/site.js``).

It works on files, not on an engine's objects, so any engine's output gets the same
treatment. A site built to be read from disk (``--offline``, file:// pages) gets none of
it: browsers run no service worker there.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import struct
import zlib
from collections.abc import Iterable
from importlib import resources
from itertools import pairwise
from pathlib import Path

from playbook_builder.editions import Edition

# Pages saved on the first visit, as globs under the edition's folder. Every state's
# figures are in the checklist's data file; of the 52 state pages, the worker keeps the
# ones the reader opens, and the checklist fetches the reader's own state page when
# they pick their state (all 52 would add about 300 KB to a first visit).
PRECACHED_PAGES = (
    "index.html",
    "checklists/*/index.html",
    "guides/know-your-rights/index.html",
    "guides/how-to-use-the-checklist/index.html",
    "state-by-state/index.html",
)
THEME_COLOR = "#3f51b5"  # the theme's indigo
MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
ICON_SIZES = (192, 512)

_REF = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)=["']([^"'#?]+)[^"']*["']""", re.I)
_DATA_REF = re.compile(r"""\bdata-pb-(?:states|data)=["']([^"'#?]+)["']""")


def _precached_pages(site: Path) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in PRECACHED_PAGES:
        for path in sorted(site.glob(pattern)):
            found[path] = None
    return list(found)


def _references(page: Path, site: Path) -> set[Path]:
    """Files of this site that a page loads (scripts, styles, icons, its data)."""
    text = page.read_text(encoding="utf-8")
    out = set()
    for ref in [*_REF.findall(text), *_DATA_REF.findall(text)]:
        if "://" in ref or ref.startswith(("data:", "mailto:", "tel:", "//")):
            continue
        target = (page.parent / html.unescape(ref)).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()):
            out.add(target)
    return out


def _url_of(path: Path, site: Path) -> str:
    rel = path.resolve().relative_to(site.resolve()).as_posix()
    if rel == "index.html":
        return "./"
    return rel.removesuffix("index.html")


def file_of(site: Path, url: str) -> Path:
    """The built file a URL of precache_list serves."""
    if url == "./":
        return site / "index.html"
    return site / (url + "index.html" if url.endswith("/") else url)


def precache_list(site: Path) -> list[str]:
    """What the worker saves on install: URLs relative to the edition's folder."""
    pages = _precached_pages(site)
    files: set[Path] = set()
    for page in pages:
        files |= _references(page, site)
    # The checklist script loads its modules bundle itself; save every file of ours.
    files |= {p.resolve() for p in (site / "assets" / "playbook").rglob("*") if p.is_file()}
    urls = [_url_of(p, site) for p in pages]
    urls += sorted(_url_of(p, site) for p in files)
    return urls


def _version(site: Path, urls: list[str], worker: str) -> str:
    digest = hashlib.sha256(worker.encode("utf-8"))
    for url in urls:
        digest.update(url.encode("utf-8"))
        digest.update(file_of(site, url).read_bytes())
    return digest.hexdigest()[:16]


def worker_script(site: Path, built: str) -> str:
    template = (resources.files("playbook_builder") / "assets" / "offline" / "sw.js").read_text(
        encoding="utf-8"
    )
    urls = precache_list(site)
    return (
        template.replace("__VERSION__", _version(site, urls, template))
        .replace("__BUILT__", built)
        .replace("__PRECACHE__", json.dumps(urls, indent=1))
    )


def manifest(edition: Edition, start: str) -> str:
    name = edition.title
    data = {
        "name": name,
        "short_name": edition.short_name or name[:12],
        "description": " ".join(edition.description.split()),
        "lang": edition.language,
        "start_url": start,
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": f"icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ]
        + [
            {
                "src": f"icon-{ICON_SIZES[-1]}.png",
                "sizes": f"{ICON_SIZES[-1]}x{ICON_SIZES[-1]}",
                "type": "image/png",
                "purpose": "maskable",
            }
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def icon_png(size: int) -> bytes:
    """A square icon: a white check mark on the theme's indigo (drawn here, so the
    build needs no image files or image library)."""
    background = (0x3F, 0x51, 0xB5)
    white = (0xFF, 0xFF, 0xFF)
    # The check mark: two strokes through three points, in units of the icon's size.
    points = [(0.27, 0.52), (0.43, 0.68), (0.74, 0.35)]
    width = 0.085 * size

    def near_stroke(x: float, y: float) -> bool:
        for (ax, ay), (bx, by) in pairwise(points):
            ax, ay, bx, by = ax * size, ay * size, bx * size, by * size
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            if (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2:
                return True
        return False

    rows = bytearray()
    for y in range(size):
        rows.append(0)  # no filter
        for x in range(size):
            rows.extend(white if near_stroke(x + 0.5, y + 0.5) else background)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _link_manifest(page: Path, site: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if 'rel="manifest"' in text or "</head>" not in text:
        return
    up = os.path.relpath(site, page.parent).replace(os.sep, "/")
    href = f"{up}/{MANIFEST}" if up != "." else MANIFEST
    tags = f'<link rel="manifest" href="{href}">'
    if 'name="theme-color"' not in text:
        tags += f'<meta name="theme-color" content="{THEME_COLOR}">'
    page.write_text(text.replace("</head>", tags + "</head>", 1), encoding="utf-8")


def start_url(page_paths: Iterable[str]) -> str:
    """Where the installed guide opens: its first checklist, else its home page
    (``page_paths``: the edition's Markdown paths, such as ``checklists/x.md``)."""
    checklists = sorted(p for p in page_paths if p.startswith("checklists/"))
    return checklists[0].removesuffix(".md") + "/" if checklists else "./"


def add_offline_support(site: Path, edition: Edition, built: str, start: str) -> list[str]:
    """Write the worker, the manifest and the icons into an edition's built folder and
    link the manifest from every page; the URLs the worker saves on install."""
    for page in sorted(site.rglob("*.html")):
        _link_manifest(page, site)
    for size in ICON_SIZES:
        (site / f"icon-{size}.png").write_bytes(icon_png(size))
    (site / MANIFEST).write_text(manifest(edition, start), encoding="utf-8")
    worker = worker_script(site, built)
    (site / WORKER).write_text(worker, encoding="utf-8")
    return precache_list(site)
