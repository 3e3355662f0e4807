#!/usr/bin/env python3
"""python-dateutil as an oracle for `tests/differential_dateutil.rs`.

Usage: dateutil_oracle.py IN.json

IN.json is an object written by the Rust test:

    {"iana": "2025b", "budget": 2.0,
     "cases": [{"id": 0, "tzid": "America/New_York", "dtstart": "20260308T013000",
                "rrule": "FREQ=DAILY;COUNT=5", "limit": 40}, ...]}

For every case the oracle expands `DTSTART;TZID=<tzid>:<dtstart>` + `RRULE:<rrule>` with
`dateutil.rrule.rrulestr(text, tzids=zoneinfo.ZoneInfo)` and prints one JSON object on stdout:

    {"iana": "2025b", "dateutil": "2.9.0.post0",
     "results": [{"id": 0, "instants": ["2026-03-08T06:30:00Z", ...], "complete": true} |
                 {"id": 0, "error": "..."}]}

`instants` are UTC, at most `limit` of them, in dateutil's order. dateutil walks a rule period by
period up to the year 9999, so a rule that never (or very rarely) occurs can keep it busy for minutes:
each case gets `budget` seconds, after which the occurrences found so far are returned with
`"complete": false` (a true prefix of the answer). dateutil works in wall-clock time and
attaches the zone with fold=0; the UTC instant of such a datetime is what zoneinfo gives for fold=0: a
time in a gap takes the offset in force before the gap (it moves forward by the gap's length) and a time
in a fold is the earlier instant. That is the crate's policy (BEHAVIOUR.md §3).

The zone data must be the IANA release chrono-tz bundles (`iana` in the input). zoneinfo reads the
system's files first; the Rust test runs this script with PYTHONTZPATH set to the empty string so that
zoneinfo falls back to the PyPI `tzdata` package, and this script refuses to run if that package is
missing or of another release. Exit status 2 means the environment is wrong (missing module, wrong
tzdata); the message on stderr says what to install (see requirements.txt beside this file).
"""

import json
import signal
import sys
from datetime import timezone


class OutOfTime(Exception):
    pass


def out_of_time(signum, frame):
    raise OutOfTime()


def fail(message):
    sys.stderr.write("dateutil_oracle: " + message + "\n")
    sys.exit(2)


def main(argv):
    if len(argv) != 2:
        fail("usage: dateutil_oracle.py IN.json")
    try:
        import zoneinfo
    except ImportError:
        fail("python 3.9 or later is needed (module zoneinfo)")
    try:
        import dateutil
        from dateutil.rrule import rrulestr
    except ImportError:
        fail("python-dateutil is not installed: pip install -r tests/oracle/requirements.txt")
    try:
        import tzdata
    except ImportError:
        fail("tzdata is not installed: pip install -r tests/oracle/requirements.txt")

    with open(argv[1], encoding="utf-8") as f:
        request = json.load(f)

    wanted = request["iana"]
    if tzdata.IANA_VERSION != wanted:
        fail(
            "tzdata %s holds IANA release %s but chrono-tz bundles %s: pip install -r "
            "tests/oracle/requirements.txt" % (tzdata.__version__, tzdata.IANA_VERSION, wanted)
        )
    if zoneinfo.TZPATH:
        fail(
            "zoneinfo would read the system zone files %r; run with PYTHONTZPATH set to the empty "
            "string so that it uses the tzdata package" % (zoneinfo.TZPATH,)
        )

    budget = float(request.get("budget", 2.0))
    signal.signal(signal.SIGALRM, out_of_time)
    results = []
    for case in request["cases"]:
        text = "DTSTART;TZID=%s:%s\nRRULE:%s" % (case["tzid"], case["dtstart"], case["rrule"])
        instants = []
        complete = True
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            for dt in rrulestr(text, tzids=zoneinfo.ZoneInfo):
                if len(instants) == case["limit"]:
                    break
                instants.append(dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        except OutOfTime:
            complete = False
        except Exception as e:  # the Rust side reports the case with dateutil's message
            signal.setitimer(signal.ITIMER_REAL, 0)
            results.append({"id": case["id"], "error": "%s: %s" % (type(e).__name__, e)})
            continue
        signal.setitimer(signal.ITIMER_REAL, 0)
        results.append({"id": case["id"], "instants": instants, "complete": complete})

    json.dump(
        {"iana": tzdata.IANA_VERSION, "dateutil": dateutil.__version__, "results": results},
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
