"""``expand`` against python-dateutil (2.9.0.post0) with zoneinfo, the reference for the DST policy:
rules drawn from a fixed seed in DST-heavy zones, often started days before a transition and in the
small hours, give the same instants.

Both sides read the same IANA release: zoneinfo from the PyPI ``tzdata`` package (``PYTHONTZPATH`` is emptied
for this), the engine from its own table. Occurrences from 2038 on are not compared (zoneinfo extends
the last rules where the engine's table, like chrono-tz, stops DST in 2100). The rules keep to what
both read alike: no BYWEEKNO (dateutil misreads some negative weeks) and no mix of plain and ordinal
BYDAY (``MO,-1MO`` is a union for the engine, as RFC 5545 reads a list, an intersection for dateutil);
the Rust test ``tests/differential_dateutil.rs`` covers those with named cases.
"""

from __future__ import annotations

import os
import random
import signal
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from types import FrameType
from typing import Any

import pytest

import ticktick_recur as tr
from conftest import ROOT

SEED = 20261128
RULES = 300
TAKE = 30
BUDGET_SECONDS = 1.0
HORIZON = datetime(2038, 1, 1, tzinfo=timezone.utc)
ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo",
         "Africa/Cairo", "Pacific/Apia", "Europe/Istanbul", "Asia/Kolkata", "UTC"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@pytest.fixture(scope="module")
def reference() -> Any:
    """dateutil's ``rrulestr`` and zoneinfo's ``ZoneInfo``, on the tzdata package's IANA release (the engine's)."""
    os.environ["PYTHONTZPATH"] = ""
    import zoneinfo

    zoneinfo.reset_tzpath(to=[])
    import tzdata  # noqa: F401  (zoneinfo's source once the system path is cleared)
    from dateutil.rrule import rrulestr

    engine = (ROOT / "src" / "zone" / "tzdata" / "version").read_text(encoding="utf-8").strip()
    assert tzdata.IANA_VERSION == engine, "pip install -r bindings/python/tests/requirements.txt"
    zoneinfo.ZoneInfo.clear_cache()
    return rrulestr, zoneinfo.ZoneInfo


class OutOfTime(Exception):
    pass


def on_alarm(signum: int, frame: FrameType | None) -> None:
    raise OutOfTime()


def exists_once(zone: Any, local: datetime) -> bool:
    """Whether this wall-clock time exists exactly once in the zone (no gap, no fold)."""
    early, late = local.replace(tzinfo=zone), local.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        return False
    back = early.astimezone(timezone.utc).astimezone(zone)
    return back.replace(tzinfo=None) == local


def transition_days(zone: Any, year: int) -> list[date]:
    first = date(year, 1, 1)
    days = [first + timedelta(days=i) for i in range(365)]

    def offset(d: date) -> Any:
        return datetime(d.year, d.month, d.day, 12, tzinfo=zone).utcoffset()

    return [d for d in days[1:] if offset(d) != offset(d - timedelta(days=1))]


def random_case(rng: random.Random, zone_info: Any) -> tuple[str, datetime, str]:
    """A zone, a wall-clock start that exists once there, and an RRULE value."""
    zone_name = rng.choice(ZONES)
    zone = zone_info(zone_name)
    year = rng.randint(1971, 2035)
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    transitions = transition_days(zone, year)
    if transitions and rng.random() < 0.5:
        day = rng.choice(transitions) - timedelta(days=rng.randrange(12))
    hour = rng.randrange(4) if rng.random() < 0.5 else rng.randrange(24)
    start = datetime(day.year, day.month, day.day, hour, rng.choice([0, 0, 15, 30, 45, 59]))
    while not exists_once(zone, start):
        start += timedelta(hours=3)

    freq = rng.choice(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "DAILY", "HOURLY", "MINUTELY"])
    parts = [f"FREQ={freq}"]
    if rng.random() < 0.4:
        parts.append(f"INTERVAL={rng.randint(2, 5)}")
    end = rng.random()
    if end < 0.4:
        parts.append(f"COUNT={rng.randint(1, 20)}")
    elif end < 0.7:
        until = start.replace(tzinfo=zone).astimezone(timezone.utc) + timedelta(
            days=rng.randrange(400), hours=rng.randrange(24))
        parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
    if rng.random() < 0.3:
        parts.append(f"WKST={rng.choice(WEEKDAYS)}")
    by_any = False
    if rng.random() < 0.25:
        parts.append("BYMONTH=" + ",".join(map(str, sorted(rng.sample(range(1, 13), rng.randint(1, 3))))))
        by_any = True
    if freq != "WEEKLY" and rng.random() < 0.25:
        days = sorted({rng.choice([1, -1]) * rng.randint(1, 31) for _ in range(rng.randint(1, 3))})
        parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
        by_any = True
    if rng.random() < 0.4:
        chosen = rng.sample(WEEKDAYS, rng.randint(1, 3))
        if freq in ("MONTHLY", "YEARLY") and rng.random() < 0.5:
            chosen = [f"{rng.choice([1, 2, 3, -1, -2])}{d}" for d in chosen]
        parts.append("BYDAY=" + ",".join(chosen))
        by_any = True
    if freq not in ("HOURLY", "MINUTELY") and rng.random() < 0.2:
        parts.append("BYHOUR=" + ",".join(map(str, sorted(rng.sample(range(24), rng.randint(1, 2))))))
        by_any = True
    if freq == "MINUTELY" or rng.random() < 0.1:
        parts.append("BYMINUTE=" + ",".join(map(str, sorted(rng.sample(range(60), rng.randint(1, 3))))))
        by_any = True
    if by_any and freq != "WEEKLY" and rng.random() < 0.2:
        parts.append(f"BYSETPOS={rng.choice([1, 2, -1])}")
    return zone_name, start, ";".join(parts)


def theirs(rrulestr: Any, zone_info: Any, zone: str, start: datetime, rule: str) -> tuple[list[datetime], bool]:
    """dateutil's first occurrences in UTC, and whether the list is complete (within the budget)."""
    text = f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}\nRRULE:{rule}"
    found: list[datetime] = []
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, BUDGET_SECONDS)
    try:
        for t in islice(rrulestr(text, tzids=zone_info), TAKE):
            found.append(t.astimezone(timezone.utc))
        complete = True
    except OutOfTime:
        complete = False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return found, complete


def ours(zone_info: Any, zone: str, start: datetime, rule: str) -> list[datetime] | str:
    try:
        wire = tr.expand(rule, start=start.replace(tzinfo=zone_info(zone)), time_zone=zone, limit=TAKE)
    except tr.Error as e:
        return str(e)
    return [datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%f%z") for t in wire]


def test_expand_agrees_with_python_dateutil_and_zoneinfo(reference: Any) -> None:
    rrulestr, zone_info = reference
    rng = random.Random(SEED)
    disagreements, compared, prefixes = [], 0, 0
    for n in range(RULES):
        zone, start, rule = random_case(rng, zone_info)
        mine = ours(zone_info, zone, start, rule)
        try:
            found, complete = theirs(rrulestr, zone_info, zone, start, rule)
        except ValueError as e:
            # dateutil refuses, when it builds the rule, parts its INTERVAL never reaches.
            if not (isinstance(mine, str) and "can never produce an occurrence" in mine):
                disagreements.append(f"#{n} {rule} from {start} in {zone}: dateutil: {e}; ours: {mine}")
            continue
        if isinstance(mine, str):
            # A rule that never occurs (or lies beyond the search limit) where dateutil found
            # nothing in its budget either.
            if found or not ("can never produce" in mine or "too sparse" in mine):
                disagreements.append(f"#{n} {rule} from {start} in {zone}: ours: {mine}; dateutil: {found[:3]}")
            continue
        if not complete:
            prefixes += 1
            mine = mine[: len(found)]
        mine = [t for t in mine if t < HORIZON]
        found = [t for t in found if t < HORIZON]
        compared += 1
        if mine != found:
            at = next((i for i, (a, b) in enumerate(zip(mine, found)) if a != b), min(len(mine), len(found)))
            disagreements.append(
                f"#{n} RRULE:{rule} from {start} in {zone}: occurrence {at}: "
                f"ours {[str(t) for t in mine[at:at + 2]]}, dateutil {[str(t) for t in found[at:at + 2]]}"
            )
    print(f"dateutil differential: {RULES} rules, {compared} compared ({prefixes} as a prefix)")
    assert compared >= RULES * 3 // 4
    assert not disagreements, "\n".join(disagreements)
