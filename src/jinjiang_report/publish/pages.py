"""Pages the build writes itself, per edition: the annotated source, the Sources appendix, the execution report."""

from __future__ import annotations

import datetime as dt

from ..chapters.html import Markup, escape, table
from ..chapters.links import SOURCE_PAGE, appendix_anchor, fact_quote_anchor
from ..chapters.present import Writer
from ..chapters.presentation import Presentation
from ..editions import Edition
from ..facts.model import Ledger
from ..runs.report import RunReport
from ..themes import Theme
from .annotate import annotated_source_html
from .readings import readings_section
from .register import context_section
from .uses import Use


def _raw(html: str) -> str:
    return f"```{{raw}} html\n{html}\n```\n"


def _scrolling(label: str, table_html: str) -> str:
    """A table inside its own labelled region that the keyboard can reach and that scrolls sideways
    when the table is wider than the screen (report.css), so the page never does."""
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">{table_html}</div>'


def source_page(edition: Edition, ledger: Ledger, themes: dict[str, Theme], fact_uses: dict[str, Use],
                quote_uses: dict[str, Use]) -> str:
    """The annotated source: the page's metadata, then its full text with every quote highlighted."""
    write = Writer(edition.code, ledger.vocabulary)
    titles = {t.notebook.rsplit(".", 1)[0]: t.title[edition.code] for t in themes.values()}
    parts = [f"# {write.label('The source, annotated', '原文与标注')}", ""]
    for source in ledger.sources.values():
        meta = source.metadata
        published = meta["published"]
        zh = edition.code == "zh"
        parts += [
            write.label(
                "The whole page as the report read it, line by line (line numbers are the stored file's). "
                "Highlighted passages are quoted by the report: facts in yellow, with the number in bold, other "
                "quoted passages in blue. The note under a line says what each passage states, of what kind and "
                "for when, and links to the chapter that uses it.",
                "以下是本报告所读原文的全文，按行排列（行号即存档文件的行号）。本报告引用的段落均已标出：事实为黄色，"
                "数字加粗；其他引用为蓝色。每行下方的注释说明该段落陈述了什么、属于何种表述、对应什么时段，"
                "并链接到使用它的章节。"), "",
            _raw(_scrolling(write.label("About the source", "原文信息"), table(
                [write.label("Field", "项目"), write.label("Value", "内容")],
                [[write.label("Title", "标题"), Markup(f'<span lang="zh-Hans">{escape(meta["title"])}</span>')],
                 [write.label("Title in English", "英文标题"), meta.get("title_en", "")],
                 [write.label("Kind", "类型"), meta.get("medium_zh" if zh else "medium", "")],
                 [write.label("Publisher", "出版者"), meta.get("publisher_zh" if zh else "publisher", "")],
                 [write.label("Published", "出版时间"), _publication(published, write)],
                 [write.label("How the date is known", "日期依据"),
                  meta.get("published_zh", "") if zh else published.get("reasoning", "")],
                 [write.label("File", "文件"), Markup(f"<code>data/sources/{escape(source.path.name)}</code> "
                                                     f"(sha256 {escape(meta.get('sha256', '')[:12])}…)")]],
                caption=write.label("About the source", "原文信息")))),
            _raw(annotated_source_html(source, ledger, write, fact_uses, quote_uses, titles)),
        ]
    return "\n".join(parts)


def _publication(published: dict, write: Writer) -> str:
    """When the source was published, as far as it is known: a day, or a window, or 'on or after'."""
    earliest = write.date(dt.date.fromisoformat(published["earliest"]))
    if not published.get("latest"):
        return write.label(f"on or after {earliest} (the day is not printed)", f"{earliest}或之后（版面未印出具体日期）")
    latest = write.date(dt.date.fromisoformat(published["latest"]))
    return write.label(f"between {earliest} and {latest}", f"{earliest}至{latest}之间")


def appendix_page(edition: Edition, ledger: Ledger, themes: dict[str, Theme],
                  context_uses: dict[str, list[Use]] | None = None) -> str:
    """The Sources appendix: every fact in one sortable table, the derived figures, the numerals left out,
    the context from outside the page (``context_uses``: where the book shows each entry)."""
    write = Writer(edition.code, ledger.vocabulary)
    label = write.label
    theme_titles = {t.name: t.title[edition.code] for t in themes.values()}
    rows = []
    for fact in ledger.facts.values():
        # What the figure is comes first, where a reader looks; the ledger's id, for analysts, last.
        what = fact.metric_zh if write.lang == "zh" else fact.metric_en
        rows.append([Markup(f'<span id="{appendix_anchor(fact.id)}">{escape(what)}</span>'),
                     Markup(f'<a href="{SOURCE_PAGE}#{fact_quote_anchor(fact.id)}">'
                            f"{escape(write.fact(fact, standalone=True))}</a>"),
                     write.claim(fact.claim), write.period(fact.period),
                     fact.scope_zh if write.lang == "zh" else fact.scope_en,
                     Markup(f'<span lang="zh-Hans">{escape(fact.as_written)}</span>'),
                     theme_titles.get(fact.theme, fact.theme),
                     Markup(f'<code class="ledger-id">{fact.id}</code>')])
    facts = table([label("What", "内容"), label("Value", "数值"), label("Kind", "类型"), label("Period", "时段"),
                   label("Population", "统计对象"), label("As written", "原文写法"), label("Theme", "主题"),
                   label("Id", "编号")], rows,
                  caption=label("Facts (select a column heading to sort)", "事实（点击列标题排序）"),
                  classes="table report-table sortable")
    derived_rows = []
    for item in ledger.derived.values():
        inputs = Markup(", ".join(f'<a href="#{appendix_anchor(i)}"><code>{i}</code></a>' for i in item.inputs))
        what = item.metric_zh if write.lang == "zh" else item.metric_en
        derived_rows.append([Markup(f'<span id="{appendix_anchor(item.id)}">{escape(what)}</span>'),
                             write.derived(item), item.question_zh if write.lang == "zh" else item.question_en,
                             Markup(f"<code>{escape(item.formula)}</code>"), inputs,
                             Markup(f'<code class="ledger-id">{item.id}</code>')])
    derived = table([label("What", "内容"), label("Value", "数值"), label("Question it answers", "回答的问题"),
                     label("Formula", "公式"), label("Inputs", "输入"), label("Id", "编号")],
                    derived_rows, caption=label("Derived figures", "派生数字"))
    categories = {"masthead": ("masthead", "栏目奖项"), "date": ("date", "日期"), "repeat": ("repeat", "重复"),
                  "name": ("name", "名称"), "ordinal": ("ordinal", "序数"), "phrase": ("set phrase", "固定说法"),
                  "word": ("ordinary word", "普通词语"), "weather": ("weather column", "天气栏目")}
    exclusions = table([label("Passage", "原文"), label("Kind", "类别"), label("Why it is not a fact", "不列为事实的原因")],
                       [[Markup(f'<span lang="zh-Hans">{escape(e.quote)}</span>'), label(*categories[e.category]),
                         e.reason_zh if write.lang == "zh" else e.reason_en]
                        for e in ledger.exclusions],
                       caption=label("Numerals that are not facts", "不列为事实的数字"))
    wrap = '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>'
    return "\n".join([
        f"# {label('Sources and facts', '来源与事实')}", "",
        label("Every number in the chapters links to its quote in [the annotated source](source.md); this "
              "appendix lists the facts, the figures computed from them, every numeral of the page that is "
              "not a fact, with the reason, how the report reads each figure, and what the report says that is "
              "not on the page, with its basis. Every quote has been checked against the page, and every value "
              "against its quote.",
              "各章中的每个数字都链接到[原文与标注](source.md)中的出处；本附录列出全部事实、由事实计算的派生数字、"
              "版面上不列为事实的每个数字及其原因、本报告对各数字的审读，以及本报告所述而版面上没有的信息及其依据。"
              "每条引文都已与版面核对，每个数值都已与引文核对。"), "",
        _raw(wrap.format(escape(label("Facts", "事实")), facts)),
        _raw(wrap.format(escape(label("Derived figures", "派生数字")), derived)),
        _raw(wrap.format(escape(label("Numerals that are not facts", "不列为事实的数字")), exclusions)),
        readings_section(Presentation(ledger, edition.code), ledger, themes),
        context_section(write, ledger, context_uses or {}),
    ])


REPORT_PLACEHOLDER = '<div id="execution-report-table"></div>'


def execution_report_page(edition: Edition) -> str:
    """The execution report's page; its table is filled in when the site is published."""
    zh = edition.code == "zh"
    title = "执行报告" if zh else "Execution report"
    intro = ("本次构建中各章笔记本的生成情况：参数、是重新执行还是沿用缓存、耗时、内核，以及关键软件包的版本。"
             "两个版本（英文与中文）的笔记本都在此列出。" if zh else
             "How each chapter's notebook was produced in the build that published this copy of the report: its "
             "parameters, whether it was executed or reused from the cache, how long it ran, the kernel, and the "
             "versions of the key packages. The runs of both editions (English and Chinese) are listed.")
    outro = ("此表在页面构建之后、发布时写入，因此表中内容（例如耗时）有变化时，不会触发各章重新构建。“沿用缓存”"
             "表示笔记本的输入未变，沿用了先前构建的执行结果，不计耗时。" if zh else
             "This table is written when the report is published, after its pages are built, so a change in the "
             "table alone (a duration, say) does not cause the chapters to be rebuilt. Status `cached` means the notebook's inputs were "
             "unchanged and the executed copy of an earlier build was reused (no duration).")
    return f"# {title}\n\n{intro}\n\n```{{raw}} html\n{REPORT_PLACEHOLDER}\n```\n\n{outro}\n"


def execution_report_table(report: RunReport, edition: str) -> str:
    """The HTML of the execution report: one row per notebook run, then the versions."""
    zh = edition == "zh"
    rows = []
    statuses = {"executed": "已执行", "cached": "沿用缓存", "failed": "失败"}
    editions = {"en": "英文版", "zh": "中文版"}
    for run in report.notebooks:
        params = "; ".join(f"{k}={v!r}" for k, v in run["parameters"].items())
        name = escape(run["notebook"])
        link = (Markup(f'<a href="_sources/{name}" download>{name}</a>') if run["edition"] == edition
                else Markup(f'<a href="../{run["edition"]}/_sources/{name}" download>{name}</a>'))
        seconds = f"{run['seconds']:.2f}" if run["status"] == "executed" else "—"
        rows.append([link, editions.get(run["edition"], run["edition"]) if zh else run["edition"],
                     statuses.get(run["status"], run["status"]) if zh else run["status"], seconds,
                     run["kernel"], params])
    head = (("笔记本", "版本", "状态", "耗时（秒）", "内核", "参数") if zh else
            ("Notebook", "Edition", "Status", "Duration (s)", "Kernel", "Parameters"))
    notebooks = table(head, rows, caption="本次构建的笔记本" if zh else "Notebooks of this build")
    versions = table(("软件包", "版本") if zh else ("Package", "Version"), report.versions.items(),
                     caption="版本" if zh else "Versions")
    wrap = '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">{}</div>'
    return wrap.format("notebooks", notebooks) + wrap.format("versions", versions)
