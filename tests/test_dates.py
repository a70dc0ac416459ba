"""Date expressions resolved against the article date (news is past-oriented)."""

from __future__ import annotations

import pytest

from geomap.dates import parse_iso, resolve_date

# 2022-10-21 was a Friday.
ARTICLE = "2022-10-21"


@pytest.mark.parametrize(
    ("text", "article", "expected"),
    [
        # explicit dates need no article date
        ("November 11, 2022", None, "2022-11-11"),
        ("11 November 2022", None, "2022-11-11"),
        ("Nov. 11, 2022", None, "2022-11-11"),
        ("2022-11-11", None, "2022-11-11"),
        ("11.11.2022", None, "2022-11-11"),
        ("May 2022", None, "2022-05-01"),
        ("2014", None, "2014-01-01"),
        # month/day without a year: the latest occurrence on or before the article date
        ("11 Nov", ARTICLE, "2021-11-11"),
        ("October 10", ARTICLE, "2022-10-10"),
        ("February 24", ARTICLE, "2022-02-24"),
        ("11 Nov", None, None),
        ("October 10", None, None),
        # months
        ("September", ARTICLE, "2022-09-01"),
        ("December", ARTICLE, "2021-12-01"),
        ("May", ARTICLE, "2022-05-01"),
        ("last October", ARTICLE, "2021-10-01"),
        ("September", None, None),
        # weekdays: the most recent such day on or before the article date
        ("Friday", ARTICLE, "2022-10-21"),
        ("Thursday", ARTICLE, "2022-10-20"),
        ("Saturday", ARTICLE, "2022-10-15"),
        ("last Friday", ARTICLE, "2022-10-14"),
        ("Friday", None, None),
        # relative days and periods
        ("yesterday", ARTICLE, "2022-10-20"),
        ("today", ARTICLE, "2022-10-21"),
        ("the day before yesterday", ARTICLE, "2022-10-19"),
        ("three days ago", ARTICLE, "2022-10-18"),
        ("two weeks ago", ARTICLE, "2022-10-07"),
        ("last week", ARTICLE, "2022-10-10"),
        ("this week", ARTICLE, "2022-10-17"),
        ("last month", ARTICLE, "2022-09-01"),
        ("last year", ARTICLE, "2021-01-01"),
        ("yesterday", None, None),
        # vague or not a date
        ("recent weeks", ARTICLE, None),
        ("the winter", ARTICLE, None),
        ("", ARTICLE, None),
    ],
)
def test_resolve_date(text: str, article: str | None, expected: str | None) -> None:
    assert resolve_date(text, article) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the ceasefire may hold", None), ("since May", "2022-05-01"), ("back in May", "2022-05-01")],
)
def test_may_is_a_month_only_in_context(text: str, expected: str | None) -> None:
    assert resolve_date(text, ARTICLE) == expected


def test_impossible_dates_are_none() -> None:
    assert resolve_date("February 30, 2022") is None
    assert resolve_date("2022-13-01") is None


@pytest.mark.parametrize(("value", "ok"), [("2022-10-21", True), ("2022-10-21T08:00:00", True),
                                           ("21/10/2022", False), (None, False), ("", False)])
def test_parse_iso(value: str | None, ok: bool) -> None:
    assert (parse_iso(value) is not None) is ok
