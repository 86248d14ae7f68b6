"""The bot: one `commands.Bot` subclass holding what every feature shares.

Intents, AllowedMentions.none(), the per-user spam guard, conversation memory
and the error handlers are set once here; features live in cogs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Config
from bot.conversations import ConversationStore
from bot.discord_bot.embeds import answer_embed
from bot.discord_bot.limits import CONTENT, clip
from bot.discord_bot.reload import ReloadResult, load_replacement
from bot.discord_bot.views import SuggestionButton, answer_view
from bot.engine import Answer, Engine

log = logging.getLogger("bot.discord")

NO_MENTIONS = discord.AllowedMentions.none()
COGS = (
    "bot.discord_bot.cogs.questions",
    "bot.discord_bot.cogs.missions",
    "bot.discord_bot.cogs.timeline",
    "bot.discord_bot.cogs.crew",
    "bot.discord_bot.cogs.admin",
    "bot.discord_bot.cogs.feedback",
)
FRIENDLY_ERROR = "Sorry, something went wrong while answering. It has been logged."
# How discord.py wraps a command's own exception (a hybrid command invoked by slash: twice).
WRAPPED_ERRORS = (
    commands.CommandInvokeError,
    commands.HybridCommandError,
    app_commands.CommandInvokeError,
)
# Given each answer about to be sent, who asked, and its buttons: the buttons to send.
AnswerHook = Callable[[Answer, int | None, discord.ui.View | None], discord.ui.View | None]


class MissionBotMixin:
    """Behaviour shared by the single-process and the sharded bot."""

    engine: Engine
    config: Config
    conversations: ConversationStore
    answer_hook: AnswerHook | None = None
    """Sees every answer about to be sent, with who asked, and may change its buttons
    (the feedback cog records and adds 👍/👎 through it)."""

    def _setup(self, config: Config, engine: Engine) -> None:
        self.config = config
        self.engine = engine
        self.conversations = ConversationStore(config.conversation_size, config.conversation_ttl)
        # Keyed by user id, so prefix commands, slash commands, buttons and plain
        # questions all draw from one budget per person.
        self._spam: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            config.cooldown_rate, config.cooldown_per, lambda user_id: user_id
        )
        self._noticed: dict[int, float] = {}
        self._reload_lock = asyncio.Lock()

    @staticmethod
    def options(config: Config) -> dict[str, Any]:
        intents = discord.Intents.default()
        intents.message_content = config.message_content
        return {
            "command_prefix": commands.when_mentioned_or(config.prefix),
            "intents": intents,
            "allowed_mentions": NO_MENTIONS,
            "help_command": None,
            "owner_ids": set(config.owner_ids) or None,
            "case_insensitive": True,
            "strip_after_prefix": True,
        }

    async def setup_hook(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        for cog in COGS:
            await bot.load_extension(cog)
        bot.add_dynamic_items(SuggestionButton)
        bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        if self.config.dev_guild:
            bot.tree.copy_global_to(guild=discord.Object(self.config.dev_guild))

    # ---------------------------------------------------------------- spam guard

    def rate_check(self, user_id: int) -> Literal["ok", "notice", "silent"]:
        """'ok' to answer; past the cooldown 'notice' once per window, then 'silent'."""
        bucket = self._spam.get_bucket(user_id)
        retry_after = bucket.update_rate_limit() if bucket else None
        now = time.monotonic()
        if not retry_after:
            return "ok"
        if self._noticed.get(user_id, 0.0) > now:
            return "silent"
        self._noticed[user_id] = now + retry_after
        if len(self._noticed) > 10_000:  # forget finished windows
            self._noticed = {u: t for u, t in self._noticed.items() if t > now}
        return "notice"

    async def allowed(self, ctx: commands.Context[Any]) -> bool:
        """Apply the spam guard to a command; False when it must not be answered.

        In chat the notice comes once per window, then silence. A slash command gets the
        notice every time, privately: Discord shows "the application did not respond"
        for an interaction left unanswered.
        """
        verdict = self.rate_check(ctx.author.id)
        if verdict == "ok":
            return True
        if verdict == "notice" or ctx.interaction is not None:
            await ctx.send(self.cooldown_notice(), ephemeral=True, allowed_mentions=NO_MENTIONS)
        return False

    def cooldown_notice(self) -> str:
        return (
            f"You're asking quickly: I answer {self.config.cooldown_rate} questions per "
            f"{self.config.cooldown_per:g} seconds per person. I'll answer again shortly."
        )

    # ---------------------------------------------------------------- answering

    def answer(self, conversation: int, question: str, mission: str | None = None) -> Answer:
        """Ask the engine within a channel's conversation and remember the turn."""
        answer = self.engine.ask(question, self.conversations.get(conversation), mission)
        self.conversations.remember(conversation, answer)
        return answer

    def render(self, answer: Answer, asker: int | None = None) -> dict[str, Any]:
        """Keyword arguments for send/reply: the embed, its buttons, no mentions.

        Call it only for an answer that is sent: `answer_hook` may record it."""
        kwargs: dict[str, Any] = {
            "embed": answer_embed(answer, self.engine),
            "allowed_mentions": NO_MENTIONS,
        }
        view = answer_view(answer)
        if self.answer_hook is not None:
            view = self.answer_hook(answer, asker, view)
        if view is not None:
            kwargs["view"] = view
        return kwargs

    async def answer_button(
        self, interaction: discord.Interaction[Any], mission: str, intent: str
    ) -> None:
        """A suggestion button was pressed: answer its topic in the channel's conversation."""
        if (
            mission not in self.engine.factbase.entities
            or intent not in self.engine.factbase.intents
        ):
            await interaction.response.send_message(
                "That suggestion is no longer available.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        if self.rate_check(interaction.user.id) != "ok":
            await interaction.response.send_message(
                self.cooldown_notice(), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        answer = self.engine.answer_topic(mission, intent)
        if interaction.channel_id is not None:
            self.conversations.remember(interaction.channel_id, answer)
        await interaction.response.send_message(**self.render(answer, interaction.user.id))

    # ---------------------------------------------------------------- reload, owners

    async def reload_engine(self) -> ReloadResult:
        """Load `config.knowledge` afresh and serve it only if it passes every check.

        Loading runs in a worker thread while questions keep being answered from the old
        engine; the swap is one assignment, so each answer comes wholly from one fact
        base, and then `on_fact_base_reloaded` listeners are told. Reloads never overlap.
        On failure the old engine stays and the result (also logged) says why."""
        async with self._reload_lock:
            engine, result = await load_replacement(
                self.config.knowledge, self.config.default_mission
            )
            if engine is not None:
                self.engine = engine
                bot: commands.Bot = self  # type: ignore[assignment]
                bot.dispatch("fact_base_reloaded")  # e.g. the timeline cog redraws its pictures
            return result

    async def owner_user_ids(self) -> set[int]:
        """Who counts as the owner: `owner_ids` from the config, else the application's
        owner (or its team's admins and developers) as Discord reports them."""
        bot: commands.Bot = self  # type: ignore[assignment]
        if bot.owner_id:
            return {bot.owner_id}
        if bot.owner_ids:
            return set(bot.owner_ids)
        app = await bot.application_info()
        if app.team:
            roles = (discord.TeamMemberRole.admin, discord.TeamMemberRole.developer)
            return {m.id for m in app.team.members if m.role in roles}
        return {app.owner.id}

    async def notify_owners(self, text: str) -> int:
        """DM `text` to every owner; how many got it. Failures are logged, never raised."""
        bot: commands.Bot = self  # type: ignore[assignment]
        try:
            owners = await self.owner_user_ids()
        except discord.HTTPException:
            log.warning("could not look up the bot's owners", exc_info=True)
            return 0
        delivered = 0
        for user_id in sorted(owners):
            try:
                user = bot.get_user(user_id) or await bot.fetch_user(user_id)
                await user.send(clip(text, CONTENT), allowed_mentions=NO_MENTIONS)
                delivered += 1
            except discord.HTTPException:
                log.warning("could not DM owner %s", user_id, exc_info=True)
        return delivered

    # ---------------------------------------------------------------- errors

    async def on_command_error(self, ctx: commands.Context[Any], error: Exception) -> None:
        while isinstance(error, WRAPPED_ERRORS):
            error = error.original  # what the command itself raised
        if isinstance(error, commands.CommandNotFound):
            return
        if isinstance(error, commands.NotOwner | commands.CheckFailure):
            message = "Only the bot's owner can do that."
        elif isinstance(error, commands.UserInputError):
            usage = (
                f"{ctx.clean_prefix}{ctx.command.qualified_name} {ctx.command.signature}"
                if ctx.command
                else ""
            )
            message = f"I couldn't read that: {error}. Usage: `{usage.strip()}`"
        else:
            log.error("command %s failed", ctx.command, exc_info=error)
            message = FRIENDLY_ERROR
        try:
            await ctx.send(clip(message, CONTENT), ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not report an error to the user", exc_info=True)

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        """Slash commands, autocomplete and buttons: log, then a private apology."""
        if isinstance(error, app_commands.CheckFailure):
            message = "You can't use that command here."
        else:
            what = (
                f"/{interaction.command.qualified_name}"
                if interaction.command
                else (interaction.data or {}).get("custom_id", "interaction")
            )
            log.error("%s failed", what, exc_info=error)
            message = FRIENDLY_ERROR
        try:
            if interaction.response.is_done():
                await interaction.followup.send(
                    message, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    message, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
        except discord.HTTPException:
            log.warning("could not report an error to the user", exc_info=True)

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("unhandled error in %s", event_method)

    async def on_ready(self) -> None:
        bot: commands.Bot = self  # type: ignore[assignment]
        user = bot.user
        log.info(
            "connected as %s (id %s), %s, %d guild(s)",
            user,
            getattr(user, "id", "?"),
            self.shard_summary(),
            len(bot.guilds),
        )

    def shard_summary(self) -> str:
        """Which shards this process runs, for the log: "shards 0, 1 of 2" or "unsharded"."""
        return "unsharded"


class MissionBot(MissionBotMixin, commands.Bot):
    """One process, one shard (Discord's default for bots in fewer than 2,500 guilds)."""

    def __init__(self, config: Config, engine: Engine, **options: Any) -> None:
        self._setup(config, engine)
        super().__init__(**{**self.options(config), **options})


class ShardedMissionBot(MissionBotMixin, commands.AutoShardedBot):
    """Runs `config.shard_ids` (default: all) of `config.shard_count` shards in this
    process. Processes share nothing but Discord: each answers its own shards' guilds
    (shard 0 also gets the DMs), and keeps its own conversations, cooldowns and, when
    enabled, feedback file."""

    def __init__(self, config: Config, engine: Engine, **options: Any) -> None:
        self._setup(config, engine)
        super().__init__(
            **{**self.options(config), **options},
            shard_count=config.shard_count,
            shard_ids=list(config.shard_ids) if config.shard_ids else None,
        )

    def shard_summary(self) -> str:
        ids = ", ".join(str(i) for i in sorted(self.shards))
        return f"shard{'s' if len(self.shards) > 1 else ''} {ids} of {self.shard_count}"


def create_bot(config: Config, engine: Engine, **options: Any) -> commands.Bot:
    """The bot for this configuration: sharded only when `[shards]` is set.

    `options` go to discord.py's client (tests shorten `guild_ready_timeout`)."""
    if config.shard_count is not None:
        return ShardedMissionBot(config, engine, **options)
    return MissionBot(config, engine, **options)
