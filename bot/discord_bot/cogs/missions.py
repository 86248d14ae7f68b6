"""`!mission [name] [topic]` and `/mission name: topic:`: overviews and single facts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands
from discord.ext import commands

from bot.discord_bot.client import NO_MENTIONS
from bot.discord_bot.cogs.questions import strip_mentions
from bot.discord_bot.embeds import missions_embed, overview_embed, unknown_mission_embed
from bot.discord_bot.limits import CHOICE_NAME, CHOICES, clip

if TYPE_CHECKING:
    import discord

    from bot.discord_bot.client import MissionBot
    from bot.engine import Engine


def addressed_by_mention(ctx: commands.Context[Any], prefix: str) -> bool:
    """True for a chat message that reached a command through the bot's mention."""
    return ctx.interaction is None and ctx.prefix is not None and ctx.prefix != prefix


class Missions(commands.Cog):
    def __init__(self, bot: MissionBot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="mission", description="A mission's overview, or one fact")
    @app_commands.describe(name="Mission, e.g. ms-23", topic="One fact, e.g. landing")
    async def mission(
        self, ctx: commands.Context[Any], name: str | None = None, *, topic: str | None = None
    ) -> None:
        """Overview of a mission (`!mission ms-23`), one fact (`!mission ms-23 landing`),
        or the list of missions (`!mission`)."""
        engine = self.bot.engine
        if not await self.bot.allowed(ctx):
            return
        if not name:
            await ctx.send(
                embed=missions_embed(engine, self.bot.config.prefix), allowed_mentions=NO_MENTIONS
            )
            return
        mission, topic = split_mission(engine, name, topic)
        if mission is None and addressed_by_mention(ctx, self.bot.config.prefix):
            # "@bot mission duration?" is a question that happens to start with the
            # command's name, not a request for a mission called "duration?".
            question = strip_mentions(ctx.message.content, ctx.me.id)
            answer = self.bot.answer(ctx.channel.id, question)
            await ctx.send(**self.bot.render(answer, ctx.author.id))
            return
        if mission is None:
            await ctx.send(
                embed=unknown_mission_embed(engine, name if not topic else f"{name} {topic}"),
                allowed_mentions=NO_MENTIONS,
                ephemeral=True,
            )
            return
        if not topic:
            await ctx.send(embed=overview_embed(engine, mission), allowed_mentions=NO_MENTIONS)
            self.bot.conversations.remember(
                ctx.channel.id, engine.answer_topic(mission, "overview")
            )
            return
        if topic in engine.factbase.intents:
            answer = engine.answer_topic(mission, topic)
            self.bot.conversations.remember(ctx.channel.id, answer)
        else:
            answer = self.bot.answer(ctx.channel.id, topic, mission=mission)
        await ctx.send(**self.bot.render(answer, ctx.author.id))

    @mission.autocomplete("name")
    async def complete_name(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=clip(label, CHOICE_NAME), value=mission_id)
            for mission_id, label in self.bot.engine.complete_missions(current, CHOICES)
        ]

    @mission.autocomplete("topic")
    async def complete_topic(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        engine = self.bot.engine
        chosen = getattr(interaction.namespace, "name", None) or engine.default_mission
        mission = engine.resolve_mission(str(chosen)) or engine.default_mission
        return [
            app_commands.Choice(name=clip(title, CHOICE_NAME), value=intent)
            for intent, title in engine.complete_topics(mission, current, CHOICES)
        ]


def split_mission(engine: Engine, name: str, topic: str | None) -> tuple[str | None, str | None]:
    """Find the mission in `name` plus the leading words of `topic`.

    A prefix command splits on spaces, so `!mission soyuz ms-23 landing` arrives as
    name="soyuz", topic="ms-23 landing"; the longest run of words that names a
    mission wins and the rest is the topic.
    """
    words = [name, *(topic or "").split()]
    for end in range(len(words), 0, -1):
        mission = engine.resolve_mission(" ".join(words[:end]))
        if mission is not None:
            rest = " ".join(words[end:]).strip()
            return mission, rest or None
    return None, topic


async def setup(bot: MissionBot) -> None:
    await bot.add_cog(Missions(bot))
