"""Triage of medicines, amounts and methods: what is swallowed, what is only named.

An amount of medicine pages only when it is swallowed (issue 8), a medicine or a method named
alone is routine and high with intent, someone else who swallowed pills is flagged for poison
control, and every phrase of the clinical word lists (policies.wordlists) reads as its list
says. Statements, scoping and spelling are in test_triage.py.
"""

import pytest

from policies import wordlists
from policies.triage import Cue, Risk, triage


def risk(text: str) -> Risk:
    return triage(text).risk


@pytest.mark.parametrize(
    "text",
    [
        "I took 30 pills",
        "took 6 xanax",
        "I just took a whole bottle",
        "I took all my meds",
        "took the rest of my pills",
        "I swallowed a bottle of tylenol",
        "took a handful of lithium",
        "took thirty pills",
        "I'm going to take 8 xanax",
        "tomé 30 pastillas",
        "me tomé todo el frasco",
        "me tomé todas mis pastillas",
        "me tome varias pastillas de rivotril",
        "voy a tomarme 20 pastillas",
        "tomé veinte tabletas de clonazepam",
    ],
)
def test_overdose_amounts_are_high(text: str) -> None:
    result = triage(text)
    assert result.risk is Risk.HIGH
    assert "ingestion" in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "a whole bottle of tylenol",
        "20 tablets",
        "dropped my whole bottle of pills down the sink lol",
        "can you send a new prescription for 30 pills",
    ],
)
def test_an_amount_nobody_swallowed_is_routine(text: str) -> None:
    # Issue 8: an amount alone paged before ("the whole bottle down the sink").
    assert risk(text) is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "my son swallowed a bunch of my pills",
        "my friend just took 20 xanax",
        "mi hijo se tomó mis pastillas",
    ],
)
def test_someone_else_who_swallowed_pills_is_flagged_for_poison_control(text: str) -> None:
    result = triage(text)
    assert result.risk is Risk.HIGH
    assert result.someone_else_swallowed
    assert "other_ingestion" in result.categories
    assert not triage("i took 30 of my pills").someone_else_swallowed


@pytest.mark.parametrize(
    "text",
    [
        "I took my 50 mg seroquel",
        "is 100mg of sertraline a lot?",
        "I took 2 tylenol for my headache",
        "I take 5 pills every morning",
        "tomo 2 pastillas al día",
        "tomé mi sertralina de 50 mg",
    ],
)
def test_strengths_and_ordinary_doses_are_not_overdoses(text: str) -> None:
    assert risk(text) is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "can you refill my sertraline",
        "the pharmacy is closed and I need my quetiapine",
        "can I take advil with my lithium?",
        "se me olvidó tomar mi sertralina",
        "¿puedo tomar ibuprofeno con el litio?",
    ],
)
def test_a_medicine_name_alone_is_routine(text: str) -> None:
    result = triage(text)
    assert result.risk is Risk.ROUTINE
    assert result.categories == ("mention",)


@pytest.mark.parametrize(
    "text",
    [
        "took all my sertraline",
        "thinking about the seroquel, I'm so hopeless",
        "I have my lithium in my hand",
        "no vale la pena, tengo el clonazepam",
    ],
)
def test_a_medicine_name_with_intent_or_an_amount_is_high(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_a_method_word_alone_is_routine() -> None:
    # Issue 8: being on a bridge is high on its own now; everyday talk around it is not.
    result = triage("I'm stuck on the bridge in traffic")
    assert result.risk is Risk.ROUTINE
    assert Cue("place", "at_a_height", Risk.ROUTINE, "everyday") in result.cues
    assert risk("estoy en el puente, hay mucho tráfico") is Risk.ROUTINE
    assert risk("I need a new razor") is Risk.ROUTINE
    assert risk("im on the bridge") is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "I'm standing on the bridge",
        "I'm on the bridge and I can't do this anymore",
        "thinking about the rope, nobody cares",
        "razor in my hand",
        "I want to jump in front of the train",
        "estoy en el puente y no vale la pena",
        "quiero aventarme del edificio",
        "💊💊💊 goodbye",
    ],
)
def test_a_method_word_with_intent_is_high(text: str) -> None:
    result = triage(text)
    assert result.risk is Risk.HIGH
    assert set(result.categories) & {"place", "means", "ingestion", "ideation"}


# Issue 8: distress without a method now asks whether the patient is safe, instead of paging.
DISTRESS_ENTRIES = frozenset(
    {
        "relapsed",
        "cant go on",
        "cant do this anymore",
        "cant take it anymore",
        "cant keep going",
        "ya no puedo mas",
        "ya no aguanto",
        "no aguanto mas",
        "no puedo seguir",
    }
)


@pytest.mark.parametrize(
    "entry",
    [*wordlists.SELF_HARM, *wordlists.MEANS_ACCESS],
)
def test_every_listed_self_harm_and_means_phrase_is_high(entry: str) -> None:
    expected = Risk.POSSIBLE if entry in DISTRESS_ENTRIES else Risk.HIGH
    assert risk(entry) is expected


def test_every_listed_method_and_medicine_alone_is_routine() -> None:
    loud = [e for e in (*wordlists.METHOD, *wordlists.MEDICATION) if risk(e) is not Risk.ROUTINE]
    assert loud == []


def test_every_listed_method_and_medicine_with_intent_is_high() -> None:
    # "traffic" and "hoja de afeitar" (a leaf, a sheet) are everyday words before anything else.
    quiet = [
        entry
        for entry in (*wordlists.METHOD, *wordlists.MEDICATION)
        if risk(f"{entry}, I give up") is not Risk.HIGH
    ]
    assert quiet == ["traffic", "hoja de afeitar"]
