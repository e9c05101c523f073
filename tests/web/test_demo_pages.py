"""`make demo` ends by serving the staff pages over the night's data: a newcomer signs in
with the printed password and the code printed as the router's outbound text."""

from __future__ import annotations

import io
import re
import threading
import time
from contextlib import redirect_stdout

import httpx
import pytest

from tests.accounts.staff import csrf_of


class Tee(io.StringIO):
    """stdout for the demo's thread, readable while it runs."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()

    def write(self, text: str) -> int:
        with self.lock:
            return super().write(text)

    def text(self) -> str:
        with self.lock:
            return self.getvalue()


def wait_for(out: Tee, pattern: str, timeout: float = 120) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, out.text())
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"the demo never printed {pattern!r}:\n{out.text()[-2000:]}")


def test_the_demo_serves_the_pages_and_a_supervisor_signs_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from router.core import clock
    from router.core.db import reset_caches
    from router.demo import night

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERHOURS_DEMO_SERVE_S", "300")
    out = Tee()
    result: list[int] = []

    def run() -> None:
        with redirect_stdout(out):
            result.append(night.play())

    player = threading.Thread(target=run, daemon=True)
    player.start()
    try:
        base = wait_for(out, r"over this night's data, at (http://127\.0\.0\.1:\d+)/login").group(1)
        password = wait_for(out, r"staff id sup-ortiz, password (\S+)").group(1)
        wait_for(out, r"Serving for 300 seconds")
        with httpx.Client(base_url=base) as browser:
            form = browser.get("/login")
            step = browser.post(
                "/login",
                data={"user": "sup-ortiz", "password": password, "csrf": csrf_of(form.text)},
            )
            assert step.status_code == 303, step.text
            code = wait_for(out, r'router texts supervisor Ortiz: "[^"]*?(\d{6})').group(1)
            page = browser.get("/login/code")
            home = browser.post(
                "/login/code",
                data={"code": code, "csrf": csrf_of(page.text)},
                follow_redirects=True,
            )
            assert "Supervisor home" in home.text
            log = browser.get("/contacts")
            assert log.status_code == 200
            assert "7 contacts" in log.text
    finally:
        night.stop_serving.set()
        player.join(timeout=60)
        clock.set_source(None)
        reset_caches()
    assert result == [0]
    assert "the demo is over" in out.text()
    assert list(tmp_path.iterdir()) == []


def test_a_serving_time_that_is_not_seconds_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from router.demo import night

    monkeypatch.setenv("AFTERHOURS_DEMO_SERVE_S", "a minute")
    with pytest.raises(SystemExit, match="AFTERHOURS_DEMO_SERVE_S 'a minute' is not a number"):
        night.play()
