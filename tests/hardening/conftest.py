"""Hostile probes (issue 11): what an attacker or a careless operator sends the app."""

from __future__ import annotations

# Query strings that satisfy each webhook's own parameters, so a probe reaches its body.
_QUERY = {
    "/twilio/voice/screen": "c=ct-none&n=0",
    "/twilio/voice/screen/answer": "c=ct-none&n=0",
    "/twilio/voice/next": "c=ct-none&n=0",
    "/twilio/voice/crisis": "c=ct-none&a=1",
    "/twilio/voice/page": "m=msg-none",
    "/twilio/voice/page/answer": "m=msg-none",
    "/twilio/voice/page/status": "m=msg-none",
}


def webhook_urls() -> list[str]:
    """Every Twilio webhook the app serves, read from the app itself (a new one is probed too)."""
    from router.app import create_app

    schema = create_app().openapi()["paths"]
    paths = sorted(
        path for path, ops in schema.items() if path.startswith("/twilio") and "post" in ops
    )
    assert len(paths) >= 12, paths
    return [f"{path}?{_QUERY[path]}" if path in _QUERY else path for path in paths]


WEBHOOKS = webhook_urls()
