"""An async httpx load generator for signed Twilio webhooks (loopback only).

Every cell is bounded in count and in time. A unit is one request, or for the screened call
the four requests of one call in order (voice, screen, answer with Digits=1, next).
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
import xml.etree.ElementTree as ET
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import httpx
from twilio.request_validator import RequestValidator

from router.texts import wording

ACCOUNT = "AC" + "0" * 32
# The start of the text fail-safe's reply (router.texts.wording "failsafe"), XML-escaped.
SMS_FAILSAFE = escape(wording.reply("failsafe", "en"))[:40]
TEXT_BODY = "Hi, could someone call me back tonight? Things are hard today."


class UnitFailed(Exception):
    pass


@dataclass
class Cell:
    target: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)  # seconds, one per unit
    elapsed: float = 0.0
    errors: int = 0
    failsafe: int = 0  # voice answers that were the crisis-line fail-safe (deadline passed)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


class Signer:
    def __init__(self, token: str, base_url: str) -> None:
        self.validator = RequestValidator(token)
        self.base = base_url.rstrip("/")

    def headers(self, path_and_query: str, params: dict[str, str]) -> dict[str, str]:
        signature = self.validator.compute_signature(self.base + path_and_query, params)
        return {"X-Twilio-Signature": signature}


class Target(ABC):
    """Builds and checks the requests of one kind of unit against one server."""

    def __init__(
        self, name: str, client: httpx.AsyncClient, signer: Signer, to: str, callers: list[str]
    ) -> None:
        self.name = name
        self.client = client
        self.signer = signer
        self.to = to
        self._callers: Iterator[str] = itertools.cycle(callers)
        self.failsafe = 0

    async def post(self, path_and_query: str, params: dict[str, str]) -> str:
        response = await self.client.post(
            path_and_query, data=params, headers=self.signer.headers(path_and_query, params)
        )
        if response.status_code != 200:
            raise UnitFailed(f"{path_and_query.split('?')[0]}: HTTP {response.status_code}")
        return response.text

    def caller(self) -> str:
        return next(self._callers)

    @abstractmethod
    async def unit(self) -> None:
        """One unit of load: the request(s) it is made of, checked."""


def clinician_leg_params(sid: str, practice_number: str, clinician: str) -> dict[str, str]:
    """What Twilio posts for the clinician's leg of a call (the screening URL and its Gather)."""
    return {
        "AccountSid": ACCOUNT,
        "CallSid": "CA" + uuid.uuid4().hex,
        "ParentCallSid": sid,
        "CallStatus": "in-progress",
        "Direction": "outbound-api",
        "From": practice_number,
        "To": clinician,
    }


def voice_params(sid: str, caller: str, to: str) -> dict[str, str]:
    return {
        "AccountSid": ACCOUNT,
        "ApiVersion": "2010-04-01",
        "CallSid": sid,
        "CallStatus": "ringing",
        "Called": to,
        "Caller": caller,
        "Direction": "inbound",
        "From": caller,
        "To": to,
    }


class FloorTarget(Target):
    async def unit(self) -> None:
        sid = "CA" + uuid.uuid4().hex
        body = await self.post("/twilio/voice", voice_params(sid, self.caller(), self.to))
        if "<Dial" not in body:
            raise UnitFailed("floor: no Dial")


class VoiceTarget(Target):
    async def unit(self) -> None:
        sid = "CA" + uuid.uuid4().hex
        body = await self.post("/twilio/voice", voice_params(sid, self.caller(), self.to))
        if "/twilio/voice/next" not in body:
            if "<Dial" in body:
                self.failsafe += 1
                return
            raise UnitFailed("voice: no Dial")


def _dial_urls(body: str) -> tuple[str, str, str]:
    """(screen url, next url, clinician number) of the first clinician <Dial>."""
    root = ET.fromstring(body)
    for dial in root.iter("Dial"):
        number = dial.find("Number")
        action = dial.get("action") or ""
        if number is not None and number.get("url") and action.startswith("/twilio/voice/next"):
            return number.get("url") or "", action, (number.text or "").strip()
    raise LookupError("no clinician Dial")


class ScreenedCallTarget(Target):
    """voice -> screen -> answer (Digits=1) -> next, as Twilio would post them."""

    async def unit(self) -> None:
        sid = "CA" + uuid.uuid4().hex
        caller = self.caller()
        body = await self.post("/twilio/voice", voice_params(sid, caller, self.to))
        try:
            screen_url, next_url, clinician = _dial_urls(body)
        except (LookupError, ET.ParseError):
            if "<Dial" in body:
                self.failsafe += 1
                return
            raise UnitFailed("call: no clinician Dial") from None
        leg = clinician_leg_params(sid, self.to, clinician)
        body = await self.post(screen_url, leg)
        root = ET.fromstring(body)
        gather = next(root.iter("Gather"), None)
        if gather is None or not gather.get("action"):
            raise UnitFailed("screen: no Gather")
        body = await self.post(gather.get("action") or "", leg | {"Digits": "1"})
        if "Connecting" not in body:
            raise UnitFailed("answer: not bridged")
        done = voice_params(sid, caller, self.to) | {
            "CallStatus": "in-progress",
            "DialCallSid": leg["CallSid"],
            "DialCallStatus": "completed",
            "DialBridged": "true",
            "DialCallDuration": "60",
        }
        body = await self.post(next_url, done)
        if "<Hangup" not in body:
            raise UnitFailed("next: no Hangup")


class SmsTarget(Target):
    async def unit(self) -> None:
        params = {
            "AccountSid": ACCOUNT,
            "ApiVersion": "2010-04-01",
            "MessageSid": "SM" + uuid.uuid4().hex,
            "SmsSid": "",
            "From": self.caller(),
            "To": self.to,
            "Body": TEXT_BODY,
            "NumMedia": "0",
            "NumSegments": "1",
        }
        params["SmsSid"] = params["MessageSid"]
        body = await self.post("/twilio/sms", params)
        if "<Message" not in body:
            raise UnitFailed("sms: no Message")
        if SMS_FAILSAFE in body:
            self.failsafe += 1


async def run_cell(
    unit: Callable[[], Awaitable[None]],
    *,
    target: str,
    concurrency: int,
    count: int,
    time_cap_s: float,
) -> Cell:
    """`count` units through `concurrency` workers, stopping early at `time_cap_s`."""
    cell = Cell(target, concurrency)
    issued = 0
    started = time.perf_counter()
    stop_at = started + time_cap_s

    async def worker() -> None:
        nonlocal issued
        while issued < count and time.perf_counter() < stop_at:
            issued += 1
            t0 = time.perf_counter()
            try:
                await unit()
            except (UnitFailed, httpx.HTTPError, ET.ParseError):
                cell.errors += 1
                continue
            cell.latencies.append(time.perf_counter() - t0)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    cell.elapsed = time.perf_counter() - started
    return cell


def client_for(base_url: str, connections: int = 64) -> httpx.AsyncClient:
    if urlsplit(base_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the bench only drives servers on this machine (loopback)")
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(15.0),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=64),
    )
