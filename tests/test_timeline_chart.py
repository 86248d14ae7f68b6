"""The timeline picture: Discord's embed size, true time spacing, labels that never overlap."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import struct
import subprocess
import sys

import pytest
from matplotlib import dates
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from bot.factbase import Event, FactBase
from bot.timeline import Timeline, timeline_for
from bot.timeline_chart import (
    BACKGROUND,
    HEIGHT_PX,
    PALETTE,
    SCALE,
    WIDTH_PX,
    draw,
    figure,
    spread,
)

DISCORD_EMBED_IMAGE = (520, 400)  # the largest an embed image is shown, in display pixels


def crowded() -> Timeline:
    """Twenty events three to a day, some with long titles, and one far away."""
    start = dt.date(2031, 3, 1)
    long = "with a title long enough that it has to be wrapped onto a second line"
    events = [
        Event(
            f"e{i}",
            f"Event {i} {long}" if i % 4 == 0 else f"Event {i}",
            start + dt.timedelta(days=i // 3),
            ("a" if i % 2 else "b",),
            (),
            "",
            mission="a" if i % 2 else "b",
        )
        for i in range(20)
    ]
    events.append(Event("far", "Far away", dt.date(2031, 12, 1), ("c",), (), "", mission="c"))
    missions = (("b", "Bee"), ("a", "Ay"), ("c", "Cee"))
    return Timeline("crowded", "Crowded", tuple(events), missions, {"a": 0, "b": 1, "c": 2})


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def label_boxes(timeline: Timeline) -> tuple[list[Bbox], Bbox]:
    """Window extents of every label, the title and the legend; and the figure's box."""
    fig = figure(timeline)
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if t.get_gid() in ("label-date", "label-title", "title")]
    assert len(texts) == 2 * len(timeline.events) + 1
    boxes = [t.get_window_extent(renderer) for t in texts]
    boxes += [a.get_window_extent(renderer) for a in fig.legends]
    return boxes, fig.bbox


def test_the_png_has_discords_embed_size_and_is_not_blank(factbase: FactBase) -> None:
    png = draw(timeline_for(factbase, "soyuz-ms-23"))
    assert png_size(png) == (WIDTH_PX * SCALE, HEIGHT_PX * SCALE)
    assert (WIDTH_PX, HEIGHT_PX) == DISCORD_EMBED_IMAGE  # so Discord shows it unscaled
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = {colour: n for n, colour in image.getcolors(image.width * image.height)}
    background = Image.new("RGB", (1, 1), BACKGROUND).getpixel((0, 0))
    drawn = 1 - counts[background] / (image.width * image.height)
    assert 0.03 < drawn < 0.5  # text, markers and lines; not a blank card
    for slot in (0, 1):  # MS-23 and MS-22, told apart by colour
        assert Image.new("RGB", (1, 1), PALETTE[slot]).getpixel((0, 0)) in counts


@pytest.mark.parametrize("mission", [None, "soyuz-ms-22", "soyuz-ms-23"])
def test_labels_never_overlap_and_stay_inside_the_picture(
    factbase: FactBase, mission: str | None
) -> None:
    boxes, frame = label_boxes(timeline_for(factbase, "soyuz-ms-23", mission))
    for box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
        assert box.y1 <= frame.y1
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)


def test_a_crowded_timeline_grows_taller_instead_of_overlapping() -> None:
    timeline = crowded()
    boxes, frame = label_boxes(timeline)
    assert frame.height / SCALE > HEIGHT_PX and frame.width / SCALE == WIDTH_PX
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    width, height = png_size(draw(timeline))
    assert width == WIDTH_PX * SCALE and height > HEIGHT_PX * SCALE


def test_markers_stand_at_their_dates_with_true_spacing(factbase: FactBase) -> None:
    timeline = timeline_for(factbase, "soyuz-ms-23")
    fig = figure(timeline)
    [ax] = fig.axes
    [markers] = ax.collections
    heights = [ax.transData.transform(p)[1] for p in markers.get_offsets()]
    days = [dates.date2num(e.date) for e in timeline.events]
    per_day = (heights[-1] - heights[0]) / (days[-1] - days[0])
    assert per_day < 0  # time runs down
    for height, day in zip(heights, days, strict=True):
        assert height - heights[0] == pytest.approx(per_day * (day - days[0]), abs=0.01)
    # 2 and 6 March are four days apart on the axis, and still two separate labels.
    labels = [t.get_text() for t in fig.texts if t.get_gid() == "label-date"]
    assert "2 March 2023" in labels and "6 March 2023" in labels


def test_text_is_large_enough_to_read_at_discords_size(factbase: FactBase) -> None:
    fig = figure(timeline_for(factbase, "soyuz-ms-23"))
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()]
    # Points at 100 dpi, the scale Discord shows the picture at: 8 pt is 11 px.
    assert min(sizes) >= 8


def test_spread_moves_labels_only_as_far_as_needed() -> None:
    assert spread([0, 100, 200], [10, 10, 10], 5, 0, 300) == [0, 100, 200]
    # Three labels wanted at the same place share the displacement around it.
    assert spread([50, 50, 50], [10, 10, 10], 5, 0, 300) == [35, 50, 65]
    # Bounds push the whole group inside.
    assert spread([0, 0], [10, 10], 5, 20, 300) == [20, 35]
    with pytest.raises(ValueError, match="need"):
        spread([0, 0], [10, 10], 5, 0, 20)


def test_an_empty_timeline_is_refused() -> None:
    with pytest.raises(ValueError, match="no dated events"):
        draw(Timeline("none", "Nothing", (), (), {}))


def test_matplotlib_is_imported_only_when_drawing() -> None:
    code = "import sys, bot.timeline, bot.timeline_chart; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
