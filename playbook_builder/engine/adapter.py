"""The one module that imports MkDocs.

Two ways in, same pages: :class:`PlaybookPlugin` adds the rendered pages in memory so
``mkdocs build|serve -f mkdocs.<edition>.yml`` work natively, and :func:`build_config`
builds any config file (an edition, or an exported plain one) for the CLI. Keeping MkDocs
here means a future engine is one new adapter, not a rewrite.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from playbook_builder.checklists.jsbundle import checklist_bundle
from playbook_builder.content.collection import Content
from playbook_builder.content.jurisdictions import build_date
from playbook_builder.content.load import load_content
from playbook_builder.content.problems import Problem, format_report, has_errors
from playbook_builder.editions import (
    PLUGIN_OPTIONS,
    PluginOption,
    all_audiences,
    config_chain,
    discover_editions,
    edition_from_config,
)
from playbook_builder.engine.render_cache import ConversionCache, cache_path
from playbook_builder.overlays import load_overlay, with_overlay
from playbook_builder.render.edition import render_edition
from playbook_builder.render.environment import bytecode_cache
from playbook_builder.render.minify import minify_js, published_asset
from playbook_builder.render.offline import add_offline_support, start_url
from playbook_builder.render.page_chrome import finish_page
from playbook_builder.render.pages import (
    ASSETS,
    CHECKLIST_BUNDLE,
    CSS_ASSETS,
    JS_ASSETS,
    RenderedEdition,
    asset_source,
)
from playbook_builder.render.sanitise import PageRejected, Sanitised, sanitise_html, secure_page

log = logging.getLogger("mkdocs.plugins.playbook")

# Material's end-of-life notice is documented in the handbook (command-line.md, site
# engines); keep build output readable.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildFailed(Exception):
    """MkDocs stopped; its messages were already logged."""


class StartupProblems(Exception):
    """The content had errors as the preview started (see :func:`serve_config`)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(format_report(problems))
        self.problems = problems


@dataclasses.dataclass(frozen=True)
class Request:
    """What the command line hands the plugin for a build or a preview, set on the
    plugin instance (``plugin.request``) once MkDocs has made it. A build run by MkDocs'
    own command line has the defaults: the edition file's options decide."""

    drafts: bool = False
    # The project's content and what loading it found, when the caller has loaded it.
    preloaded: tuple[Content, list[Problem]] | None = None
    # A preview starts only on content without errors, as validate sees it.
    check_first: bool = False


def _config_option(option: PluginOption) -> Any:
    if option.many:
        return c.ListOfItems(c.Type(option.kind), default=[])
    if option.required:
        return c.Type(option.kind)
    if option.default is None:
        return c.Optional(c.Type(option.kind))
    return c.Type(option.kind, default=option.default)


# MkDocs' config class for the plugin, built from the one declaration (editions.py).
PlaybookConfig: type[base.Config] = type(
    "PlaybookConfig", (base.Config,), {o.name: _config_option(o) for o in PLUGIN_OPTIONS}
)


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("playbook_builder") / name))


def _script(entry: dict[str, str]) -> c.ExtraScriptValue | str:
    """An extra_javascript entry as MkDocs reads one from a config file (path, type)."""
    return c.ExtraScript().validate(dict(entry))


CONTENT_POLL_SECONDS = 0.2


class _ThemeBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in this process (each edition of a build and each
    preview rebuild makes a new theme environment), and between runs in the same user
    cache folder as our own compiled templates. Jinja checks each entry against the
    template's source and compiles again when the theme changed."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._disk: jinja2.FileSystemBytecodeCache | bool | None = False

    def _on_disk(self) -> jinja2.FileSystemBytecodeCache | None:
        if self._disk is False:
            self._disk = bytecode_cache("theme")
        assert not isinstance(self._disk, bool)
        return self._disk

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # Compiled code depends on the environment's extensions as well as the source.
        extensions = ",".join(sorted(environment.extensions))
        return super().get_bucket(environment, f"{name}|{extensions}", filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
            return
        disk = self._on_disk()
        if disk is not None:
            disk.load_bytecode(bucket)
            if bucket.code is not None:
                self._store[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()
        disk = self._on_disk()
        if disk is not None:
            disk.dump_bytecode(bucket)


_THEME_BYTECODE = _ThemeBytecodeCache()


class _GeneratedPage(File):
    """A page made in memory whose "modified" reflects a real change.

    MkDocs 1.6 treats every in-memory page as modified, so a dirty rebuild would redo
    them all; this lets a preview rebuild only the pages whose Markdown changed.
    """

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class PlaybookPlugin(BasePlugin):  # type: ignore[type-arg]  # its config class is built
    config_class = PlaybookConfig

    """Adds an edition's pages, navigation and assets to a MkDocs build.

    Defining ``on_startup`` keeps one instance across the rebuilds of ``mkdocs serve``,
    which is what lets it remember what the last build wrote.
    """

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.rendered: RenderedEdition | None = None
        self.error_page: str | None = None
        self.serving = False
        self.dirty = False
        self._built_digests: dict[str, int] = {}
        self._pending_digests: dict[str, int] = {}
        self._built_nav: object = None
        self._config_key: int = 0
        self._built_config_key: int = 0
        self._sanitised: dict[str, tuple[bytes, Sanitised]] = {}
        # Each page's body as the sanitiser returned it, for the check of the finished page.
        self._bodies: dict[str, str] = {}
        self._conversions: ConversionCache | None = None
        self.request = Request()
        self._first_checked = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path).resolve()
        root = config_file.parent
        # The final config decides the URL style (an --offline build turns directory
        # URLs off without editing the edition file).
        edition = dataclasses.replace(
            edition_from_config(config_file), directory_urls=bool(config.use_directory_urls)
        )
        # A config edit (theme, footer, extensions) changes every page's HTML.
        self._config_key = hash(
            tuple(p.read_text(encoding="utf-8") for p in config_chain(config_file))
        )
        request = self.request
        drafts = bool(self.config["drafts"]) or request.drafts
        audiences = all_audiences(discover_editions(root)) or edition.audiences
        preloaded = request.preloaded
        if (
            preloaded is not None
            and Path(str(preloaded[0].root)).resolve() == root
            and preloaded[0].audiences == audiences
        ):
            content, problems = preloaded
        else:
            content, problems = load_content(root, audiences)
        if request.check_first and not self._first_checked:
            # `playbook serve` starts only on content without errors, as validate sees
            # it (the edition's overlay included); later errors show in the preview.
            self._first_checked = True
            found = list(problems)
            if not has_errors(found):
                found += load_overlay(content, edition)[1]
            if has_errors(found):
                raise StartupProblems(found)
        self.rendered, self.error_page = None, None
        if has_errors(problems):
            report = format_report(problems)
            if not self.serving:
                raise exceptions.PluginError("content has errors:\n" + report)
            log.error(
                "content has errors; the preview shows them until they are fixed:\n%s", report
            )
            self.error_page = report
            config.nav = [{"Content errors": "index.md"}]
        else:
            for problem in problems:
                log.warning(problem.format())
            # Loaded before rendering: the edition's overlay items join the content here.
            self.rendered = render_edition(with_overlay(content, edition), edition, drafts=drafts)
            config.nav = self.rendered.nav
            toc = config.mdx_configs.get("toc")
            if self.rendered.permalink_title and isinstance(toc, dict):
                toc["permalink_title"] = self.rendered.permalink_title
        config.extra_css = [*CSS_ASSETS, *config.extra_css]
        scripts = list(JS_ASSETS)
        if not config.use_directory_urls:
            # Read from disk: browsers refuse ES modules on file:// pages, so the
            # checklist comes as one classic script made from the same modules.
            scripts = [
                {"path": CHECKLIST_BUNDLE} if s.get("type") == "module" else s for s in scripts
            ]
        config.extra_javascript = [*map(_script, scripts), *config.extra_javascript]
        # Preview: rebuild on content, template and base-config edits (INHERIT parents
        # are not watched by MkDocs itself).
        for watched in (
            root / "content",
            root / "case_studies",
            root / "locale",
            *([root / edition.overlay] if edition.overlay else []),
            _package_dir("templates"),
            _package_dir("assets"),
            root / "mkdocs.yml",
        ):
            if watched.exists() and str(watched) not in config.watch:
                config.watch.append(str(watched))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # A preview rebuild that failed part way never saved its conversions: start over.
        self._conversions = None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every build makes a new theme environment that compiles the theme's templates
        # again; a bytecode cache keeps each edition of a build, each preview rebuild
        # and the next run from paying for that.
        if env.bytecode_cache is None:
            env.bytecode_cache = _THEME_BYTECODE
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.error_page is not None:
            body = "# Content errors\n\nFix these and save; the preview updates by itself.\n\n```text\n"
            files.append(
                File.generated(config, "index.md", content=body + self.error_page + "```\n")
            )
        elif self.rendered is not None:
            nav_changed = (
                self.rendered.nav != self._built_nav or self._config_key != self._built_config_key
            )
            self._pending_digests = {}
            for page in self.rendered.pages.values():
                generated = _GeneratedPage.generated(config, page.path, content=page.markdown)
                assert isinstance(generated, _GeneratedPage)
                digest = hash(page.markdown)
                self._pending_digests[page.path] = digest
                generated.changed = (
                    not self.dirty
                    or nav_changed
                    or self._built_digests.get(page.path) != digest
                    or not os.path.isfile(generated.abs_dest_path)
                )
                files.append(generated)
            # Open data (data/*.json, *.csv): copied to the site as they are.
            for path, data in self.rendered.files.items():
                files.append(File.generated(config, path, content=data))
        for asset in ASSETS:
            src = _package_dir("assets") / asset_source(asset)
            files.append(File.generated(config, asset, content=published_asset(src)))
        files.append(
            File.generated(config, CHECKLIST_BUNDLE, content=minify_js(checklist_bundle()))
        )
        return files

    def _rendered_page(self, page: Any) -> Any:
        if self.rendered is None:
            return None
        return self.rendered.pages.get(page.file.src_uri)

    @property
    def _light(self) -> bool:
        """The edition's pages load light.js in place of the theme's script."""
        return self.rendered is not None and self.rendered.edition.light

    def _page_name(self, page: Any) -> str:
        rendered = self._rendered_page(page)
        if rendered is not None and rendered.source:
            return f"{rendered.source} (page {page.file.src_uri})"
        return f"page {page.file.src_uri}"

    def on_pre_page(self, page: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Sitemap dates come from the content, never from the day of the build.
        rendered = self._rendered_page(page)
        if rendered is not None and rendered.updated is not None:
            page.update_date = rendered.updated.isoformat()
        # Each page's Markdown is converted through the conversion cache.
        page.render = functools.partial(self._render, page)
        return page

    def _render(self, page: Any, config: MkDocsConfig, files: Files) -> None:
        if self._conversions is None:
            self._conversions = ConversionCache(
                cache_path(
                    Path(config.config_file_path).resolve().parent,
                    Path(config.config_file_path).name,
                ),
                _conversion_settings(config),
            )
        self._conversions.render(
            page, files, functools.partial(Page.render, page, config, files), get_toc
        )

    def _sanitise(self, src_uri: str, html: str) -> Sanitised:
        # A preview rebuild after a navigation or config change converts every page
        # again, mostly to the same HTML: the last result per page is kept (in this
        # process only, never on disk) and reused when the HTML is the same.
        if not self.serving:
            return sanitise_html(html)
        digest = hashlib.sha256(html.encode("utf-8")).digest()
        kept = self._sanitised.get(src_uri)
        if kept is not None and kept[0] == digest:
            return kept[1]
        result = sanitise_html(html)
        self._sanitised[src_uri] = (digest, result)
        return result

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        # The net under validation: only allow-listed tags, attributes and URL schemes.
        # A warning fails a --strict build and names the content file.
        result = self._sanitise(page.file.src_uri, html)
        if result.removed:
            log.warning(
                "%s: the HTML sanitiser removed %s",
                self._page_name(page),
                "; ".join(result.removed),
            )
        self._bodies[page.file.src_uri] = result.html
        return result.html

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        # No <link rel="alternate" hreflang> for the other languages' pages: the theme's
        # script reads every such link as the root of a language version and fetches
        # "sitemap.xml" beside it (two failed requests per page, and errors on a page
        # read from disk). The page's own language link says where the translation is.
        try:
            return secure_page(
                finish_page(output, light=self._light),
                page.title,
                config.site_name,
                sanitised=self._bodies.pop(page.file.src_uri, None),
            )
        except PageRejected as exc:
            raise exceptions.PluginError(
                f"{self._page_name(page)}: refusing to write a page with {exc}"
            ) from exc

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # Theme pages that are not content pages (404.html) get the same check and policy.
        if not template_name.endswith(".html"):
            return output_content
        # Material's 404 page says "Not found" in English whatever the theme's language.
        if template_name == "404.html" and self.rendered is not None and self.rendered.not_found:
            output_content = output_content.replace(
                "<h1>404 - Not found</h1>", f"<h1>404 - {self.rendered.not_found}</h1>", 1
            )
        try:
            return secure_page(
                finish_page(output_content, light=self._light), None, config.site_name
            )
        except PageRejected as exc:
            raise exceptions.PluginError(f"theme page {template_name}: {exc}") from exc

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not config.use_directory_urls:
            # Read from disk, the theme's search loads its index as a script
            # (search/search_index.js setting __index): a page on disk cannot fetch.
            index = Path(config.site_dir) / "search" / "search_index.json"
            if index.is_file():
                text = index.read_text(encoding="utf-8")
                index.with_suffix(".js").write_text(f"var __index = {text};\n", encoding="utf-8")
        if (
            self.rendered is not None
            and self.rendered.edition.offline
            and config.use_directory_urls
            and not self.serving
        ):
            # Offline after one visit (not in a preview, whose pages change under it).
            add_offline_support(
                Path(config.site_dir),
                self.rendered.edition,
                built=build_date().isoformat(),
                start=start_url(self.rendered.pages),
            )
        if self._conversions is not None:
            self._conversions.save()
            self._conversions = None
        # Remember what this build wrote only once it has written it.
        if self.rendered is not None:
            self._built_digests = self._pending_digests
            self._built_nav = self.rendered.nav
            self._built_config_key = self._config_key
        else:
            self._built_digests, self._built_nav = {}, None


def _conversion_settings(config: MkDocsConfig) -> str:
    """Everything besides a page's Markdown and the file list that decides its HTML."""
    from importlib.metadata import version

    from playbook_builder.engine.engines import running

    return repr(
        (
            [version(name) for name in (running(), "markdown", "pymdown-extensions")],
            config.markdown_extensions,
            config.mdx_configs,
            dict(config.validation),
            config.use_directory_urls,
            config.site_url,
        )
    )


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of each message, so a build run
    again in the same process (a test, a preview) never writes to a closed stream."""

    @property
    def stream(self) -> Any:
        import sys

        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def build_config(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    directory_urls: bool = True,
    preloaded: tuple[Content, list[Problem]] | None = None,
) -> None:
    """Build one MkDocs config into ``site_dir``; raise :class:`BuildFailed` on failure.

    ``preloaded`` is the project's content and what loading it found, when the caller
    has loaded it already."""
    mkdocs_log = logging.getLogger("mkdocs")
    if not mkdocs_log.handlers:
        # In a worker process nothing else shows MkDocs' warnings.
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        mkdocs_log.addHandler(handler)
    try:
        overrides: dict[str, Any] = {} if directory_urls else {"use_directory_urls": False}
        cfg = load_config(
            config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides
        )
        _hand_over(cfg, Request(drafts=drafts, preloaded=preloaded))
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (exceptions.Abort, exceptions.ConfigurationError) as exc:
        raise BuildFailed(str(exc)) from exc


def _hand_over(cfg: MkDocsConfig, request: Request) -> None:
    """Give the edition's plugin instance what the command line decided."""
    plugin = cfg.plugins.get("playbook")
    if isinstance(plugin, PlaybookPlugin):
        plugin.request = request


class _NoDirtyBuildWarning(logging.Filter):
    """MkDocs warns on every dirty rebuild that navigation may be stale. The plugin
    rebuilds every page when the navigation or config changes (see _GeneratedPage), so
    for our preview the warning is noise that hides real ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


_QUIET_DIRTY = _NoDirtyBuildWarning()


def serve_config(
    config_file: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    drafts: bool = False,
    check_first: bool = False,
) -> None:
    """Live preview of one config file, as ``mkdocs serve`` does it (dirty rebuilds,
    live reload), with the plugin told what the command line decided. ``check_first``
    raises :class:`StartupProblems` when the content has errors as the first build
    starts."""
    from mkdocs.livereload import LiveReloadServer

    logging.getLogger("mkdocs.commands.build").addFilter(_QUIET_DIRTY)
    site_dir = tempfile.mkdtemp(prefix="playbook-preview-")
    request = Request(drafts=drafts, check_first=check_first)

    def get_config() -> MkDocsConfig:
        cfg = load_config(
            config_file=str(config_file), site_dir=site_dir, dev_addr=f"{host}:{port}"
        )
        _hand_over(cfg, request)
        return cfg

    config = get_config()
    # Dirty rebuilds redo only the pages whose Markdown changed (see _GeneratedPage).
    config.plugins.on_startup(command="serve", dirty=True)
    mount_path = urlsplit(config.site_url or "/").path
    host_part = f"[{host}]" if ":" in host else host
    config.site_url = serve_url = f"http://{host_part}:{port}{mount_path}"

    def builder(cfg: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if cfg is None:
            cfg = get_config()
            cfg.site_url = serve_url
        build(cfg, serve_url=serve_url, dirty=True)

    # The content folders are polled more often than MkDocs' 0.5 s, so an edit shows
    # sooner (about 1,500 stat calls per poll on a large project).
    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=CONTENT_POLL_SECONDS,
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
