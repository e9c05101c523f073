"""Names that reach a call's TwiML: no character in them can make the document unparseable.

A control character in a practice's or clinician's name used to break every call of that
practice (issue 11): the caller must still reach a clinician, or at worst the crisis line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from router.calls import twiml as call_twiml
from router.core.db import session_scope
from router.store.models import Patient, Practice
from router.twilio import twiml
from tests.clinic import LEE, PATEL, PRACTICE_NUMBER, SAM

# What every database can hold (no NUL, no lone surrogate): the pure tests below add those.
HOSTILE = 'Riverside\x01\x08\x0b\x0c\x1b\x7f\ufffe\uffff DBT <Clinic> & "co"'


def _parses(document: str) -> ET.Element:
    return ET.fromstring(document.encode("utf-8"))


def _rename(practice: str | None = None, patient: str | None = None) -> None:
    with session_scope() as session:
        if practice is not None:
            for row in session.query(Practice):
                row.name = practice
        if patient is not None:
            for row in session.query(Patient):
                row.name = patient


def test_a_control_character_in_the_practice_name_does_not_break_the_call(sim, roster, clock):
    _rename(practice=HOSTILE)
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == LEE
    assert "Riverside" in call.heard_by_caller[0]


def test_a_control_character_in_the_patient_name_does_not_break_the_bridge(sim, roster, clock):
    _rename(patient="Sam\x02\x1f Rivera\uffff")
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == LEE


@given(st.text())
def test_every_call_document_parses_whatever_the_names(name):
    documents = [
        call_twiml.screen("ct-1", 0, name, 10),
        call_twiml.connecting(name),
        twiml.spoken_then_hangup(name),
    ]
    for document in documents:
        _parses(document)


@given(st.text())
def test_the_greeting_parses_whatever_the_practice_name(name):
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    call_twiml.greet(response, name, "en")
    root = _parses(str(response))
    said = root.find("Say")
    assert said is not None
    assert "after-hours line" in (said.text or "")


@given(st.text())
def test_speakable_text_is_xml_and_gsm_safe(text):
    cleaned = twiml.speakable(text)
    for char in cleaned:
        code = ord(char)
        assert code in (0x09, 0x0A) or code >= 0x20
        assert not 0x7F <= code <= 0x9F
        assert not 0xD800 <= code <= 0xDFFF
        assert char not in "\ufffe\uffff"
    assert twiml.speakable(cleaned) == cleaned


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_huge_name_is_bounded_in_speech(language):
    from twilio.twiml.voice_response import VoiceResponse

    response = VoiceResponse()
    call_twiml.greet(response, "N" * 5000, language)
    assert len(str(response)) < 1000


def _rename_clinicians(name: str) -> None:
    from router.store.models import Clinician

    with session_scope() as session:
        for row in session.query(Clinician):
            row.name = name


def test_a_control_character_in_a_clinician_name_does_not_break_a_text_reply(texting):
    _rename_clinicians("Dana\x01\x1b Lee\uffff")
    who = texting.sim.device(PATEL).send("WHO", to=PRACTICE_NUMBER).replies[0].body
    assert "Dana" in who
    on = texting.sim.device(LEE).send("ON until 22:30", to=PRACTICE_NUMBER).replies[0].body
    assert "until 22:30" in on


def test_a_control_character_in_a_patient_text_does_not_break_the_reply(texting):
    replies = texting.sim.device(SAM).send("help\x01\x1b me\ufffe", to=PRACTICE_NUMBER).replies
    assert "reached Dana" in " ".join(reply.body for reply in replies)
