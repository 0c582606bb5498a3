"""The one Jinja2 environment that renders every page: ``StrictUndefined``, templates as
package data, autoescaping for HTML templates, and the filters the templates use.
Content text reaches templates as data and is never compiled as a template."""

from __future__ import annotations

import contextlib
import json
import os
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from playbook_builder import __version__
from playbook_builder.render.mdtext import escape_md
from playbook_builder.render.translate import as_english, long_date
from playbook_builder.render.translate import ui as _


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join((pad + line) if line.strip() else "" for line in text.splitlines()).lstrip()


def _number(value: object) -> str:
    """12.0 -> '12', 0.25 -> '0.25', text unchanged, None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return _one_line(str(value))


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (each edition builds in its own process);
    a cache folder that cannot be written just means compiling again."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(name: str = "templates") -> jinja2.FileSystemBytecodeCache | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "playbook_builder" / f"{name}-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=bytecode_cache(),
        loader=jinja2.PackageLoader("playbook_builder", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["indent_md"] = _indent
    env.filters["one_line"] = _one_line
    env.filters["num"] = _number
    env.filters["md_escape"] = escape_md
    env.filters["en"] = as_english
    env.filters["long_date"] = long_date
    env.globals["_"] = _
    env.filters["tojson_attr"] = lambda v: Markup(
        json.dumps(v, ensure_ascii=False).replace("<", "\\u003c")
    )
    return env
