"""Debian's Chromium (installed by .ci/setup), driven by Playwright: never a browser of Playwright's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots kept for a person to look at after the run (not compared pixel by pixel).
ARTEFACTS = Path(__file__).resolve().parents[1] / "test-artefacts"


# Per module: one Playwright at a time (two at once refuse to share the event loop).
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "Chromium is missing: bash .ci/setup installs it (apt-get install chromium chromium-driver)"
    with sync_playwright() as playwright:
        # As root (CI), Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    # Playwright's wait_for_function evaluates strings, which the preview's Content-Security-Policy
    # forbids; the policy itself is tested in a context of its own.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()
