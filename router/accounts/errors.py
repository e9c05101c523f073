"""What can go wrong with an account, in the staff member's words."""

from __future__ import annotations

from router.core.errors import AfterhoursError


class AccountError(AfterhoursError):
    """A refusal a person can act on. `field` names the form field or the CLI argument."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class UnknownStaff(AccountError):
    def __init__(self, user_id: str) -> None:
        super().__init__("user", f"no clinician, supervisor or admin with id {user_id!r}")


class WeakPassword(AccountError):
    def __init__(self, reason: str) -> None:
        super().__init__("password", f"password {reason}")


class SignInRefused(AccountError):
    """Wrong id or password, a locked account, or a wrong, expired or used code."""


class LinkNotUsable(AccountError):
    def __init__(self) -> None:
        super().__init__(
            "invite", "this link has expired or was already used; ask an admin for a new one"
        )
