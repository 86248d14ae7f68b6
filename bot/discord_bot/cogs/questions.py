"""Questions: `/ask`, `!ask`, and questions in chat (mentions, DMs, answer channels)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.client import FRIENDLY_ERROR, NO_MENTIONS, log
from bot.discord_bot.embeds import about_embed

if TYPE_CHECKING:
    from bot.discord_bot.client import MissionBot

MAX_QUESTION = 4000  # a slash option's own limit is 6,000


class Questions(commands.Cog):
    def __init__(self, bot: MissionBot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="ask", description="Ask a question about a mission")
    @app_commands.describe(question="For example: when did MS-23 land?")
    async def ask(self, ctx: commands.Context[Any], *, question: str) -> None:
        """Ask a question, e.g. `!ask when did MS-23 land?`"""
        if not await self.bot.allowed(ctx):
            return
        answer = self.bot.answer(ctx.channel.id, question[:MAX_QUESTION])
        await ctx.send(**self.bot.render(answer, ctx.author.id))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer questions put to the bot without a command.

        It answers when mentioned and in DMs, and in the configured answer channels;
        there it stays silent on messages that are not about a mission. Mentioning the
        bot makes it a command prefix too, so "@bot when did..." reaches here as an
        unknown command "when": that is a question, while an unknown `!word` is not.
        """
        bot = self.bot
        if message.author.bot or bot.user is None or message.author.id == bot.user.id:
            return
        direct = message.guild is None or bot.user in message.mentions
        listed = message.channel.id in bot.config.answer_channels
        if not (direct or listed):
            return
        ctx = await bot.get_context(message)
        if ctx.valid:
            return  # a command: the command machinery answers
        if ctx.prefix == bot.config.prefix and ctx.invoked_with:
            return  # an unknown `!word`: not a question, and not ours to answer
        question = strip_mentions(message.content, bot.user.id)
        if not question:
            if direct:
                await message.reply(
                    embed=about_embed(bot.engine, bot.config.prefix),
                    mention_author=False,
                    allowed_mentions=NO_MENTIONS,
                )
            return
        verdict = bot.rate_check(message.author.id)
        if verdict != "ok":
            if verdict == "notice":
                await message.reply(
                    bot.cooldown_notice(), mention_author=False, allowed_mentions=NO_MENTIONS
                )
            return
        try:
            answer = bot.answer(message.channel.id, question)
        except Exception:
            log.exception("answering message %s failed", message.id)
            await message.reply(FRIENDLY_ERROR, mention_author=False, allowed_mentions=NO_MENTIONS)
            return
        if not direct and answer.status == "unknown" and answer.entity is None:
            return  # chatter in an answer channel: no "I don't know" spam
        await message.reply(**bot.render(answer, message.author.id), mention_author=False)


def strip_mentions(content: str, bot_id: int) -> str:
    """The message without the bot's own mention (which only addressed the question)."""
    return re.sub(rf"<@!?{bot_id}>", " ", content).strip()


async def setup(bot: MissionBot) -> None:
    await bot.add_cog(Questions(bot))
