"""`afterhours demo`: one night at a fictional clinic, played against the real app.

It starts the web app on a local port with its own SQLite database, loads the demo roster,
and places calls through the Twilio simulator (router.twilio.sim), which signs every
webhook with the app's own development token and follows the TwiML the app answers.
"""

from __future__ import annotations

import os
import secrets
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import uvicorn

from policies.vocabulary import MessageKind
from router.accounts import invites
from router.app import create_app
from router.core import clock
from router.core.db import reset_caches, session_scope
from router.core.jobs import InProcessQueue, get_queue
from router.core.settings import get_settings
from router.roster.parse import parse_roster
from router.store.migrate import upgrade
from router.store.repositories import messages as message_log
from router.store.repositories import tokens
from router.store.repositories.roster import apply_roster
from router.twilio.signature import webhook_token
from router.twilio.sim import CallRecord, TwilioSim

ROSTER = Path(__file__).with_name("riverside.yaml")
ZONE = ZoneInfo("America/New_York")
PRACTICE = "riverside"

PRACTICE_LINE = "+16175550100"
LEE, PATEL, KIM = "+16175550101", "+16175550102", "+16175550103"
SAM, ALEX, JO, UNKNOWN = "+16175550199", "+16175550198", "+16175550197", "+16175550142"
CRISIS_LINE = "+18002738255"
PATIENTS = {SAM: "Sam", ALEX: "Alex", JO: "Jo", UNKNOWN: "the unknown number"}
SUPERVISOR = "+16175550104"
NAMES = {
    LEE: "Dr Lee",
    PATEL: "Dr Patel",
    KIM: "Dr Kim (duty)",
    CRISIS_LINE: "the crisis line",
    SUPERVISOR: "supervisor Ortiz",
}
# After the night, the pages are served for this long (seconds; 0 skips it, as tests do).
SERVE_ENV = "AFTERHOURS_DEMO_SERVE_S"
SERVE_DEFAULT_S = 60.0
MORNING = "2026-11-26T08:30"
SIGN_IN_AS = (("supervisor", "sup-ortiz", "Lena Ortiz"), ("clinician", "dr-lee", "Dana Lee"))
stop_serving = threading.Event()  # set it to end the serving early (Ctrl-C does too)


def serve_seconds() -> float:
    """How long to serve the pages after the night: AFTERHOURS_DEMO_SERVE_S, default 60."""
    raw = os.environ.get(SERVE_ENV, "").strip()
    if not raw:
        return SERVE_DEFAULT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise SystemExit(f"afterhours: {SERVE_ENV} {raw!r} is not a number of seconds (0-86400)")
    return seconds


def _local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(UTC)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _environment(workdir: Path, port: int) -> Iterator[None]:
    values = {
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.db'}",
        "SPOOL_PATH": str(workdir / "demo.spool"),
        "DEV_TOKEN_PATH": str(workdir / "dev-token"),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "TWILIO_AUTH_TOKEN": "",
        "TWILIO_ACCOUNT_SID": "",
        "REDIS_URL": "",
        # The demo moves its own clock and runs due jobs itself, so that output is in order.
        "EMBEDDED_QUEUE_POLL_S": "0",
    }
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _serving(port: int) -> Iterator[None]:
    server = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("afterhours: the demo's web app did not start")
        time.sleep(0.05)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=5)


class Night:
    def __init__(self, http: httpx.Client, token: str, port: int) -> None:
        self.at = _local("2026-11-25T21:05")
        clock.set_source(lambda: self.at)
        self.sim = TwilioSim(http, token, f"http://127.0.0.1:{port}")
        self.http = http
        self.shown: set[str] = set()

    def scene(self, when: str, title: str) -> None:
        self.at = _local(when)
        print(f"\n{when[11:16]}  {title}")

    def advance(self, minutes: int) -> None:
        self.at += timedelta(minutes=minutes)
        queue = get_queue()
        if isinstance(queue, InProcessQueue):
            queue.run_due()
        print(f"       ... {minutes} minutes pass ({self.at.astimezone(ZONE):%H:%M})")
        self.show_outbound()

    def text(self, sender: str, body: str) -> None:
        record = self.sim.text(sender, PRACTICE_LINE, body)
        print(f'       patient texts: "{body}"')
        for reply in record.replies:
            print(f'       patient gets back at once: "{reply.body}"')
        self.show_outbound()

    def clinician_texts(self, clinician: str, body: str) -> None:
        record = self.sim.device(clinician).send(body, to=PRACTICE_LINE)
        print(f'       {NAMES[clinician]} texts back: "{body}"')
        for reply in record.replies:
            print(f'       {NAMES[clinician]} gets back: "{reply.body}"')
        self.show_outbound()

    def show_outbound(self) -> None:
        """Prints the texts and calls the router sent since last time (simulated here)."""
        with session_scope() as session:
            rows = message_log.messages(
                session, PRACTICE, contact_id=None, kind=None, limit=10_000
            )[::-1]
            fresh = [r for r in rows if r.id not in self.shown]
            for row in fresh:
                self.shown.add(row.id)
                who = NAMES.get(row.to_number, PATIENTS.get(row.to_number, row.to_number))
                if row.kind == MessageKind.CALL:
                    print(
                        f"       router calls {who} (page: urgent text, press 1 to connect)"
                        f" [{row.status}]"
                    )
                else:
                    print(f'       router texts {who}: "{row.body}" [{row.status}]')

    def call(self, caller: str, **phones: Any) -> CallRecord:
        record = self.sim.call(caller, PRACTICE_LINE)
        heard = record.heard_by_caller
        if heard:
            print(f'       caller hears: "{heard[0]}"')
        for leg in record.legs:
            who = NAMES.get(leg.number, leg.number)
            outcome = _describe(leg.outcome)
            if leg.number == CRISIS_LINE and leg.outcome == "bridged":
                outcome = "a crisis counselor answered"
            print(f"       router rings {who}: {outcome}")
        if record.bridged_to:
            print(f"       -> connected to {NAMES.get(record.bridged_to, record.bridged_to)}")
        else:
            print("       -> nobody connected")
        self.at += timedelta(seconds=record.duration)
        return record


def _describe(outcome: str) -> str:
    return {
        "bridged": "answered, pressed 1, bridged",
        "screened-out": "answered but nobody pressed 1 (voicemail) - not bridged, moving on",
        "no-answer": "no answer, moving on",
        "busy": "busy, moving on",
        "failed": "call failed, moving on",
        "canceled": "caller hung up",
    }.get(outcome, outcome)


def play() -> int:
    serve_s = serve_seconds()
    with tempfile.TemporaryDirectory(prefix="afterhours-demo-") as tmp:
        workdir = Path(tmp)
        port = _free_port()
        with _environment(workdir, port):
            reset_caches()
            settings = get_settings()
            upgrade(settings.database_url)
            with session_scope() as session:
                summary = apply_roster(session, parse_roster(ROSTER.read_text()), actor="demo")
                supervisor_token = tokens.issue(session, "sup-ortiz")
            print("afterhours demo: one night at Riverside DBT Clinic (all people fictional)")
            print(
                "no Twilio credentials here: outbound texts and calls are recorded as "
                "'simulated', not sent"
            )
            print(
                f"roster loaded: {summary.clinicians} staff, {summary.patients} patients, "
                f"{summary.windows} on-call windows; webhooks signed with this machine's "
                "development token"
            )
            with _serving(port), httpx.Client(base_url=settings.public_base_url) as http:
                night = Night(http, webhook_token(settings), port)
                _play(night)
                _print_log(http, supervisor_token)
                _serve_pages(night, settings.public_base_url, serve_s)
            reset_caches()
    return 0


def _play(night: Night) -> None:
    """The night, in order: calls and texts as they come in."""
    sim = night.sim
    night.scene("2026-11-25T21:05", "Sam calls. Dr Lee is first on Sam's care team and on call.")
    sim.phone(LEE).answers_and_presses("1", times=1)
    night.call(SAM)

    night.scene("2026-11-25T21:15", "Sam texts. Dr Lee answers by text.")
    night.text(SAM, "Rough night. Can someone text me back?")
    night.clinician_texts(LEE, "Hi Sam, it's Dana. I'm here - want me to call?")

    night.scene("2026-11-25T21:40", "Alex calls. Dr Lee's phone goes to voicemail.")
    sim.phone(LEE).voicemail(times=1)
    sim.phone(PATEL).answers_and_presses("1", times=1)
    night.call(ALEX)

    night.scene("2026-11-25T22:05", "Jo texts. Dr Patel does not answer the text.")
    night.text(JO, "can't sleep, feeling really low")
    night.advance(10)

    night.scene("2026-11-25T23:30", "Jo calls. Dr Patel is on call but does not answer.")
    sim.phone(PATEL).no_answer(times=1)
    sim.phone(KIM).no_answer(times=1)
    sim.phone(CRISIS_LINE).answers_and_presses(times=1)
    night.call(JO)

    night.scene("2026-11-25T23:40", "Alex texts something that reads as high risk.")
    night.text(ALEX, "I took 20 of my pills")
    night.clinician_texts(PATEL, "Alex, I'm calling you right now. Please pick up.")
    night.clinician_texts(PATEL, "#2 Alex, I'm calling you right now. Please pick up.")

    night.scene("2026-11-26T02:10", "A number the clinic does not know calls.")
    sim.phone(KIM).answers_and_presses("1", times=1)
    night.call(UNKNOWN)


def _print_log(http: httpx.Client, token: str) -> None:
    response = http.get("/api/v1/contacts", headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    contacts = sorted(response.json(), key=lambda c: c["started_at"])
    print("\nContact log for the morning (GET /api/v1/contacts, as supervisor Lena Ortiz):")
    header = f"{'time':<6} {'via':<5} {'patient':<9} {'outcome':<12} {'connected to':<13} follow-up"
    print(header)
    print("-" * 78)
    for contact in contacts:
        started = datetime.fromisoformat(contact["started_at"]).astimezone(ZONE)
        follow = contact["follow_up"] or {}
        due = datetime.fromisoformat(follow["due"]).astimezone(ZONE) if follow else None
        follow_text = (
            f"{follow.get('assignee') or 'supervisors'} by {due:%a %H:%M}"
            + (" URGENT" if follow.get("urgent") else "")
            if due
            else "-"
        )
        print(
            f"{started:%H:%M}  {contact['channel']:<5} {contact['patient'] or 'unknown':<9} "
            f"{contact['outcome']:<12} "
            f"{contact['connected_to'] or '-':<13} {follow_text}"
        )
        steps = " > ".join(
            event["type"] + (f"({event['clinician']})" if "clinician" in event else "")
            for event in contact["events"]
        )
        print(f"       {steps}")
    print(
        f"\n{len(contacts)} contacts (calls and texts), each logged once with every step; "
        "this read was audited."
    )


def _serve_pages(night: Night, base: str, seconds: float) -> None:
    """The morning after: the staff pages over the night's data, with a password for the
    supervisor and a clinician; the texted sign-in code shows up as an outbound text."""
    morning, started = _local(MORNING), time.monotonic()
    clock.set_source(lambda: morning + timedelta(seconds=time.monotonic() - started))
    passwords = {}
    with session_scope() as session:
        for _, user_id, _ in SIGN_IN_AS:
            password = "demo-" + secrets.token_urlsafe(12)
            link = invites.invite(session, user_id, clock.now(), actor="demo").link
            invites.set_password(session, link.rsplit("/", 1)[1], password, password, clock.now())
            passwords[user_id] = password
    _run_due_jobs()
    night.shown.update(_message_ids())  # the night's texts were printed already
    print(f"\nThe staff pages, over this night's data, at {base}/login")
    for role, user_id, name in SIGN_IN_AS:
        print(f"  {role:<10} {name}: staff id {user_id}, password {passwords[user_id]}")
    print(
        "  After the password, the site texts a 6-digit code to that person's phone: here it\n"
        "  is printed below as the router's outbound text (and is in the message log,\n"
        "  GET /api/v1/messages, as 'simulated'). The supervisor sees the contact log, the\n"
        "  follow-up queue and the coverage view; the clinician her on-call week."
    )
    if seconds <= 0:
        print(f"  (not served: {SERVE_ENV}=0)")
        return
    print(f"  Serving for {seconds:g} seconds; Ctrl-C stops sooner.")
    deadline = time.monotonic() + seconds
    stop_serving.clear()
    try:
        while time.monotonic() < deadline:
            if stop_serving.wait(min(0.5, max(0.0, deadline - time.monotonic()))):
                break
            _run_due_jobs()
            night.show_outbound()
    except KeyboardInterrupt:
        print("\n  stopped")
    print("the demo is over: its database is deleted")


def _run_due_jobs() -> None:
    queue = get_queue()
    if isinstance(queue, InProcessQueue):
        queue.run_due()


def _message_ids() -> set[str]:
    with session_scope() as session:
        rows = message_log.messages(session, PRACTICE, contact_id=None, kind=None, limit=10_000)
        return {row.id for row in rows}
