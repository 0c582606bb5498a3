"""The checklist modules joined into one classic script, for a site read from disk.

Browsers refuse ES modules from ``file://`` pages (module scripts need CORS, and a file
has no origin), so a site built to be opened from disk (``playbook build --offline``)
loads this bundle instead of the module loader. It is made from the same module files
at build time: each module becomes a function that receives what it imports and
returns what it exports, called in dependency order. No bundler is needed because the
modules keep to a small, checked subset of the syntax: named imports from relative
files, one default import, ``export function|const|let|class`` and ``export default``;
anything else is an error here, not a broken page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

ENTRY = "main.js"
# The entry modules: the checklist, and "Your state" on a page without one (the rights
# page). Each starts itself only on a page that has its part, as the loader does.
ENTRIES = (ENTRY, "state-page.js", "floors-page.js")

_IMPORT = re.compile(
    r"^import\s+(?:\{(?P<names>[^}]*)\}|(?P<default>[A-Za-z_$][\w$]*))\s+"
    r"from\s+[\"']\./(?P<file>[\w.-]+\.js)[\"'];?[ \t]*$",
    re.M,
)
_EXPORT_DECL = re.compile(
    r"^export\s+(?P<kind>async\s+function\*?|function\*?|const|let|var|class)\s+"
    r"(?P<name>[A-Za-z_$][\w$]*)",
    re.M,
)
_EXPORT_DEFAULT = re.compile(r"^export\s+default\s+", re.M)
_EXPORT_LIST = re.compile(r"^export\s*\{(?P<names>[^}]*)\}\s*;?[ \t]*$", re.M)
_ANY_EXPORT_OR_IMPORT = re.compile(r"^(?:export|import)\b", re.M)


class BundleError(ValueError):
    """A module uses syntax the joiner does not handle."""


@dataclass
class _Module:
    name: str
    body: str
    imports: list[tuple[str, str | None, str]] = field(default_factory=list)  # file, default, names
    exports: list[str] = field(default_factory=list)
    has_default: bool = False


def _parse(name: str, source: str) -> _Module:
    module = _Module(name, source)

    def take_import(match: re.Match[str]) -> str:
        file = match.group("file")
        default = match.group("default")
        names = match.group("names")
        module.imports.append((file, default, names or ""))
        source_ref = f"__modules[{json.dumps(file)}]"
        if default:
            return f"const {default} = {source_ref}.default;"
        bindings = []
        for part in names.split(","):
            part = part.strip()
            if not part:
                continue
            original, _, alias = part.partition(" as ")
            original, alias = original.strip(), (alias.strip() or original.strip())
            bindings.append(original if original == alias else f"{original}: {alias}")
        return f"const {{ {', '.join(bindings)} }} = {source_ref};"

    body = _IMPORT.sub(take_import, source)

    def take_export(match: re.Match[str]) -> str:
        module.exports.append(match.group("name"))
        return match.group(0).removeprefix("export").lstrip()

    body = _EXPORT_DECL.sub(take_export, body)

    def take_list(match: re.Match[str]) -> str:
        for part in match.group("names").split(","):
            local, _, exported = part.strip().partition(" as ")
            if local.strip():
                module.exports.append(
                    local.strip()
                    if not exported.strip()
                    else f"{exported.strip()}__as__{local.strip()}"
                )
        return ""

    body = _EXPORT_LIST.sub(take_list, body)
    if _EXPORT_DEFAULT.search(body):
        module.has_default = True
        body = _EXPORT_DEFAULT.sub("const __default = ", body, count=1)
    leftover = _ANY_EXPORT_OR_IMPORT.search(body)
    if leftover is not None:
        line = body.count("\n", 0, leftover.start()) + 1
        raise BundleError(f"checklist/{name}:{line}: import or export form not supported")
    if "import.meta" in body or re.search(r"\bimport\s*\(", body):
        raise BundleError(f"checklist/{name}: import.meta and import() are not supported")
    module.body = body
    return module


def _order(modules: dict[str, _Module], entry: str) -> list[str]:
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            raise BundleError(f"checklist/{name}: modules import each other in a cycle")
        if name not in modules:
            raise BundleError(f"checklist/{name}: imported but not found")
        visiting.add(name)
        for file, _default, _names in modules[name].imports:
            visit(file)
        visiting.discard(name)
        order.append(name)

    visit(entry)
    return order


def bundle_sources(sources: dict[str, str], entries: tuple[str, ...] = (ENTRY,)) -> str:
    """One classic script from module sources keyed by file name; a module imported by
    several entries runs once, before the first that needs it."""
    modules = {name: _parse(name, text) for name, text in sources.items()}
    order: list[str] = []
    for entry in entries:
        order.extend(name for name in _order(modules, entry) if name not in order)
    parts = [
        "/* The checklist modules (assets/playbook/checklist/) joined into one classic",
        " * script for pages opened from disk, where browsers refuse ES modules. Made at",
        " * build time by playbook_builder/checklists/jsbundle.py; edit the modules, not this. */",
        "(function () {",
        '"use strict";',
        "const __modules = {};",
    ]
    for name in order:
        module = modules[name]
        exported = [f"{e.split('__as__')[0]}: {e.split('__as__')[-1]}" for e in module.exports]
        if module.has_default:
            exported.append("default: __default")
        parts.append(f"// --- {name}")
        parts.append(f"__modules[{json.dumps(name)}] = (function () {{")
        parts.append(module.body.rstrip())
        parts.append(f"return {{ {', '.join(exported)} }};")
        parts.append("})();")
    parts.append("})();")
    return "\n".join(parts) + "\n"


def _module_dir() -> Path:
    return Path(str(resources.files("playbook_builder") / "assets" / "checklist"))


def checklist_bundle() -> str:
    folder = _module_dir()
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.js"))}
    return bundle_sources(sources, ENTRIES)
