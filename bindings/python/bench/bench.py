"""ticktick_recur against python-dateutil with zoneinfo, on the same work, answers checked equal first;
then the agenda and the reminders of a 10,000-task list against the command line on the same list.

    python bindings/python/bench/bench.py            # time each benchmark, print the tables
    python bindings/python/bench/bench.py --quick    # only check the answers (scripts/test-python)

Run it in the virtual environment scripts/test-python builds (target/python/venv), which holds the
wheel, python-dateutil 2.9.0.post0 and the tzdata release of the engine. Each figure is the best of
several rounds of timeit's automatic loop count. dateutil's rule is built once, outside the timing;
ticktick_recur's call includes reading the flag text, as a user's call does.

The task list is the Rust benchmarks' (benches/bench/generate.rs: 10,000 tasks, seed 1, about 8.9 MB),
written by the example scripts/test-python builds (target/release/examples/generate_tasks); the
command line is target/release/ticktick-recur (TICKTICK_RECUR_ROOT and TICKTICK_RECUR_CLI name others).
The window is March 2026 with the default limit of 10,000 entries, as `agenda/10000_tasks_31_days_limit_10000`
in the Rust benchmarks; the command line's time is a whole run (start, read the file, print).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import __version__ as dateutil_version
from dateutil.rrule import DAILY, FR, MONTHLY, rrule

import ticktick_recur as tr

ISTANBUL = ZoneInfo("Europe/Istanbul")
NEW_YORK = ZoneInfo("America/New_York")
AFTER = datetime(2026, 1, 17, tzinfo=timezone.utc)


def wire(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


@dataclass
class Bench:
    name: str
    ours: Callable[[], Any]
    theirs: Callable[[], Any]
    # The answers as wire-form strings, to check them equal.
    ours_answer: Callable[[Any], list[str]]
    theirs_answer: Callable[[Any], list[str]]
    target: float


def benches() -> list[Bench]:
    daily = rrule(DAILY, dtstart=datetime(2000, 1, 1, 17, 0, tzinfo=ISTANBUL))
    last_friday = rrule(MONTHLY, byweekday=FR(-1), dtstart=datetime(2000, 1, 28, 17, 0, tzinfo=ISTANBUL))
    new_york = rrule(DAILY, dtstart=datetime(2026, 1, 1, 9, 0, tzinfo=NEW_YORK))
    return [
        Bench(
            "next/daily_since_2000_istanbul: first occurrence after 2026-01-17",
            lambda: tr.expand("RRULE:FREQ=DAILY;INTERVAL=1", start="2000-01-01T15:00:00Z",
                              time_zone="Europe/Istanbul", after="2026-01-17T00:00:00Z", limit=1),
            lambda: daily.after(AFTER),
            lambda got: got,
            lambda got: [wire(got)],
            100.0,
        ),
        Bench(
            "next/monthly_last_fr_since_2000_istanbul: first last-Friday after 2026-01-17",
            lambda: tr.expand("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR", start="2000-01-28T15:00:00Z",
                              time_zone="Europe/Istanbul", after="2026-01-17T00:00:00Z", limit=1),
            lambda: last_friday.after(AFTER),
            lambda got: got,
            lambda got: [wire(got)],
            100.0,
        ),
        Bench(
            "expand/daily_1000_new_york: 1,000 DAILY occurrences, 09:00 America/New_York",
            lambda: tr.expand("RRULE:FREQ=DAILY;INTERVAL=1", start="2026-01-01T14:00:00Z",
                              time_zone="America/New_York", limit=1000),
            lambda: list(islice(new_york, 1000)),
            lambda got: got,
            lambda got: [wire(t) for t in got],
            10.0,
        ),
    ]


ROOT = Path(os.environ.get("TICKTICK_RECUR_ROOT", Path(__file__).resolve().parents[3]))
CLI = Path(os.environ.get("TICKTICK_RECUR_CLI", ROOT / "target" / "release" / "ticktick-recur"))
GENERATE = ROOT / "target" / "release" / "examples" / "generate_tasks"
MARCH = ("2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z")


def task_list(path: Path) -> str:
    """The benchmarks' 10,000-task list, written to ``path``; its text."""
    if not GENERATE.exists():
        raise SystemExit(f"no {GENERATE}: run cargo build --release --example generate_tasks")
    with path.open("wb") as out:
        subprocess.run([str(GENERATE), "10000", "1"], stdout=out, check=True)
    return path.read_text(encoding="utf-8")


def on_cli(command: str, path: Path) -> bytes:
    """The command line's answer for the list in ``path`` (compact JSON)."""
    return subprocess.run([str(CLI), command, str(path), "--from", MARCH[0], "--to", MARCH[1], "--compact"],
                          capture_output=True, check=True).stdout


def list_benches(quick: bool, rounds: int) -> list[str]:
    """The agenda and reminders of the 10,000-task list, checked equal to the command line's, and
    timed unless ``quick``: from the list's dicts, from its JSON text, and the command line's run."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tasks.json"
        text = task_list(path)
        tasks: dict[str, Any] = json.loads(text)
        count = len(tasks["syncTaskBean"]["update"])
        for command, call in (("agenda", tr.agenda), ("reminders", tr.reminders)):
            ours = call(tasks, from_=MARCH[0], to=MARCH[1])
            cli = json.loads(on_cli(command, path))
            if ours != cli or call(text, from_=MARCH[0], to=MARCH[1]) != cli:
                raise SystemExit(f"{command}: the answers differ from the command line's")
            name = f"{command} of {count:,} tasks in March 2026 (first {len(ours):,} entries)"
            if quick:
                print(f"ok  {name}: {ours[0]['id']} ...")
                continue
            from_dicts = best_seconds(lambda: call(tasks, from_=MARCH[0], to=MARCH[1]), rounds)
            from_text = best_seconds(lambda: call(text, from_=MARCH[0], to=MARCH[1]), rounds)
            native = best_seconds(lambda: on_cli(command, path), rounds)
            rows.append(f"| {name} | {show(from_dicts)} | {show(from_text)} | {show(native)} | "
                        f"{from_dicts / native:.2f}x |")
    return rows


def best_seconds(call: Callable[[], Any], rounds: int) -> float:
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=rounds, number=number)) / number


def show(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="check the answers only")
    parser.add_argument("--rounds", type=int, default=7, help="timing rounds per benchmark")
    args = parser.parse_args()

    all_met = True
    rows = []
    for bench in benches():
        ours, theirs = bench.ours_answer(bench.ours()), bench.theirs_answer(bench.theirs())
        if ours != theirs:
            print(f"{bench.name}: answers differ\n  ticktick_recur: {ours[:3]}\n  dateutil: {theirs[:3]}")
            return 1
        if args.quick:
            print(f"ok  {bench.name}: {ours[0]}{' ...' if len(ours) > 1 else ''}")
            continue
        a = best_seconds(bench.ours, args.rounds)
        b = best_seconds(bench.theirs, args.rounds)
        ratio = b / a
        all_met &= ratio >= bench.target
        rows.append(f"| {bench.name} | {show(a)} | {show(b)} | {ratio:,.0f}x (target {bench.target:g}x) |")
    list_rows = list_benches(args.quick, args.rounds)
    if args.quick:
        return 0
    print(f"Python {platform.python_version()}, ticktick_recur {tr.__version__}, python-dateutil "
          f"{dateutil_version}, {platform.machine()}, load average {os.getloadavg()[0]:.2f}\n")
    print("| work | ticktick_recur | python-dateutil | ratio |\n|---|---:|---:|---:|")
    print("\n".join(rows))
    print("\n| work | ticktick_recur, list of dicts | ticktick_recur, JSON text | command line | ratio |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(list_rows))
    if not all_met:
        print("\nsome ratios are below their targets", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
