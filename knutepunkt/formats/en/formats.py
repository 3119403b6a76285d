"""English dates a Nordic reader cannot misread: day, month by name, year ("4 Dec 2026"), and a
24-hour clock. What Django's English says otherwise (numbers, month names) is kept.

Forms accept what the pages show and what Norwegian pages and date pickers send: ISO
(2026-12-04), day.month.year (04.12.2026) and "4 Dec 2026" / "4 December 2026". Never the
American month/day/year, which would read 04/12/2026 as 12 April.
"""

DATE_FORMAT = "j M Y"  # 4 Dec 2026
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"  # 4 Dec 2026, 14:30
SHORT_DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first is what a date field shows when it is filled in again: ISO, as <input type=date> wants.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-04
    "%d.%m.%Y",  # 04.12.2026
    "%d.%m.%y",  # 04.12.26
    "%d %b %Y",  # 4 Dec 2026
    "%d %B %Y",  # 4 December 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type=datetime-local>
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
