#!/usr/bin/env python3
"""lunar-python as an oracle for `tests/differential_lunar.rs`.

Usage: lunar_oracle.py FIRST_YEAR LAST_YEAR

Prints one JSON object on stdout: every month of the Chinese lunar years FIRST_YEAR..=LAST_YEAR as
lunar-python (6tail's `lunar`, an astronomical computation independent of ICU4X's tables) gives it,
in calendar order, leap months included:

    {"lunar_python": "1.4.8",
     "years": [{"year": 1950, "months": [{"month": 1, "leap": false, "first": "1950-02-17",
                                          "days": 29}, ...]}, ...]}

`first` is the Gregorian date of the month's first day, `days` its length (29 or 30). The Rust test
derives from this table the dates every yearly and monthly `LUNAR:` rule must fall on. Exit status 2
means the environment is wrong (lunar-python missing); the message on stderr says what to install
(see requirements.txt beside this file).
"""

import json
import sys


def fail(message):
    sys.stderr.write("lunar_oracle: " + message + "\n")
    sys.exit(2)


def main(argv):
    if len(argv) != 3:
        fail("usage: lunar_oracle.py FIRST_YEAR LAST_YEAR")
    try:
        from importlib.metadata import version

        from lunar_python import LunarYear, Solar
    except ImportError:
        fail("lunar-python is not installed: pip install -r tests/oracle/requirements.txt")

    first_year, last_year = int(argv[1]), int(argv[2])
    years = []
    for year in range(first_year, last_year + 1):
        months = []
        for month in LunarYear.fromYear(year).getMonthsInYear():
            number = month.getMonth()
            months.append(
                {
                    "month": abs(number),
                    "leap": number < 0,
                    "first": Solar.fromJulianDay(month.getFirstJulianDay()).toYmd(),
                    "days": month.getDayCount(),
                }
            )
        years.append({"year": year, "months": months})
    json.dump({"lunar_python": version("lunar-python"), "years": years}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
