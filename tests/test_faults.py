"""Bad input fails fast with one clear line and the documented exit code; no kernel starts."""

import pytest

from conftest import run_cli


@pytest.mark.parametrize("args,code,message", [
    (["run", "weather"], 2, "error: unknown theme 'weather'; themes are: innovation, export, livelihood, hospital"),
    (["run", "hospital", "-p", "decimals=two"], 2,
     "error: parameter decimals='two' for hospital.ipynb: expected int (default 2)"),
    (["run", "hospital", "-p", "show_indicators=maybe"], 2,
     "error: parameter show_indicators='maybe' for hospital.ipynb: expected bool (default True)"),
    (["run", "hospital", "-p", "colour=red"], 2,
     "error: unknown parameter 'colour' (not declared by hospital.ipynb); declared: ledger: str = "
     "'data/facts.csv'; source: str = ''; lang: str = 'en'; figure_format: str = 'svg'; decimals: int = 2; "
     "show_indicators: bool = True"),
    (["run", "hospital", "-p", "nonsense"], 2,
     "error: parameter 'nonsense' is not NAME=VALUE (for example -p lang=zh)"),
    (["run", "hospital", "-p", "ledger=missing/facts.csv"], 1,
     "error: missing/sources/sources.yaml: source metadata file not found"),
])
def test_usage_errors_are_one_line_before_any_kernel(tmp_path, args, code, message):
    result = run_cli(*args, build_dir=tmp_path / "build")
    assert result.returncode == code
    assert result.stderr.strip().splitlines() == [message]
    assert not (tmp_path / "build" / "executed").exists()  # nothing ran


def test_a_hostile_path_parameter_is_only_ever_a_path(tmp_path):
    hostile = "x'); import os; os.system('touch pwned') #\n\"<script>"
    result = run_cli("run", "hospital", "-p", f"ledger={hostile}", build_dir=tmp_path / "build")
    assert result.returncode == 1
    assert "source metadata file not found" in result.stderr
    assert not (tmp_path / "pwned").exists()
