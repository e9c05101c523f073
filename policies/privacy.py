"""Minimum necessary (S7): how much of a person's identity a message may carry."""

from __future__ import annotations


def display_name(full_name: str | None) -> str:
    """First name and last initial ("Sam R."), the most a clinician's phone is told."""
    if not full_name or not full_name.strip():
        return "a patient"
    parts = full_name.split()
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]} {parts[-1][0]}."


def first_name(full_name: str | None) -> str:
    if not full_name or not full_name.strip():
        return ""
    return full_name.split()[0]
