"""What a rendered edition is made of, and where its pages are.

The assets every page names, the rendered page and edition, each item's page path, and
:class:`Linker`, through which every link between items goes: it drops a link (keeping
its text) when the target is not in the edition, so a jobseeker page never links to an
agency-only page. Rendering itself: ``edition.render_edition`` (the loop over the page
families in ``families.py``, each page made by ``view.EditionView.add``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from playbook_builder.content.benchmarks import Benchmark
from playbook_builder.content.collection import Content
from playbook_builder.content.models import (
    CaseStudy,
    Checklist,
    Cluster,
    ContentItem,
    Framework,
    Metric,
    Page,
    Practice,
)
from playbook_builder.content.place import Jurisdiction
from playbook_builder.content.references import REF_LINK
from playbook_builder.editions import Edition
from playbook_builder.render.mdtext import escape_md
from playbook_builder.render.urls import built_href, built_href_to, relative

# The checklist script: ES modules in assets/checklist/, joined at build time into one
# classic script (checklists/jsbundle.py) that the loader adds only to pages with a
# checklist form or a "Your state" box. One file is one request: a phone on a slow
# network waits for one round trip, not one per level of imports.
CHECKLIST_BUNDLE = "assets/playbook/checklist.bundle.js"
ASSETS = (
    "assets/playbook/playbook.css",
    "assets/playbook/checklist-loader.js",
    "assets/playbook/filter.js",
    "assets/playbook/site.js",
    # In place of the theme's script on a light edition's pages (page_chrome.py).
    "assets/playbook/light.js",
)
CSS_ASSETS = ("assets/playbook/playbook.css",)
# Scripts every page names, as MkDocs' extra_javascript entries (path, and type for
# an ES module). Files only: no inline script, so a strict Content-Security-Policy holds.
JS_ASSETS: tuple[dict[str, str], ...] = (
    {"path": "assets/playbook/checklist-loader.js", "type": "module"},
    {"path": "assets/playbook/filter.js"},
    {"path": "assets/playbook/site.js"},
)


def asset_source(asset: str) -> str:
    """Where an entry of ASSETS is, relative to the package's ``assets`` folder."""
    return asset.removeprefix("assets/playbook/")


@dataclass(frozen=True)
class RenderedPage:
    path: str
    title: str
    markdown: str
    source: str | None  # the content file it came from, relative to the project root
    # The content's own date (for the sitemap): the item's `updated`, else the newest
    # `accessed` of its sources, else the newest date among the edition's items. Never
    # the build date, so two builds of one commit are identical.
    updated: dt.date | None = None


@dataclass
class RenderedEdition:
    edition: Edition
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    nav: list[dict[str, Any]] = field(default_factory=list)
    # Files that are not pages (open data), keyed by path relative to the docs folder.
    files: dict[str, bytes] = field(default_factory=dict)
    # A translation's strings shown in English for want of a translation (translate.Miss).
    untranslated: list[Any] = field(default_factory=list)
    # Words the theme and the Markdown extensions write in English whatever the
    # language, in a translated edition: the 404 page's heading (HTML) and the title of
    # a heading's permanent link (plain text, for an attribute).
    not_found: str | None = None
    permalink_title: str | None = None


def page_path(item: ContentItem) -> str:
    """Where an item's page sits in an edition (Markdown path)."""
    if isinstance(item, Cluster):
        return f"clusters/{item.id}.md"
    if isinstance(item, Practice):
        return f"practices/{item.id}.md"
    if isinstance(item, CaseStudy):
        return f"case-studies/{item.id}.md"
    if isinstance(item, Checklist):
        return f"checklists/{item.id}.md"
    if isinstance(item, Metric):
        return f"metrics/{item.id}.md"
    if isinstance(item, Framework):
        return f"frameworks/index.md#{item.id}"
    if isinstance(item, Page):
        return f"guides/{item.id}.md"
    if isinstance(item, Benchmark):
        return f"benchmarks/index.md#{item.id}"
    if isinstance(item, Jurisdiction):
        return f"{STATE_FOLDER}/{item.id}.md"
    raise TypeError(item)


STATE_FOLDER = "state-by-state"
STATE_PAGE = f"{STATE_FOLDER}/index.md"


class Linker:
    """Relative Markdown links from one page to items shown in the same edition."""

    def __init__(self, shown: Content, current_path: str, directory_urls: bool = True) -> None:
        self.shown = shown
        self.current = current_path
        self.directory_urls = directory_urls

    def href(self, target_path: str) -> str:
        path, _, anchor = target_path.partition("#")
        return relative(path, self.current) + (f"#{anchor}" if anchor else "")

    def built_href(self, md_url: str) -> str:
        """The address the built page uses for ``md_url`` (a Markdown link from this
        page): for HTML written by hand, where Markdown links are not converted."""
        return built_href(self.current, md_url, self.directory_urls)

    def url_for(self, item_id: str) -> str | None:
        item = self.shown.get(item_id)
        return self.href(page_path(item)) if item is not None else None

    def html_link(self, item_id: str, text: str | None = None) -> Markup:
        """An HTML link for raw-HTML blocks (large index tables, where Markdown tables are
        slow to convert), or the escaped text when the item is not in this edition."""
        item = self.shown.get(item_id)
        label = escape(text or (item.title if item else ""))
        if item is None:
            return label
        href = built_href_to(page_path(item), self.current, self.directory_urls)
        return Markup(f'<a href="{escape(href)}">{label}</a>')

    def link(self, item_id: str, text: str | None = None) -> str:
        """A Markdown link, or the plain title when the item is not in this edition."""
        item = self.shown.get(item_id)
        if item is None:
            return escape_md(text) if text else ""
        return f"[{escape_md(text or item.title)}]({self.href(page_path(item))})"

    def resolve_refs(self, text: str) -> str:
        """Turn ``[text](ref:id)`` into a link, or into plain text outside this edition."""
        if "](ref:" not in text:
            return text

        def replace(match: re.Match[str]) -> str:
            label = match.group(1)
            item = self.shown.get(match.group(2))
            if item is None:
                return label
            target = self.href(page_path(item))
            if match.group(3) and "#" not in target:
                target += match.group(3)
            return f"[{label}]({target})"

        return _REF_WITH_LABEL.sub(replace, text)


_REF_WITH_LABEL = re.compile(r"\[([^\]\n]+)\]" + REF_LINK.pattern[2:])
