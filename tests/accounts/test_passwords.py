"""Passwords: Argon2, a minimum length, and a refusal of the obvious ones."""

from __future__ import annotations

import pytest

from router.accounts import passwords
from router.accounts.errors import WeakPassword

LEE_WORDS = passwords.personal_words("dr-lee", "Dana Lee", "riverside", "Riverside DBT Clinic")


def test_a_short_password_is_refused_naming_the_field() -> None:
    with pytest.raises(WeakPassword) as refused:
        passwords.check_strength("tR7#kq2", LEE_WORDS)
    assert refused.value.field == "password"
    assert "at least 10 characters" in refused.value.message


@pytest.mark.parametrize(
    "password",
    ["password123", "Password2024!", "P@ssw0rd!!2026", "qwertyuiop", "1234567890", "!!Letmein99"],
)
def test_common_passwords_are_refused_even_dressed_up(password: str) -> None:
    with pytest.raises(WeakPassword, match="most often"):
        passwords.check_strength(password, LEE_WORDS)


@pytest.mark.parametrize("password", ["DanaLee2024!", "dr-lee-riverside", "R1versideDBT!"])
def test_a_password_made_of_ones_own_id_name_or_practice_is_refused(password: str) -> None:
    with pytest.raises(WeakPassword, match="own id, name or practice"):
        passwords.check_strength(password, LEE_WORDS)


def test_a_password_of_few_characters_is_refused() -> None:
    with pytest.raises(WeakPassword, match="too few characters"):
        passwords.check_strength("abababababab", LEE_WORDS)


def test_a_long_passphrase_is_accepted_even_with_a_name_in_it() -> None:
    passwords.check_strength("correct horse battery staple", LEE_WORDS)
    passwords.check_strength("lee walks the heron trail at dusk", LEE_WORDS)


def test_hashes_are_argon2_salted_and_verify_only_the_right_password() -> None:
    first = passwords.hash_password("correct horse battery staple")
    second = passwords.hash_password("correct horse battery staple")
    assert first.startswith("$argon2id$")
    assert first != second
    assert passwords.verify(first, "correct horse battery staple")
    assert not passwords.verify(first, "correct horse battery stapler")
    assert not passwords.verify(None, "correct horse battery staple")
    assert not passwords.verify("not a hash", "anything")
