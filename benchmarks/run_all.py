"""Run every benchmark and write benchmarks/RESULTS.md.

    python benchmarks/run_all.py --write benchmarks/RESULTS.md   # everything (~10 min)
    python benchmarks/run_all.py --quick                         # a smoke run, to stdout

Each part runs in its own process (accuracy.py, speed.py, scale.py, discord_e2e.py,
worst_case.py, and discord_load.py twice: with and without faults; all with --json) so
that one part's memory and caches never colour another's timings; this script only
gathers their figures into tables. Needs the `bench` extra
(`pip install -e '.[bench]'`); CLINC150 is read from ../shared/data/clinc150 when
present and its columns are left out otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import CLINC, ROOT, machine

HERE = Path(__file__).resolve().parent
PARTS = ("accuracy", "speed", "scale", "e2e", "worst", "load")
SCRIPTS = {"accuracy": "accuracy.py", "speed": "speed.py", "scale": "scale.py",
           "e2e": "discord_e2e.py", "worst": "worst_case.py", "load": "discord_load.py"}


def options(quick: bool) -> dict[str, list[str]]:
    if quick:
        return {"accuracy": [], "speed": ["--rounds", "2"],
                "scale": ["--sizes", "1", "10", "100", "--rounds", "2", "--loads", "1"],
                "e2e": ["--rounds", "1", "--burst", "200"], "worst": ["--rounds", "1"],
                "load": ["--runs", "1", "--questions", "400"]}
    return {"accuracy": [], "speed": ["--rounds", "5"],
            "scale": ["--sizes", "1", "10", "100", "1000", "--rounds", "5", "--loads", "3"],
            "e2e": ["--rounds", "5", "--burst", "600"], "worst": ["--rounds", "5"],
            "load": ["--runs", "3", "--questions", "2000", "--channels", "20"]}


def run_part(part: str, args: list[str], tmp: Path,
             name: str | None = None) -> tuple[dict[str, Any] | None, str, float]:
    """(figures, exact command, seconds) of one part; figures None if it failed. `name`
    (default: the part) names the JSON file, for a part run more than once."""
    out = tmp / f"{name or part}.json"
    shown = f"python benchmarks/{SCRIPTS[part]}" + "".join(f" {a}" for a in args)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / SCRIPTS[part]), *args, "--json", str(out)],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"{part} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
        return None, shown, seconds
    return json.loads(out.read_text()), shown, seconds


def revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.rstrip("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    if not dirty.strip():
        return head
    # Which top-level folders differ, so that a change to the benchmarks alone (or this
    # very report) is told apart from a change to the code measured.
    paths = [line[3:].split(" -> ")[-1].strip('"') for line in dirty.splitlines()]
    where = sorted({path.split("/", 1)[0] + ("/" if "/" in path else "") for path in paths})
    return f"{head} with uncommitted changes in {', '.join(where)}"


def accuracy_section(r: dict[str, Any], command: str) -> str:
    import accuracy

    clinc = r["clinc_dev"] > 0
    where = (f"the held-out `tests/data/eval_questions.yaml` ({r['eval_questions']} questions)"
             + (" and CLINC150's " + " and ".join(
                 f"{s} ({n:,})" for s, n in r["clinc_sizes"].items()) + " splits"
                if clinc else ""))
    dev_sets = " and ".join(f"`tests/data/{name}`" for name in r["dev_sets"])
    tuned_on = (f"{dev_sets} ({r['dev_questions']} questions)"
                + (f" and CLINC150's train, val, oos_train and oos_val ({r['clinc_dev']:,}"
                   " queries, all out of scope)" if clinc else ""))
    return "\n".join([
        "## Accuracy, side by side",
        "",
        f"Command: `{command}` ({r['seconds']:.0f} s).",
        "",
        f"All five systems get the same questions, {where}, and the same scoring "
        "(`bot.evaluation.Report`): **in-scope accuracy** (status, mission and intent all "
        "as labelled), **false answers** (answered although the label says the question "
        "should not be: off-topic, an unknown mission, or a fact the source lacks) and "
        "**entity confusions** (answered with another mission's fact than the one asked "
        "about). On CLINC150 every query is out of scope, so its figure is the share "
        "answered.",
        "",
        "How the baselines answer (`benchmarks/baselines.py`):",
        "",
        "- **intent**: the intent owning the example utterance nearest the question, over "
        "all the fact base's example utterances (`knowledge/intents.yaml`): "
        "`rapidfuzz.process.extractOne(..., scorer=fuzz.WRatio)`; TF-IDF cosine "
        "(scikit-learn, sublinear tf); BM25 Okapi (rank-bm25). The classifier is trained "
        "instead: scikit-learn's multinomial logistic regression over TF-IDF features of "
        "the example utterances, with CLINC150's train and oos_train queries as one more, "
        "out-of-scope class; its score is the probability of the likeliest intent. Below "
        "the threshold the question is out of scope.",
        "- **mission**: a simple alias lookup: the fact base's aliases matched as whole "
        "token sequences after the engine's own normalisation (`bot.text.tokens`), and "
        "removed from the text before matching, as the engine removes them (the examples "
        "leave mission names out). Names the fact base does not know (Apollo 11, "
        "Progress MS-22) are not recognised, so such questions fall to the default "
        "mission. The second table swaps in the engine's own mission detector "
        "(`bot.entities`), which refuses them, to compare the matchers alone.",
        "- **fact**: resolved exactly as the engine does: a named mission's fact, else the "
        "default mission's (Soyuz MS-23), else the first mission (in the fact files) "
        "holding that intent; a gap or a missing fact is `unknown` with that mission and intent.",
        f"- **threshold**: tuned on {tuned_on} only, with the engine's own rule "
        "(`benchmarks/tune.py`): the highest dev accuracy whose false answers stay within "
        f"{accuracy.MAX_CLINC_FALSE:.1%} on CLINC dev and {accuracy.MAX_DEV_FALSE:.1%} on "
        "the dev questions. The configuration (TF-IDF word or character n-grams, BM25 raw "
        "or normalised score, classifier word or character n-grams) is chosen the same "
        "way; every one tried is listed below. "
        "The engine's thresholds were tuned by `benchmarks/tune.py` on the same data.",
        "",
        "### Baselines with the alias lookup (the main comparison)",
        "",
        accuracy.markdown(r, "alias", "constrained"),
        "",
        "### Baselines with the engine's mission detector",
        "",
        accuracy.markdown(r, "engine", "constrained"),
        "",
        "### Baselines at a looser threshold",
        "",
        "The threshold maximising dev accuracy minus CLINC dev false-answer rate, with no "
        "limit: how accurate each baseline gets when false answers are allowed (alias "
        "lookup).",
        "",
        accuracy.markdown(r, "alias", "balanced"),
        "",
        "<details><summary>Every configuration tried (development data only)</summary>",
        "",
        accuracy.tried_markdown(r),
        "",
        "</details>",
    ])


def speed_section(r: dict[str, Any], command: str, seconds: float) -> str:
    import speed

    engine = r["systems"][0]
    lines = [
        "## Speed",
        "",
        f"Command: `{command}` ({seconds:.0f} s).",
        "",
        "In process, one question at a time, every result cache cleared before each round; "
        f"per question the median of {r['rounds']} rounds, then p50/p99 over the "
        f"{r['held_out_questions']} held-out questions. Load: `load_factbase` plus building "
        f"the engine or the baseline's index (median of {r['rounds']}). tracemalloc peak: "
        "the most Python memory allocated during one load; retained: what the built system "
        "still holds; process peak RSS: a fresh process that imports what the system needs "
        "and loads it (scikit-learn's import alone is ~100 MiB). Ratios are against the "
        "engine in the same run.",
        "",
        speed.markdown(r),
        "",
    ]
    if "clinc" in engine:
        c = engine["clinc"]
        lines.append(f"The engine on CLINC150 test + oos_test ({r['clinc_questions']:,} "
                     f"queries): p50 {c['p50_us']:.0f} µs, p99 {c['p99_us']:.0f} µs, "
                     f"max {c['max_us']:.0f} µs.")
    if "cold_start" in r:
        cold = speed.cold_start_line(r["cold_start"])
        lines.append(cold[0].upper() + cold[1:] + ".")
    if "jsonl" in r:
        j = r["jsonl"]
        lines.append(f"`python -m bot ask --jsonl` over those {j['queries']:,} queries takes "
                     f"{j['jsonl_s']:.2f} s (process start and load included), "
                     f"{j['ratio']:.2f}x a bare `extractOne(WRatio)` loop over 500 "
                     f"utterances ({j['loop_s']:.2f} s; median of 3 each).")
    return "\n".join(lines)


def scale_section(r: dict[str, Any], command: str, seconds: float) -> str:
    import scale

    largest, first = r["rows"][-1], r["rows"][0]
    verdict = "within" if r["within_limit"] else "**not within**"
    lines = [
        "## Scale",
        "",
        f"Command: `{command}` ({seconds:.0f} s).",
        "",
        "Synthetic fact bases generated from Soyuz MS-23's source and facts "
        "(`benchmarks/scale.py`): mission k is \"Soyuz MX-<1000+k>\" (aliases MX-<n>, "
        "ISS <n>S, <n>S) with its own copy of the source in which the name, ISS number, "
        "SATCAT number and spacecraft serial are mission k's; every base validates with "
        "`load_factbase`. Each size is measured in a fresh process. Questions: the held-out "
        "set with \"MS-23\"/\"69S\" renamed to a random synthetic mission (seeded); per "
        f"question the median of {r['rounds']} rounds with caches cleared, then p50/p99. "
        f"Load is the median of {r['loads']} loads (load_factbase + Engine); memory as in "
        "Speed.",
        "",
        scale.markdown(r),
        "",
        f"At {largest['missions']:,} missions per-question latency is p50 "
        f"{largest['p50_ratio']:.2f}x and p99 {largest['p99_ratio']:.2f}x that at "
        f"{first['missions']}: {verdict} the 2x limit.",
    ]
    if not r["within_limit"]:
        lines += ["", scale.findings(r)]
    return "\n".join(lines)


def e2e_section(r: dict[str, Any], command: str, seconds: float) -> str:
    import discord_e2e

    left_out = ", ".join(repr(q) for q in r["left_out"])
    return "\n".join([
        "## End to end through the loopback Discord",
        "",
        f"Command: `{command}` ({seconds:.0f} s).",
        "",
        "The real bot (`create_bot`, discord.py) against the emulator in `tests/fake_discord` "
        "(REST and gateway on 127.0.0.1), both in one process on one event loop. Each "
        "held-out question is posted as \"@bot <question>\"; latency runs from just before "
        "the emulator dispatches MESSAGE_CREATE to the bot's reply reaching the emulator "
        f"(per question the median of {r['rounds']} rounds, engine caches cleared each "
        f"round). Throughput: {r['burst']} questions posted back to back by 100 users over "
        f"two channels, answered per second (median of {r['rounds']} bursts, after "
        f"{len(r['cold_throughputs'])} warm-up bursts while discord.py opens its HTTP "
        "connections, about one per concurrent request). The spam "
        "guard and the emulator's rate-limit buckets are raised out of the way: Discord's "
        "own limit (about 5 messages per 5 s per channel) would measure Discord, not the "
        "bot."
        + (f" Left out: {left_out}, which run the `mission` command (its answer is not a "
           "reply)." if left_out else ""),
        "",
        discord_e2e.markdown(r),
    ])


def duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 1 else "under 1 s"


def worst_section(r: dict[str, Any], command: str, seconds: float) -> str:
    import worst_case

    typical = next((row for row in r["rows"] if row["input"] == "typical question"), None)
    long_rows = [row for row in r["rows"] if row["input"] != "typical question"]
    slowest = max(long_rows, key=lambda row: row["median_ms"])
    short = [row["input"] for row in long_rows if row["chars"] < r["limit"]]
    lines = [
        "## Worst case",
        "",
        f"Command: `{command}` ({duration(seconds)}).",
        "",
        f"The longest and most repetitive inputs a Discord user can send ({r['limit']:,} "
        "characters, Discord's message limit), asked in process "
        f"(`benchmarks/worst_case.py`): each {r['rounds']} time"
        f"{'s' if r['rounds'] != 1 else ''} with the engine's result "
        "cache, the typo-repair cache and the tokenizer's cache cleared before every ask; "
        "the median and the maximum per input. The first ask of each input is the coldest "
        "(the matcher's stem cache, which the engine fills while loading, also keeps the "
        "input's new words from then on). A typical question is the reference. The slowest "
        "input is in bold.",
        "",
        worst_case.markdown(r),
        "",
        f"Worst case of any single question: {r['worst_ms']:.2f} ms (\"{r['worst_input']}\"); "
        f"slowest median: {slowest['median_ms']:.2f} ms (\"{slowest['input']}\")"
        + (f", {slowest['median_ms'] / typical['median_ms']:.1f}x the typical question's "
           f"{typical['median_ms']:.2f} ms." if typical else "."),
    ]
    if short:
        lines.append(f"Shorter than {r['limit']:,} characters as generated: "
                     + ", ".join(short) + ".")
    return "\n".join(lines)


def load_section(runs: list[dict[str, Any]], commands: list[str], seconds: list[float]) -> str:
    import discord_load

    r = runs[0]
    ran = " and ".join(f"`{c}` ({duration(s)})" for c, s in zip(commands, seconds, strict=True))
    return "\n".join([
        "## Load through the loopback Discord",
        "",
        f"Commands: {ran}.",
        "",
        "The burst of `tests/test_discord_load.py`, timed (`benchmarks/discord_load.py`): "
        f"{r['questions']:,} questions posted back to back across {r['channels']} answer "
        f"channels by {r['askers']} askers (each at most the default cooldown of 5 "
        "questions per 30 s, so the spam guard stays on but refuses nobody), cycling "
        "through every topic of every mission asked as its suggestion template, every "
        "fifth also trying to ping @everyone, a role or a person; the conversation store "
        "holds 8 channels. Each run is against a fresh emulator and bot, so discord.py "
        "opens its HTTP connections during the burst, as after a restart (the end-to-end "
        "section's throughput is measured after warm-up bursts). With faults: "
        f"{discord_load.FAULTS}. Throughput: questions answered per second, from the first "
        "post to the last first reply; reply latency: from just before the emulator "
        "dispatches a question to its reply reaching the emulator, queueing included; "
        f"each the median of {len(r['runs'])} run{'s' if len(r['runs']) != 1 else ''}. "
        "Every run must answer every question exactly once, or the script fails. The "
        "emulator's per-channel rate-limit buckets are raised out of the way: Discord's "
        "own limit would measure Discord, not the bot.",
        "",
        discord_load.markdown(runs),
    ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the report here (else stdout)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and sizes")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    opts = options(args.quick)
    started = dt.datetime.now(dt.UTC)
    sections = []
    with tempfile.TemporaryDirectory(prefix="mission-bot-bench-") as tmp:
        for part in args.only:
            print(f"running {part}...", file=sys.stderr, flush=True)
            if part == "load":
                variants = [("load", opts[part]), ("load-no-faults", [*opts[part], "--no-faults"])]
                done = [run_part(part, a, Path(tmp), name) for name, a in variants]
                failed = [c for f, c, _ in done if f is None]
                if failed:
                    sections.append(f"## {part}\n\nFailed: see `{failed[0]}`.")
                else:
                    sections.append(load_section([f for f, _, _ in done if f is not None],
                                                 [c for _, c, _ in done], [s for _, _, s in done]))
                continue
            figures, command, seconds = run_part(part, opts[part], Path(tmp))
            if figures is None:
                sections.append(f"## {part}\n\nFailed: see `{command}`.")
            elif part == "accuracy":
                sections.append(accuracy_section(figures, command))
            elif part == "speed":
                sections.append(speed_section(figures, command, seconds))
            elif part == "scale":
                sections.append(scale_section(figures, command, seconds))
            elif part == "e2e":
                sections.append(e2e_section(figures, command, seconds))
            else:
                sections.append(worst_section(figures, command, seconds))
    minutes = (dt.datetime.now(dt.UTC) - started).total_seconds() / 60
    command = "python benchmarks/run_all.py" + (" --quick" if args.quick else "") + (
        f" --only {' '.join(args.only)}" if args.only != list(PARTS) else "") + (
        f" --write {args.write}" if args.write else "")
    header = "\n".join([
        "# Benchmark results",
        "",
        "The engine beside four baselines (rapidfuzz WRatio, TF-IDF, BM25, a logistic "
        "regression classifier) on accuracy, "
        "and its speed, scale, end-to-end Discord latency, worst case and load through the "
        "loopback Discord.",
        "",
        f"- Command: `{command}` ({minutes:.0f} min); each section names its own script.",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC; code: {revision()}.",
        f"- Machine: {machine()}, {sys.platform}.",
        f"- CLINC150: {'present' if CLINC.exists() else 'absent (CLINC columns left out)'}.",
        "- Timings are medians of several runs; comparisons are ratios measured in the same "
        "run. Re-run the command to regenerate this file.",
    ])
    report = header + "\n\n" + "\n\n".join(sections) + "\n"
    if args.write:
        args.write.write_text(report, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    else:
        print(report)
    return 0 if all(not s.split("\n\n", 1)[1].startswith("Failed") for s in sections) else 1


if __name__ == "__main__":
    raise SystemExit(main())
