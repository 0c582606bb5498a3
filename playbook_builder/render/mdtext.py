"""Text placed inline in Markdown."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape_md(text: str) -> str:
    """Text safe to place inline in Markdown (titles in links, table cells)."""
    return _MD_SPECIAL.sub(r"\\\1", text)
