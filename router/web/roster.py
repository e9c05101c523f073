"""`/roster`: an admin uploads the practice's roster file (SPEC §5).

The same checks as `afterhours roster load`: the whole file is validated before anything is
written, every problem is shown with its line, and a bad file changes nothing. An admin loads
only their own practice's file (S8).
"""

from __future__ import annotations

from typing import Annotated, Any

import yaml
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from router.api.deps import SessionDep
from router.roster.parse import RosterError, parse_roster
from router.store.repositories.roster import LoadSummary, apply_roster, known_clinicians
from router.web.deps import AdminStaff, Staff
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

MAX_BYTES = 2_000_000


def _practice_id_in(text: str) -> str | None:
    """The file's practice id before validation (as the CLI reads it), to know its staff."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if isinstance(document, dict) and isinstance(document.get("practice"), dict):
        value = document["practice"].get("id")
        return str(value) if value is not None else None
    return None


def load_file(session: Session, staff: Staff, name: str, data: bytes) -> LoadSummary:
    """Validates and applies the uploaded file in a savepoint: any problem undoes it all."""
    if not data:
        raise RosterError([f"{name}: the file is empty (choose a roster YAML file)"])
    if len(data) > MAX_BYTES:
        raise RosterError([f"{name}: the file is larger than {MAX_BYTES // 1_000_000} MB"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RosterError([f"{name} is not UTF-8 text"]) from None
    practice_id = _practice_id_in(text)
    if practice_id is not None and practice_id != staff.practice.id:
        raise RosterError(
            [
                f"{name}: practice.id {practice_id!r} is not your practice "
                f"({staff.practice.id}); you may load only your own practice's roster"
            ]
        )
    known = known_clinicians(session, staff.practice.id)
    with session.begin_nested():
        roster = parse_roster(text, known_clinicians=known)
        if roster.practice.id != staff.practice.id:  # e.g. an id YAML read as a number
            raise RosterError([f"{name}: practice.id {roster.practice.id!r} is not your practice"])
        return apply_roster(session, roster, actor=staff.member.id)


def _summary_lines(summary: LoadSummary) -> list[str]:
    said = [
        f"Loaded {summary.practice}: {summary.clinicians} staff, {summary.patients} patients, "
        f"{summary.windows} roster windows."
    ]
    for label, names in (
        ("Added", summary.added),
        ("Changed", summary.changed),
        ("Deactivated", summary.deactivated),
    ):
        said.append(f"{label}: {', '.join(names) if names else 'none'}.")
    return said


@router.get("/roster")
def roster_page(request: Request, staff: AdminStaff) -> Response:
    return render(request, "roster.html", {"staff": staff})


@router.post("/roster")
async def upload_roster(
    request: Request,
    session: SessionDep,
    staff: AdminStaff,
    roster: Annotated[UploadFile | None, File()] = None,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    context: dict[str, Any] = {"staff": staff}
    if not staff.csrf_ok(csrf):
        return render(request, "roster.html", context | {"error": FORM_REFUSED}, 403)
    if roster is None or not roster.filename:
        context |= {"error": "roster: choose a roster YAML file to upload", "field": "roster"}
        return render(request, "roster.html", context, 422)
    name = roster.filename[:120]
    data = await roster.read(MAX_BYTES + 1)
    try:
        summary = load_file(session, staff, name, data)
    except RosterError as refused:
        context |= {
            "error": f"{name} was not loaded: nothing changed. Put these right and try again.",
            "field": "roster",
            "problems": refused.problems,
        }
        return render(request, "roster.html", context, 422)
    return render(request, "roster.html", context | {"loaded": _summary_lines(summary)})
