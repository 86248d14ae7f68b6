"""`/timeline` and `!timeline` through the loopback Discord: the embed and its picture.

`bot_world` ends with `fake.assert_clean()`: every upload was within Discord's limits
(10 MiB, files[n] listed in attachments) and every `attachment://` in an embed named a
file of its message, holding an image.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import struct
from pathlib import Path
from typing import Any

import pytest

from bot import timeline_chart
from bot.discord_bot.cogs.timeline import timeline_embed
from bot.discord_bot.reload import build_engine
from bot.engine import Engine
from bot.factbase import Event
from bot.timeline import Timeline
from tests.fake_discord import FakeDiscord, RecordedRequest
from tests.fake_discord.limits import MAX_UPLOAD_BYTES
from tests.fake_discord.payloads import ADMINISTRATOR, ATTACH_FILES
from tests.test_discord_bot import EPHEMERAL, MESSAGES, bot_world, embed_of, title_of

STORY_DATES = [
    "21 September 2022",
    "14 December 2022",
    "17 January 2023",
    "24 February 2023, 00:24 UTC",
    "26 February 2023",
    "2 March 2023",
    "6 March 2023",
    "28 March 2023",
    "27 September 2023, 11:17 UTC",
]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def picture_of(req: RecordedRequest, body: dict[str, Any]) -> dict[str, Any]:
    """The one uploaded file, checked to be the picture the embed shows."""
    [upload] = req.files
    [listed] = body["attachments"]
    assert upload["field"] == "files[0]" and listed["id"] == 0
    assert listed["filename"] == upload["filename"]
    assert embed_of(body)["image"]["url"] == f"attachment://{upload['filename']}"
    assert 0 < upload["size"] <= MAX_UPLOAD_BYTES
    assert png_size(upload["data"]) == (1040, 800)
    return upload


def uploads(fake: FakeDiscord) -> list[RecordedRequest]:
    return [r for r in fake.requests if r.ok and r.files]


async def test_slash_timeline_tells_the_story_with_the_picture_attached(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("timeline")
        assert (await handle.wait_response()).json["type"] == 5  # deferred while drawing
        followup = await handle.wait_followup()
        upload = picture_of(followup, followup.json)
        assert upload["filename"] == "timeline-soyuz-ms-23-story.png"
        embed = embed_of(followup.json)
        assert embed["title"] == "The story of Soyuz MS-23"
        lines = embed["description"].split("\n")
        assert [line.split("**")[1] for line in lines[::2]] == STORY_DATES
        assert lines[0] == (
            "**21 September 2022** · Soyuz MS-22 launches with Rubio, Prokopyev and Petelin"
        )
        assert lines[1] == "-# Source: soyuz-ms-23.txt · Lead"
        assert lines[13] == (
            "-# Source: soyuz-ms-23.txt · Background (year from Infobox: Launch Date; Lead)"
        )
        alt = followup.json["attachments"][0]["description"]
        assert alt.startswith("The story of Soyuz MS-23: a time axis from 21 September 2022")
        stored = fake.messages[int(followup.response["id"])]
        assert stored["embeds"][0]["image"]["url"] == stored["attachments"][0]["url"]


async def test_prefix_timeline_for_one_mission(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!timeline soyuz ms 22")
        body = await fake.wait_for_message(fake.channel.id, lambda b: bool(b.get("embeds")))
        [req] = [r for r in uploads(fake) if r.route == MESSAGES]
        assert picture_of(req, body)["filename"] == "timeline-soyuz-ms-22.png"
        typing = [r for r in fake.requests if r.route == "/channels/{channel_id}/typing"]
        assert typing and typing[0].time < req.time  # "typing…" while it was drawn
        embed = embed_of(body)
        assert embed["title"] == "Timeline of Soyuz MS-22"
        dates = [line.split("**")[1] for line in embed["description"].split("\n")[::2]]
        assert dates == [
            "21 September 2022",
            "14 December 2022",
            "17 January 2023",
            "2 March 2023",
            "28 March 2023",
        ]


async def test_each_picture_is_drawn_once_per_fact_base_and_again_after_reload(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[Timeline] = []
    real_draw = timeline_chart.draw

    def counting_draw(timeline: Timeline) -> bytes:
        drawn.append(timeline)
        return real_draw(timeline)

    monkeypatch.setattr(timeline_chart, "draw", counting_draw)
    engine = build_engine(knowledge_copy, "soyuz-ms-23")
    async with bot_world(engine, knowledge=knowledge_copy) as (fake, bot, _):
        first = await fake.send_slash_command("timeline")
        await first.wait_followup()
        again = await fake.send_slash_command("timeline")
        answer = await again.wait_response()
        assert answer.json["type"] == 4  # drawn already: answered at once, picture attached
        picture_of(answer, answer.json["data"])
        await fake.send_message(content="!timeline")
        await fake.wait_for_message(fake.channel.id, lambda b: bool(b.get("embeds")))
        assert [t.key for t in drawn] == ["soyuz-ms-23-story"]

        facts = knowledge_copy / "missions" / "soyuz-ms-23.yaml"
        text = facts.read_text(encoding="utf-8")
        old = "title: Soyuz MS-22's coolant leak"
        facts.write_text(text.replace(old, "title: Soyuz MS-22 springs a leak"), "utf-8")
        assert (await bot.reload_engine()).ok
        for _ in range(200):  # the reload redraws in the background
            if len(drawn) == 2:
                break
            await asyncio.sleep(0.02)
        assert [t.key for t in drawn] == ["soyuz-ms-23-story"] * 2
        assert "Soyuz MS-22 springs a leak" in [e.title for e in drawn[1].events]
        await fake.send_message(content="!timeline")
        body = await fake.wait_for_message(
            fake.channel.id, lambda b: "springs a leak" in str(b.get("embeds"))
        )
        assert "springs a leak" in embed_of(body)["description"]
        assert len(drawn) == 2  # the reloaded picture was ready


async def test_unknown_missions_and_missions_without_events_are_answered_privately(
    engine: Engine,
) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!timeline ms-32")
        unknown = await fake.wait_for_message(
            fake.channel.id, lambda b: title_of(b) == "Unknown mission"
        )
        assert "Did you mean" in embed_of(unknown)["description"]
        handle = await fake.send_slash_command("timeline", {"mission": "soyuz-32"})
        data = (await handle.wait_response()).json["data"]
        assert data["flags"] & EPHEMERAL
        assert data["content"] == (
            "My sources give no dated events for Soyuz 32. "
            "Timelines I can show: Soyuz MS-23, Soyuz MS-22."
        )
        assert uploads(fake) == []


async def test_autocomplete_offers_the_missions_that_have_a_timeline(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_autocomplete("timeline", "mission", "")
        choices = (await handle.wait_response()).json["data"]["choices"]
        assert choices == [
            {"name": "Soyuz MS-23", "value": "soyuz-ms-23"},
            {"name": "Soyuz MS-22", "value": "soyuz-ms-22"},
        ]
        handle = await fake.send_autocomplete("timeline", "mission", "ms-22")
        choices = (await handle.wait_response()).json["data"]["choices"]
        assert choices[0] == {"name": "Soyuz MS-22", "value": "soyuz-ms-22"}
        assert {c["value"] for c in choices} <= {"soyuz-ms-22", "soyuz-ms-23"}


async def test_without_attach_files_the_list_goes_out_and_says_what_is_missing(
    engine: Engine,
) -> None:
    async with bot_world(engine) as (fake, _, _):
        fake.guild.permissions &= ~(ATTACH_FILES | ADMINISTRATOR)
        role = fake.guild.role_payload()  # an admin takes the permission away
        await fake.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(fake.guild.id), "role": role})
        await fake.send_message(content="!timeline")
        body = await fake.wait_for_message(fake.channel.id, lambda b: bool(b.get("embeds")))
        embed = embed_of(body)
        assert "image" not in embed and "28 March 2023" in embed["description"]
        assert "need the Attach Files permission" in embed["footer"]["text"]
        assert uploads(fake) == []
        # An interaction's answer may always carry files: /timeline still shows the picture.
        handle = await fake.send_slash_command("timeline", {"mission": "ms-22"})
        followup = await handle.wait_followup()
        picture_of(followup, followup.json)


async def test_a_picture_that_cannot_be_drawn_leaves_the_list(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(timeline: Timeline) -> bytes:
        raise RuntimeError("no fonts")

    monkeypatch.setattr(timeline_chart, "draw", broken)
    caplog.set_level(logging.ERROR, "bot.discord.timeline")
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!timeline ms-23")
        body = await fake.wait_for_message(fake.channel.id, lambda b: bool(b.get("embeds")))
        embed = embed_of(body)
        assert "image" not in embed and uploads(fake) == []
        assert "6 March 2023" in embed["description"]
        assert "could not be drawn" in embed["footer"]["text"]
    assert "drawing timeline soyuz-ms-23 failed" in caplog.text


def test_a_long_timeline_fits_discords_embed_limits() -> None:
    start = dt.date(2031, 1, 1)
    title = "A happening with a title long enough to fill a good part of a line " * 2
    events = tuple(
        Event(f"e{i}", title, start + dt.timedelta(days=i), ("m",), (), "", mission="m")
        for i in range(80)
    )
    embed = timeline_embed(Timeline("m", "Many", events, (("m", "M"),), {"m": 0}))
    assert len(embed.description or "") <= 4096 and len(embed) <= 6000
    last = (embed.description or "").split("\n")[-1]
    assert last.startswith("…and ") and last.endswith(" more events, all in the picture.")
    shown = (embed.description or "").count("**") // 2
    assert last == f"…and {80 - shown} more events, all in the picture."
