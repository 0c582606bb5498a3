"""Markdown tables that read on a phone.

A table written in Markdown (in a content page or a template) becomes a card per row on
a narrow screen instead of a box that hides columns sideways: each cell carries the text
of its column heading as ``data-label``, which the stylesheet shows with the value. On a
wide screen it stays a table. Tables that must stay wide (the framework crosswalk) are
written as HTML scroll regions by their templates and are not touched here.

The change is made to the Markdown, before any engine sees it: a pipe table becomes an
HTML table whose cells keep their Markdown (``markdown="span"``, read by the md_in_html
extension), so the plugin build and the exported plain MkDocs project give the same
pages.
"""

from __future__ import annotations

import html
import re

# Cards (as in the metrics catalogue), each label above its value: a Markdown table's
# cells are often sentences, which need the width of the screen.
STACKED_CLASS = "pb-cards pb-stack"

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


def _cells(line: str) -> list[str]:
    """The cells of a table row, split on pipes outside code spans and not escaped."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells, current, in_code, index = [], [], False, 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] == "|":
            current.append("\\|")
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current).strip())
    return cells


def _label(cell: str) -> str:
    """A heading cell's Markdown as plain text, for an attribute."""
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", cell)).replace("\\|", "|")
    return html.escape(" ".join(text.split()), quote=True)


def _is_row(line: str) -> bool:
    return "|" in line and bool(line.strip())


def _table_html(indent: str, head: list[str], rows: list[list[str]]) -> list[str]:
    width = len(head)
    labels = [_label(cell) for cell in head]
    out = [
        f'{indent}<table class="{STACKED_CLASS}" markdown="1">',
        f'{indent}<thead markdown="1"><tr markdown="1">'
        + "".join(f'<th scope="col" markdown="span">{cell}</th>' for cell in head)
        + "</tr></thead>",
        f'{indent}<tbody markdown="1">',
    ]
    for row in rows:
        cells = (row + [""] * width)[:width]
        out.append(
            f'{indent}<tr markdown="1">'
            + "".join(
                f'<td data-label="{label}" markdown="span">{cell}</td>'
                for label, cell in zip(labels, cells, strict=True)
            )
            + "</tr>"
        )
    out += [f"{indent}</tbody>", f"{indent}</table>"]
    return out


def stack_tables(markdown: str) -> str:
    """The page's Markdown with each pipe table written as a labelled HTML table."""
    if "|" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    in_fence = False
    index = 0
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            in_fence = not in_fence
        starts_table = (
            not in_fence
            and index + 1 < len(lines)
            and _is_row(line)
            and _DELIMITER.match(lines[index + 1]) is not None
            and "-" in lines[index + 1]
            and (index == 0 or not lines[index - 1].strip())
        )
        if not starts_table:
            out.append(line)
            index += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        head = _cells(line)
        rows = []
        index += 2
        while index < len(lines) and _is_row(lines[index]):
            rows.append(_cells(lines[index]))
            index += 1
        out.extend(_table_html(indent, head, rows))
    return "\n".join(out)
