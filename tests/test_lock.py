"""A stale build lock (the build that took it killed) does not block the next build; a live one is
waited for, and named."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from jinjiang_report.runs.locking import build_lock, holders

HOLD = ("import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
        "print('held', flush=True); sys.stdin.read()")
# A build that took the lock and started a process that inherited it (as a fork without exec does),
# which lives on when the build is killed.
HOLD_AND_FORK = """import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
leftover = os.fork()
if leftover == 0:
    sys.stdin.read()
    os._exit(0)
print(leftover, flush=True)
sys.stdin.read()
"""


def take(build_dir, into: list) -> threading.Thread:
    def run():
        with build_lock(build_dir):
            into.append("locked")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.slow
def test_a_lock_left_held_by_a_killed_builds_leftovers_is_taken_over(tmp_path, capfd):
    build = tmp_path / "build"
    build.mkdir()
    killed = subprocess.Popen([sys.executable, "-c", HOLD_AND_FORK, str(build / ".build.lock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert killed.stdout is not None
    leftover = int(killed.stdout.readline())
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        assert holders(build / ".build.lock") == [killed.pid]  # still held, for a process that is gone
        done: list = []
        take(build, done).join(timeout=60)
        assert done == ["locked"]
        assert capfd.readouterr().err == (
            f"note: the build that held {build / '.build.lock'} (pid {killed.pid}) was killed; what is left of it "
            "still holds the lock, so this build takes a new one\n")
    finally:
        os.kill(leftover, signal.SIGKILL)


@pytest.mark.slow
def test_a_live_build_is_waited_for_and_named(tmp_path, capfd):
    build = tmp_path / "build"
    build.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(build / ".build.lock")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    done: list = []
    waiting = take(build, done)
    said, deadline = "", time.monotonic() + 60
    while not said and time.monotonic() < deadline:  # polling for the message, printed before it blocks
        said += capfd.readouterr().err
        waiting.join(timeout=0.05)
    assert said == f"waiting for another jinjiang-report build of this checkout (pid {holder.pid}) to finish ...\n"
    assert done == [] and waiting.is_alive()
    holder.kill()  # the system releases its lock
    holder.wait()
    waiting.join(timeout=60)
    assert done == ["locked"]
