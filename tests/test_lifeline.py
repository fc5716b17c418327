"""A build's helper processes end with it, even when it is killed without warning."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT
from test_faults import notebooks_with_extra_cell

MARK = "JINJIANG_TEST_BUILD_MARK"


def processes_marked(mark: str) -> dict[int, bytes]:
    """pid -> command line of every process whose environment carries ``MARK=mark`` (inherited by
    every process a build starts, forked or not)."""
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if f"{MARK}={mark}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":  # a zombie has ended; only its parent has yet to collect it
                    found[int(proc.name)] = (proc / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
    return found


def helpers_running(found: dict[int, bytes], engine: str) -> bool:
    """fast: the Jupyter Book process, the kernel template and two kernels forked from it; plain:
    two kernels jupyter_client started."""
    commands = list(found.values())
    if engine == "plain":
        return sum(b"ipykernel_launcher" in c for c in commands) >= 2
    return any(b"sphinx_worker" in c for c in commands) and sum(b"kernel_template" in c for c in commands) >= 3


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds processes through /proc")
@pytest.mark.parametrize("engine", ["fast", "plain"])
def test_a_killed_build_leaves_no_helper_behind(tmp_path, engine):
    notebooks_with_extra_cell(tmp_path / "notebooks", "hospital.ipynb", "import time\ntime.sleep(300)")
    mark = uuid.uuid4().hex
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(tmp_path / "build"), "CI": "true",
           "JINJIANG_REPORT_NOTEBOOKS": str(tmp_path / "notebooks"), MARK: mark}
    build = subprocess.Popen([sys.executable, "-m", "jinjiang_report.cli", "build", "--out", str(tmp_path / "site"),
                              "--jobs", "2", "--engine", engine], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not helpers_running(processes_marked(mark), engine) and time.monotonic() < deadline:
            assert build.poll() is None, "the build ended before its helpers were all running"
            time.sleep(0.1)  # polling for the helpers to appear, bounded by the deadline
        assert helpers_running(processes_marked(mark), engine), f"helpers never all ran: {processes_marked(mark)}"
        build.send_signal(signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while processes_marked(mark) and time.monotonic() < deadline:
            time.sleep(0.1)  # polling for the helpers to end, bounded by the deadline
        left = processes_marked(mark)
        assert left == {}, f"still running 10 s after the build was killed: {left}"
    finally:
        build.kill()
        for pid in processes_marked(mark):
            os.kill(pid, signal.SIGKILL)


HELPER = """
import os, sys, time
if sys.argv[1] == "portable":
    del os.pidfd_open  # as on a system without pidfds: the polling fallback
from jinjiang_report.lifeline import die_with_build
die_with_build()
print("watching", flush=True)
time.sleep(300)
"""


@pytest.mark.slow
@pytest.mark.parametrize("way", ["pidfd", "portable"])
def test_a_helper_exits_within_seconds_of_its_build(way):
    """A stand-in build (a sleeping process) and a helper naming it; the build is SIGKILLed."""
    build = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    helper = subprocess.Popen([sys.executable, "-c", HELPER, way], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "JINJIANG_BUILD_PID": str(build.pid)})
    try:
        assert helper.stdout is not None and helper.stdout.readline().strip() == "watching"
        assert helper.poll() is None
        build.kill()
        build.wait()
        assert helper.wait(timeout=5) == 1
    finally:
        build.kill()
        helper.kill()
