"""The navigation of an edition, from the pages it has."""

from __future__ import annotations

import html
from typing import Any

from playbook_builder.content.models import Checklist, Cluster, Page
from playbook_builder.render.pages import STATE_PAGE, RenderedEdition, page_path
from playbook_builder.render.translate import strip_marks
from playbook_builder.render.translate import ui as _


def _nav_title(title: str) -> str:
    """The theme writes navigation titles into the page unescaped: escape them here."""
    return html.escape(strip_marks(title), quote=False)


def navigation(
    out: RenderedEdition, clusters: list[Cluster], checklists: list[Checklist], pages: list[Page]
) -> list[dict[str, Any]]:
    """The edition's navigation: home, the leading guide sections, the checklists, the
    clusters, the state chooser, the indexes, then the other guide sections."""
    nav: list[dict[str, Any]] = [{_nav_title(_("Home")): "index.md"}]
    sections: dict[str, list[Page]] = {}
    for page in pages:
        sections.setdefault(page.section, []).append(page)
    leading = [s for s in sections if min(p.order for p in sections[s]) < 50]
    trailing = [s for s in sections if s not in leading]

    def section_nav(name: str) -> dict[str, Any]:
        return {_nav_title(name): [{_nav_title(p.title): page_path(p)} for p in sections[name]]}

    nav.extend(section_nav(s) for s in leading)
    if checklists:
        nav.append(
            {_nav_title(_("Checklists")): [{_nav_title(c.title): page_path(c)} for c in checklists]}
        )
    if clusters:
        nav.append(
            {
                _nav_title(_("The seven clusters")): [
                    {_nav_title(c.title): page_path(c)} for c in clusters
                ]
            }
        )
    if STATE_PAGE in out.pages:
        nav.append({_nav_title(out.pages[STATE_PAGE].title): STATE_PAGE})
    for path, label in (
        ("practices/index.md", "Practices"),
        ("case-studies/index.md", "Case studies"),
        ("metrics/index.md", "Metrics"),
        ("frameworks/index.md", "Frameworks"),
        ("benchmarks/index.md", "Benchmarks"),
    ):
        if path in out.pages:
            nav.append({label: path})
    nav.extend(section_nav(s) for s in trailing)
    return nav
