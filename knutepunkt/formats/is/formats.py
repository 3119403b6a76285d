"""Icelandic as Icelanders write it. Django's own Icelandic formats name dates ("4. desember 2026",
4.12.2026) but leave date-times, the week and date input to the American defaults, so a meeting
read "des. 4, 2026, 2:30 eftirmiðdegi" and a typed 04.12.2026 was refused. Django looks here
first and then in its own module, so what Django has is kept and only the gaps are filled.
"""

DATETIME_FORMAT = "j. F Y, H:i"  # 4. desember 2026, 14:30
SHORT_DATETIME_FORMAT = "j.n.Y H:i"  # 4.12.2026 14:30
FIRST_DAY_OF_WEEK = 1  # mánudagur

# The first is what a date field shows when it is filled in again: ISO, as <input type=date> wants.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-04
    "%d.%m.%Y",  # 04.12.2026 or 4.12.2026
    "%d.%m.%y",  # 4.12.26
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type=datetime-local>
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
