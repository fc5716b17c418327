"""The folded "How this was computed" block: facts as readable labels, no run parameters on a reader's page."""

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.chapters.presentation import Presentation


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.mark.parametrize("lang,facts_label", [("en", "Figures used in this chapter"), ("zh", "本章引用的事实")])
def test_facts_read_as_labels_and_no_run_parameter_is_shown(ledger, lang, facts_label):
    fact = ledger.facts["inno_whitelist_firms"]
    block = Presentation(ledger, lang).computed([fact], [])
    assert "ledger=" not in block and "chart_format" not in block and "data/facts.csv'" not in block
    metric = fact.metric_zh if lang == "zh" else fact.metric_en
    assert f'title="inno_whitelist_firms">{metric}</a>' in block  # the label reads, the id stays for analysts
    assert f"{facts_label}" in block and "<code>inno_whitelist_firms</code>" not in block
    assert block.startswith('<details class="computed">')


@pytest.mark.parametrize("lang,says", [("en", "cites no figure from data/facts.csv"), ("zh", "不引用 data/facts.csv")])
def test_a_block_without_ledger_figures_says_where_its_numbers_come_from(ledger, lang, says):
    block = Presentation(ledger, lang).computed([], [])
    assert says in block and "data/entities/" in block
    with_facts = Presentation(ledger, lang).computed([ledger.facts["inno_whitelist_firms"]], [])
    assert says not in with_facts
