"""Learning from unanswered questions: recording, 👍/👎 votes and the owner's `/review`.

Loaded only when `[feedback] enabled` is on; otherwise nothing is added (no buttons,
no command, no file). Every answer the bot sends passes through `on_answer` (the
bot's `answer_hook`): a question that ended `unknown` or `clarify` is recorded, and
an answered one gets 👍/👎. Writes run in a worker thread (`asyncio.to_thread`) so
the event loop never waits on the disk, and a failed write is logged, never shown:
answering comes first.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.client import NO_MENTIONS
from bot.discord_bot.feedback_views import VoteButton, review_embed, with_vote_buttons
from bot.feedback import FeedbackError, FeedbackStore, Utterances, group_questions, hash_user
from bot.feedback import open_store as open_feedback_store

if TYPE_CHECKING:
    from bot.config import FeedbackConfig
    from bot.discord_bot.client import MissionBot
    from bot.engine import Answer

log = logging.getLogger("bot.discord.feedback")

REMEMBERED = 5_000
"""Answers kept in memory for their 👎 (question and candidates), and messages whose
voters are kept (one vote per person per message); the oldest are forgotten first."""
THANKS = {
    True: "Thanks! Glad it helped.",
    False: "Thanks, noted: the question goes to the people who curate my facts.",
}


class Feedback(commands.Cog):
    def __init__(self, bot: MissionBot, store: FeedbackStore, config: FeedbackConfig) -> None:
        self.bot, self.store, self.config = bot, store, config
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.voters: OrderedDict[int | str, set[int]] = OrderedDict()
        self._writes: set[asyncio.Task[None]] = set()

    async def cog_load(self) -> None:
        self.bot.answer_hook = self.on_answer

    async def cog_unload(self) -> None:
        if self.bot.answer_hook == self.on_answer:
            self.bot.answer_hook = None
        await self.flush()
        await asyncio.to_thread(self.store.close)

    # ---------------------------------------------------------------- recording

    def on_answer(
        self, answer: Answer, asker: int | None, view: discord.ui.View | None
    ) -> discord.ui.View | None:
        """Record an unanswered question; give an answered one its vote buttons."""
        try:
            if answer.status in ("unknown", "clarify"):
                user_hash = self.user_hash(asker)
                self._write("a question", self.store.record_answer, answer, user_hash=user_hash)
                return view
            key = secrets.token_urlsafe(6)
            self.answers[key] = answer
            _trim(self.answers)
            return with_vote_buttons(view, answer, key)
        except Exception:  # feedback never stands between a person and the answer
            log.exception("feedback failed for an answer; sending it without")
            return view

    async def vote(self, interaction: discord.Interaction[Any], button: VoteButton) -> None:
        """One vote per person per message, acknowledged privately; 👎 records the question."""
        message = interaction.message.id if interaction.message else button.key
        voters = self.voters.setdefault(message, set())
        self.voters.move_to_end(message)
        _trim(self.voters)
        if interaction.user.id in voters:
            await interaction.response.send_message(
                "You have already rated this answer.", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        voters.add(interaction.user.id)
        user_hash = self.user_hash(interaction.user.id)
        answer = self.answers.get(button.key)
        if answer is not None:
            self._write("a vote", self.store.vote_answer, answer, button.helpful, None, user_hash)
        else:  # from before a restart: the question is forgotten, the vote still counts
            self._write(
                "a vote",
                self.store.vote,
                button.intent,
                button.helpful,
                None,
                user_hash,
                mission=button.mission,
            )
        await interaction.response.send_message(
            THANKS[button.helpful], ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    def user_hash(self, user_id: int | None) -> str | None:
        """A salted hash of the person, only when `record_user_ids` says so."""
        if user_id is None or not self.config.record_user_ids:
            return None
        return hash_user(user_id, self.config.salt)

    def _write(self, what: str, call: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        task = asyncio.get_running_loop().create_task(
            self._run(what, functools.partial(call, *args, **kwargs))
        )
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def _run(self, what: str, call: Callable[[], object]) -> None:
        try:
            await asyncio.to_thread(call)
        except Exception:
            log.exception("could not record %s in %s", what, self.store.path)

    async def flush(self) -> None:
        """Wait for the writes under way (tests, and closing the store).

        Waits on the unfinished ones, not on `_writes` itself: a finished task leaves the
        set only when its done callback runs, and from Python 3.12 on gathering finished
        tasks does not yield to the loop, so waiting for the set to empty spun for ever."""
        while pending := [task for task in self._writes if not task.done()]:
            await asyncio.gather(*pending)

    # ---------------------------------------------------------------- /review

    @commands.hybrid_command(
        name="review", description="Owner: the questions I could not answer, grouped"
    )
    @app_commands.describe(groups="How many groups to show (1-10)")
    @app_commands.default_permissions(administrator=True)
    @commands.is_owner()
    async def review(
        self, ctx: commands.Context[Any], groups: commands.Range[int, 1, 10] = 5
    ) -> None:
        """The most asked questions I could not answer, and 👍/👎 per intent (owner only)."""
        if ctx.interaction is not None:
            await ctx.defer(ephemeral=True)
        embed = await asyncio.to_thread(self.review_embed, groups)
        if ctx.interaction is None and ctx.guild is not None:
            # What people asked, DMs included, is not for a server channel.
            try:
                await ctx.author.send(embed=embed, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException:
                text = "I couldn't DM you the review; use /review, which only you can see."
            else:
                text = "I've sent you the review in a direct message."
            await ctx.send(text, allowed_mentions=NO_MENTIONS)
            return
        await ctx.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    def review_embed(self, limit: int) -> discord.Embed:
        """Read and group in a worker thread: grouping thousands of questions takes a while."""
        factbase = self.bot.engine.factbase
        names = Utterances.of(factbase)
        return review_embed(
            group_questions(self.store.records(), names),
            self.store.vote_counts(),
            limit,
            {i.id: i.examples for i in factbase.intents.values()},
            factbase.stopwords | factbase.vague_terms,
        )


def _trim(memory: OrderedDict[Any, Any]) -> None:
    while len(memory) > REMEMBERED:
        memory.popitem(last=False)


async def setup(bot: MissionBot) -> None:
    # Vote buttons are answered even when the option is off (they say so).
    bot.add_dynamic_items(VoteButton)
    try:
        store = await asyncio.to_thread(open_feedback_store, bot.config.feedback)
    except (FeedbackError, OSError) as exc:
        log.error("feedback is on but cannot be recorded: %s", exc)
        return
    if store is not None:
        await bot.add_cog(Feedback(bot, store, bot.config.feedback))


async def teardown(bot: MissionBot) -> None:
    bot.remove_dynamic_items(VoteButton)
