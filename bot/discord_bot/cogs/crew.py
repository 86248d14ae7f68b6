"""`!crew [name]` and `/crew name:`: who someone in the story is, their missions and dates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from discord import app_commands
from discord.ext import commands

from bot.discord_bot.client import NO_MENTIONS
from bot.discord_bot.embeds import people_embed, person_embed, unknown_person_embed
from bot.discord_bot.limits import CHOICE_NAME, CHOICES, clip

if TYPE_CHECKING:
    import discord

    from bot.discord_bot.client import MissionBot


class Crew(commands.Cog):
    def __init__(self, bot: MissionBot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="crew", description="Who someone is: their missions and dates")
    @app_commands.describe(name="A person, e.g. Rubio")
    async def crew(self, ctx: commands.Context[Any], *, name: str | None = None) -> None:
        """Who someone is (`!crew rubio`), or the people the sources name (`!crew`)."""
        engine = self.bot.engine
        if not await self.bot.allowed(ctx):
            return
        if not name:
            await ctx.send(
                embed=people_embed(engine, self.bot.config.prefix), allowed_mentions=NO_MENTIONS
            )
            return
        person = engine.resolve_person(name)
        if person is None:
            await ctx.send(
                embed=unknown_person_embed(engine, name),
                allowed_mentions=NO_MENTIONS,
                ephemeral=True,
            )
            return
        await ctx.send(embed=person_embed(engine, person), allowed_mentions=NO_MENTIONS)
        # "when did he land?" next is about this person.
        self.bot.conversations.remember(ctx.channel.id, engine.answer_topic(person, "overview"))

    @crew.autocomplete("name")
    async def complete_name(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=clip(label, CHOICE_NAME), value=person)
            for person, label in self.bot.engine.complete_people(current, CHOICES)
        ]


async def setup(bot: MissionBot) -> None:
    await bot.add_cog(Crew(bot))
