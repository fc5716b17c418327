"""The package's type hints are checked: mypy reports no error."""

import subprocess
import sys

from conftest import ROOT


def test_mypy_finds_no_error():
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
