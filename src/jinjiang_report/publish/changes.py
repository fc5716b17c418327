"""What changed between two manifests: facts, passages and charts added, removed or changed.

``compare`` gives the changes as plain JSON (kept in the site as ``changes.json``); ``changes_html``
renders them for one edition's "What changed" page and ``changes_text`` for a terminal or a CI log.
A passage's text is compared word by word in English and character by character in Chinese.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..chapters.html import Markup, escape, table
from ..chapters.links import APPENDIX_PAGE, appendix_anchor

CHANGES_FILE = "changes.json"
FACT_FIELDS = ("value", "qualifier", "unit", "quote", "claim", "period")
PASSAGE_FIELDS = ("text", "facts", "derived", "quotes", "context")
REPLACED = "the site this build replaced"  # the baseline when no version is named
REPLACED_WORDS = {"en": REPLACED, "zh": "本次构建所替换的站点"}
_WORD = re.compile(r"\s+|\w+|[^\w\s]")
_HEADING_ADDRESS = re.compile(r"-h\d+$")


def compare(old: dict[str, Any] | None, new: dict[str, Any], label: str) -> dict[str, Any]:
    """The changes from ``old`` to ``new`` (None: nothing to compare with), ``label`` naming the baseline."""
    if old is None:
        return {"baseline": None}
    old_facts, new_facts = old.get("facts", {}), new.get("facts", {})
    facts = {
        "added": {key: new_facts[key] for key in sorted(set(new_facts) - set(old_facts))},
        "removed": {key: old_facts[key] for key in sorted(set(old_facts) - set(new_facts))},
        "changed": {key: {"old": old_facts[key], "new": new_facts[key],
                          "fields": [f for f in FACT_FIELDS if old_facts[key].get(f) != new_facts[key].get(f)]}
                    for key in sorted(set(old_facts) & set(new_facts))
                    if any(old_facts[key].get(f) != new_facts[key].get(f) for f in FACT_FIELDS)},
    }
    editions = {}
    for code, shown in new.get("editions", {}).items():
        before = old.get("editions", {}).get(code, {})
        editions[code] = {"pages": {**before.get("pages", {}), **shown.get("pages", {})},
                          "passages": _compare_items(before.get("passages", {}), shown.get("passages", {}),
                                                     PASSAGE_FIELDS),
                          "charts": _compare_items(before.get("charts", {}), shown.get("charts", {}), ("digest",))}
    return {"baseline": {"label": label, "version": old.get("version", {})}, "facts": facts, "editions": editions}


def _compare_items(old: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {"added": [new[k] for k in new if k not in old],
            "removed": [old[k] for k in old if k not in new],
            "changed": [{"old": old[k], "new": new[k]} for k in new
                        if k in old and any(old[k].get(f) != new[k].get(f) for f in fields)]}


def count(changes: dict[str, Any], lang: str | None = None) -> int:
    """How many things changed (0 for none, and for a first build); with ``lang``, what that edition's
    page lists: the facts, and its own passages and charts."""
    if not changes.get("baseline"):
        return 0
    total = sum(len(group) for group in changes["facts"].values())
    editions = changes["editions"] if lang is None else {lang: changes["editions"].get(lang, {})}
    for edition in editions.values():
        total += sum(len(group) for part in ("passages", "charts") for group in edition.get(part, {}).values())
    return total


def tokens(text: str, lang: str) -> list[str]:
    """What a passage is compared by: words (and the spaces and punctuation between them) in English,
    characters in Chinese."""
    return list(text) if lang == "zh" else _WORD.findall(text)


def diff_pieces(old: str, new: str, lang: str) -> list[tuple[str, str]]:
    """(change, text) pieces from ``old`` to ``new``; change is ``same``, ``removed`` or ``added``."""
    a, b = tokens(old, lang), tokens(new, lang)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces


_WORDS = {
    "en": {"first": "This is the first build of this site: there is nothing to compare it with.",
           "since": "Compared with {label}", "nothing": "Nothing the report shows changed.",
           "nothing_here": "Nothing this edition shows changed.", "between": ", ",
           "facts": "Facts", "passages": "Passages", "charts": "Charts",
           "added": "Added", "removed": "Removed", "changed": "Changed", "redrawn": "Redrawn",
           "fact": "Fact", "what": "What", "before": "Before", "after": "After",
           "commit": "commit {commit} ({date})", "not_git": "a build outside a git checkout",
           "deleted": "deleted: ", "inserted": "inserted: ", "on": "{title}, passage {address}",
           "on_heading": "{title}, heading {address}"},
    "zh": {"first": "这是本站点的首次构建，没有可以比较的版本。", "since": "比较对象：{label}",
           "nothing": "书中显示的内容没有变化。", "nothing_here": "中文版显示的内容没有变化。", "between": "，",
           "facts": "事实", "passages": "段落", "charts": "图表",
           "added": "新增", "removed": "删除", "changed": "修改", "redrawn": "重绘",
           "fact": "事实", "what": "内容", "before": "修改前", "after": "修改后",
           "commit": "提交 {commit}（{date}）", "not_git": "非 git 检出的构建",
           "deleted": "删去：", "inserted": "加入：", "on": "{title}，段落 {address}",
           "on_heading": "{title}，标题 {address}"},
}


def baseline_words(changes: dict[str, Any], lang: str) -> str:
    words = _WORDS[lang]
    baseline = changes["baseline"]
    version = baseline.get("version") or {}
    built = (words["commit"].format(commit=version["commit"][:12], date=str(version.get("date", ""))[:10])
             if version.get("commit") else words["not_git"])
    label = REPLACED_WORDS.get(lang, baseline["label"]) if baseline["label"] == REPLACED else baseline["label"]
    return words["since"].format(label=f"{label}{words['between']}{built}")


def _fact_cell(record: dict[str, Any], lang: str) -> str:
    shown = record.get("shown", {}).get(lang, {})
    return " · ".join(str(shown.get(k, "")) for k in ("value", "kind", "period"))


def _where(entry: dict[str, Any], pages: dict[str, str], lang: str, link: bool) -> str:
    words = _WORDS[lang]
    title = pages.get(entry["page"], entry["page"])
    kind = "on_heading" if _HEADING_ADDRESS.search(entry["address"]) else "on"
    text = escape(words[kind].format(title=title, address=entry["address"]))
    return f'<a href="{escape(entry["page"])}.html#{escape(entry["address"])}">{text}</a>' if link else text


def _diff_html(old: str, new: str, lang: str) -> str:
    words = _WORDS[lang]
    out = []
    for change, text in diff_pieces(old, new, lang):
        if change == "same":
            out.append(escape(text))
        elif change == "removed":
            out.append(f'<del><span class="visually-hidden">{words["deleted"]}</span>{escape(text)}</del>')
        else:
            out.append(f'<ins><span class="visually-hidden">{words["inserted"]}</span>{escape(text)}</ins>')
    return "".join(out)


def changes_html(changes: dict[str, Any], lang: str) -> str:
    """The body of one edition's "What changed" page."""
    words = _WORDS[lang]
    if not changes.get("baseline"):
        return f'<div class="changes"><p>{words["first"]}</p></div>'
    parts = [f'<p class="changes-baseline">{escape(baseline_words(changes, lang))}</p>']
    if not count(changes, lang):  # the other edition may have changed
        parts.append(f"<p>{words['nothing_here']}</p>")
        return f'<div class="changes">{"".join(parts)}</div>'
    facts = changes["facts"]
    if any(facts.values()):
        parts.append(f"<h2>{words['facts']}</h2>")
        rows = []
        for change in ("changed", "added", "removed"):
            for key, record in facts[change].items():
                old, new = (record["old"], record["new"]) if change == "changed" else (
                    (None, record) if change == "added" else (record, None))
                anchor = Markup(f'<a href="{APPENDIX_PAGE}#{appendix_anchor(key)}"><code>{escape(key)}</code></a>'
                                if new else f"<code>{escape(key)}</code>")
                metric = (new or old or {}).get("shown", {}).get(lang, {}).get("metric", "")
                rows.append([anchor, words[change], metric, _fact_cell(old, lang) if old else "—",
                             _fact_cell(new, lang) if new else "—"])
        caption = words["facts"]
        parts.append(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
                     + table([words["fact"], words["changed"], words["what"], words["before"], words["after"]],
                             rows, caption=caption) + "</div>")
    edition = changes["editions"].get(lang, {})
    pages = edition.get("pages", {})
    passages = edition.get("passages", {})
    if any(passages.get(change) for change in ("changed", "added", "removed")):
        parts.append(f"<h2>{words['passages']}</h2>")
        for change in ("changed", "added", "removed"):
            entries = passages.get(change, [])
            if not entries:
                continue
            items = []
            for entry in entries:
                if change == "changed":
                    where, body = _where(entry["new"], pages, lang, True), _diff_html(
                        entry["old"]["text"], entry["new"]["text"], lang)
                else:
                    where, body = _where(entry, pages, lang, change == "added"), escape(entry["text"])
                items.append(f'<li><p class="change-where">{where}</p><p class="passage-text">{body}</p></li>')
            parts.append(f"<h3>{words[change]}</h3><ul class=\"changes-list\">{''.join(items)}</ul>")
    charts = edition.get("charts", {})
    if any(charts.get(change) for change in ("changed", "added", "removed")):
        parts.append(f"<h2>{words['charts']}</h2><ul class=\"changes-list\">")
        for change, label in (("changed", "redrawn"), ("added", "added"), ("removed", "removed")):
            for entry in charts.get(change, []):
                shown = entry["new"] if change == "changed" else entry
                parts.append(f"<li>{words[label]}: {_where(shown, pages, lang, change != 'removed')}</li>")
        parts.append("</ul>")
    return f'<div class="changes">{"".join(parts)}</div>'


def changes_text(changes: dict[str, Any]) -> str:
    """The changes as plain text, both editions (diffs marked ``[-removed-]{+added+}``)."""
    if not changes.get("baseline"):
        return _WORDS["en"]["first"] + "\n"
    lines = [baseline_words(changes, "en")]
    if not count(changes):
        return "\n".join([*lines, _WORDS["en"]["nothing"]]) + "\n"
    for change in ("changed", "added", "removed"):
        for key, record in changes["facts"][change].items():
            if change == "changed":
                fields = ", ".join(record["fields"])
                lines.append(f"fact {key} changed ({fields}): {_fact_cell(record['old'], 'en')} -> "
                             f"{_fact_cell(record['new'], 'en')}")
            else:
                lines.append(f"fact {key} {change}: {_fact_cell(record, 'en')}")
    for code, edition in changes["editions"].items():
        for change in ("changed", "added", "removed"):
            for entry in edition["passages"].get(change, []):
                shown = entry["new"] if change == "changed" else entry
                lines.append(f"[{code}] passage {shown['page']}.html#{shown['address']} {change}:")
                if change == "changed":
                    text = "".join(t if k == "same" else (f"[-{t}-]" if k == "removed" else f"{{+{t}+}}")
                                   for k, t in diff_pieces(entry["old"]["text"], entry["new"]["text"], code))
                else:
                    text = shown["text"]
                lines.append(f"    {text}")
            for entry in edition["charts"].get(change, []):
                shown = entry["new"] if change == "changed" else entry
                word = "redrawn" if change == "changed" else change
                lines.append(f"[{code}] chart {shown['page']}.html#{shown['address']} {word}")
    return "\n".join(lines) + "\n"
