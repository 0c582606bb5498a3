"""Editions, declared once each in ``mkdocs.<edition>.yml`` under the playbook plugin.

Another edition is one more ``mkdocs.<id>.yml`` that inherits ``mkdocs.yml`` and names
its audiences; no code changes. This module only reads those files; it does not import
MkDocs.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from playbook_builder.content.problems import ContentError, Problem

EDITION_FILE = re.compile(r"^mkdocs\.([a-z0-9][a-z0-9-]*)\.yml$")


@dataclass(frozen=True)
class PluginOption:
    """One option of the playbook plugin (under ``plugins: playbook:`` in an edition
    file). This table is the one declaration: validation reads it, the MkDocs adapter
    builds its config class from it, and the handbook's table of options
    (handbook/editions-and-places.md) is written from it."""

    name: str
    help: str
    kind: type | tuple[type, ...] = str
    default: object = None  # None: the option may be left out
    required: bool = False
    many: bool = False  # a list of ``kind``


PLUGIN_OPTIONS: tuple[PluginOption, ...] = (
    PluginOption("edition", "the edition's id (its folder in site/)", required=True),
    PluginOption("audiences", "which audiences' items the edition shows", many=True, default=()),
    PluginOption(
        "description", "one line about the edition, shown on the landing page", default=""
    ),
    PluginOption(
        "edit_url", "where 'Edit this page' links point; the content file is appended", default=""
    ),
    PluginOption("edit_links", "show 'Edit this page' links", bool, default=True),
    PluginOption(
        "reading_grade",
        "plain-language limit (Flesch-Kincaid grade) for the edition's text",
        (int, float),
    ),
    PluginOption("order", "position on the landing page", int, default=100),
    PluginOption("drafts", "show draft items (for previews)", bool, default=False),
    PluginOption(
        "jurisdiction", "a state code: the edition shows that state's legal floors as text"
    ),
    PluginOption(
        "overlay", "a folder of items that add to or replace base items in this edition only"
    ),
    PluginOption("language", "the edition's language, when it is a translation (e.g. es)"),
    PluginOption(
        "translation_of", "the edition this one translates (its items, text from locale/)"
    ),
    PluginOption(
        "reading_ease",
        "plain-language limit (readability score) for a translated edition",
        (int, float),
    ),
    PluginOption(
        "offline",
        "readable offline after one visit and installable (service worker, manifest)",
        bool,
        default=False,
    ),
    PluginOption(
        "short_name", "the name under the icon when the guide is added to a phone's home screen"
    ),
    PluginOption(
        "light",
        "pages without the theme's script: search fetches its index only when opened "
        "(for readers on prepaid data and older phones)",
        bool,
        default=False,
    ),
)
OPTION_NAMES = tuple(o.name for o in PLUGIN_OPTIONS)


def options_table() -> str:
    """The options as a Markdown table, for the handbook (editions-and-places.md)."""
    rows = ["| option | what it is for | default |", "|---|---|---|"]
    for o in PLUGIN_OPTIONS:
        default = "required" if o.required else ("" if o.default is None else repr(o.default))
        default = {"()": "[]", "True": "true", "False": "false"}.get(default, default)
        rows.append(f"| `{o.name}` | {o.help} | {default} |")
    return "\n".join(rows) + "\n"


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
    edit_links: bool = True  # "Edit this page" under each page (off for a public edition)
    reading_grade: float | None = None  # plain-language limit for this edition's text
    order: int = 100  # position on the landing page
    jurisdiction: str | None = None  # a state code: the edition shows that state's floors
    overlay: str | None = None  # folder of items that add to or replace base items here
    # MkDocs' use_directory_urls: off for a site read from disk (links end in .html)
    directory_urls: bool = True
    # A translation shows the items of the edition it translates, its text taken from
    # locale/<language>/ (see translate.py); `translations` is filled in on the other side.
    translation_of: str | None = None
    translations: tuple[tuple[str, str], ...] = ()  # (edition id, language) of its translations
    reading_ease: float | None = None  # least readability score in the edition's language
    offline: bool = False  # a service worker and manifest (see render/offline.py)
    short_name: str | None = None  # the app's name on a home screen
    light: bool = False  # pages load assets/light.js instead of the theme's script

    @property
    def config_name(self) -> str:
        return self.config_file.name

    @property
    def plain_language(self) -> bool:
        """An edition for the public, held to a plain-language limit in its language:
        its pages take the plain wording (lists, not tables; everyday words)."""
        return self.reading_grade is not None or self.reading_ease is not None


Stamp = tuple[Path, int, int]


def _stamp(path: Path) -> Stamp:
    stat = path.stat()
    return (path, stat.st_mtime_ns, stat.st_size)


# Each config file as parsed, by path, modification time and size: an edition's parent
# file is read once per process however many editions inherit from it.
_PARSED: dict[Stamp, Any] = {}


def _parsed(stamp: Stamp) -> Any:
    """A config file's YAML tree (with positions), shared: never change it."""
    if stamp not in _PARSED:
        _PARSED[stamp] = YAML(typ="rt").load(stamp[0].read_text(encoding="utf-8")) or {}
    return _PARSED[stamp]


def load_merged_config(config_file: Path, *, read: list[Stamp] | None = None) -> dict[str, Any]:
    """The config file with its ``INHERIT`` parents merged in, as MkDocs merges them:
    mappings are merged key by key, anything else in the child replaces the parent's.
    ``read`` collects each file read, with its modification time and size from just
    before it was read."""
    stamp = _stamp(config_file)
    if read is not None:
        read.append(stamp)
    # Callers may change what they get: each gets its own copy.
    data = copy.deepcopy(_parsed(stamp))
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        base = load_merged_config((config_file.parent / parent).resolve(), read=read)
        return _merge(base, dict(data))
    return dict(data)


def config_chain(config_file: Path) -> list[Path]:
    """The config file and the files it inherits from, child first."""
    chain = [config_file.resolve()]
    while True:
        data = _parsed(_stamp(chain[-1]))
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


def _located(config_file: Path) -> list[tuple[Path, Any]]:
    """Each file of the INHERIT chain (child first) as a ruamel tree with positions."""
    return [(path, _parsed(_stamp(path))) for path in config_chain(config_file)]


def _line_of(tree: Any, *keys: str) -> tuple[int, int] | None:
    node = tree
    for key in keys[:-1]:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    if not isinstance(node, dict) or keys[-1] not in node or not hasattr(node, "lc"):
        return None
    line, column = node.lc.key(keys[-1])
    return line + 1, column + 1


def plugin_problems(config_file: Path) -> list[Problem]:
    """Mistakes in an edition file's plugin settings that MkDocs would report late or
    not at all: a list-form ``plugins:`` (it replaces the shared plugins, so search
    disappears) and options the playbook plugin does not have."""
    from playbook_builder.content.messages import did_you_mean

    problems = []
    for path, tree in _located(config_file):
        rel = path.name
        plugins = tree.get("plugins") if isinstance(tree, dict) else None
        if isinstance(plugins, list) and path != config_chain(config_file)[-1]:
            line, column = _line_of(tree, "plugins") or (1, 1)
            problems.append(
                Problem(
                    rel,
                    line,
                    column,
                    "plugins",
                    "write plugins as a mapping ('plugins:' then 'playbook:' indented below "
                    "it); a list here replaces the plugins of the file it inherits, so "
                    "search and the others disappear",
                )
            )
            continue
        options = plugins.get("playbook") if isinstance(plugins, dict) else None
        if not isinstance(options, dict):
            continue
        for key in options:
            if key not in OPTION_NAMES:
                line, column = _line_of(tree, "plugins", "playbook", str(key)) or (1, 1)
                problems.append(
                    Problem(
                        rel,
                        line,
                        column,
                        f"plugins.playbook.{key}",
                        f"the playbook plugin has no option '{key}'"
                        f"{did_you_mean(str(key), list(OPTION_NAMES))}; "
                        f"it has: {', '.join(OPTION_NAMES)}",
                    )
                )
    return problems


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
    problems = plugin_problems(config_file)
    edition_id = options.get("edition")
    if not isinstance(edition_id, str):
        problems.append(Problem(rel, 1, 1, "plugins.playbook.edition", "the edition id is missing"))
    audiences = options.get("audiences") or ([edition_id] if isinstance(edition_id, str) else [])
    code = options.get("jurisdiction")
    if code is not None:
        from playbook_builder.content.place import JURISDICTION_NAMES

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
    if options.get("language") not in (None, language):
        problems.append(
            Problem(
                rel,
                1,
                1,
                "plugins.playbook.language",
                f"'{options['language']}' differs from theme.language '{language}'; set both alike",
            )
        )
    if options.get("translation_of") and language == "en":
        problems.append(
            Problem(rel, 1, 1, "plugins.playbook.language", "a translation needs a language")
        )
    if problems:
        raise ContentError(problems)
    if options.get("translation_of"):
        options = {**_inherited(config_file, str(options["translation_of"])), **options}
    return Edition(
        id=str(edition_id),
        title=str(data.get("site_name") or edition_id),
        audiences=tuple(str(a) for a in audiences),
        description=str(options.get("description") or ""),
        config_file=config_file.resolve(),
        language=str(language),
        edit_url=str(options.get("edit_url") or ""),
        edit_links=options.get("edit_links", True) is not False,
        reading_grade=float(options["reading_grade"]) if options.get("reading_grade") else None,
        order=int(options.get("order", 100)),
        jurisdiction=str(options["jurisdiction"]) if options.get("jurisdiction") else None,
        overlay=str(options["overlay"]) if options.get("overlay") else None,
        directory_urls=bool(data.get("use_directory_urls", True)),
        translation_of=str(options["translation_of"]) if options.get("translation_of") else None,
        translations=_translation_links(
            config_file, str(edition_id), options.get("translation_of")
        ),
        reading_ease=float(options["reading_ease"]) if options.get("reading_ease") else None,
        offline=options.get("offline", False) is True,
        short_name=str(options["short_name"]) if options.get("short_name") else None,
        light=options.get("light", False) is True,
    )


# What a translation takes from the edition it translates unless its own file says
# otherwise: it is the same guide for the same readers, in another language.
INHERITED_BY_TRANSLATIONS = ("edit_links", "edit_url", "offline", "light")


def _inherited(config_file: Path, source_id: str) -> dict[str, Any]:
    for path in sorted(config_file.parent.iterdir()):
        if not EDITION_FILE.match(path.name) or path.resolve() == config_file.resolve():
            continue
        _data, options = read_plugin_options(path)
        if options.get("edition") == source_id:
            return {k: options[k] for k in INHERITED_BY_TRANSLATIONS if k in options}
    return {}


def _translation_links(
    config_file: Path, edition_id: str, translation_of: object
) -> tuple[tuple[str, str], ...]:
    """(edition id, language) of the other languages of this edition: its translations,
    or, for a translation, the edition it translates and that edition's other
    translations. Read from the sibling edition files, so the plugin sees them too."""
    family = str(translation_of) if translation_of else edition_id
    found: list[tuple[str, str]] = []
    for path in sorted(config_file.parent.iterdir()):
        if not EDITION_FILE.match(path.name) or path.resolve() == config_file.resolve():
            continue
        data, options = read_plugin_options(path)
        theme = data.get("theme") or {}
        language = str(theme.get("language", "en")) if isinstance(theme, dict) else "en"
        other = options.get("edition")
        if other == family or (options.get("translation_of") == family and other != edition_id):
            found.append((str(other), language))
    return tuple(found)


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
