"""Start Debian's chromium headless in its own process group and always stop it.

Playwright connects to it over the DevTools protocol (``connect_over_cdp``), so Playwright never
launches, downloads or waits on a browser process of its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from browser_tests.helpers import CHROMIUM, CHROMIUM_ARGS

STARTUP_SECONDS = 60
GRACE_SECONDS = 10


def _wait_for_port(process: subprocess.Popen, profile: Path, log: Path) -> int:
    """The DevTools port chromium writes to ``DevToolsActivePort`` once it listens."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{CHROMIUM} exited with {process.returncode} at start:\n{tail}")
        lines = port_file.read_text().splitlines() if port_file.is_file() else []
        if lines and lines[0].strip().isdigit():
            return int(lines[0])
        time.sleep(0.1)
    raise RuntimeError(f"{CHROMIUM} did not open its DevTools port within {STARTUP_SECONDS} s")


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM the process group, SIGKILL it after a grace period; never blocks for longer."""
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, GRACE_SECONDS)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # helpers (zygote, gpu, crashpad) that outlived it


@contextlib.contextmanager
def start_chromium(profile: Path) -> Iterator[str]:
    """Run headless chromium with a fresh profile; yield its DevTools HTTP endpoint."""
    log = profile.parent / f"{profile.name}.log"
    with log.open("wb") as sink:
        command = [
            CHROMIUM,
            "--headless",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            *CHROMIUM_ARGS,
            "about:blank",
        ]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so stopping it reaches every helper
        )
    try:
        port = _wait_for_port(process, profile, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process_group(process)
