"""English that reaches a page of a translated edition without being marked as English.

A page of the Spanish edition may show English only inside an element marked
``lang="en"`` (an untranslated string, a proper noun, a source's title). Everything else
a reader sees or hears (text, and the ``alt``, ``title``, ``aria-label`` and
``placeholder`` a screen reader reads out) should be Spanish. The check looks for
whole words that are common in English and never Spanish words, so it does not trip on
Spanish text, on names of places, or on codes; a proper noun with such a word in it
("Wage and Hour Division") has to be marked ``lang="en"`` to pass.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Common English words that are not Spanish words (nor parts of Spanish names).
ENGLISH_WORDS = (
    "the",
    "and",
    "your",
    "you",
    "with",
    "this",
    "that",
    "what",
    "how",
    "for",
    "are",
    "is",
    "not",
    "from",
    "will",
    "when",
    "which",
    "they",
    "about",
    "of the",
    "to the",
    "in the",
)
_ENGLISH = re.compile(
    r"(?<!\w)(?:" + "|".join(w.replace(" ", r"\s+") for w in ENGLISH_WORDS) + r")(?!\w)", re.I
)

# Not read as prose: code, scripts, styles, templates not yet used, pictures.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
_SKIPPED_TAGS = frozenset(
    {"script", "style", "template", "code", "pre", "svg", "math", "kbd", "samp"}
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


def _theme_hidden(attrs: dict[str, str | None]) -> bool:
    """The theme's own parts that are never shown as written: its hidden dialog and
    tooltip templates. (Its visible words come from its Spanish translation.)"""
    classes = (attrs.get("class") or "").split()
    return "hidden" in attrs and any(c.startswith("md-") for c in classes)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # One frame per open element: (tag, english, skipped).
        self.stack: list[tuple[str, bool, bool]] = [("#root", False, False)]
        self.pieces: list[tuple[str, str]] = []  # (where, text)

    def _state(self) -> tuple[bool, bool]:
        _tag, english, skipped = self.stack[-1]
        return english, skipped

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        english, skipped = self._state()
        lang = attrs.get("lang")
        if lang is not None:
            english = lang.lower().startswith("en")
        skipped = skipped or tag in _SKIPPED_TAGS or _theme_hidden(attrs)
        if not english and not skipped:
            for name in _READ_ATTRIBUTES:
                value = attrs.get(name)
                if value:
                    self.pieces.append((f"<{tag} {name}>", value))
        if tag not in _VOID:
            self.stack.append((tag, english, skipped))

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in _VOID and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        english, skipped = self._state()
        if not english and not skipped and data.strip():
            self.pieces.append((self.stack[-1][0], data))


def stray_english_in_texts(texts: list[tuple[str, str]]) -> list[str]:
    """Each English word found, with the text around it."""
    found = []
    for where, text in texts:
        # An address written out (a source's URL as its link text) is not prose.
        flat = _ADDRESS.sub(" ", " ".join(text.split()))
        for match in _ENGLISH.finditer(flat):
            start, end = max(0, match.start() - 40), match.end() + 40
            found.append(f"{where}: {match.group(0)!r} in …{flat[start:end]}…")
    return found


def stray_english(html: str) -> list[str]:
    """English words in the visible text of a page, outside ``lang="en"``."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return stray_english_in_texts(collector.pieces)


# The same walk in the browser, over the page as the script left it: only what is
# rendered (display and visibility), outside lang="en" and the skipped tags.
VISIBLE_TEXT_JS = """
() => {
  const skipped = new Set(["SCRIPT", "STYLE", "TEMPLATE", "CODE", "PRE", "SVG", "MATH", "KBD", "SAMP"]);
  const read = ["alt", "title", "aria-label", "placeholder"];
  const out = [];
  function english(el) {
    const marked = el.closest("[lang]");
    return marked !== null && marked.getAttribute("lang").toLowerCase().startsWith("en");
  }
  function walk(el) {
    if (skipped.has(el.tagName.toUpperCase())) return;
    const style = getComputedStyle(el);
    if (style.display === "none") return;
    if (english(el)) return;
    const shown = style.visibility !== "hidden";
    if (shown) {
      for (const name of read) {
        const value = el.getAttribute(name);
        if (value) out.push(["<" + el.tagName.toLowerCase() + " " + name + ">", value]);
      }
    }
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (shown && node.textContent.trim()) out.push([el.tagName.toLowerCase(), node.textContent]);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        walk(node);
      }
    }
  }
  walk(document.body);
  return out;
}
"""
