"""A full `mkdocs build --strict` of the real site (the `site` fixture), checked page by page."""

import re
from pathlib import Path

from bs4 import BeautifulSoup
from pybtex.database import parse_string
from ruamel.yaml import YAML

from field_guide.site_data import load_site_data
from site_builds import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
SNIPPET = ROOT / "snippets" / "fine_tune.py"
SECTION_MARKER = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")

PAGES = [
    "index.html",
    "architecture/index.html",
    "models/index.html",
    "fine-tuning/index.html",
    "video/index.html",
    "events/index.html",
    "references/index.html",
]


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def snippet_sections() -> dict[str, str]:
    """Return each named section of the snippet file, without its marker lines."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in SNIPPET.read_text(encoding="utf-8").splitlines():
        marker = SECTION_MARKER.match(line)
        if marker and marker[1] == "start":
            current = marker[2]
            sections[current] = []
        elif marker:
            current = None
        elif current is not None:
            sections[current].append(line)
    return {name: "\n".join(lines).strip("\n") for name, lines in sections.items()}


def test_every_page_built(site: Path) -> None:
    for path in PAGES:
        assert (site / path).is_file(), path


def test_models_table_rows(site: Path) -> None:
    rows = load_site_data(ROOT).models
    table = page(site, "models/index.html").select_one("article table")
    body_rows = table.select("tbody tr")
    assert len(body_rows) == len(rows)
    cells = {row.select("td")[0].get_text(" ", strip=True): [td.get_text(" ", strip=True) for td in row.select("td")] for row in body_rows}
    assert cells["LLM-1 (illustrative)"][1:4] == ["100M", "1B tokens", "90% accuracy (benchmark not named)"]
    assert cells["GPT-3"][1:3] == ["175B", "300B tokens"]
    assert cells["GPT-3"][3].startswith("43.9% accuracy (MMLU 5-shot)")
    assert cells["GPT-3"][4] == "brown2020"
    assert cells["Llama 3 70B"][2] == "over 15T tokens"
    assert cells["BERT-base"][2].startswith("3.3B words")
    assert "illustrative" in table.find_next("p").get_text().lower()


def test_models_table_sortable(site: Path) -> None:
    table = page(site, "models/index.html").select_one("article table")
    assert table.has_attr("data-field-guide-sortable")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings == ["Model", "Parameters", "Training data", "Performance", "Source"]
    gpt3 = next(row for row in table.select("tbody tr") if row.td.get_text(strip=True) == "GPT-3")
    assert gpt3.select("td")[1]["data-sort"] == "175000000000".zfill(20)
    scripts = [script["src"] for script in page(site, "models/index.html").select("script[src]")]
    assert "../assets/vendor/tablesort/tablesort.min.js" in scripts
    assert (site / "assets" / "vendor" / "tablesort" / "tablesort.min.js").is_file()
    assert (site / "assets" / "vendor" / "tablesort" / "LICENCE").is_file()


def test_chart_on_models_page(site: Path) -> None:
    figure = page(site, "models/index.html").select_one("article figure.field-guide-chart")
    assert figure is not None
    svg = figure.select_one("svg[role=img]")
    assert svg.select_one("title").get_text() == "Parameters against training tokens"
    assert "Chinchilla, 70B parameters, 1.4T tokens" in svg.select_one("desc").get_text()
    assert "BERT-base and GPT-2" in figure.select_one("figcaption").get_text()


def test_diagram_on_architecture_page(site: Path) -> None:
    heading = page(site, "architecture/index.html").select_one("h2#the-transformer")
    figure = heading.find_next("figure", class_="field-guide-diagram")
    assert figure is not None
    assert figure.find_previous("h2") is heading
    svg = figure.select_one("svg[role=img]")
    labels = {text.get_text() for text in svg.select("text")}
    for part in ("Input embedding", "Multi-head self-attention", "Feed-forward", "Encoder-decoder attention", "Softmax"):
        assert part in labels
    assert svg.select_one("title").get_text().startswith("The Transformer")


def test_pages_load_only_own_files(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        html = page(site, str(path.relative_to(site)))
        for element in html.select("script[src], link[href][rel~=stylesheet], img[src], iframe[src], source[src]"):
            address = element["src"] if element.has_attr("src") else element["href"]
            assert "//" not in address, f"{path.relative_to(site)} loads {address}"


def test_source_links_resolve(site: Path) -> None:
    models = page(site, "models/index.html")
    references = page(site, "references/index.html")
    anchors = {element["id"] for element in references.select("[id]")}
    links = [a["href"] for a in models.select("article table a[href*='#ref-']")]
    assert len(links) >= 8
    for href in links:
        assert href.startswith("../references/#ref-"), href
        assert href.split("#", 1)[1] in anchors, href


def test_event_pages(site: Path) -> None:
    event_pages = sorted(path.parent.name for path in (site / "events").glob("*/index.html"))
    assert event_pages == [
        "ai-world-congress-2026",
        "cvpr-2026",
        "generative-ai-summit-2026",
        "iclr-2026",
        "world-summit-ai-2026",
    ]
    cvpr = page(site, "events/cvpr-2026/index.html").select_one("article").get_text(" ", strip=True)
    assert "Denver" in cvpr
    assert "3–7 June 2026" in cvpr
    summit = page(site, "events/generative-ai-summit-2026/index.html").select_one("article").get_text(" ", strip=True)
    assert "Unverified" in summit
    assert "original article" in summit


def test_events_list_links_pages(site: Path) -> None:
    listing = page(site, "events/index.html").select_one("article")
    hrefs = {a["href"] for a in listing.select("table a")}
    assert "cvpr-2026/" in hrefs
    assert len(hrefs) == 5
    assert "unverified" in listing.get_text()


def test_references_listed(site: Path) -> None:
    entries = page(site, "references/index.html").select(".field-guide-reference")
    assert len(entries) == 11
    assert all(entry["id"].startswith("ref-") for entry in entries)
    text = " ".join(entry.get_text(" ", strip=True) for entry in entries)
    assert "Łukasz Kaiser" in text


def test_architecture_code_matches_snippet(site: Path) -> None:
    sections = snippet_sections()
    heading = page(site, "architecture/index.html").select_one("h2#fine-tuning-a-pre-trained-model")
    assert heading is not None, "the Architecture page has no 'Fine-tuning a pre-trained model' section"
    blocks = [div.select_one("pre code").get_text() for div in heading.find_all_next("div", class_="highlight")]
    shown = [block.strip("\n") for block in blocks]
    assert len(sections) == 7
    assert shown == list(sections.values())


def test_notebook_page_executed(site: Path) -> None:
    notebook = page(site, "fine-tuning/index.html")
    outputs = [output.get_text(" ", strip=True) for output in notebook.select(".jp-OutputArea-output")]
    assert outputs, "no cell output on /fine-tuning/"
    joined = "\n".join(outputs)
    assert "accuracy" in joined.lower()
    assert "Traceback" not in joined
    assert (site / "fine-tuning" / "fine-tuning.ipynb").is_file()


def test_architecture_shows_same_run(site: Path) -> None:
    article = page(site, "architecture/index.html")
    heading = article.select_one("h2#fine-tuning-a-pre-trained-model")
    output = heading.find_next("div", class_="field-guide-run-output")
    assert output is not None, "no run output after the 'Fine-tuning a pre-trained model' heading"
    run_output = output.select_one("pre").get_text()
    notebook = page(site, "fine-tuning/index.html")
    notebook_outputs = [element.get_text() for element in notebook.select(".jp-OutputArea-output")]

    assert re.search(r"^Epoch 1: mean loss \d\.\d{4}$", run_output, re.MULTILINE), run_output
    assert "Held-out accuracy before training:" in run_output
    assert "Held-out accuracy after training:" in run_output
    assert re.search(r"^Time taken: \d+\.\d s$", run_output, re.MULTILINE), run_output
    ran_on = run_output.splitlines()[-1]
    assert re.fullmatch(
        r"Ran on \d{1,2} [A-Z][a-z]+ \d{4} with Python 3\.11\.\d+, torch \S+, transformers \S+, on CPU, "
        r"model all-MiniLM-L6-v2 \(bundled copy\)",
        ran_on,
    ), ran_on
    assert any(run_output.strip() == text.strip() for text in notebook_outputs), "the notebook page shows another run"


def test_warm_build_starts_no_kernel(site: Path, tmp_path: Path) -> None:
    # The module's build above filled the cache, and nothing changed since.
    result = mkdocs_build(ROOT, tmp_path / "site", execute=True)

    assert result.returncode == 0, result.stderr[-5000:]
    assert "0 snippets ran, 1 from the cache" in result.stderr


def test_raising_snippet_fails_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    script = project / "snippets" / "fine_tune.py"
    lines = script.read_text(encoding="utf-8").splitlines(keepends=True)
    # Right after the first statement of the first code cell, before the slow imports.
    broken_line = lines.index("from __future__ import annotations\n") + 2
    lines.insert(broken_line - 1, 'raise RuntimeError("broken on purpose")\n')
    script.write_text("".join(lines), encoding="utf-8")
    site_dir = tmp_path / "site"

    result = mkdocs_build(project, site_dir, execute=True)

    assert result.returncode != 0
    assert f"snippets/fine_tune.py:{broken_line}: RuntimeError: broken on purpose" in result.stderr
    published = [path for path in site_dir.rglob("*") if path.is_file()] if site_dir.exists() else []
    assert not [path for path in published if "Traceback" in path.read_text(encoding="utf-8", errors="replace")]
    assert not (site_dir / "fine-tuning").exists()


def test_config_has_no_duplicate_keys() -> None:
    # MkDocs reads mkdocs.yml with PyYAML, which keeps the last of two equal keys without a word.
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_no_generated_file_in_docs() -> None:
    generated = [path.name for path in (ROOT / "docs").rglob("*") if path.suffix in (".ipynb", ".py")]
    assert generated == []
    assert not (ROOT / "docs" / "events" / "cvpr-2026.md").exists()


def test_citations_link_entries(site: Path) -> None:
    article = page(site, "architecture/index.html").select_one("article")
    first = article.select_one("p a[href*='#ref-']")
    assert first["href"] == "../references/#ref-vaswani2017"
    assert first["title"] == "Attention Is All You Need"
    assert first.get_text() == "Vaswani et al., 2017"
    assert "[@" not in article.get_text()


def test_citing_page_lists_works(site: Path) -> None:
    heading = page(site, "architecture/index.html").select_one("h2#references")
    assert heading is not None
    items = heading.find_next("ul").select("li")
    keys = [item.select_one("a")["href"].split("#ref-", 1)[1] for item in items]
    assert {"vaswani2017", "devlin2019", "brown2020", "dai2019", "kaplan2020", "hoffmann2022"} <= set(keys)
    assert keys == sorted(keys)


def test_references_cited_on(site: Path) -> None:
    entry = page(site, "references/index.html").select_one("#ref-vaswani2017")
    hrefs = {a["href"] for a in entry.select("p a")}
    assert {"../", "../architecture/"} <= hrefs
    assert "@inproceedings{vaswani2017," in entry.select_one("details code").get_text()
    data_only = page(site, "references/index.html").select_one("#ref-meta2024llama3")
    assert "../models/" in {a["href"] for a in data_only.select("p a")}


def test_bibtex_file_published(site: Path) -> None:
    bibliography = parse_string((site / "references.bib").read_text(encoding="ascii"), "bibtex")
    assert len(bibliography.entries) == len(load_site_data(ROOT).references)


def log_messages(stderr: str) -> list[str]:
    """Return MkDocs log lines ("LEVEL    -  message") as "LEVEL: message"."""
    messages = []
    for line in stderr.splitlines():
        level, separator, message = line.partition(" -  ")
        if separator:
            messages.append(f"{level.strip()}: {message}")
    return messages


def test_unknown_key_fails_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    architecture = project / "docs" / "architecture.md"
    lines = architecture.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines, start=1) if "[@vaswani2017]" in line)
    lines[number - 1] = lines[number - 1].replace("[@vaswani2017]", "[@vaswani2071]", 1)
    architecture.write_text("".join(lines), encoding="utf-8")

    result = mkdocs_build(project, project / "site", execute=False)
    assert result.returncode != 0
    expected = f"docs/architecture.md:{number}: unknown reference key 'vaswani2071'; did you mean 'vaswani2017'?"
    assert f"ERROR: {expected}" in log_messages(result.stderr)
    assert "Traceback" not in result.stderr


def test_unused_reference_is_info(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    with (project / "data" / "references.yml").open("a", encoding="utf-8") as references:
        references.write("\n- key: unused2020\n  type: preprint\n  title: Never Cited\n  authors: [Ada Lovelace]\n  year: 2020\n")

    result = mkdocs_build(project, project / "site", execute=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "INFO: references that no page cites and no data row names: unused2020" in log_messages(result.stderr)
