"""Seconds by step of one build, written to build/build-timings.json (the benchmark prints them)."""

from __future__ import annotations

import json
import time


class Stopwatch:
    """Seconds by step of one build, for build/build-timings.json (the benchmark prints them)."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.steps: dict[str, float] = {}

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.steps[step] = round(now - self.last, 3)
        self.last = now

    def report(self, runs: list, warm_start: bool) -> str:
        """The build's timings as JSON; warm_start: whether it started its helper processes at once."""
        executed = [r for r in runs if r.status == "executed"]
        phases: dict[str, float] = {}
        for run in executed:
            for phase, seconds in run.timings.items():
                phases[phase] = phases.get(phase, 0.0) + seconds
        return json.dumps({
            "total": round(time.perf_counter() - self.started, 3), "steps": self.steps,
            "warm start": warm_start, "executed": len(executed),
            "per notebook run": {phase: round(seconds / len(executed), 3) for phase, seconds in phases.items()}
            if executed else {},
            "notebook runs": {r.name: r.seconds for r in executed},
        }, indent=1) + "\n"
