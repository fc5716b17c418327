"""Period codes (facts/periods.py): each form read and written in both languages; bad codes refused."""

import pytest

from conftest import ledger as load_ledger
from jinjiang_report.facts import periods


@pytest.mark.parametrize("code,form,en,zh", [
    ("2024", "year", "in 2024", "2024年"),
    ("2025-H1", "half", "in the first half of 2025", "2025年上半年"),
    ("2025-H2", "half", "in the second half of 2025", "2025年下半年"),
    ("2025-08", "month", "in August 2025", "2025年8月"),
    ("2025-09-25", "day", "on 25 September 2025", "2025年9月25日"),
    ("2025-09-22/2025-10-08", "window", "from 22 September to 8 October 2025", "2025年9月22日至10月8日"),
    ("2024-12-30/2025-01-02", "window", "from 30 December 2024 to 2 January 2025", "2024年12月30日至2025年1月2日"),
    ("since-2025", "since", "since the start of 2025", "2025年以来"),
    ("past-year", "past_year", "in the year since October 2024", "2024年10月以来的一年间"),
    ("as-of-2025-07", "as_of", "as of July 2025", "截至2025年7月"),
    ("current", "current", "at the time of the page", "目前（见报时）"),
    ("page-day", "page_day", "on the day of the page", "见报当天"),
    ("page-day-minus-1", "page_day", "on the day before the page (\u201cyesterday\u201d)", "见报前一天（昨日）"),
    ("page-day-minus-2", "page_day", "2 days before the page", "见报前2天"),
    ("holiday-2025", "holiday", "in the 2025 National Day and Mid-Autumn holiday", "2025年国庆中秋假期"),
    ("none", "none", "no date given", "未注明时间"),
])
def test_every_form_of_period_in_words(code, form, en, zh):
    vocabulary = load_ledger().vocabulary
    assert (periods.form_of(code), periods.words(code, "en", vocabulary), periods.words(code, "zh", vocabulary)) == (
        form, en, zh)


@pytest.mark.parametrize("code,message", [
    ("2025-02-30", "'2025-02-30' holds an impossible date"),
    ("2025-09-22/2025-13-01", "'2025-09-22/2025-13-01' holds an impossible date"),
    ("soon", "'soon' is not a period code (see facts/periods.py: 2024, 2025-H1, 2025-08, 2025-09-25, "
             "2025-09-22/2025-10-08, since-2025, past-year, as-of-2025-07, current, page-day, page-day-minus-1, "
             "holiday-2025, none)"),
    ("page-day-minus-0", "'page-day-minus-0' is not a period code"),
    ("2025-H3", "'2025-H3' is not a period code"),
])
def test_bad_codes_are_refused(code, message):
    with pytest.raises(periods.PeriodError) as caught:
        periods.form_of(code)
    assert str(caught.value).startswith(message)


def test_window_codes_round_trip():
    import datetime as dt
    code = periods.window(dt.date(2025, 9, 22), dt.date(2025, 10, 8))
    assert code == "2025-09-22/2025-10-08" and periods.form_of(code) == "window"
