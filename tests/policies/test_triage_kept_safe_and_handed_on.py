"""The cue families and scoping rules of the triage7 branch (issue 8, the failure classes of
triage_heldout8.tsv and triage_heldout9.tsv): each family pages on its own in both languages,
and the everyday talk that shares its words does not page.

These texts are examples of each family, not texts of the evaluation sets.
"""

import pytest

from policies.triage import Risk, triage


def names(text: str) -> set[str]:
    return {cue.name for cue in triage(text).cues if cue.lowered_by is None}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # kept safe from oneself; a doubt over stopping oneself; not knowing what one will do
        ("somebody please keep me safe from myself", "safe_from_myself"),
        ("necesito que alguien me proteja de mí misma", "safe_from_myself"),
        ("im not sure i can stop myself this time", "cant_stop_myself"),
        ("no creo que pueda detenerme", "cant_stop_myself"),
        ("if she doesnt call i dont know what ill do to myself", "dont_know_what_ill_do"),
        ("si me deja no sé qué me hago", "dont_know_what_ill_do"),
        # urges rated near the top of a diary card's scale, and not ridden out
        ("my urges are at a 9", "urges_rated_high"),
        ("las ganas están en 9 de 10", "urges_rated_high"),
        ("cant ride out the urges tonight", "urges_too_strong"),
        # a means in bed, all of a medicine in hand, a gun loaded
        ("the razor is under my pillow", "means_in_bed"),
        ("tengo la navaja debajo de la almohada", "means_in_bed"),
        ("holding all my seroquel in my hand", "pills_in_hand"),
        ("tengo todas mis pastillas en la mano", "pills_in_hand"),
        ("just loaded it", "gun_loaded"),
        # goodbye to everyone; affairs handed on; nothing left for others to deal with
        ("sent everyone a goodbye text", "goodbye_to_everyone"),
        ("me despedí de todos hoy", "goodbye_to_everyone"),
        ("left my passwords in an envelope on the desk", "affairs_handed_on"),
        ("dejé mis contraseñas para mi hermano", "affairs_handed_on"),
        ("paid every bill so nobody has to deal with anything after", "nothing_left_for_others"),
        # a child chewing a patch or putting a pill in the mouth
        ("my toddler was chewing my nicotine patch", "someone_else_swallowed"),
        ("mi niña se metió una pastilla a la boca", "someone_else_swallowed"),
        # cutting for a while now; hitting oneself; a blade with blood
        ("been cutting for hours", "cutting_now"),
        ("me estoy dando golpes", "hurt_myself"),
        ("\N{HOCHO}\N{DROP OF BLOOD}", "blade_with_blood"),
        # resignation to dying; out of being alive
        ("i might as well be dead", "might_as_well_die"),
        ("i should just die", "should_just_die"),
        ("i want out of being alive", "want_out_of_life"),
        # stones in the pockets; the train line; the platform, not boarding
        ("put stones in my pockets and walked to the river", "weighted_at_water"),
        ("estoy junto a la línea del tren", "at_the_tracks"),
    ],
)
def test_each_family_pages_on_its_own(text: str, family: str) -> None:
    result = triage(text)
    assert result.risk is Risk.HIGH, text
    assert family in names(text), (text, [cue.name for cue in result.cues])


@pytest.mark.parametrize(
    "text",
    [
        "loaded the dishwasher, can you call me at 8",
        "ya lo cargué, gracias",
        "i keep checking my phone for your text",
        "can you reset the password for my moms portal",
        "my urges are at a 2 today",
        "me muero por irme de vacaciones",
        "me muero por verte el jueves",
        "me tiré en el sofá toda la tarde",
        "that interview was career suicide",
        "ese examen fue un suicidio",
        "my kid told his teacher i take happy pills lol",
        "the song i play most says she wants to die",
        "watched a documentary on overdose deaths",
        "my old therapist got me through the time i wanted to die",
        "no sé qué me voy a poner mañana",
    ],
)
def test_everyday_talk_that_shares_the_words_does_not_page(text: str) -> None:
    assert triage(text).risk is not Risk.HIGH, [cue.name for cue in triage(text).cues]


@pytest.mark.parametrize(
    "text",
    [
        "if my boss adds one more meeting im jumping out the window",
        "si me mandan otro correo me tiro por la ventana",
    ],
)
def test_a_condition_on_one_more_of_something_does_not_page(text: str) -> None:
    assert triage(text).risk is not Risk.HIGH, [cue.name for cue in triage(text).cues]


@pytest.mark.parametrize(
    "text",
    [
        "10 months clean from cutting and i just cut again",
        "8 meses sin cortarme y lo volví a hacer",
    ],
)
def test_an_act_done_again_is_not_recovery(text: str) -> None:
    assert triage(text).risk is Risk.HIGH, [cue.name for cue in triage(text).cues]


@pytest.mark.parametrize(
    "text",
    [
        "my brother locked himself in the bathroom and is cutting himself",
        "mi hermana está cortándose en el baño",
        "my dad has his gun and says he will use it on himself",
    ],
)
def test_someone_close_in_danger_from_themselves_pages(text: str) -> None:
    assert triage(text).risk is Risk.HIGH, [cue.name for cue in triage(text).cues]


@pytest.mark.parametrize(
    "text",
    [
        "a movie about a guy who kills himself",
        "my cousin killed himself in 2015",
        "mi jefe me va a matar",
    ],
)
def test_a_work_the_past_or_a_threat_to_the_patient_is_not_someone_close_in_danger(
    text: str,
) -> None:
    assert triage(text).risk is not Risk.HIGH, [cue.name for cue in triage(text).cues]


@pytest.mark.parametrize(
    "text",
    [
        "if he leaves me one more time i will kill myself",
        "si me deja otra vez me mato",
    ],
)
def test_a_threat_on_one_more_time_still_pages(text: str) -> None:
    assert triage(text).risk is Risk.HIGH, [cue.name for cue in triage(text).cues]
