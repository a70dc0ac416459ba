"""Resolve date expressions in news text against the article date.

News is past-oriented: "on Friday" is the most recent Friday on or before the article date,
"in September" the most recent September that does not lie after it. Results are ISO
``YYYY-MM-DD`` strings; a period (a month, a week, a year) resolves to its first day.
Without an article date only expressions that carry their own year resolve; the rest give
``None`` (a month and day without a year cannot be placed in time).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Order matters: the most specific pattern first.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("dmy_num", r"\b(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)\b"),
        ("mdy", rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b"),
        ("dmy", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:\s*,)?\s+{_YEAR}\b"),
        ("md", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)"),
        ("dm", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?!\w)"),
        ("my", rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
        ("m", rf"\b{_MONTH}(?!\w)"),
        ("y", rf"\b{_YEAR}\b"),
    )
)
_RELATIVE_DAYS = {
    "day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "overnight": 0,
    "last night": -1,
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "a": 1, "an": 1}


def parse_iso(value: str | None) -> date | None:
    """The article date as a `date`, or None when missing or not ISO YYYY-MM-DD."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _past_year(month: int, day: int, ref: date) -> int:
    """The year that puts month/day on or before ``ref`` (news reports the past)."""
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def resolve_date(text: str, article_date: str | None = None) -> str | None:
    """ISO date (YYYY-MM-DD, first day of a period) for a date expression, or None.

    ``article_date`` (ISO) anchors relative and year-less expressions.
    """
    ref = parse_iso(article_date)
    low = " ".join(text.lower().split())
    if re.search(r"\bMay\b", text) and not re.search(r"\bmay\b", text):
        low = low.replace("may", "in may", 1)  # capitalised: the month, not the modal verb
    found = _resolve(low, ref)
    return found.isoformat() if found else None


def _resolve(low: str, ref: date | None) -> date | None:
    relative = _resolve_relative(low, ref)
    if relative is not None:
        return relative
    for name, rx in _PATTERNS:
        m = rx.search(low)
        if not m:
            continue
        g = m.groupdict()
        if name == "y":
            return date(int(g["year"]), 1, 1)
        month = _month_number(g["month"])
        if name in ("iso", "dmy_num", "mdy", "dmy"):
            return _safe_date(int(g["year"]), month, int(g["day"]))
        if name == "my":
            return date(int(g["year"]), month, 1)
        if ref is None:
            return None
        if name in ("md", "dm"):
            day = int(g["day"])
            return _safe_date(_past_year(month, day, ref), month, day)
        if name == "m":
            if g["month"] == "may" and not re.search(r"\b(in|since|until|by|of|early|late|"
                                                      r"mid|from|last|this|back in)\s+may\b",
                                                      low):
                return None  # the modal verb "may"
            if re.search(r"\blast\s+" + g["month"], low):
                year = ref.year - 1 if month >= ref.month else ref.year
            else:
                year = ref.year if month <= ref.month else ref.year - 1
            return date(year, month, 1)
    return None


def _resolve_relative(low: str, ref: date | None) -> date | None:
    """Weekdays, yesterday/today, last week/month/year, N days ago; None if not relative."""
    if ref is None:
        return None
    for phrase, delta in _RELATIVE_DAYS.items():
        if re.search(rf"\b{phrase}\b", low):
            return ref + timedelta(days=delta)
    m = re.search(r"\b(\d+|one|two|three|four|five|six|seven|a|an)\s+(day|week)s?\s+ago\b", low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        return ref - timedelta(days=n * (7 if m.group(2) == "week" else 1))
    m = re.search(r"\b(last|this|past|previous)?\s*(" + "|".join(WEEKDAYS) + r")\b", low)
    if m and not re.search(r"\b(" + "|".join(MONTHS) + r")\b\.?\s*\d", low):
        wd = WEEKDAYS[m.group(2)]
        back = (ref.weekday() - wd) % 7
        if m.group(1) in ("last", "previous") and back == 0:
            back = 7
        return ref - timedelta(days=back)
    if re.search(r"\b(last|past|previous) week\b", low):
        monday = ref - timedelta(days=ref.weekday())
        return monday - timedelta(days=7)
    if re.search(r"\bthis week\b", low):
        return ref - timedelta(days=ref.weekday())
    if re.search(r"\b(last|past|previous) month\b", low):
        first = ref.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1)
    if re.search(r"\bthis month\b", low):
        return ref.replace(day=1)
    if re.search(r"\b(last|past|previous) year\b", low):
        return date(ref.year - 1, 1, 1)
    if re.search(r"\bthis year\b", low):
        return date(ref.year, 1, 1)
    return None
