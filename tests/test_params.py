"""Parameters (runs/params.py): allowed values declared beside each parameter, refused before any kernel."""

import pytest

from conftest import ROOT, THEMES, run_cli
from jinjiang_report.errors import UsageError
from jinjiang_report.runs.params import Declared, allowed_values, check_parameters, declared_parameters


@pytest.mark.parametrize("comment,allowed", [
    ("language of the edition; one of: en, zh", ("en", "zh")),
    ("order of the table of claims; one of: stage, kind, ledger", ("stage", "kind", "ledger")),
    ("one of: svg", ("svg",)),
    ("decimal places of amounts", ()),
    ("one of the notebooks' remarks; shown under the title", ()),
])
def test_allowed_values_are_read_from_the_comment(comment, allowed):
    assert allowed_values(comment) == allowed


def test_every_notebook_declares_its_choices():
    for theme in THEMES.values():
        declared = declared_parameters(ROOT / "notebooks" / theme.notebook)
        assert declared["lang"].allowed == ("en", "zh"), theme.name
        assert declared["chart_format"].allowed == ("svg", "png"), theme.name


DECLARED = {"export.ipynb": {"lang": Declared("lang", "str", "en", "one of: en, zh", ("en", "zh")),
                             "decimals": Declared("decimals", "int", 2, "", ())},
            "hospital.ipynb": {"lang": Declared("lang", "str", "en", "one of: en, zh", ("en", "zh"))}}


def test_a_value_outside_the_declared_ones_is_refused_naming_them():
    with pytest.raises(UsageError) as caught:
        check_parameters(DECLARED, {"lang": "fr"})
    assert str(caught.value) == "parameter lang='fr' for export.ipynb: must be one of en, zh"
    assert caught.value.exit_code == 2


def test_declared_values_and_free_ones_pass():
    assert check_parameters(DECLARED, {"lang": "zh", "decimals": "3"}) == {
        "export.ipynb": {"lang": "zh", "decimals": 3}, "hospital.ipynb": {"lang": "zh"}}


def test_types_are_checked_before_allowed_values():
    with pytest.raises(UsageError, match=r"^parameter decimals='x' for export.ipynb: expected int \(default 2\)$"):
        check_parameters(DECLARED, {"decimals": "x"})


def test_a_bool_is_true_or_false_and_nothing_else():
    declared = {"export.ipynb": {"show_all": Declared("show_all", "bool", True, "", ())}}
    assert check_parameters(declared, {"show_all": "false"}) == {"export.ipynb": {"show_all": False}}
    with pytest.raises(UsageError, match=r"^parameter show_all='maybe' for export.ipynb: expected bool \(default True\)$"):
        check_parameters(declared, {"show_all": "maybe"})


@pytest.mark.slow
def test_the_command_line_refuses_a_language_before_any_kernel(tmp_path):
    result = run_cli("run", "export", "-p", "lang=fr", build_dir=tmp_path / "build")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: parameter lang='fr' for export.ipynb: must be one of en, zh"]
    assert not (tmp_path / "build" / "run").exists()
