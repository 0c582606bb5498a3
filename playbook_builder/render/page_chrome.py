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
