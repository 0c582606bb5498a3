"""The net under validation: an allow-list sanitiser for every generated page's HTML, a
check of the finished page, and its Content-Security-Policy.

Validation rejects hostile content with a file, line and column. Whatever gets past it
(a new Markdown extension, a theme change, a case nobody thought of) is removed here:
only the tags, attributes and URL schemes listed below reach a reader. The sanitiser is
nh3 (the Rust ``ammonia`` library), not a block-list of patterns.

No MkDocs import: the adapter calls these functions on the HTML MkDocs produces.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

import nh3

from playbook_builder.content.safe_text import url_scheme

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Everything the Markdown extensions in mkdocs.yml and our own templates produce.
TAGS = frozenset(
    {
        # text
        "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "hr", "i", "ins", "kbd",
        "mark", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "u", "div",
        "h1", "h2", "h3", "h4", "h5", "h6",
        # lists, tables, details
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
        "td", "caption", "colgroup", "col", "details", "summary", "figure", "figcaption",
        "img", "section", "nav", "aside",
        # the checklist forms our templates write (content text cannot: validation and
        # Markdown escaping keep raw HTML out of it)
        "form", "fieldset", "legend", "label", "input", "select", "option", "textarea",
        "button", "output", "progress", "template", "noscript",
    }
)  # fmt: skip

_GLOBAL_ATTRIBUTES = {
    "id", "class", "title", "lang", "dir", "hidden", "role", "tabindex",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-live",
    "aria-expanded", "aria-controls", "aria-current", "aria-atomic", "aria-busy",
    "aria-invalid", "aria-required", "aria-disabled", "aria-pressed", "aria-valuenow",
    "aria-valuemin", "aria-valuemax", "aria-valuetext", "aria-level", "aria-sort",
}  # fmt: skip

ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "download", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open", "name"},
    "form": {"novalidate", "name"},
    "fieldset": {"name", "disabled"},
    "label": {"for"},
    "input": {
        "type", "name", "value", "checked", "disabled", "readonly", "required", "min",
        "max", "step", "placeholder", "accept", "multiple", "autocomplete", "inputmode",
        "size", "maxlength", "pattern", "list",
    },
    "select": {"name", "multiple", "required", "disabled", "autocomplete"},
    "option": {"value", "selected", "disabled"},
    "textarea": {"name", "rows", "cols", "placeholder", "maxlength", "required"},
    "button": {"type", "name", "value", "disabled"},
    "output": {"for", "name"},
    "progress": {"value", "max"},
}  # fmt: skip

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "poster"})


@dataclass
class Sanitised:
    html: str
    removed: list[str] = field(default_factory=list)


# A checklist's definition travels as JSON text inside an inert <template> (our own
# template writes it, with '<' and '&' escaped). nh3 drops template contents, so the
# text is set aside and put back, escaped, as text only.
_DATA_TEMPLATE = re.compile(
    r'<template class="(pb-[a-z-]+)"( data-search-exclude)?>([^<]*)</template>'
)
_SLOT = '<template class="{0}"{1} data-pb-slot="{2}"></template>'


def sanitise_html(fragment: str) -> Sanitised:
    """The page body with everything outside the allow-list removed, and what went."""
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        kept.append(match.group(3))
        return _SLOT.format(match.group(1), match.group(2) or "", len(kept) - 1)

    fragment = _DATA_TEMPLATE.sub(set_aside, fragment)
    clean = _clean(fragment)
    removed = [] if _same_markup(fragment, clean) else _removed(fragment, clean)
    for index, text in enumerate(kept):
        empty = f' data-pb-slot="{index}"></template>'
        if empty in clean:
            clean = clean.replace(empty, ">" + html.escape(text, quote=False) + "</template>", 1)
    return Sanitised(clean, removed)


def _policy() -> dict[str, Any]:
    return {
        "tags": set(TAGS),
        "clean_content_tags": {"script", "style", "iframe", "object", "embed"},
        "attributes": {k: set(v) for k, v in ATTRIBUTES.items()},
        "generic_attribute_prefixes": {"data-"},
        "url_schemes": set(URL_SCHEMES),
        "link_rel": None,
        "strip_comments": True,
        "attribute_filter": _drop_unsafe_urls,
    }


@cache
def _cleaner() -> Any:
    """The policy built once (nh3 0.2.18 and later), not again for every page."""
    make = getattr(nh3, "Cleaner", None)
    return make(**_policy()) if make is not None else None


def _clean(fragment: str) -> str:
    cleaner = _cleaner()
    if cleaner is not None:
        return str(cleaner.clean(fragment))
    return nh3.clean(fragment, **_policy())


def _drop_unsafe_urls(tag: str, name: str, value: str) -> str | None:
    # nh3 passes relative URLs through, but a browser removes tabs and newlines from a
    # URL before reading its scheme ("java\tscript:" runs): check the scheme as a
    # browser reads it.
    if name in URL_ATTRIBUTES and _dangerous_url(value):
        return None
    return value


# A tag the parser read: its name, and its attributes (None for an end tag).
_Event = tuple[str, tuple[tuple[str, str | None], ...] | None]

# Most lines of a page repeat on every page of an edition (header, navigation, footer)
# and many lines of page bodies repeat between editions. The tags a parser reads in a
# line that it starts and ends in its initial state depend on that line alone, so they
# are kept (in this process only) and played back instead of parsing the line again.
_LINE_EVENTS: dict[str, tuple[_Event, ...]] = {}
# What the element list and the page check make of a recorded line, kept beside it.
_LINE_ELEMENTS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]] = {}
_LINE_AUDITS: dict[str, tuple[tuple[str, ...], int]] = {}
# Recorded lines in which the page check finds nothing and that hold no <title> tag.
_QUIET_AUDIT_LINES: set[str] = set()
_LINE_EVENTS_MAX = 200_000
_LINE_MAX_CHARS = 4_000
# The parser's whole state is its unread text and whether it is inside a script or
# style element; a Python whose parser keeps more state parses every line instead.
_PLAYBACK = set(vars(HTMLParser())) == {
    "cdata_elem",
    "convert_charrefs",
    "interesting",
    "lasttag",
    "lineno",
    "offset",
    "rawdata",
}


class _FastParser(HTMLParser):
    """HTMLParser that reads repeated lines once (see _LINE_EVENTS) and skips its line
    and column bookkeeping (nothing here asks for a position). Subclasses implement
    ``start`` and ``end``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._events: list[_Event] | None = None

    def updatepos(self, i: int, j: int) -> int:
        return j

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def end(self, tag: str) -> None:
        pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._events is not None:
            self._events.append((tag, tuple(attrs)))
        self.start(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._events is not None:
            self._events.append((tag, None))
        self.end(tag)

    def at_rest(self) -> bool:
        return not self.rawdata and self.cdata_elem is None

    def read(self, text: str) -> None:
        """Parse all of ``text`` (the same tags, in the same order, as ``feed`` then
        ``close``)."""
        self.read_part(text)
        self.close()

    def read_part(self, text: str) -> None:
        """Parse ``text`` as the next part of a document (``feed``, with playback)."""
        if not _PLAYBACK:
            self.feed(text)
            return
        feed, replay, recorded = self.feed, self.replay, _LINE_EVENTS
        for line in text.splitlines(keepends=True):
            if self.rawdata or self.cdata_elem is not None or len(line) > _LINE_MAX_CHARS:
                feed(line)
                continue
            if line in self.quiet_lines():
                continue
            seen = recorded.get(line)
            if seen is not None:
                if seen:
                    replay(line, seen)
                continue
            self._events = []
            feed(line)
            if self.at_rest():
                if len(recorded) >= _LINE_EVENTS_MAX:
                    for kept in recorded, _LINE_ELEMENTS, _LINE_AUDITS, _QUIET_AUDIT_LINES:
                        kept.clear()
                recorded[line] = tuple(self._events)
            self._events = None

    def quiet_lines(self) -> Set[str]:
        """Recorded lines whose playback would change nothing in this parser now."""
        return frozenset()

    def replay(self, line: str, events: tuple[_Event, ...]) -> None:
        """Act on a line's tags as if it had been parsed again."""
        for tag, attrs in events:
            if attrs is None:
                self.end(tag)
            else:
                self.start(tag, list(attrs))


class _Elements(_FastParser):
    """Start tags and their attributes (tag, name, value), as a browser would read them;
    of an attribute given twice on one element, the last value."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {k: v or "" for k, v in attrs}
        self.attrs.extend((tag, name, value) for name, value in values.items())

    def replay(self, line: str, events: tuple[_Event, ...]) -> None:
        found = _LINE_ELEMENTS.get(line)
        if found is None:
            probe = _Elements()
            for tag, attrs in events:
                if attrs is not None:
                    probe.start(tag, list(attrs))
            found = (tuple(probe.tags), tuple(probe.attrs))
            _LINE_ELEMENTS[line] = found
        self.tags.extend(found[0])
        self.attrs.extend(found[1])


def _removed(before: str, after: str) -> list[str]:
    """What the sanitiser took out, described for a person: the elements and attributes
    of the page before that are missing after (nh3 also re-serialises and may move or
    add elements, which is not a removal, so the text is not compared)."""
    tags_before, attrs_before = _inventory(before)
    tags_after, attrs_after = _inventory(after)
    removed = [f"<{tag}> element" for tag in (tags_before - tags_after).elements()]
    removed.extend(
        f"attribute {name}={value[:60]!r} on <{tag}>"
        for tag, name, value in (attrs_before - attrs_after).elements()
        if tag in tags_after
    )
    return removed


# nh3 writes markup one way: void elements without " /", and characters for the named
# and numbered references that are not markup (``&para;`` becomes ``¶``). Python-Markdown
# writes the other spellings. Spelling the input nh3's way changes no tag or attribute a
# parser reads, so when the result equals nh3's output, nothing was removed and the
# slower comparison of elements is not needed.
_CHAR_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,31});")
_SELF_CLOSING = re.compile(r'(<(?:br|hr|wbr|img|input|col)\b(?:[^<>"\']|"[^"]*")*?) />')
_MARKUP_CHARS = frozenset("<>&\"'\x00")


def _as_text(match: re.Match[str]) -> str:
    char = html.unescape(match.group(0))
    if len(char) != 1 or char in _MARKUP_CHARS or char.isspace():
        return match.group(0)
    return char


def _same_markup(before: str, after: str) -> bool:
    """Whether ``before``, spelt as nh3 spells markup, is exactly ``after``."""
    if len(after) > len(before):
        return False
    return _SELF_CLOSING.sub(r"\1>", _CHAR_REF.sub(_as_text, before)) == after


def _inventory(text: str) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    parser = _Elements()
    parser.read(text)
    return Counter(parser.tags), Counter(parser.attrs)


# --- The finished page: checked, then given its Content-Security-Policy ---------------

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_CONTENT_START = re.compile(r'<article class="md-content__inner')
_CONTENT_END = "</article>"

EXECUTABLE_TYPES = frozenset({"", "text/javascript", "module", "application/javascript"})


def _is_executable(attrs: str) -> bool:
    found = _TYPE.search(attrs)
    return (found.group(1).lower() if found else "") in EXECUTABLE_TYPES


def csp_policy(script_hashes: list[str]) -> str:
    """The policy: own-origin scripts plus the theme's inline scripts by hash; no other
    origin for anything; no plugins, frames, base or form targets elsewhere."""
    hashes = " ".join(f"'{h}'" for h in sorted(set(script_hashes)))
    script_src = f"'self' {hashes}".strip()
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            # The theme sets style attributes from its script; content cannot (the
            # sanitiser removes style attributes), so inline styles come from the theme.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


class PageRejected(ValueError):
    """The finished page holds something no page of ours may hold."""


# Link relations that make the browser fetch something (canonical and alternate do not).
_FETCHING_RELS = {
    "stylesheet", "preload", "prefetch", "modulepreload", "icon", "manifest", "import",
    "preconnect", "dns-prefetch", "apple-touch-icon", "prerender",
}  # fmt: skip
_BAD_ELEMENTS = {"base", "object", "embed", "iframe", "frame", "applet"}


class _PageAudit(_FastParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_title = False
        self.title_tags = 0

    def start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_title:
            self.title_tags += 1
        values = {k: (v or "") for k, v in attrs}
        if tag in _BAD_ELEMENTS:
            self.problems.append(f"a <{tag}> element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("a <meta http-equiv=refresh>")
        rel = set(values.get("rel", "").lower().split())
        if tag == "link" and rel & _FETCHING_RELS and _foreign(values.get("href", "")):
            self.problems.append(f"a <link> to {values['href'][:80]!r}")
        if tag == "title":
            self.in_title = True
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"an event-handler attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and _dangerous_url(value):
                self.problems.append(f"a {name}={value[:80]!r} on <{tag}>")
            if name == "src" and tag == "script" and _foreign(value):
                self.problems.append(f"a script from {value[:80]!r}")

    def end(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def quiet_lines(self) -> Set[str]:
        # Inside <title> every start tag counts, so only lines outside it are skipped.
        return frozenset() if self.in_title else _QUIET_AUDIT_LINES

    def replay(self, line: str, events: tuple[_Event, ...]) -> None:
        # A line's problems do not depend on what came before it; only the count of
        # tags inside <title> does, so a line that opens or closes a title is played
        # back tag by tag.
        audit = _LINE_AUDITS.get(line)
        if audit is None:
            if any(tag == "title" for tag, _ in events):
                audit = ((), -1)
            else:
                probe = _PageAudit()
                for tag, attrs in events:
                    if attrs is not None:
                        probe.start(tag, list(attrs))
                audit = (tuple(probe.problems), sum(1 for _, a in events if a is not None))
            _LINE_AUDITS[line] = audit
            if not audit[0] and audit[1] >= 0:
                _QUIET_AUDIT_LINES.add(line)
        problems, starts = audit
        if starts < 0:
            super().replay(line, events)
            return
        if problems:
            self.problems.extend(problems)
        if self.in_title:
            self.title_tags += starts


def _dangerous_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is not None and scheme not in URL_SCHEMES


def _foreign(url: str) -> bool:
    """A URL on another origin (anything with a scheme or a protocol-relative one)."""
    stripped = url.strip()
    return stripped.startswith("//") or url_scheme(stripped) is not None


def secure_page(
    page_html: str, title: str | None, site_name: str, *, sanitised: str | None = None
) -> str:
    """Check a finished page and add its Content-Security-Policy.

    ``title`` is the page title as the theme wrote it into ``<title>`` (the theme strips
    tags and so decodes entities there); that element is rewritten with the text
    escaped. ``sanitised`` is the page body exactly as :func:`sanitise_html` returned it,
    when the caller has it. Raises :class:`PageRejected` when the page holds anything
    that could run or load code, or an inline script inside the content area.
    """
    page_html = _escape_title(page_html, title, site_name)
    content_start = _CONTENT_START.search(page_html)
    content_end = page_html.rfind(_CONTENT_END)
    hashes: list[str] = []
    problems: list[str] = []
    for match in _SCRIPT.finditer(page_html):
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or not _is_executable(attrs):
            continue
        inside = (
            content_start is not None
            and content_start.start() < match.start()
            and match.end() <= content_end
        )
        if inside:
            problems.append("an inline script inside the page content")
        else:
            hashes.append(script_hash(body))
    audit = _PageAudit()
    body = _body_span(page_html, sanitised, content_start)
    if body is None:
        audit.read(page_html)
    else:
        # The sanitiser's own output passed the allow-list, which forbids everything
        # the audit looks for (no element the audit refuses, no on* attribute, URLs
        # checked the same way), so it is not read again: the theme around it is. It
        # is skipped only where the parser is at rest and outside <title>, so the
        # rest of the page reads exactly as it would with the body in place.
        audit.read_part(page_html[: body[0]])
        if audit.at_rest() and not audit.in_title:
            audit.read(page_html[body[1] :])
        else:
            audit = _PageAudit()
            audit.read(page_html)
    problems.extend(audit.problems)
    if audit.title_tags:
        problems.append("markup inside <title>")
    if problems:
        raise PageRejected("; ".join(dict.fromkeys(problems)))
    return insert_csp(page_html, csp_policy(hashes))


def _body_span(
    page_html: str, sanitised: str | None, content_start: re.Match[str] | None
) -> tuple[int, int] | None:
    """Where the sanitised body sits in the page: its first copy after the start of the
    content area, if it has one."""
    if not sanitised or content_start is None:
        return None
    start = page_html.find(sanitised, content_start.end())
    return None if start < 0 else (start, start + len(sanitised))


def insert_csp(page_html: str, policy: str) -> str:
    """Put the policy first in <head>, before any script it governs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'
    head = re.search(r"<head[^>]*>", page_html, re.I)
    if head is None:
        raise PageRejected("the page has no <head> for its Content-Security-Policy")
    return page_html[: head.end()] + "\n    " + tag + page_html[head.end() :]


def _escape_title(page_html: str, title: str | None, site_name: str) -> str:
    from markupsafe import Markup

    if title is None:
        return page_html
    # What the theme wrote: `page.title | striptags` (tags removed, entities decoded).
    written = Markup(title).striptags()
    escaped = html.escape(written, quote=False)
    for suffix in (f" - {site_name}", ""):
        raw = f"<title>{written}{suffix}</title>"
        if raw in page_html:
            return page_html.replace(raw, f"<title>{escaped}{suffix}</title>", 1)
    return page_html
