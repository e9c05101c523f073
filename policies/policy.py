"""A practice's policy settings and their defaults (SPEC §5 `policy:`)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


class PolicyError(ValueError):
    """A policy override that cannot be used; the message names the key and the value."""


@dataclass(frozen=True)
class PracticePolicy:
    ring_timeout_s: int = 20  # how long each clinician's phone rings
    screen_timeout_s: int = 8  # how long a clinician has to press 1
    sms_ack_timeout_s: int = 600  # how long a relayed text waits for a reply
    high_risk_ack_timeout_s: int = 180  # the same, for a text that reads as high risk
    callback_minutes: int = 15  # what patients are told to expect
    follow_up_hour: int = 8  # follow-ups are due at this hour on the next weekday
    texts_per_minute: int = 5  # replies and relays one number gets before floods are damped
    session_idle_timeout_s: int = 900  # a signed-in page session ends after this long idle
    safety_check_timeout_s: int = 300  # no answer to "Are you safe right now?": high risk

    def overridden(self, overrides: dict[str, Any]) -> PracticePolicy:
        return replace(self, **validate_overrides(overrides))


_LIMITS: dict[str, tuple[int, int]] = {
    "ring_timeout_s": (5, 60),
    "screen_timeout_s": (3, 30),
    "sms_ack_timeout_s": (30, 86_400),
    "high_risk_ack_timeout_s": (30, 86_400),
    "callback_minutes": (1, 1_440),
    "follow_up_hour": (0, 23),
    "texts_per_minute": (1, 600),
    "session_idle_timeout_s": (60, 43_200),
    "safety_check_timeout_s": (30, 3_600),
}


def validate_overrides(overrides: dict[str, Any]) -> dict[str, int]:
    known = {field.name for field in fields(PracticePolicy)}
    clean: dict[str, int] = {}
    for key, value in overrides.items():
        if key not in known:
            raise PolicyError(f"unknown policy setting {key!r} (known: {', '.join(sorted(known))})")
        if isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError(f"{key} must be a whole number, not {value!r}")
        low, high = _LIMITS[key]
        if not low <= value <= high:
            raise PolicyError(f"{key} must be between {low} and {high}, not {value!r}")
        clean[key] = value
    return clean


def policy_for(overrides: dict[str, Any] | None) -> PracticePolicy:
    return PracticePolicy().overridden(overrides or {})
