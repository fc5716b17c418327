"""The report's meaning, checked on the built pages: the annotated source shows the page verbatim with
every quote highlighted where it stands, numbers link to their quotes, the prose says the kind of each
claim that is not a plain result, and no count is shown with a fraction."""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from conftest import EDITIONS, THEMES, ledger as load_ledger
from jinjiang_report.chapters.links import fact_quote_anchor, quote_anchor
from jinjiang_report.facts.numbers import parse_number
from jinjiang_report.facts.sources import squeeze
from jinjiang_report.publish.annotate import entity_quotes, passages

pytestmark = pytest.mark.slow


class SourceLines(HTMLParser):
    """Each line of the annotated source: its text, the character ranges inside <mark>, anchor positions."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, dict] = {}
        self.current: dict | None = None
        self.depth = 0  # nesting inside the line's <p>
        self.skip = 0  # inside a note reference (not source text)
        self.mark_start: int | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "source-line" in (attrs.get("class") or ""):
            number = int(attrs["id"].removeprefix("line-"))
            self.current = self.lines[number] = {"text": "", "marks": [], "anchors": {}}
        elif self.current is not None and tag == "p":
            self.depth = 1
        elif self.depth:
            if tag == "sup":
                self.skip += 1
            elif tag == "mark":
                self.mark_start = len(self.current["text"])
            elif tag == "span" and attrs.get("class") == "anchor":
                self.current["anchors"][attrs["id"]] = len(self.current["text"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "sup":
            self.skip -= 1
        elif tag == "mark":
            self.current["marks"].append((self.mark_start, len(self.current["text"])))
        elif tag == "p":
            self.depth, self.current = 0, None

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current["text"] += data


@pytest.fixture(scope="module")
def verified():
    return load_ledger()


def parsed_source(site, edition):
    parser = SourceLines()
    parser.feed((site / edition / "source.html").read_text(encoding="utf-8"))
    return parser.lines


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_annotated_source_shows_every_line_of_the_page_verbatim(built_site, verified, edition):
    lines = parsed_source(built_site.site, edition)
    original = verified.source.text.split("\n")
    shown = {number: line["text"] for number, line in lines.items()}
    assert shown == {n: text for n, text in enumerate(original, start=1) if text.strip()}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_highlight_is_a_quote_at_that_place_and_every_quote_is_highlighted(built_site, verified, edition):
    lines = parsed_source(built_site.site, edition)
    text = verified.source.text
    starts, position = {}, 0
    for number, line in enumerate(text.split("\n"), start=1):
        starts[number] = position
        position += len(line) + 1
    anchors = {anchor: starts[n] + offset for n, line in lines.items() for anchor, offset in line["anchors"].items()}
    marked = {starts[n] + i for n, line in lines.items() for a, b in line["marks"] for i in range(a, b)}
    quoted = set()
    found = passages(verified.source, verified)
    for item in found.values():
        for start, end in item.occurrences:
            quoted.update(i for i in range(start, end) if not text[i].isspace())
        first = item.occurrences[0][0]
        ids = [item.anchor, *(fact_quote_anchor(f.id) for f in item.facts)]
        for anchor in ids:
            assert anchors.get(anchor) == first, (anchor, item.text)
            assert squeeze(text[first:]).startswith(squeeze(item.text)), anchor
    assert {i for i in marked if not text[i].isspace()} == quoted
    for fact in verified.facts.values():
        assert fact_quote_anchor(fact.id) in anchors, fact.id
    assert set(anchors) == {a for item in found.values()
                            for a in [item.anchor, *(fact_quote_anchor(f.id) for f in item.facts)]}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_quote_a_chapter_links_to_is_highlighted_in_the_source(built_site, verified, edition):
    source = (built_site.site / edition / "source.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<span class="anchor" id="([^"]+)"></span>', source))
    for theme in THEMES.values():
        html = (built_site.site / edition / f"{theme.name}.html").read_text(encoding="utf-8")
        for target in re.findall(r'href="source\.html#([^"]+)"', html):
            assert target in ids, (theme.name, target)
    for theme_entities in verified.entities.values():
        for quote in entity_quotes(theme_entities):
            assert quote_anchor(quote) in ids, quote


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_prose_says_the_kind_of_every_claim_that_is_not_a_plain_result(built_site, verified, edition):
    missing = []
    for page in [*(t.name for t in THEMES.values()), "intro"]:
        html = (built_site.site / edition / f"{page}.html").read_text(encoding="utf-8")
        for paragraph in re.findall(r"<p>(.*?)</p>", html, re.S):
            words = re.sub(r"<[^>]+>", "", paragraph).lower()
            for fact_id in set(re.findall(r'data-fact="([a-z0-9_]+)"', paragraph)):
                says = verified.vocabulary.required_words(verified.facts[fact_id].claim, edition)
                if says and not any(word.lower() in words for word in says):
                    missing.append((page, fact_id, words[:80]))
    assert missing == []


def test_the_check_sees_a_paragraph_that_leaves_the_kind_out(verified):
    says = verified.vocabulary.required_words(verified.facts["exp_expo_deals"].claim, "en")
    assert says and not any(word in "local trade fairs reached cny 74.038 billion" for word in says)


def shown_value(shown: str, edition: str) -> Decimal:
    """The number a reader reads in a value as shown: 120,800 people; more than 6万多个; 12.08万名."""
    if edition == "zh":
        return parse_number(shown.removeprefix("第")).value
    numbers = load_ledger().vocabulary.numbers
    words = {**{w: n for n, w in enumerate(numbers["small_counts"]["en"])},
             **{w: n for n, w in enumerate(numbers["small_ordinals"]["en"])}}
    spelled = [words[word] for word in shown.split() if word in words]
    if spelled:  # English prose spells out one to nine: "three hospitals", "the third conference"
        return Decimal(spelled[0])
    number = Decimal(re.search(r"\d[\d,]*(?:\.\d+)?", shown)[0].replace(",", ""))
    return number * {"billion": 10 ** 9, "million": 10 ** 6}.get(shown.split()[-1], 1)


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_no_count_is_shown_with_a_fraction(built_site, verified, edition):
    counts = {unit for unit, entry in verified.vocabulary.units.items() if entry["value_type"] == "count"}
    items = {**{f.id: f for f in verified.facts.values()}, **{d.id: d for d in verified.derived.values()}}
    checked = 0
    for page in [*(f"{t.name}.html" for t in THEMES.values()), "sources.html", "intro.html"]:
        html = (built_site.site / edition / page).read_text(encoding="utf-8")
        for item_id, shown in re.findall(r'data-(?:fact|derived)="([a-z0-9_]+)"[^>]*>([^<]*)<', html):
            item = items[item_id]
            if shown.strip() == item_id:  # a caption citing the fact by its id
                continue
            if item.unit in counts and not getattr(item, "as_written", "").startswith(("每", "1/")):
                value = shown_value(shown.strip(), edition)
                assert value == value.to_integral_value(), (page, item_id, shown)
                checked += 1
    assert checked > 20
