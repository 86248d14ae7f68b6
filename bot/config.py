"""Bot configuration from a TOML file, validated before anything connects.

Every option is documented in `config.example.toml`. The token may live in the
file but the `DISCORD_TOKEN` environment variable wins, so a deployment can keep
it out of files altogether. Nothing here ever prints the token.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.factbase import DEFAULT_KNOWLEDGE_DIR

TOKEN_ENV = "DISCORD_TOKEN"
FEEDBACK_SALT_ENV = "FEEDBACK_SALT"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A configuration a person must fix; the message names the file and the option."""


@dataclass(frozen=True, slots=True)
class FeedbackConfig:
    """`[feedback]`: recording unanswered questions and 👍/👎 votes (off by default)."""

    enabled: bool = False
    path: Path = Path("feedback.sqlite3")
    retention_days: float = 90.0
    record_user_ids: bool = False
    """Store a salted hash of the asker's id (never the id itself)."""
    salt: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class Config:
    token: str = field(default="", repr=False)
    prefix: str = "!"
    default_mission: str = "soyuz-ms-23"
    answer_channels: frozenset[int] = frozenset()
    owner_ids: frozenset[int] = frozenset()
    dev_guild: int | None = None
    message_content: bool = True
    cooldown_rate: int = 5
    cooldown_per: float = 30.0
    conversation_size: int = 1000
    conversation_ttl: float = 900.0
    log_level: str = "INFO"
    shard_count: int | None = None
    """`[shards] count`: None for one unsharded connection."""
    shard_ids: tuple[int, ...] | None = None
    """`[shards] ids`, the shards this process runs: None for all of them."""
    knowledge: Path = DEFAULT_KNOWLEDGE_DIR
    feedback: FeedbackConfig = FeedbackConfig()

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                f"no Discord token: set the {TOKEN_ENV} environment variable "
                "(or `token` in the config file)"
            )
        return self.token


def load_config(path: Path | str | None, environ: Mapping[str, str] | None = None) -> Config:
    """Read `path` (None: defaults only) and apply the environment's token."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    where = "defaults"
    if path is not None:
        path = Path(path)
        where = str(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"{path}: config file not found; copy config.example.toml to {path.name} "
                "and edit it"
            ) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}; fix the line it names") from None
    return _parse(data, where, environ, base=path.parent if path else Path.cwd())


def _parse(data: dict[str, Any], where: str, environ: Mapping[str, str], base: Path) -> Config:
    reader = _Reader(data, where)
    cooldown = reader.table("cooldown")
    conversation = reader.table("conversation")
    knowledge = reader.get("knowledge_dir", str, None)
    shard_count, shard_ids = _shards(reader, where)
    config = Config(
        token=environ.get(TOKEN_ENV) or reader.get("token", str, ""),
        prefix=reader.get("prefix", str, "!"),
        default_mission=reader.get("default_mission", str, "soyuz-ms-23"),
        answer_channels=frozenset(reader.ids("answer_channels")),
        owner_ids=frozenset(reader.ids("owner_ids")),
        dev_guild=reader.get("dev_guild", int, None) or None,
        message_content=reader.get("message_content_intent", bool, True),
        cooldown_rate=cooldown.get("rate", int, 5),
        cooldown_per=float(cooldown.get("per_seconds", (int, float), 30.0)),
        conversation_size=conversation.get("max_channels", int, 1000),
        conversation_ttl=float(conversation.get("ttl_seconds", (int, float), 900.0)),
        log_level=reader.get("log_level", str, "INFO").upper(),
        shard_count=shard_count,
        shard_ids=shard_ids,
        knowledge=(base / knowledge).resolve() if knowledge else DEFAULT_KNOWLEDGE_DIR,
        feedback=_feedback(reader.table("feedback"), where, environ, base),
    )
    if not config.prefix.strip():
        raise ConfigError(f"{where}: prefix must not be empty")
    if config.cooldown_rate < 1 or config.cooldown_per <= 0:
        raise ConfigError(f"{where}: cooldown.rate must be >= 1 and cooldown.per_seconds > 0")
    if config.conversation_size < 1 or config.conversation_ttl <= 0:
        raise ConfigError(
            f"{where}: conversation.max_channels must be >= 1 and conversation.ttl_seconds > 0"
        )
    if config.log_level not in LOG_LEVELS:
        raise ConfigError(f"{where}: log_level must be one of {', '.join(LOG_LEVELS)}")
    return config


def _shards(reader: _Reader, where: str) -> tuple[int | None, tuple[int, ...] | None]:
    """`[shards] count` and `ids`: how many shards the bot has, and which this process runs
    (default: all of them). No `[shards]`: one unsharded connection."""
    if "sharding" in reader.data:
        raise ConfigError(
            f"{where}: [sharding] is now [shards], with `count` (was shard_count) and `ids` "
            "(was shard_ids); rename them"
        )
    shards = reader.table("shards")
    count = shards.get("count", int, None)
    ids = shards.get("ids", list, None)
    if count is None:
        if shards.data:
            raise ConfigError(
                f"{where}: shards.count is missing; set the total number of shards (Discord "
                "requires one shard per 2,500 servers at most), or remove [shards]"
            )
        return None, None
    if count < 1:
        raise ConfigError(f"{where}: shards.count must be at least 1, got {count}")
    if ids is None:
        return count, None
    if (
        not ids
        or not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < count for i in ids)
        or len(set(ids)) != len(ids)
    ):
        raise ConfigError(
            f"{where}: shards.ids must list the shards this process runs, each once, as "
            f"numbers from 0 to count - 1 ({count - 1}); got {ids!r}"
        )
    return count, tuple(sorted(ids))


def _feedback(
    reader: _Reader, where: str, environ: Mapping[str, str], base: Path
) -> FeedbackConfig:
    feedback = FeedbackConfig(
        enabled=reader.get("enabled", bool, False),
        path=(base / reader.get("path", str, "feedback.sqlite3")).resolve(),
        retention_days=float(reader.get("retention_days", (int, float), 90.0)),
        record_user_ids=reader.get("record_user_ids", bool, False),
        salt=environ.get(FEEDBACK_SALT_ENV) or reader.get("user_id_salt", str, ""),
    )
    if feedback.retention_days <= 0:
        raise ConfigError(f"{where}: feedback.retention_days must be more than 0")
    if feedback.enabled and feedback.record_user_ids and len(feedback.salt) < 16:
        raise ConfigError(
            f"{where}: feedback.record_user_ids needs a secret salt of 16+ characters in the "
            f"{FEEDBACK_SALT_ENV} environment variable (or feedback.user_id_salt)"
        )
    return feedback


class _Reader:
    """Typed access to one TOML table, with errors that name the option."""

    def __init__(self, data: dict[str, Any], where: str, prefix: str = "") -> None:
        self.data, self.where, self.prefix = data, where, prefix

    def table(self, key: str) -> _Reader:
        value = self.get(key, dict, {})
        return _Reader(value, self.where, f"{self.prefix}{key}.")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any) -> Any:
        if key not in self.data:
            return default
        value = self.data[key]
        if isinstance(value, bool) and kind is not bool and bool not in _tuple(kind):
            raise self.wrong(key, kind, value)
        if not isinstance(value, kind):
            raise self.wrong(key, kind, value)
        return value

    def ids(self, key: str) -> list[int]:
        values = self.get(key, list, [])
        if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
            raise ConfigError(
                f"{self.where}: {self.prefix}{key} must be a list of Discord ids (numbers, "
                "without quotes)"
            )
        return values

    def wrong(self, key: str, kind: type | tuple[type, ...], value: Any) -> ConfigError:
        names = {"str": "text", "int": "whole number", "float": "number", "bool": "true or false",
                 "list": "list", "dict": "table"}
        expected = " or ".join(names.get(k.__name__, k.__name__) for k in _tuple(kind))
        shown = "(hidden)" if key in ("token", "user_id_salt") else repr(value)
        return ConfigError(f"{self.where}: {self.prefix}{key} must be a {expected}, got {shown}")


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)
