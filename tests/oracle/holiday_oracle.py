"""The oracle for tests/holiday_oracle.rs: mainland China's working days by the PyPI package
chinesecalendar (import name chinese_calendar), an independent reading of the State Council's notices.

    python3 tests/oracle/holiday_oracle.py FIRST_YEAR LAST_YEAR

prints one JSON object: "working", every working day of those years (yyyy-mm-dd, ascending);
"holidays", every day chinesecalendar names a holiday of ("on holiday" with a festival name);
"first" and "last", the first and last working day of each month.
"""

import datetime
import json
import sys

try:
    import chinese_calendar
except ImportError:
    sys.exit(
        "holiday_oracle.py needs the chinesecalendar package: "
        "python3 -m pip install -r tests/oracle/requirements.txt"
    )


def main(first_year, last_year):
    day = datetime.date(first_year, 1, 1)
    end = datetime.date(last_year, 12, 31)
    working, holidays, months = [], [], {}
    while day <= end:
        if chinese_calendar.is_workday(day):
            working.append(day.isoformat())
            months.setdefault((day.year, day.month), []).append(day.isoformat())
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        if on_holiday and name is not None:
            holidays.append(day.isoformat())
        day += datetime.timedelta(days=1)
    print(
        json.dumps(
            {
                "version": chinese_calendar.__version__,
                "working": working,
                "holidays": holidays,
                "first": [days[0] for _, days in sorted(months.items())],
                "last": [days[-1] for _, days in sorted(months.items())],
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
