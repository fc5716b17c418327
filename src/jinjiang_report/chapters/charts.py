"""The report's one chart style: CJK glyphs from a shipped font, legible on a phone, deterministic files.

Charts are drawn 4.8 inches wide with no text under 9 pt: shown at a phone's width
(about 360 CSS px) their smallest text is still 9 CSS px or more.
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from cycler import cycler  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.text import Text  # noqa: E402

CHART_FORMATS = ("svg", "png")
WIDTH = 4.8  # inches
PALETTE = ("#1f5f8b", "#c8553d", "#588b3b", "#8c6d9e", "#d4a017", "#5b6770")
# How checkable a claim is, from best to worst: blue, amber, red (distinguishable without colour
# vision too, since the legend order matches the stacking order).
LEVEL_COLOURS = ("#1f5f8b", "#d4a017", "#c8553d")
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


def evidence_chart(kinds: list[str], levels: dict[str, list[int]], *, title: str, xlabel: str) -> Figure:
    """Horizontal bars, one per claim kind, each split by how checkable its claims are.

    kinds: the bar labels, top to bottom. levels: legend label -> count per kind, best level first.
    """
    fig, ax = new_figure(1.35 + 0.42 * len(kinds))
    positions = list(range(len(kinds)))[::-1]
    left = [0] * len(kinds)
    for colour, (label, counts) in zip(LEVEL_COLOURS, levels.items()):
        ax.barh(positions, counts, left=left, color=colour, label=label, height=0.62)
        text_colour = "#222222" if colour == LEVEL_COLOURS[1] else "white"  # dark on amber for contrast
        for y, start, count in zip(positions, left, counts):
            if count:
                ax.text(start + count / 2, y, str(count), ha="center", va="center", color=text_colour,
                        fontsize=9.5)
        left = [a + b for a, b in zip(left, counts)]
    ax.set_yticks(positions, kinds)
    ax.set_xlim(0, max(left) + 0.5 if left else 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    fig.legend(loc="outside lower center", ncols=len(levels), frameon=False, handlelength=1.0,
               columnspacing=1.0)
    return fig


def loop_diagram(stages: list[str], centre: str, *, title: str) -> Figure:
    """Stages on a circle, each joined to the next by a curved arrow, the loop closing on itself."""
    fig, ax = new_figure(3.9)
    radius, count = 1.5, len(stages)
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]
    for i, (angle, stage) in enumerate(zip(angles, stages)):
        ax.text(radius * math.cos(angle), radius * math.sin(angle), textwrap.fill(stage, 14),
                ha="center", va="center", color="white", fontsize=10.5, linespacing=1.2,
                bbox={"boxstyle": "round,pad=0.45", "facecolor": PALETTE[i % len(PALETTE)], "edgecolor": "none"})
    for i in range(count):
        # Arrows run along the circle from one box's side to the next box's, never across a label.
        start, end = angles[i] - 0.55, angles[(i + 1) % count] + 0.55
        tail = (radius * 1.08 * math.cos(start), radius * 1.08 * math.sin(start))
        head = (radius * 1.08 * math.cos(end), radius * 1.08 * math.sin(end))
        ax.add_patch(FancyArrowPatch(tail, head, connectionstyle="arc3,rad=-0.3", arrowstyle="-|>",
                                     mutation_scale=18, color="#444444", linewidth=1.5))
    ax.text(0, 0, centre, ha="center", va="center", fontsize=10.5, color="#222222")
    ax.set_xlim(-2.6, 2.6)
    ax.set_ylim(-1.75, 2.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, loc="left")
    return fig
