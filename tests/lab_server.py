"""A real JupyterLab server for the browser tests: quiet settings, a token, started until it answers.

The tests start it two ways (``jupyter lab`` on a project copy, and ``python -m jinjiang_report.lab``
as ``tools/dev.sh lab`` does); both wait for it here and stop it here.
"""

import contextlib
import ctypes
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TOKEN = "jinjiang-test-token"
# No news or update checks (no network), and every cell of a notebook in the page, not only those
# scrolled into view, so a test can read any cell.
QUIET_SETTINGS = [("apputils-extension", "notification", '{"fetchNews": "false", "checkForUpdates": false}'),
                  ("notebook-extension", "tracker", '{"windowingMode": "none"}')]
SERVER_FLAGS = ["--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={TOKEN}", "--LabApp.expose_app_in_browser=True",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str):
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def write_quiet_settings(user_settings: Path) -> None:
    """The settings above, in a JupyterLab user-settings folder (``.../lab/user-settings``)."""
    for extension, name, value in QUIET_SETTINGS:
        (user_settings / "@jupyterlab" / extension).mkdir(parents=True)
        (user_settings / "@jupyterlab" / extension / f"{name}.jupyterlab-settings").write_text(value)


def end_with_pytest() -> None:
    """In the server, before it starts: SIGTERM when pytest ends, even by SIGKILL (Linux; pytest
    starts servers from its only thread, whose end is what the kernel watches)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM, 0, 0, 0)  # 1: PR_SET_PDEATHSIG


@contextlib.contextmanager
def serving(command: list[str], port: int, environment: dict, log: Path):
    """Run ``command`` (a JupyterLab on ``port``) until GET /api/status answers; yield its base URL; stop it."""
    with open(log, "w") as stream:
        process = subprocess.Popen(command, env=environment, stdout=stream, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=end_with_pytest)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise AssertionError(f"jupyter lab exited {process.returncode}:\n{log.read_text()}")
            try:
                get_json(f"{base}/api/status")
                break
            except OSError:
                assert time.monotonic() < deadline, f"jupyter lab did not answer in 90 s:\n{log.read_text()}"
                time.sleep(0.2)  # polling the server, bounded by the deadline
        yield base
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(20)
