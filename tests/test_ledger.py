"""The facts ledger: it verifies against the source, covers every numeral, and names each fault exactly."""

import csv
from decimal import Decimal

import pytest

from conftest import THEMES, ledger as load_ledger, run_cli
from jinjiang_report.errors import DataFileError
from jinjiang_report.facts import derive
from jinjiang_report.facts.coverage import check_coverage, find_numerals, unaccounted
from jinjiang_report.facts.numbers import APPROXIMATELY, MORE_THAN


def rewrite(path, change):
    """Rewrite a CSV through ``change(rows)``; rows[0] is the header."""
    with open(path, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    change(rows)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)


def cell(rows, row_index, column):
    return rows[row_index][rows[0].index(column)]


def set_cell(rows, row_index, column, value):
    rows[row_index][rows[0].index(column)] = value


def test_the_ledger_verifies_against_the_source():
    ledger = load_ledger()
    assert len(ledger.facts) >= 40
    assert {f.theme for f in ledger.facts.values()} <= set(THEMES)


def test_vendored_source_is_byte_identical_to_its_recorded_hash():
    import hashlib
    ledger = load_ledger()
    assert hashlib.sha256(ledger.source.path.read_bytes()).hexdigest() == ledger.source.metadata["sha256"]


def test_every_numeral_of_the_source_is_a_fact_or_an_exclusion():
    ledger = load_ledger()
    numerals = find_numerals(ledger.source)
    assert len(numerals) > 80  # the scanner really scans
    missing = unaccounted(ledger)
    assert missing == [], "\n".join(f"{n.text} in …{n.context}…" for n in missing)


def test_the_scanner_catches_an_uncovered_numeral(data_copy):
    for path in (data_copy, data_copy.parent / "assessments.csv"):
        rewrite(path, lambda rows: rows.pop(
            next(i for i, r in enumerate(rows) if r[0] == "exp_customer_satisfaction")))
    texts = [n.text for n in unaccounted(load_ledger(data_copy))]
    assert texts == ["99"]


def test_a_numeral_that_is_both_a_fact_and_an_exclusion_is_refused(data_copy):
    """Like the weather column's 34.5℃ made a fact while its exclusion stays: check names the exclusion."""
    exclusions = data_copy.parent / "exclusions.csv"
    rewrite(exclusions, lambda rows: rows.append(["jinjiang-page-2025-10", "客户满意度达99%", "phrase",
                                                  "Belongs to no theme.", "不属于任何主题。"]))
    line = len(exclusions.read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataFileError) as caught:
        check_coverage(load_ledger(data_copy))
    assert str(caught.value) == (
        f"{exclusions}:{line}: column 'quote': quote covers '99%', the number of fact exp_customer_satisfaction; "
        "a numeral is a fact or an exclusion, not both: remove this row, cut its quote to the numerals that are "
        "not facts, or name the fact in reason_en if the quote needs it around the excluded numeral")


def test_coverage_forms_named_in_the_issue_are_scanned():
    texts = {n.text for n in find_numerals(load_ledger().source)}
    assert {"百亿", "六", "6", "740.38", "1", "8"} <= texts


def test_derived_bounds_carry_qualifiers():
    ledger = load_ledger()
    average = ledger.derived_figure("inno_avg_credit_per_whitelist_firm")
    assert average.qualifier == APPROXIMATELY  # lower bound over lower bound: no bound at all
    assert average.inputs == ("inno_whitelist_credit", "inno_whitelist_firms")
    per_day = derive.evaluate("visits / days", {"visits": derive.Quantity(Decimal(760000), MORE_THAN),
                                                "days": derive.Quantity(Decimal(8))}.__getitem__)
    assert (per_day.value, per_day.qualifier) == (Decimal(95000), MORE_THAN)  # lower bound over exact
    days = ledger.derived_figure("liv_housing_window_days")
    start, end = ledger.fact("liv_housing_start").value, ledger.fact("liv_housing_end").value
    assert days.value == Decimal((end - start).days + 1)


def expect_error(data_copy, change, message_tail, file="facts.csv"):
    rewrite(data_copy.parent / file, change)
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == f"{data_copy.parent / file}:{message_tail}"
    return caught.value


def test_quote_missing(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 3, "quote", ""),
                 "4: column 'quote': '' must not be empty")


def test_quote_not_in_the_source(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 2, "quote", "晋江搭建了一个不存在的架构"),
                 "3: column 'quote': quote not found in the source (whitespace ignored); copy it verbatim")


def row_of(facts_csv, fact_id: str) -> int:
    """The index of ``fact_id``'s row among the CSV's rows (the header is row 0)."""
    with open(facts_csv, encoding="utf-8", newline="") as stream:
        return next(i for i, row in enumerate(csv.reader(stream)) if row[0] == fact_id)


def test_value_that_does_not_match_its_quote(data_copy):
    line = row_of(data_copy, "exp_expo_deals") + 1  # the header is line 1
    error = expect_error(data_copy, lambda rows: set_cell(rows, line - 1, "value", "74038000001"),
                         f"{line}: column 'value': 74038000001 does not match the quote: '740.38亿元' reads as "
                         "74038000000")
    assert (error.line, error.column) == (line, "value")


def test_qualifier_that_does_not_match_its_quote(data_copy):
    row = row_of(data_copy, "inno_whitelist_firms")
    expect_error(data_copy, lambda rows: set_cell(rows, row, "qualifier", "exact"),
                 f"{row + 1}: column 'qualifier': 'exact' does not match the quote: '超774家' reads as 'more_than'")


def test_unknown_theme(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 5, "theme", "no-such-theme"),
                 f"6: column 'theme': 'no-such-theme' must be one of {', '.join(THEMES)}")


def test_unknown_unit(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 5, "unit", "亿元"),
                 "6: column 'unit': '亿元' must be one of CNY, persons, person-visits, firms, homes, children, count, unspecified, "
                 "percent, km, days, date, session")


def test_a_size_class_is_an_order_of_magnitude(data_copy):
    def make_credit_a_size_class(rows):
        index = next(i for i, row in enumerate(rows) if row[0] == "inno_whitelist_credit")
        set_cell(rows, index, "unit", "unspecified")

    rewrite(data_copy, make_credit_a_size_class)
    with pytest.raises(DataFileError, match=r"column 'value': 3941000000 is not a size class: one of 1e8 to 1e12"):
        load_ledger(data_copy)


def test_duplicate_id(data_copy):
    first = row_of(data_copy, "inno_sme_measures")
    expect_error(data_copy, lambda rows: set_cell(rows, first + 1, "id", cell(rows, first, "id")),
                 f"{first + 2}: column 'id': duplicate 'inno_sme_measures' (first at line {first + 1}): "
                 "ids must be unique")


def test_malformed_number(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 4, "value", "6万"),
                 "5: column 'value': '6万' must be a plain number (digits, optional decimals) or an ISO date")


def test_missing_column(data_copy):
    def change(rows):
        index = rows[0].index("as_written")
        for row in rows:
            del row[index]
    expect_error(data_copy, change,
                 "1: column 'as_written': missing column; the header must name id, theme, metric_en, "
                 "metric_zh, scope_en, scope_zh, value, unit, qualifier, claim, period, source_id, as_written, quote")


def test_as_written_not_in_its_quote(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 2, "as_written", "15个产业发展小组"),
                 "3: column 'as_written': '15个产业发展小组' is not part of the quote")


def test_unreadable_number_phrase(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 2, "as_written", "产业发展小组"),
                 "3: column 'as_written': does not read as a number: no number in '产业发展小组'")


def test_formula_with_unknown_fact(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 1, "formula", "inno_whitelist_credit / nobody"),
                 "2: column 'formula': unknown fact id 'nobody'", file="derived.csv")


def test_formula_runs_no_code(data_copy):
    expect_error(data_copy, lambda rows: set_cell(rows, 1, "formula", "__import__('os').system('true')"),
                 "2: column 'formula': only these functions are allowed: days_inclusive", file="derived.csv")


def test_entity_quote_not_in_source(data_copy):
    path = data_copy.parent / "entities" / "hospital.yaml"
    text = path.read_text(encoding="utf-8").replace("quote: 晋江市中医院，", "quote: 晋江市西医院，")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "晋江市西医院" in l)
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == (f"{path}:{line}: column 'quote': quote not found in the source "
                                 "(whitespace ignored); copy it verbatim")


@pytest.mark.slow
def test_check_command_reports_one_line_and_exits_1(data_copy, tmp_path):
    row = row_of(data_copy, "inno_task_forces")
    rewrite(data_copy, lambda rows: set_cell(rows, row, "value", "15"))
    result = run_cli("check", "--ledger", str(data_copy), build_dir=tmp_path / "build")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {data_copy}:{row + 1}: column 'value': 15 does not match the quote: '4个招商专班' reads as 4"]


@pytest.mark.slow
def test_check_command_passes_on_the_real_ledger(tmp_path):
    result = run_cli("check", build_dir=tmp_path / "build")
    assert result.returncode == 0, result.stderr
    assert "every numeral of the source accounted for" in result.stdout


def test_a_derived_figure_over_two_populations_is_refused(data_copy):
    facts = load_ledger(data_copy).facts
    destinations, routes = facts["exp_air_destinations"].scope_en, facts["exp_air_routes"].scope_en
    derived = data_copy.parent / "derived.csv"
    with open(derived, "a", encoding="utf-8") as stream:
        stream.write("exp_destinations_per_route,export,Destinations per route,每条航线平均航点,"
                     "exp_air_destinations / exp_air_routes,count,How many destinations per route?,"
                     "每条航线有多少航点？,\n")
    appended_line = len(derived.read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == (
        f"{derived}:{appended_line}: column 'formula': exp_air_destinations counts \"{destinations}\" but "
        f"exp_air_routes counts \"{routes}\"; a derived figure needs inputs that count the same population")
    assert destinations != routes


def test_a_derived_figure_over_two_periods_is_refused(data_copy):
    facts = data_copy.parent / "facts.csv"
    rewrite(facts, lambda rows: set_cell(rows, next(i for i, r in enumerate(rows) if r[0] == "inno_whitelist_firms"),
                                         "period", "2024"))
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == (
        f"{data_copy.parent / 'derived.csv'}:2: column 'formula': inno_whitelist_credit holds for period "
        "'current' but inno_whitelist_firms for '2024'; a derived figure needs inputs of one period")


def test_every_derived_figure_answers_a_question():
    for item in load_ledger().derived.values():
        assert item.question_en.endswith("?") and item.question_zh.endswith("？"), item.id


def test_every_fact_is_assessed_and_every_claim_beyond_context_has_a_question():
    ledger = load_ledger()
    assert set(ledger.assessments) == set(ledger.facts)
    for assessment in ledger.assessments.values():
        if assessment.stage != "context":
            assert assessment.question_en.endswith("?") and assessment.question_zh.endswith("？")


def test_a_fact_without_an_assessment_is_named(data_copy):
    rewrite(data_copy.parent / "assessments.csv",
            lambda rows: rows.pop(next(i for i, r in enumerate(rows) if r[0] == "exp_parks")))
    with pytest.raises(DataFileError) as caught:
        load_ledger(data_copy)
    assert str(caught.value) == (f"{data_copy.parent / 'assessments.csv'}: column 'fact_id': no assessment "
                                 "for fact 'exp_parks'; add a row for it")
