"""Export an edition as plain Markdown plus a mkdocs.yml that needs no plugin of ours.

The export is the way out: any MkDocs-compatible engine can build it, which matters
because Material for MkDocs reaches end of life in 2027 and MkDocs 2 drops plugins.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from playbook_builder.checklists.jsbundle import checklist_bundle
from playbook_builder.editions import Edition, load_merged_config
from playbook_builder.project import Project
from playbook_builder.render.edition import render_edition
from playbook_builder.render.minify import minify_js, published_asset
from playbook_builder.render.pages import (
    ASSETS,
    CHECKLIST_BUNDLE,
    CSS_ASSETS,
    JS_ASSETS,
    asset_source,
)

# Config keys that are paths or our plugin's business; everything else is carried over.
_DROPPED_KEYS = {"INHERIT", "docs_dir", "site_dir", "nav", "plugins", "watch"}


def plain_config(edition: Edition, nav: list[dict[str, Any]]) -> dict[str, Any]:
    merged = load_merged_config(edition.config_file)
    config: dict[str, Any] = {k: v for k, v in merged.items() if k not in _DROPPED_KEYS}
    plugins = merged.get("plugins") or {}
    if isinstance(plugins, dict):
        kept: Any = {k: v for k, v in plugins.items() if k != "playbook"}
    else:
        kept = [
            p for p in plugins if not (isinstance(p, dict) and "playbook" in p) and p != "playbook"
        ]
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = kept
    config["nav"] = nav
    config["extra_css"] = [*CSS_ASSETS, *(merged.get("extra_css") or [])]
    # Mapping entries (path, type) keep the checklist loader an ES module in a plain build.
    scripts = [dict(entry) for entry in JS_ASSETS]
    config["extra_javascript"] = [*scripts, *(merged.get("extra_javascript") or [])]
    return config


def write_file_if_changed(path: Path, text: str) -> bool:
    """Write only when the text differs, so watchers and dirty builds see real changes."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """As :func:`write_file_if_changed`, byte for byte (CSV keeps its CRLF line ends)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def export_edition(project: Project, edition: Edition, out: Path, *, drafts: bool = False) -> Path:
    """Write ``out/docs/**.md``, the open data (``out/docs/data/``), assets and
    ``out/mkdocs.yml``; return the config path."""
    rendered = render_edition(project.content_for(edition), edition, drafts=drafts)
    docs = out / "docs"
    wanted = set()
    for page in rendered.pages.values():
        write_file_if_changed(docs / page.path, page.markdown)
        wanted.add(page.path)
    for data_path, data in rendered.files.items():
        write_bytes_if_changed(docs / data_path, data)
        wanted.add(data_path)
    assets_dir = Path(str(resources.files("playbook_builder") / "assets"))
    for asset in ASSETS:
        write_file_if_changed(docs / asset, published_asset(assets_dir / asset_source(asset)))
        wanted.add(asset)
    write_file_if_changed(docs / CHECKLIST_BUNDLE, minify_js(checklist_bundle()))
    wanted.add(CHECKLIST_BUNDLE)
    # Static files the edition's own docs_dir carries (logo, favicon).
    merged = load_merged_config(edition.config_file)
    static_root = edition.config_file.parent / str(merged.get("docs_dir") or "docs")
    if static_root.is_dir():
        for path in static_root.rglob("*"):
            if path.is_file():
                rel = path.relative_to(static_root).as_posix()
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, docs / rel)
                wanted.add(rel)
    for path in sorted(docs.rglob("*"), reverse=True):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    config_path = out / "mkdocs.yml"
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    with config_path.open("w", encoding="utf-8") as handle:
        handle.write("# Exported by playbook export: plain MkDocs, no playbook plugin needed.\n")
        yaml.dump(plain_config(edition, rendered.nav), handle)
    return config_path
