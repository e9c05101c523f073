"""Sign-in pages: /login (password, then the texted code), /logout, /invite/<token>."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from router.accounts import invites, sessions, signin
from router.accounts.errors import AccountError
from router.api.deps import SessionDep
from router.core import clock
from router.web import forms
from router.web.deps import SIGN_IN, CurrentStaff, Staff, signed_in_staff
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

# Messages a redirect may name (?m=...): fixed texts, so that no one can put words on the page.
NOTICES = {
    "signed-out": "You are signed out.",
    "password-set": "Your password is set. Sign in with it now.",
    "expired": "Your sign-in code expired or was used. Sign in again.",
}
FORM_REFUSED = (
    "This form had expired or did not come from this site, so nothing was done. "
    "Reload the page and try again (cookies must be allowed for this site)."
)
OptionalStaff = Annotated[Staff | None, Depends(signed_in_staff)]


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _presign_page(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """A page with a pre-sign-in form: its double-submit cookie is set if missing."""
    cookie, new = forms.form_cookie(request)
    response = render(
        request, template, context | {"csrf": forms.presign_token(cookie)}, status_code
    )
    if new:
        forms.set_cookie(response, forms.FORM_COOKIE, cookie)
    return response


@router.get("/login")
def login_page(request: Request, staff: OptionalStaff, m: str = "") -> Response:
    if staff is not None:
        return _redirect("/")
    return _presign_page(request, "login.html", {"notice": NOTICES.get(m), "user": ""})


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    user: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not forms.presign_ok(request, csrf):
        return _presign_page(request, "login.html", {"error": FORM_REFUSED, "user": ""}, 403)
    try:
        token = signin.start(session, user, password, clock.now())
    except AccountError as refused:
        status = 429 if refused.field == "user" else 401
        context = {"error": refused.message, "field": refused.field, "user": user.strip()[:64]}
        return _presign_page(request, "login.html", context, status)
    response = _redirect("/login/code")
    max_age = int(signin.CODE_LIFETIME.total_seconds())
    forms.set_cookie(response, forms.SIGN_IN_COOKIE, token, max_age=max_age)
    return response


@router.get("/login/code")
def code_page(request: Request, session: SessionDep) -> Response:
    token = request.cookies.get(forms.SIGN_IN_COOKIE, "")
    if not token or signin.pending(session, token, clock.now()) is None:
        return _redirect(SIGN_IN)
    return _presign_page(request, "login_code.html", {})


@router.post("/login/code")
def enter_code(
    request: Request,
    session: SessionDep,
    code: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not forms.presign_ok(request, csrf):
        return _presign_page(request, "login_code.html", {"error": FORM_REFUSED}, 403)
    token = request.cookies.get(forms.SIGN_IN_COOKIE, "")
    try:
        _, session_token = signin.finish(session, token, code, clock.now())
    except AccountError as refused:
        if signin.pending(session, token, clock.now()) is None:
            response: Response = _presign_page(
                request, "login.html", {"error": refused.message, "user": ""}, 401
            )
            forms.clear_cookie(response, forms.SIGN_IN_COOKIE)
            return response
        return _presign_page(request, "login_code.html", {"error": refused.message}, 401)
    response = _redirect("/")
    forms.clear_cookie(response, forms.SIGN_IN_COOKIE)
    forms.set_cookie(response, forms.SESSION_COOKIE, session_token)
    return response


@router.get("/logout")
def logout_page(request: Request, staff: OptionalStaff) -> Response:
    if staff is None:
        return _redirect(SIGN_IN)
    return render(request, "logout.html", {"staff": staff})


@router.post("/logout")
def logout(
    request: Request,
    session: SessionDep,
    staff: CurrentStaff,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not staff.csrf_ok(csrf):
        return render(request, "logout.html", {"staff": staff, "error": FORM_REFUSED}, 403)
    sessions.sign_out(session, staff.signed_in.token, clock.now())
    response = _redirect(f"{SIGN_IN}?m=signed-out")
    forms.clear_cookie(response, forms.SESSION_COOKIE)
    return response


@router.get("/invite/{token}")
def invite_page(request: Request, session: SessionDep, token: str) -> Response:
    try:
        member = invites.holder(session, token, clock.now())
    except AccountError as refused:
        return render(request, "invite_unusable.html", {"error": refused.message}, 410)
    return _presign_page(request, "invite.html", {"member": member, "token": token})


@router.post("/invite/{token}")
def set_password(
    request: Request,
    session: SessionDep,
    token: str,
    password: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    try:
        member = invites.holder(session, token, clock.now())
    except AccountError as refused:
        return render(request, "invite_unusable.html", {"error": refused.message}, 410)
    context: dict[str, Any] = {"member": member, "token": token}
    if not forms.presign_ok(request, csrf):
        return _presign_page(request, "invite.html", context | {"error": FORM_REFUSED}, 403)
    try:
        invites.set_password(session, token, password, confirm, clock.now())
    except AccountError as refused:
        context |= {"error": refused.message, "field": refused.field}
        return _presign_page(request, "invite.html", context, 422)
    response = _redirect(f"{SIGN_IN}?m=password-set")
    forms.clear_cookie(response, forms.SESSION_COOKIE)
    return response
