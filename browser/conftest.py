"""Fixtures for the browser tests: the interop suite's server and bot processes (imported
from interop/conftest.py), plus one headless Chromium (Debian's, driven by Playwright)
and a page per test. Every wait is bounded; everything binds to 127.0.0.1."""

from __future__ import annotations

import importlib.util
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BROWSER_DIR = Path(__file__).resolve().parent
REPO_ROOT = BROWSER_DIR.parent
SCREENSHOTS = BROWSER_DIR / "screenshots"
BOTS = BROWSER_DIR / "bots"

# The interop fixtures (server, botapi_binary, report hooks) and helpers, under another name.
_spec = importlib.util.spec_from_file_location("interop_conftest", REPO_ROOT / "interop" / "conftest.py")
interop = importlib.util.module_from_spec(_spec)
sys.modules["interop_conftest"] = interop
_spec.loader.exec_module(interop)
server = interop.server
botapi_binary = interop.botapi_binary
pytest_runtest_makereport = interop.pytest_runtest_makereport
BotProcess = interop.BotProcess

# Playwright's own waits, in milliseconds.
WAIT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable} (apt-get install chromium, or set CHROMIUM)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@contextmanager
def new_page(browser, **options):
    """A page in a fresh browser context (with Playwright's context `options`); fails the test
    if the page had uncaught JavaScript errors."""
    context = browser.new_context(viewport={"width": 1200, "height": 800}, **options)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser):
    with new_page(browser) as page:
        yield page


@pytest.fixture
def tls_page(browser):
    """A page that accepts self-signed certificates: for pages the test serves over HTTPS."""
    with new_page(browser, ignore_https_errors=True) as page:
        yield page


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


class LocalBot(BotProcess):
    """A bot script from browser/bots/ (its logs stay in the test's directory)."""

    def __init__(self, script: Path, token: str, base: str, workdir: Path, extra_env: dict[str, str] | None = None):
        super().__init__(script.stem, token, base, workdir, extra_env)
        self._script = script

    @property
    def script(self) -> Path:
        return self._script


@pytest.fixture
def bots(tmp_path: Path):
    """Starts bot scripts (interop/bots/<name> or browser/bots/<name>), with `env` added to
    their environment; stops them all after."""
    started: list = []

    def start(script: str, token: str, base: str, env: dict[str, str] | None = None):
        local = BOTS / script
        process = (LocalBot(local, token, base, tmp_path, env) if local.exists()
                   else BotProcess(script, token, base, tmp_path, env))
        process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
