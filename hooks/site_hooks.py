"""MkDocs hooks of the LLM Field Guide.

Each function routes one MkDocs event to the plain `field_guide` package,
which does not import MkDocs. Logic belongs in that package, not here.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# `mkdocs serve` runs this file again on every rebuild, but Python would keep
# the package it imported the first time. Dropping it makes edits under hooks/
# take effect on the next rebuild.
for _name in [name for name in sys.modules if name == "field_guide" or name.startswith("field_guide.")]:
    del sys.modules[_name]

from field_guide import markers  # noqa: E402 (the package must be imported after the purge above)
from field_guide.bibtex import render_bibtex  # noqa: E402
from field_guide.citations import CitationRegistry, UnknownReferenceKeyError, cite_page, markdown_start_line, pages_using  # noqa: E402
from field_guide.contributing_page import field_reference  # noqa: E402
from field_guide.dates import build_date  # noqa: E402
from field_guide.event_pages import generated_event_files, render_events_list  # noqa: E402
from field_guide.executed_snippets import RUN_OUTPUT, SettingsError, SnippetRun, render_run_output  # noqa: E402
from field_guide.executed_snippets import fine_tuning_snippet, load_settings, run_snippets  # noqa: E402
from field_guide.models_chart import render_models_chart  # noqa: E402
from field_guide.models_table import render_models_table  # noqa: E402
from field_guide.notebook_execution import SnippetError  # noqa: E402
from field_guide.problems import DataError  # noqa: E402
from field_guide.references_page import PageLink, render_references  # noqa: E402
from field_guide.serve_recovery import keep_last_good_site  # noqa: E402
from field_guide.site_address import SiteAddress  # noqa: E402
from field_guide.site_data import SiteData, load_site_data  # noqa: E402
from field_guide.vendor_assets import VendorAssetError, vendor_sources  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.field_guide.hooks")

BIBTEX_FILE = "references.bib"

_site_data: SiteData | None = None
_build_day: dt.date | None = None
_citations = CitationRegistry()
_fine_tuning_run: SnippetRun | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the data files before anything is built."""
    global _site_data, _build_day, _citations
    try:
        _site_data = load_site_data(_project_root(config))
    except DataError as error:
        raise PluginError(str(error)) from error
    try:
        _build_day = build_date()
        SiteAddress.from_site_url(config.site_url)
    except ValueError as error:
        raise PluginError(str(error)) from error
    _citations = CitationRegistry()
    return config


@event_priority(50)  # before mkdocs-jupyter, so that its on_files receives the notebook page added here
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the files that do not come from docs/.

    They are a page and an .ics file per event, the calendar feed, the notebook page and references.bib.
    """
    root = _project_root(config)
    site = SiteAddress.from_site_url(config.site_url)
    for generated in generated_event_files(_data().conferences, _today(), site):
        # Reachable from the events list and search; listing every event would bloat the navigation.
        inclusion = InclusionLevel.NOT_IN_NAV if generated.is_page else InclusionLevel.UNDEFINED
        files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))

    files.append(_notebook_page(root, config))
    files.append(File.generated(config, BIBTEX_FILE, content=render_bibtex(_data().references)))

    # Browser packages from node_modules, served by the site itself instead of a CDN.
    try:
        for site_path, source in vendor_sources(root).items():
            files.append(File.generated(config, site_path, abs_src_path=str(source)))
    except VendorAssetError as error:
        raise PluginError(str(error)) from error
    log.debug("added %d event pages and the notebook page", len(_data().conferences))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Move the References page to the end of the files.

    MkDocs 1.6 converts the pages in the order of `files`, not of the
    navigation, so this makes every citing page known when the References
    page lists where each work is cited.
    """
    references = files.get_file_from_path(markers.REFERENCES.page)
    if references is not None:
        files.remove(references)
        files.append(references)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the page's citations, and replace its markers with content rendered from the data or the fine-tuning run."""
    if page.file.src_uri == RUN_OUTPUT.page:
        markdown = _with_run_output(markdown)

    data = _data()
    markdown = _cite(markdown, page, config)
    rendered = {
        markers.MODELS_TABLE: lambda: render_models_table(data.models, references_url="references.md"),
        markers.MODELS_CHART: lambda: render_models_chart(data.models),
        markers.EVENTS_LIST: lambda: render_events_list(data.conferences, _today()),
        markers.REFERENCES: lambda: render_references(data.references, _used_on(files)),
        markers.DATA_FIELDS: lambda: field_reference(_project_root(config)),
    }
    page_markers = [marker for marker in markers.ALL if marker.page == page.file.src_uri]
    for marker in page_markers:
        try:
            markdown = markers.replace_marker(markdown, marker, rendered[marker]())
        except markers.MarkerMissingError as error:
            raise PluginError(str(error)) from error
    return markdown


def _cite(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Render the citations of a Markdown page and record which keys it cites."""
    if not page.file.src_uri.endswith(".md"):
        return markdown
    source = page.file.content_string
    source_path = page.file.src_uri
    if page.file.abs_src_path:
        source_path = Path(page.file.abs_src_path).resolve().relative_to(_project_root(config)).as_posix()
    references_url = posixpath.relpath(markers.REFERENCES.page, posixpath.dirname(page.file.src_uri) or ".")
    try:
        cited = cite_page(
            markdown,
            _data().references,
            source_path=source_path,
            first_line=markdown_start_line(source, markdown),
            references_url=references_url,
        )
    except UnknownReferenceKeyError as error:
        raise PluginError(str(error)) from error
    _citations.record(page.file.src_uri, cited.keys)
    return cited.markdown


def _used_on(files: Files) -> dict[str, list[PageLink]]:
    """Return links to the pages that use each reference; log the references that nothing uses."""
    data = _data()
    data_keys = {key for row in data.models for _field_path, key in row.reference_keys()}
    usage = pages_using(data.references, _citations, data_keys, data_page=markers.MODELS_TABLE.page)
    unused = [key for key, pages in usage.items() if not pages]
    if unused:
        log.info("references that no page cites and no data row names: %s", ", ".join(unused))

    base = posixpath.dirname(markers.REFERENCES.page) or "."
    links = {}
    for key, pages in usage.items():
        # Pages converted before the References page have their titles by now.
        files_used = [files.get_file_from_path(src_uri) for src_uri in pages]
        links[key] = [
            PageLink(title=_page_title(file), target=posixpath.relpath(file.src_uri, base)) for file in files_used if file
        ]
    return links


def _page_title(file: File) -> str:
    return file.page.title if file.page is not None and file.page.title else file.src_uri


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """Keep serving the last good site when a rebuild fails, instead of holding every request."""
    server.builder = keep_last_good_site(server.builder, Path(config.site_dir))
    return server


def _notebook_page(root: Path, config: MkDocsConfig) -> File:
    """Run the fine-tuning snippet, or take it from the cache, and return its notebook as the page /fine-tuning/.

    mkdocs-jupyter 0.26 cannot render a File.generated backed by a path: its
    wrapper loses `abs_src_path`. So the page's source folder is the one that
    contains the notebook, under .cache/ and outside docs/; mkdocs-jupyter also
    publishes that file for download beside the page.
    """
    global _fine_tuning_run
    try:
        settings = load_settings(config.extra)
        (_fine_tuning_run,) = run_snippets(root, [fine_tuning_snippet(os.environ)], settings)
    except (SettingsError, SnippetError) as error:
        raise PluginError(str(error)) from error
    notebook = _fine_tuning_run.notebook
    return File(
        notebook.name,
        src_dir=str(notebook.parent),
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


def _with_run_output(markdown: str) -> str:
    """Show the output of the fine-tuning run that on_files prepared at the article's marker."""
    if _fine_tuning_run is None:
        raise PluginError("the fine-tuning snippet was not prepared; on_files of hooks/site_hooks.py did not run")
    try:
        return markers.replace_marker(markdown, RUN_OUTPUT, render_run_output(_fine_tuning_run))
    except markers.MarkerMissingError as error:
        raise PluginError(str(error)) from error


def _data() -> SiteData:
    if _site_data is None:
        raise PluginError("the data files were not loaded; on_config of hooks/site_hooks.py did not run")
    return _site_data


def _today() -> dt.date:
    if _build_day is None:
        raise PluginError("the build date was not set; on_config of hooks/site_hooks.py did not run")
    return _build_day


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
