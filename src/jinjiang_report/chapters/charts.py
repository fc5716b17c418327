"""The report's one chart style: CJK glyphs from a shipped font, deterministic files, plain looks."""

from __future__ import annotations

import io
import math

import matplotlib
from cycler import cycler

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

CHART_FORMATS = ("svg", "png")
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
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.titlesize": 12,
        "axes.labelsize": 10,
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "svg.fonttype": "path",
        "svg.hashsalt": "jinjiang-report",
        "path.simplify": True,
    })
    _STYLED = True


def new_figure(width: float = 7.0, height: float = 3.6):
    """A figure and axes in the house style."""
    use_house_style()
    return plt.subplots(figsize=(width, height), layout="constrained")


def render(fig, chart_format: str) -> bytes:
    """The figure's bytes: identical for identical figures, whatever the process or date."""
    if chart_format not in CHART_FORMATS:
        raise ValueError(f"chart_format must be one of {', '.join(CHART_FORMATS)}, not {chart_format!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if chart_format == "svg" else {"Software": None}
    fig.savefig(buffer, format=chart_format, metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(labels: list[str], values: list[float], *, title: str, xlabel: str,
              annotations: list[str] | None = None, highlight: int | None = None):
    """A horizontal bar chart, largest on top, each bar annotated with its label text."""
    fig, ax = new_figure(7.0, 0.6 + 0.55 * len(labels))
    order = list(range(len(labels)))[::-1]
    colors = [PALETTE[1] if i == highlight else PALETTE[0] for i in order]
    ax.barh([labels[i] for i in order], [values[i] for i in order], color=colors)
    for position, i in enumerate(order):
        if annotations:
            ax.annotate(annotations[i], (values[i], position), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=9)
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(values) * 1.3 if values and max(values) > 0 else 1)
    return fig


def _box(ax, x, y, text, color, width=2.6, height=0.8):
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", facecolor=color, edgecolor="none", alpha=0.9))
    ax.text(x, y, text, ha="center", va="center", color="white", fontsize=10, wrap=True)


def _arrow(ax, start, end, style="-|>"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14,
                                 color="#444444", linewidth=1.2, shrinkA=22, shrinkB=22))


def loop_diagram(stages: list[str], centre: str, *, title: str):
    """Stages drawn on a circle with arrows from each to the next, closing the loop."""
    fig, ax = new_figure(6.0, 4.8)
    radius, count = 1.8, len(stages)
    points = [(radius * math.cos(math.pi / 2 - 2 * math.pi * i / count),
               radius * math.sin(math.pi / 2 - 2 * math.pi * i / count)) for i in range(count)]
    for i, (point, stage) in enumerate(zip(points, stages)):
        _box(ax, *point, stage, PALETTE[i % len(PALETTE)])
        _arrow(ax, point, points[(i + 1) % count])
    ax.text(0, 0, centre, ha="center", va="center", fontsize=11, color="#222222")
    ax.set_xlim(-3.2, 3.2)
    ax.set_ylim(-2.8, 2.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, loc="left")
    return fig


def org_chart(levels: list[str], *, title: str):
    """Levels of an organisation from top to bottom, each reporting to the one above."""
    fig, ax = new_figure(6.0, 1.0 + 1.1 * len(levels))
    for i, level in enumerate(levels):
        y = -i * 1.2
        _box(ax, 0, y, level, PALETTE[i % len(PALETTE)], width=5.0)
        if i:
            _arrow(ax, (0, y + 1.2), (0, y), style="<|-")
    ax.set_xlim(-3, 3)
    ax.set_ylim(-1.2 * len(levels) + 0.4, 0.8)
    ax.axis("off")
    ax.set_title(title, loc="left")
    return fig


def window_chart(start, end, *, label: str, note: str, title: str):
    """A date window drawn as one bar on a day axis, with its ends marked."""
    import matplotlib.dates as mdates

    fig, ax = new_figure(7.0, 2.2)
    days = (end - start).days + 1
    ax.barh([0], [days], left=[mdates.date2num(start)], height=0.5, color=PALETTE[0])
    ax.text(mdates.date2num(start) + days / 2, 0, label, ha="center", va="center", color="white")
    ax.text(mdates.date2num(start) + days / 2, -0.55, note, ha="center", va="top", fontsize=9)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))
    ax.set_xticks([mdates.date2num(start), mdates.date2num(end)])
    ax.set_yticks([])
    ax.set_ylim(-1.2, 0.6)
    ax.spines["left"].set_visible(False)
    ax.set_title(title, loc="left")
    return fig


STATUS_COLORS = {"reported": PALETTE[2], "not reported": "#b0b0b0"}


def status_chart(categories: list[str], statuses: list[list[str]], *, title: str, xlabel: str):
    """Stacked horizontal bars: for each category, how many items have each status."""
    fig, ax = new_figure(7.0, 0.8 + 0.5 * len(categories))
    kinds = sorted({s for group in statuses for s in group})
    left = [0] * len(categories)
    for kind in kinds:
        counts = [group.count(kind) for group in statuses]
        ax.barh(categories[::-1], counts[::-1], left=left[::-1], label=kind,
                color=STATUS_COLORS.get(kind, PALETTE[3]))
        left = [a + b for a, b in zip(left, counts)]
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right", frameon=False)
    ax.set_title(title, loc="left")
    return fig
