"""The folded "How this was computed" block: a derived figure's formula in words, no ids or paths on a reader's page."""

import re

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.chapters.presentation import Presentation


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


def visible(html: str) -> str:
    """The text a reader sees: tags and their attributes removed."""
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("lang,between", [("en", " ÷ "), ("zh", "）÷")])
def test_a_division_reads_as_its_inputs_labels_and_values(ledger, lang, between):
    average = ledger.derived["inno_avg_credit_per_whitelist_firm"]
    show = Presentation(ledger, lang)
    block = show.computed([average])
    text = visible(block)
    credit, firms = (ledger.facts[i] for i in average.inputs)
    for fact in (credit, firms):
        label = fact.metric_zh if lang == "zh" else fact.metric_en
        assert label[1:] in text and show.text(fact.id, standalone=True) in text, (lang, fact.id)
        assert f'data-fact="{fact.id}"' in block  # the id stays, in the link, for analysts
    assert between in text and show.text(average.id) in text
    assert not re.search(r"\b(inno|liv|exp)_[a-z_]+", text), text  # no ledger id a reader can see
    assert block.startswith('<details class="computed">')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_window_reads_as_its_dates_not_a_function(ledger, lang):
    window = ledger.derived["liv_housing_window_days"]
    show = Presentation(ledger, lang)
    text = visible(show.computed([window]))
    start, end = (show.text(i, standalone=True) for i in window.inputs)
    assert "days_inclusive" not in text and start in text and end in text
    assert text.index(start) < text.index(end)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chapter_that_derives_nothing_shows_no_block(ledger, lang):
    """A block that only said where the counts came from told the reader nothing the prose had not."""
    assert Presentation(ledger, lang).computed([]) == ""
