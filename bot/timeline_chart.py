"""A timeline as a PNG, drawn with matplotlib (Agg) to be read inside a Discord embed.

Why it looks as it does:

* Discord shows an embed image at most about 520 x 400 px, so the figure has that shape
  (drawn at twice the pixels, for sharp text on high-density screens) and its type sizes
  are chosen for that display size.
* Time runs down a vertical axis with true spacing: each event is a marker at its date.
  The labels (the date written out, then what happened) stand in a column beside it,
  each as close to its marker as it can be, pushed apart just enough never to overlap; a
  leader line joins each label to its marker, so events days apart (2 and 6 March) stay
  legible. A picture with more labels than the height holds grows taller instead.
* Missions are told apart by colour (Okabe-Ito, safe for colour-blind readers), named in
  a legend.
* The background is opaque, Discord's dark embed colour: the picture reads the same on
  the dark theme and on the light one, where it shows as a dark card.

matplotlib is imported only when drawing, so commands that never draw stay fast; the
Figure API is used without pyplot, so no global figure state is shared between threads.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.timeline import OTHER, Timeline

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.legend import Legend
    from matplotlib.text import Text

WIDTH_PX, HEIGHT_PX = 520, 400
"""The largest size Discord shows an embed image at: the figure's size, in display pixels."""
SCALE = 2
"""Pixels drawn per display pixel."""
DPI = 100 * SCALE
"""At 100 dpi one display pixel is 1/100 inch; type sizes below are points at that size."""

BACKGROUND = "#2B2D31"  # Discord's embed background on the dark theme
TEXT = "#F2F3F5"
MUTED = "#B5BAC1"
AXIS = "#80848E"
PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#D55E00", "#9AC8EB")
"""Okabe-Ito, reordered and with a lighter blue: all legible on the dark background."""
OTHER_COLOUR = "#B5BAC1"

FONT = "DejaVu Sans"  # ships with matplotlib: the same picture on every machine
TITLE_PT, LEGEND_PT, LABEL_PT, TICK_PT = 12.0, 9.0, 9.0, 8.0
MARGIN = 12  # display pixels around the picture
AXIS_X = 66  # where the time axis stands, after its tick labels
LABEL_X = 108  # where the labels start, leaving room for the leader lines
LABEL_GAP = 5  # between two labels
LINE_GAP = 1  # between a label's date and its text
MARKER_PT = 6 * 72 / 100  # a marker 6 display pixels across, in points

_lock = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe


def draw(timeline: Timeline) -> bytes:
    """The timeline as PNG bytes, WIDTH_PX x HEIGHT_PX (or taller) times SCALE."""
    if not timeline.events:
        raise ValueError(f"{timeline.title}: no dated events to draw")
    from matplotlib import style

    # matplotlib's own defaults, whatever a matplotlibrc on the machine says.
    with _lock, style.context("default"):
        fig = figure(timeline)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, facecolor=BACKGROUND, metadata={"Software": None})
    return out.getvalue()


def colour(timeline: Timeline, mission: str) -> str:
    if mission == OTHER or mission not in timeline.colours:
        return OTHER_COLOUR
    return PALETTE[timeline.colours[mission] % len(PALETTE)]


def figure(timeline: Timeline) -> Figure:
    """The laid-out figure (tests inspect where its labels went; `draw` saves it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure(figsize=(WIDTH_PX / 100, HEIGHT_PX / 100), dpi=DPI, facecolor=BACKGROUND)
    renderer = FigureCanvasAgg(fig).get_renderer()
    label_font = FontProperties(family=FONT, size=LABEL_PT)
    date_font = FontProperties(family=FONT, size=LABEL_PT, weight="bold")
    width = WIDTH_PX - LABEL_X - MARGIN
    labels = []
    for event in timeline.events:
        tint = colour(timeline, timeline.mission_of(event))
        date = fig.text(
            0, 0, event.date_text, fontproperties=date_font, color=tint, va="top", gid="label-date"
        )
        title = fig.text(
            0,
            0,
            "\n".join(_wrap(event.title, width, label_font, renderer)),
            fontproperties=label_font,
            color=TEXT,
            va="top",
            linespacing=1.15,
            gid="label-title",
        )
        labels.append((date, title, _height(date, renderer), tint))
    sizes = [date_h + LINE_GAP + _height(title, renderer) for _, title, date_h, _ in labels]
    title, legend = _header(fig, timeline, renderer)
    head = MARGIN + _height(title, renderer) + 6 + _height(legend, renderer) + 10
    needed = head + sum(sizes) + LABEL_GAP * (len(sizes) - 1) + MARGIN
    height = max(HEIGHT_PX, math.ceil(needed))
    fig.set_size_inches(WIDTH_PX / 100, height / 100)  # taller only when the labels need it

    title.set_position((MARGIN / WIDTH_PX, 1 - MARGIN / height))
    legend_top = MARGIN + _height(title, renderer) + 6
    legend.set_bbox_to_anchor((MARGIN / WIDTH_PX, 1 - legend_top / height), fig.transFigure)
    bottom = height - MARGIN
    marks = _axis(fig, timeline, head, bottom, height)
    wanted = [y - date_h / 2 for y, (_, _, date_h, _) in zip(marks, labels, strict=True)]
    tops = spread(wanted, sizes, LABEL_GAP, head, bottom)
    for y_mark, y_top, (date, title_text, date_h, tint) in zip(marks, tops, labels, strict=True):
        date.set_position((LABEL_X / WIDTH_PX, 1 - y_top / height))
        title_text.set_position((LABEL_X / WIDTH_PX, 1 - (y_top + date_h + LINE_GAP) / height))
        _leader(fig, y_mark, y_top + date_h / 2, tint, height)
    return fig


def spread(
    wanted: Sequence[float], sizes: Sequence[float], gap: float, low: float, high: float
) -> list[float]:
    """Top edges for blocks of `sizes` (in order, top to bottom), at least `gap` apart and
    within [low, high], each as near its `wanted` top as possible (least squares).

    With the blocks' offsets taken out, the tops must not decrease: an isotonic
    regression (pool adjacent violators), clipped to the bounds."""
    offsets = [0.0]
    for size in sizes[:-1]:
        offsets.append(offsets[-1] + size + gap)
    span = offsets[-1] + sizes[-1]
    if span > high - low + 1e-6:
        raise ValueError(f"{len(sizes)} labels need {span:.0f} px, {high - low:.0f} px given")
    pools: list[list[float]] = []  # [mean, count]
    for want, offset in zip(wanted, offsets, strict=True):
        pools.append([want - offset, 1])
        while len(pools) > 1 and pools[-2][0] > pools[-1][0]:
            mean, count = pools.pop()
            pools[-1] = [
                (pools[-1][0] * pools[-1][1] + mean * count) / (pools[-1][1] + count),
                pools[-1][1] + count,
            ]
    base = [mean for mean, count in pools for _ in range(int(count))]
    lowest, highest = low, high - span
    return [min(max(b, lowest), highest) + o for b, o in zip(base, offsets, strict=True)]


# ---------------------------------------------------------------------------- parts


def _header(fig: Figure, timeline: Timeline, renderer: RendererBase) -> tuple[Text, Legend]:
    """The title and the legend (placed by the caller, once the height is known)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D

    room = WIDTH_PX - 2 * MARGIN
    title_font = FontProperties(family=FONT, size=TITLE_PT, weight="bold")
    title = fig.text(
        0,
        1,
        _clip(timeline.title, room, title_font, renderer),
        fontproperties=title_font,
        color=TEXT,
        va="top",
        gid="title",
    )
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=6, color=colour(timeline, m))
        for m, _ in timeline.missions
    ]
    names = [name for _, name in timeline.missions]
    for columns in range(len(names), 0, -1):  # one row if it fits, else fewer columns
        legend = fig.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(0, 1),
            ncol=columns,
            frameon=False,
            prop=FontProperties(family=FONT, size=LEGEND_PT),
            labelcolor=MUTED,
            handletextpad=0.2,
            columnspacing=1.4,
            borderaxespad=0,
            borderpad=0,
        )
        legend.set_gid("legend")
        if legend.get_window_extent(renderer).width / SCALE <= room or columns == 1:
            break
        legend.remove()
    return title, legend


def _axis(fig: Figure, timeline: Timeline, top: float, bottom: float, height: float) -> list[float]:
    """The time axis, true to scale, with a marker per event; the markers' heights."""
    import datetime as dt

    from matplotlib import dates

    first, last = timeline.events[0].date, timeline.events[-1].date
    span = (last - first).days
    pad = dt.timedelta(days=max(2, round(span * 0.03)) if span else 15)
    start, end = dates.date2num(first - pad), dates.date2num(last + pad)
    # Leave half a label line above the first and below the last marker for the labels.
    inset = 8
    ax = fig.add_axes(
        (
            AXIS_X / WIDTH_PX,
            1 - (bottom - inset) / height,
            1 / WIDTH_PX,
            (bottom - top - 2 * inset) / height,
        )
    )
    ax.set_facecolor(BACKGROUND)
    ax.set_xlim(0, 1)
    ax.set_ylim(end, start)  # time runs down
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(AXIS)
    ax.spines["left"].set_linewidth(1.2)
    ax.xaxis.set_visible(False)
    locator = dates.AutoDateLocator(minticks=3, maxticks=7)
    ax.yaxis.set_major_locator(locator)
    ax.yaxis.set_major_formatter(dates.DateFormatter("%b %Y" if span > 62 else "%d %b"))
    if span > 62:
        ax.yaxis.set_minor_locator(dates.MonthLocator())
    ax.tick_params(axis="y", which="both", colors=AXIS, labelcolor=MUTED, direction="out")
    ax.tick_params(
        axis="y", which="major", length=4, labelsize=TICK_PT, labelfontfamily=FONT, pad=3
    )
    ax.tick_params(axis="y", which="minor", length=2)
    when = [dates.date2num(e.date) for e in timeline.events]
    ax.scatter(
        [0] * len(when),
        when,
        s=MARKER_PT**2,
        c=[colour(timeline, timeline.mission_of(e)) for e in timeline.events],
        edgecolors=BACKGROUND,
        linewidths=1.0,
        zorder=3,
        clip_on=False,
    )
    to_px = ax.transData.transform
    scale = fig.dpi / 100
    return [height - to_px((0, w))[1] / scale for w in when]


def _leader(fig: Figure, y_mark: float, y_label: float, tint: str, height: float) -> None:
    """A line from the marker out to its label: along, across, along."""
    from matplotlib.lines import Line2D

    xs = [AXIS_X + 5, AXIS_X + 14, LABEL_X - 9, LABEL_X - 3]
    ys = [y_mark, y_mark, y_label, y_label]
    fig.add_artist(
        Line2D(
            [x / WIDTH_PX for x in xs],
            [1 - y / height for y in ys],
            transform=fig.transFigure,
            color=tint,
            linewidth=0.9,
            alpha=0.85,
            solid_capstyle="round",
            gid="leader",
        )
    )


def _height(artist: Artist, renderer: RendererBase) -> float:
    """How tall `artist` is drawn, in display pixels (its position does not matter)."""
    return float(artist.get_window_extent(renderer).height) / SCALE


def _width(text: str, font: FontProperties, renderer: RendererBase) -> float:
    width, _, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return width / SCALE


def _wrap(text: str, width: float, font: FontProperties, renderer: RendererBase) -> list[str]:
    """`text` broken into lines no wider than `width` display pixels, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", font, renderer) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(_clip(word, width, font, renderer))
    return lines or [""]


def _clip(text: str, width: float, font: FontProperties, renderer: RendererBase) -> str:
    """`text`, cut with an ellipsis where it would be wider than `width`."""
    if _width(text, font, renderer) <= width:
        return text
    while text and _width(text + "…", font, renderer) > width:
        text = text[:-1]
    return text.rstrip() + "…"
