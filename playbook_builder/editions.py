"""Editions, declared once each in ``mkdocs.<edition>.yml`` under the playbook plugin.

A fourth edition is one more ``mkdocs.<id>.yml`` that inherits ``mkdocs.yml`` and names
its audiences; no code changes. This module only reads those files; it does not import
MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from playbook_builder.problems import ContentError, Problem

EDITION_FILE = re.compile(r"^mkdocs\.([a-z0-9][a-z0-9-]*)\.yml$")


@dataclass(frozen=True)
class Edition:
    """One audience's site."""

    id: str
    title: str
    audiences: tuple[str, ...]
    description: str
    config_file: Path
    language: str = "en"
    edit_url: str = ""
    reading_grade: float | None = None  # plain-language limit for this edition's text
    order: int = 100  # position on the landing page
    jurisdiction: str | None = None  # a state code: the edition shows that state's floors
    overlay: str | None = None  # folder of items that add to or replace base items here

    @property
    def config_name(self) -> str:
        return self.config_file.name


Stamp = tuple[Path, int, int]


def _stamp(path: Path) -> Stamp:
    stat = path.stat()
    return (path, stat.st_mtime_ns, stat.st_size)


def load_merged_config(config_file: Path, *, read: list[Stamp] | None = None) -> dict[str, Any]:
    """The config file with its ``INHERIT`` parents merged in, as MkDocs merges them:
    mappings are merged key by key, anything else in the child replaces the parent's.
    ``read`` collects each file read, with its modification time and size from just
    before it was read."""
    yaml = YAML(typ="rt")
    if read is not None:
        read.append(_stamp(config_file))
    data = yaml.load(config_file.read_text(encoding="utf-8")) or {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = load_merged_config((config_file.parent / parent).resolve(), read=read)
        return _merge(base, dict(data))
    return dict(data)


def config_chain(config_file: Path) -> list[Path]:
    """The config file and the files it inherits from, child first."""
    chain = [config_file.resolve()]
    yaml = YAML(typ="safe")
    while True:
        data = yaml.load(chain[-1].read_text(encoding="utf-8")) or {}
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if not isinstance(parent, str):
            return chain
        chain.append((chain[-1].parent / parent).resolve())


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(dict(merged[key]), dict(value))
        else:
            merged[key] = value
    return merged


def read_plugin_options(
    config_file: Path, *, read: list[Stamp] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The merged edition config, and the options of its ``playbook`` plugin."""
    data = load_merged_config(config_file, read=read)
    plugins = data.get("plugins") or {}
    options: Any = {}
    if isinstance(plugins, dict):
        options = plugins.get("playbook") or {}
    elif isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, dict) and "playbook" in entry:
                options = entry["playbook"] or {}
    return data, dict(options)


# Editions read before, with the size and modification time of every file each was
# read from: a command that needs the editions again (a preview rebuild, the plugin
# after the command line) reads a config file only when it changed.
_EDITIONS: dict[Path, tuple[tuple[Stamp, ...], Edition]] = {}


def edition_from_config(config_file: Path) -> Edition:
    key = config_file.resolve()
    cached = _EDITIONS.get(key)
    if cached is not None:
        try:
            if all(_stamp(stamp[0]) == stamp for stamp in cached[0]):
                return cached[1]
        except OSError:
            pass
    read: list[Stamp] = []
    edition = _read_edition(config_file, read)
    _EDITIONS[key] = (tuple(read), edition)
    return edition


def _read_edition(config_file: Path, read: list[Stamp]) -> Edition:
    data, options = read_plugin_options(config_file, read=read)
    rel = config_file.name
    problems = []
    edition_id = options.get("edition")
    if not isinstance(edition_id, str):
        problems.append(Problem(rel, 1, 1, "plugins.playbook.edition", "the edition id is missing"))
    audiences = options.get("audiences") or ([edition_id] if isinstance(edition_id, str) else [])
    code = options.get("jurisdiction")
    if code is not None:
        from playbook_builder.models import JURISDICTION_NAMES

        if code not in JURISDICTION_NAMES:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    "plugins.playbook.jurisdiction",
                    f"'{code}' is not a state code; use a two-letter postal code in capitals, e.g. CO",
                )
            )
    if problems:
        raise ContentError(problems)
    theme = data.get("theme") or {}
    language = theme.get("language", "en") if isinstance(theme, dict) else "en"
    return Edition(
        id=str(edition_id),
        title=str(data.get("site_name") or edition_id),
        audiences=tuple(str(a) for a in audiences),
        description=str(options.get("description") or ""),
        config_file=config_file.resolve(),
        language=str(language),
        edit_url=str(options.get("edit_url") or ""),
        reading_grade=float(options["reading_grade"]) if options.get("reading_grade") else None,
        order=int(options.get("order", 100)),
        jurisdiction=str(options["jurisdiction"]) if options.get("jurisdiction") else None,
        overlay=str(options["overlay"]) if options.get("overlay") else None,
    )


def discover_editions(root: Path) -> list[Edition]:
    """Every ``mkdocs.<edition>.yml`` in the project root, in the order of ``order`` then id."""
    editions = []
    for path in sorted(root.iterdir()):
        if EDITION_FILE.match(path.name):
            editions.append(edition_from_config(path))
    return sorted(editions, key=lambda e: (e.order, e.id))


def all_audiences(editions: list[Edition]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for edition in editions:
        for audience in edition.audiences:
            seen.setdefault(audience, None)
    return tuple(seen)
