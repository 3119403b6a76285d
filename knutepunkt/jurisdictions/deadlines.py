"""Date arithmetic for ages and complaint deadlines.

29 February: the law in neither country says when a year counted from 29 February ends, so this
module makes one documented choice and uses it everywhere (ages and deadlines alike): the
anniversary in a year without 29 February is **1 March**. A child born on 29 February 2008 thus
turns 18 on 1 March 2026, and a year from 29 February 2028 ends on 1 March 2029. The choice is
reported as the ``leap_day_anniversary`` unverified rule whenever it mattered.
"""

from __future__ import annotations

import datetime
from typing import Final

AGE_OF_MAJORITY: Final = 18

# pbrl § 7-5: four weeks from when the complainant knew (or should have known) of the decision.
NORWAY_COMPLAINT_PERIOD: Final = datetime.timedelta(weeks=4)

# Act 88/2021 art. 17: GEV refuses a complaint lodged more than one year after the events; for a
# child that year starts at 18.
ICELAND_COMPLAINT_YEARS: Final = 1


def is_leap_day(day: datetime.date) -> bool:
    return day.month == 2 and day.day == 29


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (or earlier); 29 February → 1 March when missing."""
    target_year = day.year + years
    try:
        return day.replace(year=target_year)
    except ValueError:
        # Only 29 February can fail here: its year has no such day.
        return datetime.date(target_year, 3, 1)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    """Completed years on ``day``; consistent with ``add_years``: ``age_on(b, d) >= n`` exactly
    when ``d >= add_years(b, n)``."""
    years = day.year - birth.year
    if add_years(birth, years) > day:
        years -= 1
    return years


def eighteenth_birthday(birth: datetime.date) -> datetime.date:
    return add_years(birth, AGE_OF_MAJORITY)


def is_under_18(birth: datetime.date, day: datetime.date) -> bool:
    """A child is anyone under 18 (barneloven, Act 86/2021 art. 2); on the 18th birthday one is 18."""
    return day < eighteenth_birthday(birth)


def norway_complaint_deadline(known_on: datetime.date) -> datetime.date:
    """Last day in time: four weeks (28 days) after the family knew (pbrl § 7-5).

    Not moved off a weekend or public holiday: the contract keeps the plain four weeks, and a late
    complaint may still be heard for excusable delay or special reasons (pbrl § 7-7).
    """
    return known_on + NORWAY_COMPLAINT_PERIOD


def iceland_complaint_start(known_on: datetime.date, birth: datetime.date | None) -> datetime.date:
    """When GEV's one year starts: the later of when it was known and the child's 18th birthday.

    ``birth`` is the birth date, or the expected date for an unborn child; ``None`` (age unknown)
    starts the year at ``known_on``, the earliest possible deadline, so the family is never told it
    has longer than it may have.
    """
    if birth is None:
        return known_on
    return max(known_on, eighteenth_birthday(birth))


def iceland_complaint_deadline(known_on: datetime.date, birth: datetime.date | None) -> datetime.date:
    """Last day in time: one year after ``iceland_complaint_start`` (Act 88/2021 art. 17)."""
    return add_years(iceland_complaint_start(known_on, birth), ICELAND_COMPLAINT_YEARS)
