"""Rendering pages: Jinja2 templates, with headers that keep a clinic's pages private."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def local_time(at: datetime | None, zone: str, style: str = "%a %d %b %H:%M") -> str:
    """An instant as the practice's wall clock reads it: "Wed 25 Nov 21:05"."""
    return "" if at is None else at.astimezone(ZoneInfo(zone)).strftime(style)


templates.env.filters["local"] = local_time

PAGE_HEADERS = {
    # Pages hold patients' data: never cached, never framed, links never carry a Referer
    # (an invite token is in its URL), no script at all.
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    response.headers.update(PAGE_HEADERS)
    return response
