"""`/timeline mission:` and `!timeline [mission]`: the dated events in order, each with the
source section it comes from, and the picture of them attached and shown in the embed.

Without a mission it tells the default mission's story; with one, that mission's events.
Each picture is drawn once per fact base, in a worker thread (the first drawing imports
matplotlib and takes about a second), and kept; a reload draws again, for the new fact
base, the pictures that had been asked for.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import timeline_chart
from bot.discord_bot.client import NO_MENTIONS
from bot.discord_bot.embeds import COLOURS, FOOTER_TEXT, unknown_mission_embed
from bot.discord_bot.limits import (
    CHOICE_NAME,
    CHOICES,
    CONTENT,
    EMBED_DESCRIPTION,
    EMBED_TITLE,
    FOOTER,
    clip,
    fit,
)
from bot.timeline import (
    Timeline,
    date_text,
    missions_with_events,
    sections,
    timeline_for,
)

if TYPE_CHECKING:
    from bot.discord_bot.client import MissionBot
    from bot.factbase import Event, FactBase

log = logging.getLogger("bot.discord.timeline")
ALT_TEXT = 1024  # an attachment's description (what screen readers say for the picture)
NO_PICTURE = "The picture could not be drawn this time; the list above is complete."
NO_ATTACH = "To show the picture here I need the Attach Files permission in this channel."


class Charts:
    """The pictures of one fact base's timelines, each drawn once, off the event loop."""

    def __init__(self, factbase: FactBase) -> None:
        self.factbase = factbase
        self.asked: dict[str, str | None] = {}
        """Timeline key -> the mission asked for (None: the story), to redraw on reload."""
        self._drawn: dict[str, asyncio.Future[bytes]] = {}

    def ready(self, key: str) -> bool:
        drawn = self._drawn.get(key)
        return (
            drawn is not None
            and drawn.done()
            and not drawn.cancelled()
            and drawn.exception() is None
        )

    def start(self, timeline: Timeline, mission: str | None) -> asyncio.Future[bytes]:
        """The drawing of `timeline`, started now unless it already was."""
        drawn = self._drawn.get(timeline.key)
        if drawn is None:
            drawn = asyncio.ensure_future(asyncio.to_thread(timeline_chart.draw, timeline))
            drawn.add_done_callback(lambda done: self._forget_failure(timeline.key, done))
            self._drawn[timeline.key] = drawn
            self.asked[timeline.key] = mission
        return drawn

    async def png(self, timeline: Timeline, mission: str | None) -> bytes:
        return await asyncio.shield(self.start(timeline, mission))

    def stop(self) -> None:
        """Give up the drawings still running (the bot is closing)."""
        for drawn in self._drawn.values():
            drawn.cancel()

    def _forget_failure(self, key: str, drawn: asyncio.Future[bytes]) -> None:
        if drawn.cancelled() or drawn.exception() is not None:
            if self._drawn.get(key) is drawn:
                del self._drawn[key]  # the next request tries again
            if not drawn.cancelled():
                log.error("drawing timeline %s failed", key, exc_info=drawn.exception())


class Timelines(commands.Cog):
    def __init__(self, bot: MissionBot) -> None:
        self.bot = bot
        self.charts = Charts(bot.engine.factbase)

    async def cog_unload(self) -> None:
        self.charts.stop()

    def charts_for(self, factbase: FactBase) -> Charts:
        """The pictures of `factbase`: the kept ones while it is the one being served."""
        if self.charts.factbase is not factbase and factbase is self.bot.engine.factbase:
            self.charts = Charts(factbase)
        return self.charts if self.charts.factbase is factbase else Charts(factbase)

    @commands.Cog.listener()
    async def on_fact_base_reloaded(self) -> None:
        """Draw again, from the new fact base, every picture that had been asked for."""
        asked = self.charts.asked
        engine = self.bot.engine
        charts = self.charts_for(engine.factbase)
        for mission in asked.values():
            if mission is None or mission in engine.factbase.missions:
                timeline = timeline_for(engine.factbase, engine.default_mission, mission)
                if timeline.events:
                    charts.start(timeline, mission)

    @commands.hybrid_command(
        name="timeline", description="A mission's dated events in order, with a picture"
    )
    @app_commands.describe(mission="A mission, e.g. ms-22 (default: the whole story)")
    async def timeline(self, ctx: commands.Context[Any], *, mission: str | None = None) -> None:
        """The whole story (`!timeline`), or one mission's events (`!timeline ms-22`)."""
        if not await self.bot.allowed(ctx):
            return
        engine = self.bot.engine
        chosen = None
        if mission:
            chosen = engine.resolve_mission(mission)
            if chosen is None:
                await ctx.send(
                    embed=unknown_mission_embed(engine, mission),
                    allowed_mentions=NO_MENTIONS,
                    ephemeral=True,
                )
                return
        timeline = timeline_for(engine.factbase, engine.default_mission, chosen)
        if not timeline.events:
            await ctx.send(
                no_events_text(engine.factbase, engine.default_mission, chosen),
                allowed_mentions=NO_MENTIONS,
                ephemeral=True,
            )
            return
        if not ctx.bot_permissions.attach_files:  # Discord would refuse the whole message
            await ctx.send(**timeline_message(timeline, None, NO_ATTACH))
            return
        charts = self.charts_for(engine.factbase)
        if charts.ready(timeline.key):
            png = await picture(charts, timeline, chosen)
        else:
            # A first drawing takes about a second: "typing" in chat; a slash command is
            # deferred, as Discord waits only 3 s for its answer.
            async with ctx.typing():
                png = await picture(charts, timeline, chosen)
        await ctx.send(**timeline_message(timeline, png))

    @timeline.autocomplete("mission")
    async def complete_mission(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        """The missions that have a timeline, best match first."""
        engine = self.bot.engine
        having = set(missions_with_events(engine.factbase, engine.default_mission))
        matches = engine.complete_missions(current, len(engine.factbase.missions))
        return [
            app_commands.Choice(name=clip(name, CHOICE_NAME), value=mission_id)
            for mission_id, name in matches
            if mission_id in having
        ][:CHOICES]


async def picture(charts: Charts, timeline: Timeline, mission: str | None) -> bytes | None:
    """The PNG of `timeline`, or None when it cannot be drawn (Charts logs why): the list
    of events is worth sending without it."""
    try:
        return await charts.png(timeline, mission)
    except Exception:
        return None


def timeline_message(
    timeline: Timeline, png: bytes | None, missing: str = NO_PICTURE
) -> dict[str, Any]:
    """Keyword arguments for send: the embed, and the picture it shows; without one, the
    footer says why (`missing`)."""
    kwargs: dict[str, Any] = {
        "embed": timeline_embed(timeline, None if png is not None else missing),
        "allowed_mentions": NO_MENTIONS,
    }
    if png is not None:
        kwargs["file"] = discord.File(
            io.BytesIO(png), filename=timeline.filename, description=alt_text(timeline)
        )
    return kwargs


def timeline_embed(timeline: Timeline, missing: str | None = None) -> discord.Embed:
    """One line per event: its date, what happened, and the source sections behind it;
    then the picture, or (`missing`) why there is none."""
    lines = [
        f"**{date_text(event)}** · {event.title}\n-# Source: {source_line(event)}"
        for event in timeline.events
    ]
    embed = discord.Embed(
        title=clip(timeline.title, EMBED_TITLE),
        description=fit_lines(
            lines,
            EMBED_DESCRIPTION,
            "…and {n} more events" + (", all in the picture." if missing is None else "."),
        ),
        colour=COLOURS["answered"],
    )
    if missing is None:
        embed.set_image(url=f"attachment://{timeline.filename}")
    footer = FOOTER_TEXT if missing is None else f"{FOOTER_TEXT} {missing}"
    embed.set_footer(text=clip(footer, FOOTER))
    return fit(embed)


def source_line(event: Event) -> str:
    """Where the event's date is stated, and where its year comes from when the source
    left it out: "soyuz-ms-23.txt · Background (year from Infobox: Launch Date; Lead)"."""
    stated, year = sections(event)
    text = "; ".join(stated)
    if year:
        home = stated[0].split(" · ", 1)[0] + " · " if stated else ""
        text += " (year from " + "; ".join(s.removeprefix(home) for s in year) + ")"
    return text


def fit_lines(lines: list[str], limit: int, more: str) -> str:
    """As many of `lines` as fit in `limit` characters, then `more` (with {n}: how many
    were left out)."""
    for count in range(len(lines), -1, -1):
        shown = lines[:count]
        if count < len(lines):
            shown = [*shown, more.format(n=len(lines) - count)]
        text = "\n".join(shown)
        if len(text) <= limit:
            return text
    return ""


def alt_text(timeline: Timeline) -> str:
    """What the picture shows, for screen readers."""
    first, last = timeline.events[0], timeline.events[-1]
    head = (
        f"{timeline.title}: a time axis from {first.date_text} to {last.date_text} with "
        f"{len(timeline.events)} events. "
    )
    return clip(head + "; ".join(f"{e.date_text}: {e.title}" for e in timeline.events), ALT_TEXT)


def no_events_text(factbase: FactBase, default_mission: str, mission: str | None) -> str:
    name = factbase.missions[mission or default_mission].name
    having = [factbase.missions[m].name for m in missions_with_events(factbase, default_mission)]
    text = f"My sources give no dated events for {name}."
    if having:
        text += " Timelines I can show: " + ", ".join(having) + "."
    return clip(text, CONTENT)


async def setup(bot: MissionBot) -> None:
    await bot.add_cog(Timelines(bot))
