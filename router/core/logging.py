"""Application logging, as JSON lines. S7: ids and event types only; never numbers, names or
text bodies.

A log call's format string is the event type (code's own words); of its arguments only what
reads as an id or a code word is written: ints, Twilio sids, tokens with a digit or one of
`_-:./` (contact, clinician and job ids), exception class names. Anything else (a phone
number, a name, a message body, a sentence) is written as "[redacted]". An exception is
written as its class and where it was raised, never its message: database errors quote the
SQL parameters they failed on.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

REDACTED = "[redacted]"
# Fields a log call may pass in `extra=`, written under the same rule as the arguments.
ID_FIELDS = (
    "contact",
    "contact_id",
    "call_sid",
    "message_sid",
    "clinician",
    "clinician_id",
    "practice",
    "practice_id",
    "step",
    "job_id",
    "reason",
    "kind",
    "status",
)

_SID = re.compile(r"[A-Z]{2}[0-9a-fA-F]{32}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,79}")
_MARKS = re.compile(r"[0-9_.:/-]")
_EXCEPTION = re.compile(r"[A-Z][A-Za-z0-9]*(Error|Exception|Exit|Timeout|Interrupt|Warning)")
_CODE_WORDS = frozenset({"timeout", "voice", "sms", "call", "unknown", "open", "none"})


def loggable(value: object) -> object:
    """`value` if it is an id or a code word, else REDACTED."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if not isinstance(value, str):
        return REDACTED
    if value == "" or _SID.fullmatch(value) or _EXCEPTION.fullmatch(value):
        return value
    if value in _CODE_WORDS:
        return value
    if _ID.fullmatch(value) and _MARKS.search(value) and not _phone_like(value):
        return value
    return REDACTED


def _phone_like(value: str) -> bool:
    digits = sum(c.isdigit() for c in value)
    return digits >= 7 and digits * 2 > len(value)


def _event(record: logging.LogRecord) -> str:
    template = str(record.msg)
    args = record.args
    if not args:
        return template
    values: tuple[Any, ...] | dict[str, Any]
    if isinstance(args, dict):
        values = {key: loggable(value) for key, value in args.items()}
    else:
        values = tuple(loggable(value) for value in args)
    try:
        return template % values
    except (TypeError, ValueError):
        return template


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, event, ids, and an exception's class."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": _event(record),
        }
        for field in ID_FIELDS:
            if field in record.__dict__:
                line[field] = loggable(record.__dict__[field])
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line["error"] = type(error).__name__
            traceback = error.__traceback__
            while traceback is not None and traceback.tb_next is not None:
                traceback = traceback.tb_next
            if traceback is not None:
                code = traceback.tb_frame.f_code
                line["where"] = f"{code.co_filename.rsplit('/', 1)[-1]}:{traceback.tb_lineno}"
        return json.dumps(line, ensure_ascii=True)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # The twilio SDK logs request parameters (numbers, message bodies) at INFO.
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)
    # httpx logs every request URL at INFO; ours carry only opaque ids, but keep it quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # SQL statements and their parameters are never logged, whatever echo says.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
