"""The Jupyter kernel notebooks run on: always this environment's own Python.

A kernelspec for the running interpreter is written into the build folder and put on
``JUPYTER_PATH``, so a fresh machine needs no ``ipykernel install`` and a kernel
registered elsewhere under the same name can never be picked by mistake.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .paths import BUILD

KERNEL_NAME = "jinjiang-report"


def ensure_kernel(build_dir: Path = BUILD) -> str:
    """Write the kernelspec (if needed), put it first on JUPYTER_PATH and return its name."""
    jupyter_dir = build_dir / "jupyter"
    spec_dir = jupyter_dir / "kernels" / KERNEL_NAME
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=CRITICAL"],  # quiet start-up and shutdown notices
        "display_name": "Python 3 (jinjiang-report)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    text = json.dumps(spec, indent=1, sort_keys=True)
    spec_file = spec_dir / "kernel.json"
    if not spec_file.exists() or spec_file.read_text() != text:
        spec_dir.mkdir(parents=True, exist_ok=True)
        spec_file.write_text(text)
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(jupyter_dir) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(jupyter_dir), *paths])
    return KERNEL_NAME
