"""The structural rules of triage, one behaviour each (policies/triage_normalise.py,
policies/triage_scoping.py): how far a negation reaches, whose act a cue is, when the past and
company reach a cue, what a number after "at" is, and how texting shorthand is read.

These texts are examples of each rule, not of the evaluation sets.
"""

import pytest

from policies.triage import Risk, triage


def risk(text: str) -> Risk:
    return triage(text).risk


def lowered_by(text: str) -> set[str | None]:
    return {cue.lowered_by for cue in triage(text).cues}


@pytest.mark.parametrize(
    "text",
    [
        "i dont have any thoughts of killing myself",
        "no tengo ninguna intención de matarme",
        "i haven't hurt myself",
    ],
)
def test_a_negation_reaches_its_cue_through_light_words(text: str) -> None:
    assert risk(text) is not Risk.HIGH
    assert "negation" in lowered_by(text)


@pytest.mark.parametrize(
    "text",
    [
        "cant breathe gonna kill myself",
        "no cap i want to kill myself",
        "i cant stop thinking about killing myself",
        "no es broma, me quiero matar",
        "no manches, me quiero matar",
    ],
)
def test_a_negation_of_another_verb_or_undone_does_not_lower(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_i_d_is_i_would_not_the_spanish_imperative_of_ir() -> None:
    # "id" once read as Spanish "id" (go!), a verb of intent, and "i'd never take all" paged.
    assert risk("i'd never take all my pills, relax") is Risk.ROUTINE


def test_a_denial_never_cancels_an_ingestion_in_the_same_text() -> None:
    assert risk("im not trying to die, i just swallowed 25 of my sleeping pills") is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "my roommate says she wants to kill herself",
        "a guy in the movie jumps off a bridge",
        "mi jefe me va a matar",
        "my uncle is writing his will",
    ],
)
def test_a_cue_said_of_someone_else_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "my family would be better off without me",
        "i have my brothers gun",
        "me voy a matar",
        "he estado juntando pastillas",
    ],
)
def test_a_cue_the_patient_is_in_stays_the_patients(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_a_past_marker_in_a_relative_clause_does_not_reach_the_cue() -> None:
    assert risk("im on the bridge where i used to fish") is Risk.HIGH
    assert risk("i tried to kill myself in college") is not Risk.HIGH


def test_company_makes_a_place_an_outing() -> None:
    assert risk("fuimos a la azotea con mis amigos") is Risk.ROUTINE
    assert risk("estoy en la azotea") is Risk.HIGH


@pytest.mark.parametrize(
    "text", ["took my 8pm pills at 11, is that bad", "me tomé la pastilla a las 10 en vez de 8"]
)
def test_a_number_after_at_is_a_time_not_a_count(text: str) -> None:
    assert risk(text) is not Risk.HIGH


def test_a_count_after_a_verb_is_still_a_count() -> None:
    assert risk("took 11 of my pills") is Risk.HIGH


def test_all_of_someone_elses_pills_is_beyond_their_dose() -> None:
    result = triage("mi papá se tomó todas sus pastillas")
    assert result.risk is Risk.HIGH
    assert result.someone_else_swallowed
    assert triage("my son took his meds").risk is Risk.ROUTINE


def test_means_made_safe_by_someone_else_but_not_saved_up() -> None:
    assert risk("mi hermana me guarda las pastillas") is Risk.ROUTINE
    assert risk("guardé todas mis pastillas para esta noche") is Risk.HIGH


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("idk if i can stay safe tonite", "i dont know if i can stay safe tonight"),
        ("everyone is better off w/o me", "everyone is better off without me"),
        ("me voy pa'l puente", "me voy para el puente"),
        ("me tome muchas pastiyas", "me tome muchas pastillas"),
        ("i wnat to die", "i want to die"),
    ],
)
def test_texting_shorthand_and_spellings_read_as_the_words(text: str, same_as: str) -> None:
    assert risk(text) is risk(same_as) is Risk.HIGH


def test_an_age_names_a_child_who_swallowed_something() -> None:
    assert triage("my 4 yr old ate some of my pills").someone_else_swallowed


def test_not_safe_with_the_subject_dropped_pages_but_not_safe_to_drive_does_not() -> None:
    assert risk("not safe. call me") is Risk.HIGH
    assert risk("not safe to drive in this rain") is not Risk.HIGH


def test_an_idiom_inside_a_longer_cue_does_not_lower_it() -> None:
    assert risk("i have the key to my dads gun safe") is Risk.HIGH
    assert risk("we bought a gun safe") is Risk.ROUTINE
