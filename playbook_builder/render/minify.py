"""The site's own scripts and stylesheet as published: minified at build time with
maintained minifiers from the package index (rjsmin, rcssmin), so building the site needs
no Node. No source maps are published: the unminified sources are in the package and
the repository, and a minified line keeps the code's own names."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text)) + "\n"


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text)) + "\n"


def published_asset(path: Path) -> str:
    """An asset file's text as the site serves it."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return minify_js(text)
    if path.suffix == ".css":
        return minify_css(text)
    return text
