"""Markdown tables that read on a phone.

A table written in Markdown (in a content page or a template) becomes a card per row on
a narrow screen instead of a box that hides columns sideways: each cell gets the text of
its column heading as ``data-label``, which the stylesheet shows beside the value. On a
wide screen it stays a table. Tables that must stay wide (the framework crosswalk) are
written as HTML scroll regions by their templates and are left alone here, as is every
table that already has a class.

No MkDocs import: the adapter calls :func:`stack_tables` on each page's HTML.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's tables extension writes `<table>` with no attributes; our templates
# always give their HTML tables a class.
_TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
_THEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.S)
_TBODY = re.compile(r"<tbody>(?P<rows>.*?)</tbody>", re.S)
_TH = re.compile(r"<th(?:\s[^>]*)?>(?P<text>.*?)</th>", re.S)
_TR = re.compile(r"<tr(?:\s[^>]*)?>(?P<cells>.*?)</tr>", re.S)
_TD_START = re.compile(r"<td(?P<attrs>\s[^>]*)?>")
_TAG = re.compile(r"<[^>]+>")

# Cards (as the metrics catalogue), with each label above its value: a Markdown table's
# cells are often sentences, which need the width of the screen.
STACKED_CLASS = "pb-cards pb-stack"


def _text(cell_html: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", cell_html)).split())


def _label_cells(row: re.Match[str], labels: list[str]) -> str:
    index = -1

    def label(start: re.Match[str]) -> str:
        nonlocal index
        index += 1
        if index >= len(labels) or not labels[index]:
            return start.group(0)
        value = html.escape(labels[index], quote=True)
        return f'<td data-label="{value}"{start.group("attrs") or ""}>'

    return row.group(0).replace(row.group("cells"), _TD_START.sub(label, row.group("cells")), 1)


def _stack(table: re.Match[str]) -> str:
    body = table.group("body")
    head = _THEAD.search(body)
    rows = _TBODY.search(body)
    if head is None or rows is None:
        return table.group(0)
    labels = [_text(m.group("text")) for m in _TH.finditer(head.group("head"))]
    labelled = _TR.sub(lambda row: _label_cells(row, labels), rows.group("rows"))
    body = body[: rows.start("rows")] + labelled + body[rows.end("rows") :]
    return f'<table class="{STACKED_CLASS}">{body}</table>'


def stack_tables(page_html: str) -> str:
    """Every Markdown table of a page, labelled so it can become cards on a phone."""
    if "<table>" not in page_html:
        return page_html
    return _TABLE.sub(_stack, page_html)
