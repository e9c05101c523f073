"""`make demo` plays a night against the real app: keep it working."""

from __future__ import annotations

import pytest


def test_the_demo_night_plays_through_and_prints_the_contact_log(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from router.core import clock
    from router.core.db import reset_caches
    from router.demo.night import play

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERHOURS_DEMO_SERVE_S", "0")  # tests/web/test_demo_pages.py serves
    try:
        assert play() == 0
    finally:
        clock.set_source(None)
        reset_caches()
    out = capsys.readouterr().out
    assert "router rings Dr Lee: answered, pressed 1, bridged" in out
    assert "answered but nobody pressed 1 (voicemail) - not bridged, moving on" in out
    assert "a crisis counselor answered" in out
    assert "connected to Dr Kim (duty)" in out
    assert "we could not reach a clinician" in out
    assert "router calls Dr Patel (page" in out
    assert "7 contacts (calls and texts)" in out
    assert "supervisor Lena Ortiz: staff id sup-ortiz, password demo-" in out
    assert list(tmp_path.iterdir()) == []  # the demo leaves nothing behind
