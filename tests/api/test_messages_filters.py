"""`GET /api/v1/messages` refuses a filter it does not know, as the other endpoints do."""

from __future__ import annotations

from tests.api.staff import bearer


def test_an_unknown_message_filter_is_refused_naming_it(client, roster) -> None:
    headers = bearer("sup-ortiz")
    refused = client.get("/api/v1/messages", params={"x": "1"}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "x"]
    assert "x '1' is not a filter here" in refused.json()["detail"][0]["msg"]
    known = client.get("/api/v1/messages", params={"kind": "sms", "limit": 5}, headers=headers)
    assert known.status_code == 200
