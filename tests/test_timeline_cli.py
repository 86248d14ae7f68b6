"""`python -m bot timeline [MISSION]`: text, --json and --out, as a user runs them."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.factbase import FactBase


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["timeline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_dated_event_with_its_citations_in_date_order(
    factbase: FactBase, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--json")
    assert code == 0
    events = json.loads(out)
    assert [e["id"] for e in events] == list(factbase.events)  # every one of them
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert (events[0]["date"], events[-1]["date"]) == ("2022-09-21", "2023-09-27")
    for item in events:
        event = factbase.events[item["id"]]
        assert {"date", "title", "entities", "citations"} <= set(item)
        assert (item["date"], item["title"]) == (event.date.isoformat(), event.title)
        assert item["entities"] == list(event.entities)
        assert item["citations"] == [c.as_dict() for c in event.citations]
        assert item["citations"], item["id"]
        for citation in item["citations"]:  # each quote stands verbatim in its section
            document = factbase.documents[citation["source"]]
            assert citation["quote"] in document.section(citation["section"]).text


def test_a_mission_gets_only_its_own_events(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ms 23", "--json")
    assert code == 0
    ids = [e["id"] for e in json.loads(out)]
    assert ids == [
        "ms-23-launch",
        "ms-23-arrival",
        "crew-liners-to-ms-23",
        "rubio-liner-to-ms-23",
        "ms-23-landing",
    ]


def test_text_gives_each_date_what_happened_and_the_quotes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "The story of Soyuz MS-23 (9 events)"
    assert "6 March 2023: Rubio's seat liner moved to MS-23" in lines
    assert "27 September 2023, 11:17 UTC: Soyuz MS-23 lands with Rubio, Prokopyev and Petelin" in (
        lines
    )
    assert '  [soyuz-ms-23.txt, Lead] "had a coolant leak on 14 December"' in lines


def test_out_writes_the_picture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "timeline.png"
    code, out, err = run(capsys, "soyuz-ms-22", "--out", str(target))
    assert code == 0 and out == ""
    assert f"wrote {target}: Timeline of Soyuz MS-22, 5 events" in err
    png = target.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1040, 800)


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["ms-32"], 2, "no mission called 'ms-32'"),
        (["soyuz-32"], 1, "no dated events for Soyuz 32"),
        (["--mission", "apollo-11"], 2, "--mission 'apollo-11' is not in the fact base"),
        (["--out", "/nonexistent/dir/t.png"], 2, "cannot write /nonexistent/dir/t.png"),
    ],
)
def test_errors_say_what_to_do(
    capsys: pytest.CaptureFixture[str], argv: list[str], code: int, says: str
) -> None:
    got, _, err = run(capsys, *argv)
    assert got == code and says in err
    if "no mission" in says or "no dated" in says:
        assert "missions with a timeline: Soyuz MS-23, Soyuz MS-22" in err


def test_json_of_a_mission_without_events_is_an_empty_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "soyuz-32", "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [(["--json"], []), (["--out", "{tmp}/t.png"], ["matplotlib"])],
)
def test_the_timeline_command_never_imports_discord(
    tmp_path: Path, argv: list[str], loaded: list[str]
) -> None:
    """discord.py and aiohttp cost 0.2 s; matplotlib is imported only to draw."""
    argv = [a.format(tmp=tmp_path) for a in argv]
    code = (
        "import sys; from bot.cli import main; "
        f"assert main(['timeline', *{argv!r}]) == 0; "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'discord', 'aiohttp', 'matplotlib'}), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == repr(loaded)
