"""Dependencies shared by the API: a session per request and the signed-in user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.core import clock
from router.core.db import get_sessionmaker, run_after_commit
from router.core.errors import Forbidden
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
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401,
            "a bearer token is required (afterhours token USER_ID)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    user = accounts.bearer_user(session, token.strip(), clock.now())
    if user is None:
        raise HTTPException(401, "that token is not valid", headers={"WWW-Authenticate": "Bearer"})
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
