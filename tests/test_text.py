from bot.text import tokens


def test_discord_syntax_markdown_and_emoji_are_dropped() -> None:
    assert tokens("<@123456789012345678> **When** did `MS-23` land?? 🚀🚀") == (
        "when",
        "did",
        "ms",
        "23",
        "land",
    )
    assert tokens("@everyone <@&42> <#99> <:soyuz:1234> land") == ("land",)


def test_nfkc_case_and_invisible_characters() -> None:
    assert tokens("ＷＨＥＮ did it l\u200band") == ("when", "did", "it", "land")
    assert tokens("\u202ewhen\u202c") == ("when",)


def test_contractions_possessives_and_decimals() -> None:
    assert tokens("didn't") == ("didnt",)
    assert tokens("MS-23's crew") == ("ms", "23", "crew")
    assert tokens("Soyuz 2.1a at 51.66°") == ("soyuz", "2.1", "a", "at", "51.66")
    # a question word's "'d" is "did", so that "why'd they do that" asks why
    assert tokens("why'd they do that") == ("why", "did", "they", "do", "that")
    assert tokens("Where’d it land") == ("where", "did", "it", "land")


def test_input_is_cut_at_discord_message_length() -> None:
    assert len(tokens("land " * 5000)) == 800
