"""The folded "How this was computed" block: empty parameters said in words, facts as readable labels."""

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.chapters.presentation import Presentation

PARAMETERS = {"ledger": "data/facts.csv", "source": "", "lang": "en", "chart_format": "svg",
              "decimals": 2, "note": ""}


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.mark.parametrize("lang,default,facts_label", [
    ("en", "the page in data/sources", "Figures used in this chapter"),
    ("zh", "data/sources 中的版面", "本章引用的事实"),
])
def test_empty_parameters_are_said_in_words_and_facts_read_as_labels(ledger, lang, default, facts_label):
    fact = ledger.facts["inno_whitelist_firms"]
    block = Presentation(ledger, lang).computed(dict(PARAMETERS, lang=lang), [fact], [])
    assert "source=''" not in block and "note=''" not in block
    assert f"<code>source</code>" in block and default in block
    assert "<code>ledger='data/facts.csv'</code>" in block
    metric = fact.metric_zh if lang == "zh" else fact.metric_en
    assert f'title="inno_whitelist_firms">{metric}</a>' in block  # the label reads, the id stays for analysts
    assert f"{facts_label}" in block and "<code>inno_whitelist_firms</code>" not in block
    assert block.startswith('<details class="computed">')


@pytest.mark.parametrize("lang,says", [("en", "cites no figure from data/facts.csv"), ("zh", "不引用 data/facts.csv")])
def test_a_block_without_ledger_figures_says_where_its_numbers_come_from(ledger, lang, says):
    block = Presentation(ledger, lang).computed(dict(PARAMETERS, lang=lang), [], [])
    assert says in block and "data/entities/" in block
    with_facts = Presentation(ledger, lang).computed(dict(PARAMETERS, lang=lang), [ledger.facts["inno_whitelist_firms"]], [])
    assert says not in with_facts
