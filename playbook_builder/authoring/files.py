"""Tools for the staff who edit content: JSON Schema, starter files, and formatting."""

from __future__ import annotations

import datetime as dt
import io
import json
import posixpath
from pathlib import Path

from ruamel.yaml import YAML

from playbook_builder.content.kinds import KINDS
from playbook_builder.content.load import YAML_SUFFIXES, content_files
from playbook_builder.content.models import Cluster, ContentItem, Page, json_schema
from playbook_builder.content.problems import Problem
from playbook_builder.content.yaml_source import parse_yaml_text, split_front_matter
from playbook_builder.render.environment import environment

SCHEMA_DIR = "schemas"


def kind_slug(model: type[ContentItem]) -> str:
    return model.KIND.replace(" ", "-")


KIND_BY_SLUG: dict[str, type[ContentItem]] = {kind_slug(m): m for m in KINDS}


def schema_path(model: type[ContentItem]) -> str:
    return f"{SCHEMA_DIR}/{kind_slug(model)}.schema.json"


def schema_texts(audiences: tuple[str, ...]) -> dict[str, str]:
    """Schema file path -> JSON text, for every kind."""
    return {
        schema_path(model): json.dumps(json_schema(model, audiences), indent=2, sort_keys=False)
        + "\n"
        for model in KINDS
    }


def write_schemas(root: Path, audiences: tuple[str, ...]) -> list[Path]:
    written = []
    for rel, text in schema_texts(audiences).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def new_item_path(root: Path, model: type[ContentItem], item_id: str) -> Path:
    suffix = ".md" if model is Page else ".yml"
    return root / model.FOLDER / f"{item_id}{suffix}"


def starter_text(
    root: Path,
    model: type[ContentItem],
    item_id: str,
    clusters: list[Cluster],
    audiences: tuple[str, ...],
    checklist_items: list[str] | None = None,
) -> str:
    """A commented starter file for ``model`` that validates as it stands (status draft)."""
    folder = posixpath.dirname(f"{model.FOLDER}/{item_id}.yml")
    schema_rel = posixpath.relpath(schema_path(model), folder)
    template = environment().get_template(f"new/{kind_slug(model)}.j2")
    return template.render(
        id=item_id,
        title=item_id.replace("-", " ").capitalize(),
        schema=schema_rel,
        today=dt.date.today().isoformat(),
        cluster=clusters[0].id if clusters else "worker-voice",
        audiences=audiences,
        checklist_item=(checklist_items or ["leave-paid-sick"])[0],
    )


# --- formatting ---------------------------------------------------------------------


def _formatter() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.allow_duplicate_keys = False
    return yaml


def format_yaml_text(text: str) -> str:
    yaml = _formatter()
    data = yaml.load(text)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def format_file_text(path: Path, text: str) -> str:
    """The normalised text of a content file (pages: only the front matter)."""
    if path.suffix == ".md":
        front, body, _ = split_front_matter(text)
        if front is None:
            return text
        return "---\n" + format_yaml_text(front) + "---\n" + body
    return format_yaml_text(text)


def format_tree(root: Path, *, write: bool) -> tuple[list[Path], list[Problem]]:
    """Format every content file; return the files that changed (or would) and the
    files that could not be parsed."""
    changed: list[Path] = []
    problems: list[Problem] = []
    for _model, path in content_files(root):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        check_text = text
        if path.suffix == ".md":
            front, _, offset = split_front_matter(text)
            check_text = "\n" * offset + (front or "")
        if path.suffix in YAML_SUFFIXES or path.suffix == ".md":
            _, found = parse_yaml_text(check_text, rel) if check_text.strip() else (None, [])
            if found:
                problems.extend(found)
                continue
        formatted = format_file_text(path, text)
        if formatted != text:
            changed.append(path)
            if write:
                path.write_text(formatted, encoding="utf-8")
    return changed, problems
