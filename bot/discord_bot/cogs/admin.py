"""`/about` (`!help`) for everyone, and the owner's `!sync` and `!reload`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.discord_bot.client import NO_MENTIONS
from bot.discord_bot.embeds import about_embed

if TYPE_CHECKING:
    from bot.discord_bot.client import MissionBot


class Admin(commands.Cog):
    def __init__(self, bot: MissionBot) -> None:
        self.bot = bot

    @commands.hybrid_command(
        name="about", aliases=["help"], description="What this bot knows and how to ask it"
    )
    async def about(self, ctx: commands.Context[Any]) -> None:
        """What this bot knows and how to ask it."""
        await ctx.send(
            embed=about_embed(self.bot.engine, self.bot.config.prefix),
            allowed_mentions=NO_MENTIONS,
            ephemeral=True,
        )

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(
        self,
        ctx: commands.Context[Any],
        # Not Optional[int]: discord.py would skip a typo ("!sync here") and sync globally.
        guild_id: int = commands.parameter(default=0, displayed_default="global"),
    ) -> None:
        """Sync slash commands: `!sync` globally, `!sync GUILD_ID` to one guild."""
        synced = await sync_commands(self.bot, guild_id)
        where = f"guild {guild_id}" if guild_id else "all guilds"
        await ctx.send(
            f"Synced {len(synced)} slash commands to {where}.", allowed_mentions=NO_MENTIONS
        )

    @commands.command(name="reload", hidden=True)
    @commands.is_owner()
    async def reload(self, ctx: commands.Context[Any]) -> None:
        """Reload the fact base from disk; on any problem keep serving the current one."""
        result = await self.bot.reload_engine()
        await ctx.send(result.report(), allowed_mentions=NO_MENTIONS)


async def sync_commands(bot: commands.Bot, guild_id: int | None) -> list[Any]:
    """Copy the global commands to `guild_id` and sync there, or sync globally."""
    if guild_id:
        guild = discord.Object(guild_id)
        bot.tree.copy_global_to(guild=guild)
        return await bot.tree.sync(guild=guild)
    return await bot.tree.sync()


async def setup(bot: MissionBot) -> None:
    await bot.add_cog(Admin(bot))
