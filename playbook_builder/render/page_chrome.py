"""Small changes to the theme's finished page that content cannot make.

No MkDocs import: the adapter calls these on each page's HTML.
"""

from __future__ import annotations

import re

_SKIP_LINK = re.compile(r'(<a href=")[^"]*(" class="md-skip">)')
CHECKLIST_ID = "pb-checklist"


def skip_to_checklist(page_html: str) -> str:
    """On a checklist page the theme's "Skip to content" link lands on the checklist
    itself, so the first question is a few key presses away, not one per link of the
    navigation and the introduction. The theme's own (translated) words are kept."""
    if f'id="{CHECKLIST_ID}"' not in page_html:
        return page_html
    return _SKIP_LINK.sub(rf"\g<1>#{CHECKLIST_ID}\g<2>", page_html, count=1)


_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(>)')
_SEARCH_LABEL = re.compile(r'<input[^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')


def name_search_dialog(page_html: str) -> str:
    """The theme's search is a dialog with no name (an accessibility failure): it gets the
    name of the theme's own search field, in the page's language ("Search", "Búsqueda")."""
    label = _SEARCH_LABEL.search(page_html)
    if label is None or 'role="dialog" aria-label=' in page_html:
        return page_html
    return _SEARCH_DIALOG.sub(rf'\g<1> aria-label="{label.group(1)}"\g<2>', page_html, count=1)


# The theme's script, at whatever depth the page is ("../../assets/..."), or from the
# site's root on the 404 page ("/playbook/jobseekers/assets/...").
_THEME_SCRIPT = re.compile(
    r'<script src="([^"<>]*/|\./|)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>'
)
LIGHT_SCRIPT = "assets/playbook/light.js"


# The theme's root element says the page has no script until its own script says it
# does; a light page's stylesheet asks the browser instead (playbook.css, scripting).
_NO_JS_ROOT = re.compile(r'(<html\b[^>]*?) class="no-js"')


def use_light_script(page_html: str) -> str:
    """A light edition's page loads ``light.js`` (search fetched on use, the colour
    switch) in place of the theme's bundle, which a first visit would otherwise spend
    most of its bytes and start-up time on. Everything else the theme writes stays, but
    for the root's ``no-js`` class: the theme's script takes it away once it runs, which
    restyles the whole page; on a light page the stylesheet hides the script-only
    controls with ``@media (scripting: none)`` instead, so nothing changes on the root."""
    swapped, count = _THEME_SCRIPT.subn(
        rf'<script src="\g<1>{LIGHT_SCRIPT}"></script>', page_html, count=1
    )
    return _NO_JS_ROOT.sub(r"\g<1>", swapped, count=1) if count else page_html


def finish_page(page_html: str, *, light: bool = False) -> str:
    """Every change of this module, in order (``light``: the edition's pages are light)."""
    page_html = name_search_dialog(skip_to_checklist(page_html))
    return use_light_script(page_html) if light else page_html
