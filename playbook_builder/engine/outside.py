"""Building with an engine that runs no plugins of ours (Zensical).

The edition is exported as plain Markdown with a plain ``mkdocs.yml`` (``export.py``), the
engine builds that into the staging folder, and then the safeguards run as a pass over
what it wrote, with the same code the MkDocs plugin uses per page:

* the allow-list sanitiser over each page's article (the content the engine converted);
* the page check and the Content-Security-Policy with the hashes of the theme's scripts;
* the offline worker and manifest of the jobseekers' editions.

The open data and the checklist bundle are part of the export, and the atomic swap of
``site/`` is the same as for every build (``site.py``).
"""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml import YAML

from playbook_builder.content.jurisdictions import build_date
from playbook_builder.editions import Edition, load_merged_config
from playbook_builder.engine.export import export_edition
from playbook_builder.project import Project
from playbook_builder.render.offline import add_offline_support, start_url
from playbook_builder.render.page_chrome import finish_page
from playbook_builder.render.sanitise import PageRejected, sanitise_html, secure_page

log = logging.getLogger("playbook_builder.engine")

# How each engine without plugins builds an exported edition ({config}: its mkdocs.yml).
COMMANDS: dict[str, tuple[str, ...]] = {
    "zensical": ("zensical", "build", "--config-file", "{config}")
}

_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.S)


class OutsideBuildFailed(Exception):
    """The engine stopped, or a page failed the safeguards; the message says which."""


def secure_folder(folder: Path, site_name: str, *, light: bool = False) -> list[str]:
    """Run the safeguards over every page an engine wrote into ``folder``; return what
    the sanitiser removed, per page. Raises :class:`OutsideBuildFailed` naming a page
    that holds anything that could run or load code outside its content."""
    removed: list[str] = []
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        html = page.read_text(encoding="utf-8")
        sanitised = None
        article = _ARTICLE.search(html)
        if article:
            result = sanitise_html(article.group(2))
            if result.removed:
                removed.append(f"{rel}: the HTML sanitiser removed {'; '.join(result.removed)}")
            sanitised = result.html
            html = html[: article.start(2)] + sanitised + html[article.end(2) :]
        try:
            html = secure_page(finish_page(html, light=light), None, site_name, sanitised=sanitised)
        except PageRejected as exc:
            raise OutsideBuildFailed(f"{rel}: refusing to publish a page with {exc}") from exc
        page.write_text(html, encoding="utf-8")
    return removed


def _point_config(config: Path, site: Path, directory_urls: bool) -> None:
    yaml = YAML(typ="rt")
    data = yaml.load(config.read_text(encoding="utf-8"))
    data["site_dir"] = str(site)
    data["use_directory_urls"] = directory_urls
    with config.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _start_url(site: Path) -> str:
    """Where the installed guide opens: its first checklist, else its home page."""
    checklists = site / "checklists"
    pages = (
        sorted(p.name for p in checklists.iterdir() if p.is_dir()) if checklists.is_dir() else []
    )
    return f"checklists/{pages[0]}/" if pages else "./"


def build_exported(
    project: Project,
    edition: Edition,
    site: Path,
    command: Sequence[str],
    *,
    strict: bool = False,
    drafts: bool = False,
    directory_urls: bool = True,
) -> list[str]:
    """Export ``edition``, build it with ``command`` into ``site`` and secure the output.

    Returns the sanitiser's removals (none for validated content); with ``strict`` any
    removal fails the build, as a warning fails a strict MkDocs build.
    """
    with tempfile.TemporaryDirectory(prefix="playbook-export-") as tmp:
        config = export_edition(project, edition, Path(tmp), drafts=drafts)
        docs = Path(tmp) / "docs"
        pages = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
        _point_config(config, site, directory_urls)
        args = [part.format(config=config) for part in command]
        try:
            done = subprocess.run(args, cwd=tmp, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise OutsideBuildFailed(f"{args[0]} could not start: {exc}") from exc
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise OutsideBuildFailed(f"{args[0]} stopped ({done.returncode}): {' / '.join(last)}")
    site_name = str(load_merged_config(edition.config_file).get("site_name") or edition.title)
    removed = secure_folder(site, site_name, light=edition.light)
    for line in removed:
        log.warning("%s", line)
    if strict and removed:
        raise OutsideBuildFailed(f"{len(removed)} page(s) needed the sanitiser: {removed[0]}")
    if edition.offline and directory_urls:
        add_offline_support(site, edition, built=build_date().isoformat(), start=start_url(pages))
    return removed
