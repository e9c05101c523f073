"""Every phone number passes through phonenumbers and is kept in E.164."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat


class InvalidPhoneNumber(ValueError):
    pass


def region_of(e164_numbers: list[str], default: str = "US") -> str:
    """The region a practice's local-format numbers are read in: that of its first number."""
    for number in e164_numbers:
        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
        except NumberParseException:
            continue
        if region and region != "ZZ":
            return region
    return default


def to_e164(text: str, region: str = "US") -> str:
    """A number a person wrote, in any form phonenumbers reads, or InvalidPhoneNumber."""
    try:
        parsed = phonenumbers.parse(str(text), region)
    except NumberParseException as exc:
        raise InvalidPhoneNumber(f"{text!r} is not a phone number") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhoneNumber(f"{text!r} is not a valid phone number")
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)


@lru_cache(maxsize=65536)
def caller_e164(raw: str | None, region: str = "US") -> str | None:
    """A caller id as Twilio sent it, or None when withheld, anonymous or unreadable."""
    if not raw:
        return None
    try:
        parsed = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
