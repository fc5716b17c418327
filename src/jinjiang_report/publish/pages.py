"""Pages the build writes itself: the Sources appendix and the execution report."""

from __future__ import annotations

from ..chapters.html import Markup, escape, table
from ..chapters.present import anchor, format_fact, format_quantity, md_escape
from ..facts.model import Derived, Fact, Ledger
from ..runs.report import RunReport
from ..themes import Theme
from .toc import toc_yaml


def generated_pages(ledger: Ledger, themes: dict[str, Theme]) -> dict[str, str]:
    """File name -> text of every generated page; ``ledger`` is the one the chapters read."""
    return {"sources.md": sources_page(ledger, themes), "execution-report.md": EXECUTION_REPORT_PAGE,
            "_toc.yml": toc_yaml(themes)}


def _source_section(ledger: Ledger) -> list[str]:
    lines = ["## The source", ""]
    for source in ledger.sources.values():
        meta = source.metadata
        published = meta["published"]
        lines += [
            f"**{md_escape(meta['title'])}**", "",
            f"- English title: {md_escape(meta.get('title_en', ''))}",
            f"- Id: `{source.id}`; file: `{source.path.name}`; language: {md_escape(meta.get('language', ''))}",
            f"- Kind: {md_escape(meta.get('kind', ''))}",
            f"- Publisher: {md_escape(meta.get('publisher', ''))}",
            f"- Published: between {published['earliest']} and {published['latest']}. "
            f"{md_escape(published['reasoning'])}",
            "- Columns on the page:",
            *[f"  - {md_escape(column)}" for column in meta.get("columns", [])],
            "",
        ]
    return lines


def _fact_entry(fact: Fact) -> list[str]:
    return [
        f"({anchor(fact.id)})=",
        f"### {md_escape(fact.metric_en)} · {md_escape(fact.metric_zh)}",
        "",
        f"`{fact.id}` · theme {fact.theme} · **{md_escape(format_fact(fact))}** "
        f"({md_escape(fact.as_written)}) · value {md_escape(str(fact.value))} {fact.unit}, "
        f"{fact.qualifier.replace('_', ' ')} · period {md_escape(fact.period)} · source `{fact.source_id}`",
        "",
        f"> {md_escape(fact.quote)}",
        "",
    ]


def _derived_entry(item: Derived) -> list[str]:
    inputs = ", ".join(f"{{ref}}`{i} <{anchor(i)}>`" for i in item.inputs)
    value = format_quantity(item.value, item.unit, item.qualifier)
    note = f" {md_escape(item.note)}" if item.note else ""
    return [
        f"({anchor(item.id)})=",
        f"### {md_escape(item.metric_en)} · {md_escape(item.metric_zh)}",
        "",
        f"`{item.id}` · theme {item.theme} · **{md_escape(value)}** "
        f"({item.qualifier.replace('_', ' ')}) = `{item.formula}` · inputs: {inputs}.{note}",
        "",
    ]


def sources_page(ledger: Ledger, themes: dict[str, Theme]) -> str:
    """The appendix: the source's metadata, every fact with its quote, every derived figure."""
    lines = ["# Sources and facts", "",
             "Every number in this book links here. Each fact quotes the source verbatim; the "
             "build checks that every quote occurs in the source (ignoring line breaks) and that "
             "every value is what its quote says.", ""]
    lines += _source_section(ledger)
    lines += ["## Facts", ""]
    for theme in themes.values():
        facts = [f for f in ledger.facts.values() if f.theme == theme.name]
        if facts:
            lines += [f"**{theme.title['en']}**", ""]
            for fact in facts:
                lines += _fact_entry(fact)
    lines += ["## Derived figures", "",
              "Computed by the build from the facts above; a bound carries through only where the "
              "arithmetic preserves it.", ""]
    for item in ledger.derived.values():
        lines += _derived_entry(item)
    lines += ["## Numerals that are not facts", "",
              "Every other numeral of the source is accounted for here, with the reason it is not a fact.",
              "", "| Quote | Reason |", "| --- | --- |"]
    for exclusion in ledger.exclusions:
        lines.append(f"| {md_escape(exclusion.quote)} | {md_escape(exclusion.reason)} |")
    return "\n".join(lines) + "\n"


REPORT_PLACEHOLDER = '<div id="execution-report-table"></div>'

EXECUTION_REPORT_PAGE = f"""# Execution report

How each chapter's notebook was produced in the build that published this copy of the book:
its parameters, whether it was executed or reused from the cache, how long it ran, the kernel,
and the versions of the key packages.

```{{raw}} html
{REPORT_PLACEHOLDER}
```

This table is written when the book is published, not when its pages are built, so a rebuild
that changes nothing else does not rebuild the book. Status `cached` means the notebook's
inputs were unchanged and the executed copy of an earlier build was reused.
"""


def execution_report_table(report: RunReport) -> str:
    """The HTML of the execution report: one row per notebook, then the versions."""
    rows = []
    for run in report.notebooks:
        params = "; ".join(f"{k}={v!r}" for k, v in run["parameters"].items())
        name = escape(run["notebook"])
        rows.append([Markup(f'<a href="_sources/{name}" download>{name}</a>'), run["status"],
                     f"{run['seconds']:.2f}", run["kernel"], params])
    notebooks = table(("Notebook", "Status", "Duration (s)", "Kernel", "Parameters"), rows,
                      caption="Notebooks of this build")
    versions = table(("Package", "Version"), report.versions.items(), caption="Versions")
    return notebooks + versions
