"""Paths between pages of one edition: Markdown links, and the URLs MkDocs builds.

Pure string work on site-relative paths (``posixpath.relpath`` consults the working
directory on every call, which shows at thousands of links per page set).
"""

from __future__ import annotations

import posixpath
from functools import cache


@cache
def relative(target: str, current: str) -> str:
    """``target`` relative to the folder of ``current``; both are site-relative paths."""
    here = current.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


@cache
def built_url(md_path: str, directory_urls: bool = True) -> str:
    """The site path MkDocs gives a Markdown page. With directory URLs (MkDocs' default)
    ``practices/x.md`` -> ``practices/x/`` and ``practices/index.md`` -> ``practices/``;
    without them (for reading from disk) ``practices/x.html`` and
    ``practices/index.html``."""
    stem = md_path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def built_href_to(target_md: str, current_md: str, directory_urls: bool = True) -> str:
    """The link MkDocs writes from page ``current_md`` to page ``target_md`` (both
    site-relative Markdown paths, ``target_md`` possibly with ``#anchor``)."""
    path, _, anchor = target_md.partition("#")
    here = built_url(current_md, directory_urls)
    if directory_urls:
        here += "_"  # a page's own URL is a folder: links start from inside it
    href = relative(built_url(path, directory_urls), here) or "./"
    return href + (f"#{anchor}" if anchor else "")


def built_href(page: str, md_url: str, directory_urls: bool = True) -> str:
    """The link MkDocs writes for ``md_url`` (relative to Markdown page ``page``):
    ``practices/x.md`` becomes ``practices/x/`` (or ``practices/x.html`` without
    directory URLs), relative to where the page itself is built."""
    path, _, anchor = md_url.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return built_href_to(target + (f"#{anchor}" if anchor else ""), page, directory_urls)
