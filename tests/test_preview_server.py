"""The live preview in a real browser: Debian's Chromium, driven by Playwright, against ``editorial preview``
run as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import ARTEFACTS, browser, page  # noqa: F401 (fixtures)
from conftest import Run

# The text of each finding's marks, joined, by the place the side list gives for it.
MARKED = """() => {
  const found = {};
  for (const item of document.querySelectorAll("aside li a[data-target]")) {
    const key = item.getAttribute("data-target");
    const pieces = Array.from(document.querySelectorAll(`mark[data-finding="${key}"]`));
    found[item.textContent.trim()] = pieces.map(p => p.textContent).join("");
  }
  return found;
}"""
AFTER = "(element) => getComputedStyle(element, '::after').content"


@pytest.fixture
def served(newsletter: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    # LanguageTool's second render would replace the page's content while a test looks at it.
    yield from _serve(newsletter, tmp_path / ".editorial-cache", "--no-languagetool")


def _serve(newsletter: Path, cache: Path, *options: str, **more_env: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env["EDITORIAL_CACHE_DIR"] = str(cache)
    env.update(more_env)
    server = subprocess.Popen(
        [sys.executable, "-m", "editorial", "preview", "2021-01", "--port", "0", *options],
        cwd=newsletter, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    line = server.stdout.readline()
    assert line.startswith("serving 2021-01 at http://127.0.0.1:"), line + server.stderr.read() if server.stderr else ""
    url = line.split(" at ", 1)[1].split(" ", 1)[0]
    yield server, url
    if server.poll() is None:
        server.kill()
        server.communicate()


def test_the_page_loads_with_each_finding_on_exactly_its_text(run: Run, newsletter: Path, served, page) -> None:  # noqa: F811
    _, url = served
    linted = json.loads(run("lint", "issues/2021-01", "--format", "json", cwd=newsletter).stdout)

    page.goto(url)

    assert page.title() == "Preview of Cloudera Fast Forward: 2021-01"
    expected = {f"{f['path']}:{f['line']}:{f['column']}": f["matched"] for f in linted["findings"]}
    assert len(expected) == 4
    assert page.evaluate(MARKED) == expected
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "preview-2021-01.png"), full_page=True)
    assert (ARTEFACTS / "preview-2021-01.png").stat().st_size > 10_000


def test_hovering_or_focusing_a_finding_shows_its_message(served, page) -> None:  # noqa: F811
    _, url = served
    page.goto(url)
    first = page.locator("mark#f1")
    message = "'BILLION' is in capitals for emphasis: write it in lower case (or use italics)."

    assert page.evaluate(AFTER, first.element_handle()) == "none"
    first.hover()
    assert page.evaluate(AFTER, first.element_handle()) == json.dumps(f"warning: {message} (House.Shouting)")
    # For assistive technology, the mark is described by its entry in the side list.
    assert page.locator("#" + first.get_attribute("aria-describedby")).inner_text() == f"{message} House.Shouting"

    page.mouse.move(0, 0)
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "f2"
    assert page.evaluate(AFTER, page.locator("mark#f2").element_handle()).startswith('"warning: \'ONE TRILLION\'')
    page.keyboard.press("p")
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == "f4"  # from the first, back round to the last


def test_editing_a_section_updates_the_page_in_place(newsletter: Path, served, page) -> None:  # noqa: F811
    _, url = served
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    page.locator("mark#f4").scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    path = newsletter / "issues/2021-01/sections/andrew.md"
    text = path.read_text(encoding="utf-8")

    path.write_text(text.replace("It has long been known", "It has long long been known"), encoding="utf-8")

    page.wait_for_function("document.querySelectorAll('mark.finding[id]').length === 5", timeout=10_000)
    assert page.locator("mark#f1").inner_text() == "long long"
    assert page.evaluate("window.notReloaded") is True  # the content was replaced, the page not reloaded
    assert page.evaluate("window.scrollY") == scrolled


def test_ctrl_c_stops_the_server_cleanly(served) -> None:
    server, url = served
    server.send_signal(signal.SIGINT)
    out, err = server.communicate(timeout=10)
    assert (server.returncode, out, err) == (0, "", "")


def test_files_outside_the_repository_are_never_served(newsletter: Path, served) -> None:
    import urllib.error
    import urllib.request

    _, url = served
    with urllib.request.urlopen(url + "file/editorial.yaml") as response:
        assert response.read() == (newsletter / "editorial.yaml").read_bytes()
    for path in ("file/../../../../etc/passwd", "file/%2e%2e/%2e%2e/etc/passwd", "nothing"):
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(url + path)
        assert raised.value.code == 404


def test_languagetool_findings_arrive_after_the_rest(newsletter: Path, tmp_path: Path, languagetool_url: str, page) -> None:  # noqa: F811
    path = newsletter / "issues/2021-01/sections/zz.md"
    path.write_text("---\ntitle: Extra\nauthor: andrew\n---\n\nWe dont know why it broke.\n", encoding="utf-8")
    serving = _serve(newsletter, tmp_path / ".editorial-cache", EDITORIAL_LANGUAGETOOL_URL=languagetool_url)
    _, url = next(serving)
    try:
        page.goto(url)
        page.wait_for_function(
            "Array.from(document.querySelectorAll('mark.finding')).some(m => m.textContent === 'dont')", timeout=20_000
        )
        mark = page.locator("mark.finding", has_text="dont").first
        mark.hover()
        assert page.evaluate(AFTER, mark.element_handle()).startswith('"warning: Possible spelling mistake found.')
        assert "LanguageTool's findings are on their way." not in page.content()
    finally:
        next(serving, None)


CONTRAST = """() => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  const found = {};
  const selectors = ["mark.sev-warning", "main p", "main a", ".badge.sev-warning", ".where", ".section-meta",
                     ".section-meta .state", ".problem", ".missing-image", "aside code"];
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    if (element) found[selector] = ratio(getComputedStyle(element).color, background(element));
  }
  return found;
}"""


def test_the_export_works_without_javascript_and_its_colours_pass_wcag_aa(run: Run, newsletter: Path, browser) -> None:  # noqa: F811
    sections = newsletter / "issues/2021-01/sections"
    (sections / "zz.md").write_text(
        "---\ntitle: Extra\nauthor: andrew\n---\n\nIt is a very big big error: [link](hhttps://x.org).\n", encoding="utf-8"
    )
    assert run("preview", "2021-01", "--output", "issue.html", cwd=newsletter).returncode == 0
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto((newsletter / "issue.html").as_uri())
        for level in ("error", "warning"):
            mark = page.locator(f"mark.sev-{level}[id]").first
            mark.hover()
            tip = page.evaluate(AFTER, mark.element_handle())
            assert tip.startswith(f'"{level}: '), tip
            # Each severity's highlight, and the tooltip on it, pass AA (4.5:1) for their text.
            colours = page.evaluate(
                "(e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor,"
                " getComputedStyle(e, '::after').color, getComputedStyle(e, '::after').backgroundColor]",
                mark.element_handle(),
            )
            assert _ratio(colours[0], colours[1]) >= 4.5 and _ratio(colours[2], colours[3]) >= 4.5, colours
        ratios = page.evaluate(CONTRAST)
        assert set(ratios) == {
            "mark.sev-warning", "main p", "main a", ".badge.sev-warning", ".where", ".section-meta",
            ".section-meta .state", ".problem", ".missing-image", "aside code",
        }
        assert {selector: ratio for selector, ratio in ratios.items() if ratio < 4.5} == {}
    finally:
        context.close()


def _ratio(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        parts = [float(v) / 255 for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("opened", [True, False])
def test_a_browser_is_opened_only_with_open(newsletter: Path, tmp_path: Path, opened: bool) -> None:
    # Python's webbrowser runs $BROWSER with the address: a script that notes it stands in for one.
    noted = tmp_path / "opened.txt"
    script = tmp_path / "fake-browser"
    script.write_text(f'#!/bin/sh\necho "$1" > {noted}\n', encoding="utf-8")
    script.chmod(0o755)
    options = ("--no-languagetool", "--open") if opened else ("--no-languagetool",)
    serving = _serve(newsletter, tmp_path / ".editorial-cache", *options, BROWSER=str(script))
    server, url = next(serving)
    try:
        deadline = time.monotonic() + 10
        while opened and not noted.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # time enough for a browser that should not open to open
        assert noted.read_text(encoding="utf-8") == url + "\n" if opened else not noted.exists()
        assert server.poll() is None
    finally:
        next(serving, None)


def test_an_issue_that_breaks_while_served_is_said_in_the_page_and_comes_back(newsletter: Path, served) -> None:
    import urllib.request

    _, url = served
    frame = newsletter / "issues/2021-01/issue.md"
    text = frame.read_bytes()

    def content_when(wanted: str) -> str:
        deadline = time.monotonic() + 10
        while True:
            with urllib.request.urlopen(url + "content") as response:
                content = response.read().decode("utf-8")
            if wanted in content or time.monotonic() > deadline:
                return content
            time.sleep(0.05)

    frame.unlink()
    gone = content_when("cannot be shown")
    assert gone == (
        '<main id="issue"><h1>The issue cannot be shown</h1><ul><li class="problem">issues/2021-01/issue.md:'
        " no issue &#x27;2021-01&#x27; (create it with &#x27;editorial new-issue 2021-01&#x27;)</li></ul></main>"
    )
    frame.write_bytes(text)
    assert "The prevalence of MLOps" in content_when("The prevalence of MLOps")


def test_a_port_in_use_is_an_error_naming_it(run: Run, newsletter: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("preview", "2021-01", "--port", str(port), cwd=newsletter, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"--port {port}: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_a_contributors_script_never_runs_but_the_page_does(newsletter: Path, tmp_path: Path, browser) -> None:  # noqa: F811
    (newsletter / "issues/2021-01/sections/zz.md").write_text(
        "---\ntitle: Extra\nauthor: andrew\n---\n\n"
        '<div><script>document.title = "pwned by script";</script>\n'
        '<img src="nowhere.png" onerror="document.title = \'pwned by handler\'"></div>\n\n'
        "It is a very big big error.\n",
        encoding="utf-8",
    )
    served = _serve(newsletter, tmp_path / ".editorial-cache", "--no-languagetool")
    _, url = next(served)
    context = browser.new_context()  # the policy enforced, as in an editor's browser
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.title() == "Preview of Cloudera Fast Forward: 2021-01"
        # The page's own script runs: n moves to the first finding.
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.tagName") == "MARK"
    finally:
        context.close()
        next(served, None)  # past its yield: the server is stopped
