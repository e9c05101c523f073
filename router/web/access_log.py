"""The web server's access log never shows an invite link's secret."""

from __future__ import annotations

import logging
import re

_INVITE = re.compile(r"(/invite/)[^/?\s]+")


class HideInviteTokens(logging.Filter):
    """uvicorn logs each request's path; /invite/<token> becomes /invite/…"""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _INVITE.sub(r"\1…", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = _INVITE.sub(r"\1…", record.msg)
        return True


def install() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, HideInviteTokens) for f in access.filters):
        access.addFilter(HideInviteTokens())
