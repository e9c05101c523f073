"""The structural readings of the triage5 branch (issue 8, the failure classes of
triage_heldout7.tsv): the safety question answered "no", a doubt over keeping safe, a safety
plan that fails, a means got "to do it", a work's story told of any act, Spanish "sin" as a
denial, the copula in a denial's reach, a season gone by, a milestone kept, Spanish spoken
participles ("cortao", "he cortado") and "he" as "I have", a possession handed on, a cut that
needs care.

These texts are examples of each class, not texts of the evaluation sets.
"""

import pytest

from policies.triage import Risk, triage


def risk(text: str) -> Risk:
    return triage(text).risk


def names(text: str) -> set[str]:
    return {cue.name for cue in triage(text).cues if cue.lowered_by is None}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the safety question, reported or quoted, answered "no"
        ("my sister asked if i was safe and i said no", "answered_not_safe"),
        ("the doctor asked am i safe. my answer is no", "answered_not_safe"),
        ("mi terapeuta me preguntó si me sentía a salvo y le dije que no", "answered_not_safe"),
        # a doubt or a denial over being able to keep safe
        ("i do not think i can stay safe tonight", "cant_stay_safe"),
        ("no creo poder mantenerme a salva hoy", "cant_stay_safe"),
        ("no respondo de mí misma", "cant_stay_safe"),
        # a safety plan followed, and still the urge
        ("went through my safety plan and i still want to", "safety_plan_failing"),
        ("hice mi plan de seguridad y todavía tengo ganas", "safety_plan_failing"),
        # a means got or held to do it
        ("picked up the rope to finally do it", "means_for_the_act"),
        ("conseguí el arma pa matarme", "means_for_the_act"),
        # a possession handed on, whatever the article
        ("gave the cat to my aunt, she will love her", "giving_things_away"),
        # a cut that needs care, or again and again
        ("cut five times today", "cut_again_and_again"),
        ("me corté muy hondo, creo que necesito puntos", "cut_needs_care"),
        # Spanish as spoken: "me e cortao", and the participle as its verb
        ("me e cortao los brazos", "hurt_myself"),
        ("me he lastimado otra vez", "hurt_myself"),
    ],
)
def test_each_structure_pages_on_its_own(text: str, name: str) -> None:
    assert name in names(text)
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        # a "yes", the car's safety, certainty ("segura de"), a question never answered
        "they asked if i was safe and i said yes",
        "she asked if the stroller was safe and i said no",
        "me preguntó si estaba segura de la hora y le dije que no",
        # a work's story, whatever the act, and a song's own words
        "watched a film where a man overdoses on heroin",
        "una serie del chavo que se encierra en el garaje con el carro prendido",
        "la canción dice me quiero morir",
        # "sin" and the copula in a denial's reach; "sin esperanza" stays distress
        "una semana sin ganas de lastimarme",
        "no soy suicida, nada más cansada",
        # a season gone by, a time of life with a past verb, a milestone kept
        "last summer i had thoughts of suicide, not anymore",
        "en la prepa quería matarme pero ya no",
        "hoy cumplo seis meses sin cortarme",
        # "he" + participle is "I have", not someone else swallowing
        "ya he tomado mis pastillas de la noche",
        # handing on for a while, knives for someone, everyday "to" with pills
        "gave the dog to the sitter for the weekend",
        "compré una navaja para mi papá",
        "bought tylenol to kill this headache",
        # the idiom
        "that drive will be the death of me",
    ],
)
def test_what_the_structures_lower_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH, triage(text).cues


def test_sin_esperanza_stays_distress() -> None:
    assert risk("me siento sin esperanza") is Risk.POSSIBLE


def test_a_denial_never_cancels_a_means_with_the_safety_question() -> None:
    # "yes" to the safety question lowers no method named in the same text
    text = "they asked if i was safe and i said yes but i have the rope in my car"
    assert risk(text) is Risk.HIGH
