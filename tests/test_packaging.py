"""A real package: the wheel carries the fact base, answers from any directory, and the
curating commands leave the installed copy alone.

The wheel test builds with `python -m build` (sdist, then the wheel from the sdist, as
pip and pipx do) and installs the wheel into a fresh virtual environment. To stay offline
it installs the wheel alone and lends that environment this one's site-packages for the
dependencies through a .pth line, which adds the directory only (not the editable
install's finder in it): `bot` itself must come from the wheel, and the test checks so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import bot.cli
import bot.locations
from bot.cli import main
from bot.factbase import DEFAULT_KNOWLEDGE_DIR
from bot.feedback import FeedbackStore

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "tests" / "data" / "kestrel-7.txt"
SHIPPED = ("bot", "knowledge", "pyproject.toml", "README.md")


def run(args: list[str | Path], cwd: Path, **options: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300,
        **options,  # type: ignore[arg-type]
    )


def build(tmp: Path) -> Path:
    """The wheel `python -m build` makes from a clean copy of the project."""
    src = tmp / "src"
    src.mkdir()
    for name in SHIPPED:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, src / name)  # type: ignore[operator]
    for cache in src.rglob("__pycache__"):
        shutil.rmtree(cache)
    done = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp / "dist", src],
               cwd=tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    [wheel] = (tmp / "dist").glob("*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel; its dependencies lent from this one."""
    venv = tmp / "venv"
    assert run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp).returncode == 0
    python = venv / "bin" / "python"
    done = run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                "--no-index", "--quiet", wheel], cwd=tmp)
    assert done.returncode == 0, done.stderr
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                  cwd=tmp).stdout.strip()
    lent = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    (Path(purelib) / "_lent_dependencies.pth").write_text("\n".join(lent) + "\n")
    return venv


@pytest.mark.slow
def test_the_wheel_answers_checks_and_curates_from_any_directory(tmp_path: Path) -> None:
    wheel = build(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in [*(ROOT / "bot").rglob("*.py"), *DEFAULT_KNOWLEDGE_DIR.rglob("*.*")]:
        inside = path.relative_to(ROOT)
        if inside.parts[0] == "knowledge":
            inside = Path("bot", *inside.parts)
        assert inside.as_posix() in names, f"{inside} is missing from {wheel.name}"

    venv = fresh_venv(tmp_path, wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = venv / "bin" / "mission-bot"
    where = run([venv / "bin" / "python", "-c",
                 "import bot, bot.factbase as f; print(bot.__file__); "
                 "print(f.DEFAULT_KNOWLEDGE_DIR)"], cwd=elsewhere).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    packaged = Path(where[1])

    asked = run([command, "ask", "--json", "When did MS-23 land?"], cwd=elsewhere)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert (answer["status"], answer["intent"]) == ("answered", "landing")
    assert "27 September 2023" in answer["answer"]
    checked = run([command, "check"], cwd=elsewhere)
    assert checked.returncode == 0 and "fact base OK" in checked.stdout, checked.stderr
    assert f"knowledge directory: {packaged}" in checked.stdout

    # derive never writes into the installed package, and says how to give a directory.
    before = sorted(packaged.rglob("*"))
    refused = run([command, "derive", KESTREL], cwd=elsewhere)
    assert refused.returncode == 2
    assert "installed with mission-bot" in refused.stderr and "--knowledge" in refused.stderr
    assert sorted(packaged.rglob("*")) == before
    # The curator's own copy works with the installed command.
    own = tmp_path / "own-knowledge"
    shutil.copytree(packaged, own)
    derived = run([command, "--knowledge", own, "derive", KESTREL], cwd=elsewhere)
    assert derived.returncode == 0, derived.stderr
    kestrel = run([command, "--knowledge", own, "ask", "--json", "When did Kestrel 7 launch?"],
                  cwd=elsewhere)
    assert json.loads(kestrel.stdout)["mission"] == "kestrel-7"
    # eval's default set comes with the source checkout only: a clear message instead.
    evaluated = run([command, "eval"], cwd=elsewhere)
    assert evaluated.returncode == 2 and "source checkout" in evaluated.stderr


def test_the_checkout_reads_the_top_level_knowledge_that_curators_edit() -> None:
    assert DEFAULT_KNOWLEDGE_DIR == ROOT / "knowledge"
    assert not bot.locations.is_packaged(DEFAULT_KNOWLEDGE_DIR)


@pytest.fixture
def packaged(knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge directory that counts as the one installed with the package."""
    monkeypatch.setattr(bot.locations, "PACKAGED_KNOWLEDGE_DIR", knowledge_copy.resolve())
    return knowledge_copy


def test_derive_refuses_the_packaged_knowledge_and_says_how_to_give_one(
    packaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(packaged.rglob("*"))
    assert main(["derive", str(KESTREL), "--knowledge", str(packaged)]) == 2
    err = capsys.readouterr().err
    assert f"{packaged} is the fact base installed with mission-bot" in err
    assert f"cp -r {packaged} ~/mission-knowledge" in err and "--knowledge" in err
    assert sorted(packaged.rglob("*")) == before


def test_derive_out_reads_the_packaged_knowledge_and_says_where_to_add_the_draft(
    packaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "kestrel-7.yaml"
    assert main(["derive", str(KESTREL), "--knowledge", str(packaged), "--out", str(draft)]) == 0
    assert "kestrel-7" in draft.read_text()
    err = capsys.readouterr().err
    assert "installed with mission-bot" in err and "~/mission-knowledge/missions/" in err


def test_review_refuses_the_packaged_knowledge(
    packaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "feedback.sqlite3"
    with FeedbackStore(db) as store:
        store.record("how much did ms-23 cost", "unknown", [("launch", 0.4)])
    assert main(["review", "--db", str(db), "--knowledge", str(packaged)]) == 2
    err = capsys.readouterr().err
    assert "installed with mission-bot" in err and "knowledge_dir" in err
    assert main(["review", "--db", str(db)]) == 0  # the checkout's knowledge/ is fine


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any directory")
def test_derive_refuses_a_knowledge_directory_it_cannot_write(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missions = knowledge_copy / "missions"
    missions.chmod(0o555)
    try:
        assert main(["derive", str(KESTREL), "--knowledge", str(knowledge_copy)]) == 2
    finally:
        missions.chmod(0o755)
    assert f"{missions} is not writable" in capsys.readouterr().err


def test_eval_without_the_held_out_set_says_to_give_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bot.cli, "HELD_OUT_SETS", (tmp_path / "eval_questions.yaml",))
    assert main(["eval"]) == 2
    assert "come with a source checkout" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "mine.yaml")]) == 2
    assert "mine.yaml: file not found" in capsys.readouterr().err
    (tmp_path / "bad.yaml").write_text("questions: 3\n")
    assert main(["eval", str(tmp_path / "bad.yaml")]) == 2
    assert "expected a top-level 'questions' list" in capsys.readouterr().err
