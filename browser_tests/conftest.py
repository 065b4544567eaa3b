"""Browser tests of the built site: Playwright driving Debian's chromium, offline.

The single-version site is ``_build/html`` (``make book``; ``SURVEY_HTML_DIR`` points elsewhere).
The multi-version site (``scripts/build_versions.py``) is assembled once per session, only for the
tests that ask for it, unless ``SURVEY_SITE_DIR`` points at a prebuilt one: its "dev" version is
the single-version site itself (``--dev-html``), so the book is not built again. Each is served by a
threaded ``http.server`` on 127.0.0.1. Playwright never downloads a browser: it launches
``$CHROMIUM`` (default ``/usr/bin/chromium``, which ``browser.mk`` installs with apt).

    CHROMIUM=/usr/bin/chromium .venv/bin/python -m pytest browser_tests -q -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser_tests.chromium import start_chromium
from browser_tests.helpers import CHROMIUM, ROOT, SITE, serve


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run make book first")
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    yield from serve(site_dir)


@pytest.fixture(scope="session")
def multiversion_dir(tmp_path_factory: pytest.TempPathFactory, site_dir: Path) -> Path:
    """The multi-version site: ``$SURVEY_SITE_DIR``, or assembled once with build_versions.py."""
    prebuilt = os.environ.get("SURVEY_SITE_DIR")
    if prebuilt:
        path = Path(prebuilt).resolve()
        if not (path / "switcher.json").is_file():
            pytest.fail(f"SURVEY_SITE_DIR={prebuilt} has no switcher.json: not a built site")
        return path
    out = tmp_path_factory.mktemp("multiversion") / "site"
    env = dict(os.environ)
    mirror = ROOT.parent / "shared" / "data"  # as the Makefile does: the offline data mirror
    if not env.get("SFTSURVEY_DATA_MIRROR") and mirror.is_dir():
        env["SFTSURVEY_DATA_MIRROR"] = str(mirror)
    script = ROOT / "scripts" / "build_versions.py"
    # only the working tree, and that as built by make book: building every release again would
    # add minutes per release to CI (make site builds them all, and archives them once in dist/)
    command = [sys.executable, str(script), "--out", str(out), "--base-path", "/", "--no-pdf"]
    command += ["--releases", "none", "--dev-html", str(site_dir)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        pytest.fail(f"{' '.join(command)} failed ({done.returncode}):\n{tail}")
    return out


@pytest.fixture(scope="session")
def multiversion_url(multiversion_dir: Path) -> Iterator[str]:
    yield from serve(multiversion_dir)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Chromium started by us (its own process group), driven by Playwright over CDP.

    We own the process so teardown is bounded: Playwright disconnects, then the whole process
    group is terminated (killed after a grace period). A browser that will not exit can no longer
    hang the run after the last test (CI once waited for it until its time limit).
    """
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with start_chromium(profile) as endpoint, sync_playwright() as playwright:
        browser = playwright.chromium.connect_over_cdp(endpoint, timeout=30_000)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def context(browser):
    """One browser context per test module (pages of a module share storage)."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="module")
def page(context):
    """One page per test module, reused by its tests."""
    page = context.new_page()
    yield page
    # stop whatever the page is still doing (a meta refresh, a late navigation) before closing:
    # closing Chromium's page mid-navigation could hang the run (seen after the redirect test)
    with contextlib.suppress(Exception):
        page.goto("about:blank", timeout=5_000)
    page.close()


# A test (with its fixtures' set-up and teardown) that runs longer than this is stuck: dump every
# thread's stack and exit non-zero, so CI fails in minutes with a trace instead of at its limit.
STUCK_AFTER_SECONDS = int(os.environ.get("BROWSER_TEST_STUCK_AFTER", "900"))


STUCK_LOG = ROOT / "_build" / "browser-tests-stuck.log"
"""Where the stacks go (pytest captures stderr); ``browser.mk`` prints it when the run fails."""


_open_log: list = []  # the stuck log of the running test, for the fixture hook below


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    STUCK_LOG.parent.mkdir(parents=True, exist_ok=True)
    log = STUCK_LOG.open("w")
    log.write(f"stuck for {STUCK_AFTER_SECONDS} s in {item.nodeid} (set-up, call or teardown)\n")
    log.flush()
    _open_log[:] = [log]
    faulthandler.dump_traceback_later(STUCK_AFTER_SECONDS, exit=True, file=log)
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()
        _open_log.clear()
        log.close()
        STUCK_LOG.unlink(missing_ok=True)


def pytest_fixture_post_finalizer(fixturedef, request):
    """Record each fixture torn down, so a stuck log shows which teardown did not return."""
    for log in _open_log:
        log.write(f"torn down: {fixturedef.argname} ({fixturedef.scope})\n")
        log.flush()
