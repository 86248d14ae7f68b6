from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def test_example_config_loads_with_documented_defaults() -> None:
    config = load_config(EXAMPLE, environ={})
    assert config.prefix == "!"
    assert config.default_mission == "soyuz-ms-23"
    assert config.cooldown_rate == 5 and config.cooldown_per == 30.0
    assert config.shard_count is None and config.dev_guild is None
    assert config.token == ""


def test_environment_token_wins_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('token = "from-file"\n', encoding="utf-8")
    assert load_config(path, environ={"DISCORD_TOKEN": "from-env"}).token == "from-env"
    assert load_config(path, environ={}).token == "from-file"


def test_token_is_not_in_the_repr(tmp_path: Path) -> None:
    config = load_config(None, environ={"DISCORD_TOKEN": "SECRET.TOKEN"})
    assert "SECRET" not in repr(config)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prefix = 3\n", "prefix must be a text, got 3"),
        ("answer_channels = ['12']\n", "answer_channels must be a list of Discord ids"),
        ("[cooldown]\nrate = 0\n", "cooldown.rate must be >= 1"),
        ("log_level = 'LOUD'\n", "log_level must be one of DEBUG"),
        ("token = 5\n", "token must be a text, got (hidden)"),
        ("[sharding]\nshard_count = 2\n", "[sharding] is now [shards]"),
        ("[shards]\nids = [0]\n", "shards.count is missing"),
        ("[shards]\ncount = 0\n", "shards.count must be at least 1"),
        ("[shards]\ncount = true\n", "shards.count must be a whole number"),
        ("[shards]\ncount = 2\nids = [2]\n", "numbers from 0 to count - 1 (1); got [2]"),
        ("[shards]\ncount = 2\nids = [0, 0]\n", "each once"),
        ("[shards]\ncount = 2\nids = []\n", "shards.ids must list the shards"),
        ("prefix = \n", "invalid TOML"),
    ],
)
def test_invalid_options_name_file_and_option(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "count", "ids"),
    [
        ("", None, None),
        ("[shards]\ncount = 4\n", 4, None),
        ("[shards]\ncount = 4\nids = [3, 1]\n", 4, (1, 3)),
    ],
)
def test_shards_count_and_the_ids_this_process_runs(
    tmp_path: Path, text: str, count: int | None, ids: tuple[int, ...] | None
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path, environ={})
    assert (config.shard_count, config.shard_ids) == (count, ids)


def test_missing_file_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"copy config\.example\.toml"):
        load_config(tmp_path / "config.toml", environ={})
