"""What content text may not contain, found where it is written.

Content is Markdown written by staff and, in a public repository, by anyone who opens a
pull request. These checks reject what could run script or load something in a reader's
browser, at the file, line and column where it was written. They are the first line;
the allow-list sanitiser (``sanitise.py``) and the Content-Security-Policy stand behind
them, so a pattern missed here is still removed from the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel", "ref")

_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9:-]*(?=[\s/>]|$)|<[!?]")
_CHAR_REF = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*)(?:;|(?=\W|$))")
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*(?:[.#][A-Za-z_]|[A-Za-z_][\w-]*\s*=)[^}\n]*\}")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
_REFERENCE_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_BARE_REF = re.compile(r"(?<!\]\()\bref:")


def url_scheme(target: str) -> str | None:
    """The scheme of a URL as a browser reads it (it ignores tabs, newlines and
    entities inside a scheme), lower-cased; None for a relative address."""
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lower()
    found = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return found.group(1) if found else None


def unsafe_spans(text: str) -> Iterator[tuple[int, str]]:
    """Each unsafe thing in ``text``: its character offset and what to do about it."""
    for match in _TAG.finditer(text):
        # `<https://example.org>` is a Markdown autolink, not a tag.
        if _AUTOLINK.match(text, match.start()):
            continue
        yield match.start(), "raw HTML is not allowed in content text; write Markdown instead"
    for match in _CHAR_REF.finditer(text):
        yield (
            match.start(),
            f"HTML character reference {match.group(0)!r} is not allowed; "
            "type the character itself",
        )
    for match in _ATTR_LIST.finditer(text):
        yield (
            match.start(),
            "attribute lists ('{: ...}' or '{ .class }') are not allowed in content text",
        )
    for pattern in (_INLINE_TARGET, _REFERENCE_DEF, _AUTOLINK):
        for match in pattern.finditer(text):
            scheme = url_scheme(match.group(1))
            if scheme is not None and scheme not in ALLOWED_SCHEMES:
                yield (
                    match.start(1),
                    f"link target {match.group(1)[:40]!r} is not allowed; links may be "
                    "https://, http://, mailto:, tel:, ref:ITEM-ID or a relative address",
                )
    for match in _BARE_REF.finditer(text):
        yield match.start(), "write links to items as [text](ref:ITEM-ID)"


def first_problem(text: str) -> str | None:
    found = min(unsafe_spans(text), default=None)
    return found[1] if found else None


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` within ``text``."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line + 1, offset - start + 1
