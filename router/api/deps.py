"""Dependencies shared by the API: a session per request and the signed-in user."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.core import clock
from router.core.db import get_sessionmaker, run_after_commit
from router.core.errors import Forbidden, InputError, NotFound, Unauthenticated
from router.store.models import Clinician
from router.store.repositories import accounts


def get_session() -> Iterator[Session]:
    session = get_sessionmaker()()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    run_after_commit(session)


SessionDep = Annotated[Session, Depends(get_session)]


# Declares the scheme in the OpenAPI document, so /docs offers an Authorize button; the
# header itself is read below, with our own answers.
bearer_scheme = HTTPBearer(auto_error=False, description="afterhours token USER_ID")


def current_user(
    request: Request,
    session: SessionDep,
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)] = None,
) -> Clinician:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("a bearer token is required (afterhours token USER_ID)")
    user = accounts.bearer_user(session, token.strip(), clock.now())
    if user is None:
        raise Unauthenticated("that token is not valid")
    return user


CurrentUser = Annotated[Clinician, Depends(current_user)]


class StaffOnly:
    """The signed-in user if a supervisor or admin (S8); `what` names what is refused."""

    def __init__(self, what: str = "this") -> None:
        self.what = what

    def __call__(self, user: CurrentUser) -> Clinician:
        if user.role not in STAFF_ROLES:
            raise Forbidden(f"{self.what} is for supervisors and admins")
        return user


StaffUser = Annotated[Clinician, Depends(StaffOnly())]


# Row ids are 32-bit on PostgreSQL (Integer columns): a larger one names no row.
MAX_ROW_ID = 2**31 - 1


async def usable_values(request: Request) -> None:
    """Refuses, before any query runs, a value no row can match and the database would choke
    on: a NUL character anywhere in the path, the query or a JSON body (PostgreSQL text cannot
    hold one) is a 422 naming the field; an integer id past the largest a row can have is not
    there (404). Every API router depends on it (router/api/__init__.py)."""
    for name, value in [*request.path_params.items(), *request.query_params.multi_items()]:
        if "\x00" in str(value):
            raise InputError(name, value, "contains a NUL character")
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()  # FastAPI has read it already: this is its cached copy
        if b"\\u0000" in body:
            with contextlib.suppress(ValueError):
                _refuse_nul("body", json.loads(body))
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    for param in route.dependant.path_params:
        value = str(request.path_params.get(param.name, ""))
        if param.field_info.annotation is int and _beyond_row_ids(value):
            raise NotFound(f"no {param.name.removesuffix('_id').replace('_', ' ')} {value}")


def _beyond_row_ids(value: str) -> bool:
    try:
        return abs(int(value)) > MAX_ROW_ID
    except ValueError:
        return False  # not an integer: the parameter's own validation answers 422


def _refuse_nul(field: str, value: object) -> None:
    """The first string (or key) of a JSON document holding a NUL, named by its field."""
    if isinstance(value, str) and "\x00" in value:
        raise InputError(field, value, "contains a NUL character")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(str(key), key)
            _refuse_nul(str(key), item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(field, item)
