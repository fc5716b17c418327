"""The report's one chart style: CJK glyphs from a shipped font, legible on a phone, deterministic files.

Charts are drawn 4.8 inches wide with no text under 9 pt: shown at a phone's width
(about 360 CSS px) their smallest text is still 9 CSS px or more.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

CHART_FORMATS = ("svg", "png")
WIDTH = 4.8  # inches
PALETTE = ("#1f5f8b", "#c8553d", "#588b3b", "#8c6d9e", "#d4a017", "#5b6770")
_STYLED = False


def use_house_style() -> None:
    """Register the bundled Noto Sans SC and set the report's look (idempotent)."""
    global _STYLED
    if _STYLED:
        return
    from pylopdf_fonts_zh_cn import sans_path

    font_manager.fontManager.addfont(str(sans_path()))
    family = font_manager.FontProperties(fname=str(sans_path())).get_name()
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        "font.size": 10,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "xtick.labelsize": 9.5,
        "ytick.labelsize": 10,
        "legend.fontsize": 9.5,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "svg.fonttype": "path",
        "svg.hashsalt": "jinjiang-report",
        "path.simplify": True,
    })
    _STYLED = True


def new_figure(height: float) -> tuple[Figure, Any]:
    """A figure and axes in the house style, the house width and the given height (inches)."""
    use_house_style()
    return plt.subplots(figsize=(WIDTH, height), layout="constrained")


def render(fig: Figure, chart_format: str) -> bytes:
    """The figure's bytes: identical for identical figures, whatever the process or date."""
    if chart_format not in CHART_FORMATS:
        raise ValueError(f"chart_format must be one of {', '.join(CHART_FORMATS)}, not {chart_format!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if chart_format == "svg" else {"Software": None}
    fig.savefig(buffer, format=chart_format, metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


def min_font_size(fig: Figure) -> float:
    """The smallest font size (pt) of any visible text in the figure."""
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else 0.0
