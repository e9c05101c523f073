"""Passwords: Argon2 hashes (argon2-cffi), a minimum length and a refusal of obvious ones."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from router.accounts.errors import WeakPassword

MIN_LENGTH = 10
MAX_LENGTH = 256  # Argon2 takes any length; a cap keeps one request from costing minutes
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_EDGES = re.compile(r"^[^a-z]+|[^a-z]+$")

_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified when the id is unknown, so that a wrong id takes as long as a wrong password."""
    return _hasher.hash("afterhours-no-such-user")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = files("router.accounts").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _core(password: str) -> str:
    """'P@ssw0rd2024!' -> 'password': what is left without the usual dressing."""
    return _EDGES.sub("", password.lower()).translate(_LEET)


def check_strength(password: str, personal_words: list[str]) -> None:
    """Refuses a password that is short or obvious: a common one (with digits or symbols
    round it), one made of a few characters, or one made of the person's own id or name."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"must have at most {MAX_LENGTH} characters")
    lowered = password.lower()
    common = common_passwords()
    if lowered in common or _core(password) in common or _EDGES.sub("", lowered) in common:
        raise WeakPassword("is one of the passwords people choose most often; choose another")
    if len(set(lowered)) < 4:
        raise WeakPassword("repeats too few characters; choose another")
    rest = lowered.translate(_LEET)
    for word in sorted({w.lower() for w in personal_words if len(w) >= 3}, key=len, reverse=True):
        rest = rest.replace(word.translate(_LEET), "")
    if len(re.sub(r"[^a-z0-9]", "", rest)) < MIN_LENGTH // 2:
        raise WeakPassword("is mostly your own id, name or practice; choose another")


def personal_words(user_id: str, name: str, practice_id: str, practice_name: str) -> list[str]:
    parts = [user_id, practice_id, name.replace(" ", ""), practice_name.replace(" ", "")]
    parts += re.split(r"[\s\-_.]+", f"{user_id} {name} {practice_id} {practice_name}")
    return [p for p in parts if p]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """Whether the password matches; with no hash (unknown id) it still does the work."""
    try:
        matched = _hasher.verify(password_hash or _dummy_hash(), password)
        return matched and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
