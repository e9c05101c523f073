"""S7 for the pages: an invite link's secret never reaches the access log."""

from __future__ import annotations

import logging

from router.web import access_log


def test_the_access_log_hides_invite_tokens(caplog) -> None:
    access_log.install()
    access_log.install()  # once is enough, twice is harmless
    logger = logging.getLogger("uvicorn.access")
    assert sum(isinstance(f, access_log.HideInviteTokens) for f in logger.filters) == 1
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        logger.info(
            '%s - "%s %s HTTP/%s" %d',
            "127.0.0.1:5000",
            "GET",
            "/invite/s3cret-Token_value?x=1",
            "1.1",
            200,
        )
    assert "s3cret" not in caplog.text
    assert "/invite/…" in caplog.text
