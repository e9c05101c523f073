"""The cue families and scoping rules of the triage4 branch, one behaviour each: a means referred
back to by a pronoun, a reported question and its answer, a thing blamed for the wish, the
Spanish moods and tenses that say whether a thought is now, a work's topic, a farewell note's
absolution, and an everyday word whose object is the patient.

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
        "my moms pills are in the cabinet, i took them out and theyre on my desk",
        "i took the gun out of the safe, its next to me",
        "my uncle leaves his rifle in the truck. i got it out",
        "tengo la pistola de mi abuelo y la tengo en la mano",
        "my brothers old hunting knife is in my room and i keep staring at it",
    ],
)
def test_a_means_referred_back_to_as_in_hand_pages(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "the knife is in the drawer, i took it out to cut onions",
        "my dad has a gun, i dont know where he keeps it",
        "el cuchillo está en la cocina, me voy a la cama",
        "my grandpas old rifle is in the barn",
    ],
)
def test_a_means_named_without_being_taken_up_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "the nurse asked whether i had thoughts of killing myself, i said no",
        "mi doctor me preguntó si quería morirme y le dije que no",
    ],
)
def test_a_question_reported_and_answered_no_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


def test_a_question_reported_without_its_answer_is_asked_about() -> None:
    assert risk("my doctor asked if i want to die") is Risk.POSSIBLE
    assert "asked" in lowered_by("my doctor asked if i want to die")


@pytest.mark.parametrize(
    "text",
    [
        "she asked if i was suicidal and i said yes",
        "i asked myself if i want to die and the answer scared me",
        # a method asked about is not a denial that cancels it
        "my mom asked if i took all my pills and i said no, but i did",
    ],
)
def test_a_question_answered_yes_or_about_a_method_still_pages(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    ["the group project makes me want to die", "mi suegra me da ganas de morir"],
)
def test_a_thing_blamed_for_the_wish_is_asked_about(text: str) -> None:
    assert risk(text) is Risk.POSSIBLE
    assert "hyperbole" in lowered_by(text)


@pytest.mark.parametrize(
    "text",
    [
        "life makes me want to die",
        "this pain makes me want to die",
        "it makes me want to die",
        "a veces la vida me da ganas de morir",
    ],
)
def test_life_the_pain_or_nothing_named_as_the_cause_pages(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_spanish_nobody_would_miss_me_is_the_conditional_or_the_future() -> None:
    assert risk("nadie me extrañaría") is Risk.HIGH
    assert risk("nadie me va a extrañar") is Risk.HIGH
    assert risk("nadie me extraña") is not Risk.HIGH


@pytest.mark.parametrize(
    "text", ["en la prepa me quería morir", "en la secu tenía ganas de matarme, ya no"]
)
def test_the_spanish_imperfect_of_er_and_ir_verbs_is_the_past(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize("text", ["hoy quería morirme", "me tomé todo lo que tenía en el botiquín"])
def test_the_imperfect_now_or_in_a_relative_clause_is_not_the_past(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "en 2015 tuve una sobredosis y hoy estoy bien",
        "me internaron por una sobredosis hace tiempo",
        "ayer en terapia hablamos de las señales de una sobredosis",
        "el podcast habla de querer morir y de cómo pedir ayuda",
        "la historia del chavo que se aventó del puente me dejó triste",
    ],
)
def test_a_year_an_admission_a_talk_and_a_works_topic_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "none of this is your fault mom. i wrote you a letter",
        "les dejé una nota a mis papás, no es su culpa",
        "ya lo decidí. gracias por todo",
        "this is my last night",
        "hoy es mi última noche",
        "para qué sigo viva",
        "found my son next to an empty bottle of my pills",
        "encontré a mi tía en el piso con las cajas de pastillas vacías",
    ],
)
def test_absolution_a_decision_a_last_night_and_empties_found_page(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "its not your fault, the schedule changed",
        "hoy es mi último día en el trabajo",
        "my last day of school is friday",
        "ya tomé la decisión de cambiarme de escuela",
        "why am i still at the office at 9pm",
        "found my daughters vitamins in the car",
    ],
)
def test_their_everyday_twins_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


def test_an_everyday_word_whose_object_is_the_patient_lowers_nothing() -> None:
    assert risk("ill just end it and nobody has to put up with me") is Risk.HIGH
    assert risk("im going to end it with him tonight") is not Risk.HIGH


def test_took_spelt_as_it_sounds_is_read() -> None:
    assert risk("i tuk 30 of my sleeping pills") is Risk.HIGH
