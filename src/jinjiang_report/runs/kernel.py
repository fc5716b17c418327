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

from ..files import write_atomically

KERNEL_NAME = "jinjiang-report"
PROVISIONER_NAME = "jinjiang-forked-kernel"  # forked_provisioner's entry point (pyproject.toml)


def kernels_folder(build_dir: Path, forked: bool = True) -> Path:
    """Where the build's kernelspec is (the only one its runs look at): one per engine, same name."""
    return build_dir / "jupyter" / ("kernels" if forked else "plain-kernels")


def ensure_kernel(build_dir: Path, forked: bool = True) -> str:
    """Write the kernelspec under ``build_dir`` (if needed), put it first on JUPYTER_PATH, return its name.

    forked: the fast engine's, whose provisioner (``forked_provisioner``) forks the kernel from the
    build's kernel template when the start request names one; else jupyter_client's own."""
    jupyter_dir = build_dir / "jupyter"
    metadata: dict[str, object] = {"debugger": False}
    if forked:
        metadata["kernel_provisioner"] = {"provisioner_name": PROVISIONER_NAME}
    spec = {
        # A lean kernel: no input history on disk; start-up and shutdown notices are quiet; no
        # debugger (the kernel template also leaves debugpy unimported: less to import).
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"],
        "display_name": "Python 3 (jinjiang-report)",
        "language": "python",
        "metadata": metadata,
    }
    write_atomically(kernels_folder(build_dir, forked) / KERNEL_NAME / "kernel.json",
                     json.dumps(spec, indent=1, sort_keys=True))
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(jupyter_dir) not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(jupyter_dir), *paths])
    return KERNEL_NAME
