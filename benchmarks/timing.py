"""Timing whole processes: wall seconds from start to exit, and peak memory.

Each run is a child process waited for with ``os.wait4``, so its peak resident memory is
the operating system's own accounting of that child.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence


def seconds(value: float) -> str:
    """Seconds with the precision that matters: 0.0012 for a query, 0.240 for a process."""
    return f"{value:.4f}" if value < 0.01 else f"{value:.3f}"


def timed(
    command: list[str], env: dict[str, str], runs: int, *, warm: bool = True
) -> tuple[list[float], float]:
    """Whole-process seconds of ``runs`` runs, and the largest peak RSS (MiB) among them."""
    if warm:
        subprocess.run(
            _nth(command, 0), env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    samples, peak = [], 0.0
    for run in range(1, runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen(
            _nth(command, run), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        samples.append(time.perf_counter() - start)
        if status:
            raise SystemExit(f"failed: {' '.join(command)}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return samples, peak


def timed_in_turn(
    commands: Sequence[tuple[list[str], dict[str, str]]], runs: int
) -> list[tuple[list[float], float]]:
    """:func:`timed` for commands run in turn (a, b, a, b…), so that a ratio between them
    compares runs made at the same moments of a machine whose speed drifts."""
    for command, env in commands:
        timed(command, env, 0)  # the warm-up run alone
    samples: list[list[float]] = [[] for _ in commands]
    peaks = [0.0 for _ in commands]
    for run in range(1, runs + 1):
        for i, (command, env) in enumerate(commands):
            (sample,), peak = timed(_nth(command, run), env, 1, warm=False)
            samples[i].append(sample)
            peaks[i] = max(peaks[i], peak)
    return list(zip(samples, peaks, strict=True))


def _nth(command: list[str], run: int) -> list[str]:
    """The command of one run: ``{n}`` in an argument becomes the run's number (so that each
    run of a write changes something)."""
    return [arg.replace("{n}", str(run + 1)) for arg in command]
