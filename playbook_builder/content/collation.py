"""Alphabetical order as a reader of a language expects it.

Code-point order puts "Míchigan" after "Montana" (í sorts after every plain letter).
The key below compares letters without their accents, then breaks ties with the
accents, and keeps the letters a language treats as its own after their base letter
(Spanish ñ after n). Enough for names of places and items; no system locale needed.
"""

from __future__ import annotations

import unicodedata

# Letters that a language sorts as separate letters, after their base letter.
_OWN_LETTERS = {"es": {"ñ": "n\U0010ffff"}}


def sort_key(text: str, language: str = "en") -> tuple[str, str]:
    own = _OWN_LETTERS.get(language, {})
    folded = text.casefold()
    base = []
    for char in folded:
        if char in own:
            base.append(own[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(base), folded
