"""The HTML pages in a real headless Chromium: no console error, no network request, a
screenshot, and a printed PDF whose page one is the leaders' page.

Skipped only when Chromium is missing (``.ci/run`` installs Debian's ``chromium`` package).
Network requests are read from Chromium's own net log (``--log-net-log``): a request counts
when it belongs to the page (its network isolation key is the ``file://`` site); the browser's
own update and account checks do not. A control page with a console error and an image from
the network proves that both detectors see what they look for.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = next(
    (p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it)",
)
FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=5000",
]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked for (not file: URLs, not the browser's own traffic)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted(
        {
            p["url"]
            for e in log["events"]
            if e["type"] == start
            and (p := e.get("params", {}))
            and "file://" in str(p.get("network_isolation_key", ""))
            and not str(p.get("url", "")).startswith("file:")
        }
    )


def load(tmp: Path, page: Path) -> tuple[str, list[str], list[str]]:
    """The DOM, the console lines and the page's network requests of loading ``page``."""
    netlog = tmp / f"{page.stem}.netlog"
    run = chromium(tmp, f"--log-net-log={netlog}", "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console, page_requests(netlog)


def write(tmp: Path, *args: str) -> Path:
    out = tmp / "rapport.html"
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", *args, "-o", str(out), "--as-of", "2026-11-27"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return out


def test_the_detectors_see_a_console_error_and_a_request(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><body><script>console.error("boom")</script>'
        '<img src="http://example.invalid/x.png" alt=""></body></html>',
        encoding="utf-8",
    )
    _, console, requests = load(tmp_path, bad)
    assert any('"boom"' in line for line in console)
    assert requests == ["http://example.invalid/x.png"]


def test_report_html_loads_without_console_errors_or_requests(tmp_path: Path) -> None:
    page = write(tmp_path, "report", "inventories/skovlund", "--format", "html")
    dom, console, requests = load(tmp_path, page)
    assert console == []
    assert requests == []
    assert "Digital U-kommune" in dom
    assert dom.count('role="img"') >= 3  # indicators, hot spots, landscape


def test_compare_html_loads_without_console_errors_or_requests(tmp_path: Path) -> None:
    page = write(tmp_path, "compare", "inventories", "--format", "html")
    dom, console, requests = load(tmp_path, page)
    assert (console, requests) == ([], [])
    assert "Skovlund Kommune" in dom


def test_screenshot_and_pdf_with_the_leaders_page_first(tmp_path: Path) -> None:
    page = write(tmp_path, "report", "inventories/havoe", "--format", "html")
    png, pdf = tmp_path / "rapport.png", tmp_path / "rapport.pdf"
    shot = chromium(tmp_path, "--window-size=1280,1800", f"--screenshot={png}", page.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000  # a rendered page, not a blank one
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: page text not checked")
    one, two = (
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in (1, 2)
    )
    # page one is the whole leaders' part: the verdict and why, the path, the five actions, the
    # indicators; the annex starts on page two
    assert "Digital U-kommune" in one
    for head in (
        "1. Konklusion",
        "2. Vejen til A-kommune",
        "3. De fem vigtigste tiltag",
        "4. Modenhedsindikatorer",
    ):
        assert head in one
    assert "Mindst 75 point: ikke opfyldt." in " ".join(one.split())
    assert "Pointene er 65,9 af 100" in one  # the last line of the leaders' part
    assert "5. Dobbeltindtastning" not in one
    assert two.lstrip().startswith("5. Dobbeltindtastning")
