"""How Twilio signs a webhook: X-Twilio-Signature over the URL and the form fields."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from twilio.request_validator import RequestValidator

Params = Mapping[str, str] | Iterable[tuple[str, str]]


class FormFields:
    """Form fields as the SDK validator reads them: repeated names keep every value."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._pairs = list(pairs)

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)

    def getall(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]


def sign(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """The X-Twilio-Signature Twilio would send for a POST of `params` to `url`."""
    return str(RequestValidator(auth_token).compute_signature(url, FormFields(params)))


def as_pairs(params: Params) -> list[tuple[str, str]]:
    """Form fields in order, as strings; a mapping gives one field per key."""
    items = params.items() if isinstance(params, Mapping) else params
    return [(str(name), str(value)) for name, value in items]


def first_values(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each field's first value, as Twilio reads a form with repeated names."""
    values: dict[str, str] = {}
    for name, value in pairs:
        values.setdefault(name, value)
    return values
