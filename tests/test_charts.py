"""The chart house style a chapter may use for something on the page: deterministic files, Chinese
drawn as glyph paths, text legible on a phone, alt text and a caption citing the facts."""

import re

import pytest

from conftest import ledger
from jinjiang_report.chapters import charts
from jinjiang_report.chapters.presentation import Presentation


def bars(labels: list[str]):
    fig, ax = charts.new_figure(2.0)
    ax.barh(range(len(labels)), [3, 5], tick_label=labels)
    ax.set_title(labels[0], loc="left")
    return fig


def test_a_chart_is_the_same_bytes_every_time_and_svg_has_no_date():
    first, again = charts.render(bars(["泳装", "拖鞋"]), "svg"), charts.render(bars(["泳装", "拖鞋"]), "svg")
    assert first == again and first.startswith(b"<?xml") and b"<dc:date>" not in first
    assert charts.render(bars(["swimwear", "slippers"]), "svg") != first  # the Chinese labels are drawn
    assert charts.render(bars(["泳装", "拖鞋"]), "png").startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="chart_format must be one of svg, png, not 'gif'"):
        charts.render(bars(["a", "b"]), "gif")


def test_chinese_is_drawn_as_paths_not_left_to_the_readers_fonts():
    svg = charts.render(bars(["泳装", "拖鞋"]), "svg").decode("utf-8")
    assert '<path id="NotoSansSC-' in svg and "<text" not in svg  # the shipped font's glyphs, no text elements


def test_the_house_style_keeps_text_legible_on_a_phone():
    assert charts.min_font_size(bars(["泳装", "拖鞋"])) >= 9


def test_a_chart_on_the_page_has_alt_text_a_caption_and_its_facts_folded():
    html = Presentation(ledger(), "zh").chart(bars(["泳装", "拖鞋"]), "shares", alt="条形图：两种产品",
                                              caption="两种产品的份额", fact_ids=["exp_swimwear_share"])
    assert re.fullmatch(r'<figure class="report-figure" id="figure-shares"><img src="data:image/svg\+xml;base64,'
                        r'[A-Za-z0-9+/=]+" alt="条形图：两种产品" data-min-font-pt="[0-9.]+"><figcaption>两种产品的份额'
                        r'<details class="fact-ids"><summary>事实：</summary><a class="fact-link" '
                        r'data-fact="exp_swimwear_share" [^>]*>exp_swimwear_share</a></details></figcaption></figure>',
                        html)
