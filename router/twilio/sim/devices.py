"""The phones in the sim: how each answers a ring, and a device's texts and calls."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from typing import Literal, Protocol, Self

from router.twilio.sim.records import OutboundCall, Sms, Texter, TextRecord

Outcome = Literal["answers", "voicemail", "no-answer", "busy", "failed"]
Pattern = str | re.Pattern[str]


class Network(Texter, Protocol):
    """What a device asks of the sim: send its texts, and finish Twilio's pending work."""

    def flush(self) -> None: ...


@dataclass(frozen=True)
class Behaviour:
    """What a phone does when it rings."""

    outcome: Outcome
    presses: tuple[str | None, ...] = ()  # one entry per <Gather>, None = no input
    after_s: float = 5.0  # seconds of ringing before it answers


class Phone:
    """A dialled phone. Its behaviour applies to every ring unless some rings are queued."""

    def __init__(self, number: str) -> None:
        self.number = number
        self.rings = 0
        self.heard: list[str] = []  # every <Say> spoken to this phone when it was called
        self._standing = Behaviour("no-answer")
        self._queue: deque[Behaviour] = deque()

    def _set(self, behaviour: Behaviour, times: int | None) -> Self:
        if times is None:
            self._standing = behaviour
        else:
            self._queue.extend([behaviour] * times)
        return self

    def answers_and_presses(
        self, *digits: str | None, after_s: float = 5.0, times: int | None = None
    ) -> Self:
        """Answers; presses digits[0] at the first <Gather>, digits[1] at the second..."""
        presses = tuple(d or None for d in digits)
        return self._set(Behaviour("answers", presses, after_s), times)

    def voicemail(self, *, after_s: float = 5.0, times: int | None = None) -> Self:
        """A voicemail box: picks up after ringing and never presses anything."""
        return self._set(Behaviour("voicemail", (), after_s), times)

    def no_answer(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("no-answer"), times)

    def busy(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("busy"), times)

    def fails(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("failed"), times)

    def ring(self) -> Behaviour:
        self.rings += 1
        return self._queue.popleft() if self._queue else self._standing


def _describe(sms: Sms) -> str:
    return f"  {sms.at:%H:%M:%S} from {sms.from_}: {sms.body!r}"


class Device(Phone):
    """A phone in the sim: it rings (see Phone) and sends and receives texts.

    Failure modes apply to what the app sends it through Twilio: `opted_out()` and
    `invalid()` refuse REST sends with Twilio's 400 errors, `undeliverable()` accepts them
    and reports `undelivered`, `rate_limited()` and `server_error()` refuse the next sends.
    """

    def __init__(self, number: str, sim: Network) -> None:
        super().__init__(number)
        self.sim = sim
        self.inbox: list[Sms] = []  # delivered and not yet taken by expect_sms
        self.received: list[Sms] = []  # every text ever delivered, read or not
        self.calls: list[OutboundCall] = []  # calls the app placed to it through the REST API
        self.last_texted_by: str | None = None
        self.is_opted_out = False
        self.is_invalid = False
        self.is_undeliverable = False
        self.rate_limits_left = 0
        self.server_errors_left = 0
        self._checked_calls: set[str] = set()

    # ---- failure modes ----------------------------------------------------------------

    def opted_out(self, opted_out: bool = True) -> Self:
        """Texts to it fail with 21610 (REST: HTTP 400; TwiML replies: status failed)."""
        self.is_opted_out = opted_out
        return self

    def invalid(self) -> Self:
        """Not a phone number Twilio can reach: sends fail with 21211."""
        self.is_invalid = True
        return self

    def undeliverable(self) -> Self:
        """Texts are accepted, then reported `undelivered` with ErrorCode 30003."""
        self.is_undeliverable = True
        return self

    def rate_limited(self, *, times: int = 1) -> Self:
        """The next `times` REST requests addressed to it get HTTP 429, code 20429."""
        self.rate_limits_left += times
        return self

    def server_error(self, *, times: int = 1) -> Self:
        """The next `times` REST requests addressed to it get HTTP 503."""
        self.server_errors_left += times
        return self

    # ---- texts -------------------------------------------------------------------------

    def receive(self, sms: Sms) -> None:
        """The carrier hands this phone a text."""
        self.inbox.append(sms)
        self.received.append(sms)
        self.last_texted_by = sms.from_

    def _find(self, substring: str | None, matching: Pattern | None) -> list[Sms]:
        def fits(sms: Sms) -> bool:
            if substring is not None and substring.lower() not in sms.body.lower():
                return False
            return matching is None or re.search(matching, sms.body) is not None

        return [sms for sms in self.inbox if fits(sms)]

    def _listing(self) -> str:
        unread = "\n".join(_describe(sms) for sms in self.inbox) or "  (empty)"
        read = len(self.received) - len(self.inbox)
        return f"inbox of {self.number} ({read} already read):\n{unread}"

    def expect_sms(self, substring: str | None = None, *, matching: Pattern | None = None) -> Sms:
        """Take the oldest unread text containing `substring` (any case) and/or whose body
        matches the regex `matching`; AssertionError listing the inbox if there is none.
        Pending Twilio work is flushed first."""
        self.sim.flush()
        found = self._find(substring, matching)
        if not found:
            wanted = " and ".join(
                part
                for part in (
                    f"containing {substring!r}" if substring is not None else "",
                    f"matching {matching!r}" if matching is not None else "",
                )
                if part
            )
            raise AssertionError(f"no unread text {wanted or 'at all'}; {self._listing()}")
        self.inbox.remove(found[0])
        return found[0]

    def expect_no_sms(
        self, substring: str | None = None, *, matching: Pattern | None = None
    ) -> Self:
        """AssertionError if any unread text (containing `substring`, matching `matching`)."""
        self.sim.flush()
        if self._find(substring, matching):
            raise AssertionError(f"expected no such text; {self._listing()}")
        return self

    def clear(self) -> list[Sms]:
        """Mark every unread text read; returns them, oldest first."""
        self.sim.flush()
        taken, self.inbox = self.inbox, []
        return taken

    def reply(self, body: str) -> TextRecord:
        """Text `body` back to the number that last texted this phone (the practice line)."""
        if self.last_texted_by is None:
            raise AssertionError(f"nobody has texted {self.number}: there is nobody to reply to")
        return self.sim.text(self.number, self.last_texted_by, body)

    def send(self, body: str, *, to: str) -> TextRecord:
        """Text `body` from this phone to `to` (a practice number)."""
        return self.sim.text(self.number, to, body)

    # ---- calls the app placed ------------------------------------------------------------

    def expect_call(self, said: str | None = None) -> OutboundCall:
        """The oldest REST call to this phone not yet expected (whose <Say>s to it contain
        `said`, any case); AssertionError listing the calls if there is none."""
        self.sim.flush()
        for call in self.calls:
            if call.call_sid in self._checked_calls:
                continue
            if said is None or call.said(said):
                self._checked_calls.add(call.call_sid)
                return call
        listing = "\n".join(f"  {call.call_sid} {call.status}: {call.heard}" for call in self.calls)
        wanted = f" in which it heard {said!r}" if said else ""
        raise AssertionError(
            f"no new call to {self.number}{wanted}; calls:\n{listing or '  (none)'}"
        )
