"""The cue families of euphemistic and indirect ideation, and the scoping rules that came with
them (issue 8, the failure classes of triage_heldout4.tsv): each family reads every
inflection alike in both languages and pages on its own, and the everyday talk that shares its
words does not page.

These texts are examples of each family, not texts of the evaluation sets.
"""

import pytest

from policies.triage import Risk, triage


def risk(text: str) -> Risk:
    return triage(text).risk


def names(text: str) -> set[str]:
    return {cue.name for cue in triage(text).cues if cue.lowered_by is None}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # C-SSRS item 1, the passive wish to be dead or not to exist
        ("i wish i wasnt alive", "passive_death_wish"),
        ("ojala yo no existiera", "passive_death_wish"),
        ("quisiera no estar viva", "passive_death_wish"),
        # the wish to vanish
        ("i just want to vanish", "wish_to_disappear"),
        ("tengo ganas de desaparecer", "wish_to_disappear"),
        # burden with absence
        ("they would all be relieved if i died", "better_off_without_me"),
        ("mis hijos estarían más tranquilos si yo no estuviera", "better_off_without_me"),
        # life itself unbearable or not worth it
        ("i cant stand living like this", "cant_bear_life"),
        ("ya no soporto la vida", "cant_bear_life"),
        ("my life isnt worth anything", "no_reason_to_live"),
        ("la vida no vale la pena", "no_reason_to_live"),
        # everything stopped
        ("i want all of it to stop", "want_it_over"),
        ("quiero que todo pare", "want_it_over"),
        # a crash chosen
        ("thinking i should just swerve into traffic on the way home", "crash_on_purpose"),
        ("pienso en estrellarme contra un poste", "crash_on_purpose"),
        # not knowing whether one lasts the night
        ("idk if ill make it through tonight", "wont_make_it"),
        ("no se si voy a llegar a mañana", "wont_make_it"),
    ],
)
def test_each_ideation_family_pages_on_its_own_in_both_languages(text: str, family: str) -> None:
    assert risk(text) is Risk.HIGH
    assert family in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "i wish i wasnt at work right now",
        "quiero desaparecer el fin de semana",
        "i want to disappear under a blanket and watch netflix",
        "my mom would be happier if i called more",
        "estaría mejor si no voy a la fiesta",
        "i cant stand my roommate",
        "i want it to stop raining",
        "quiero que pare la lluvia",
        "i almost crashed into a deer last night",
        "i dont know if ill make it to my appointment tomorrow",
        "no se si voy a llegar a la cita de mañana",
        "i have a box cutter for work",
    ],
)
def test_everyday_talk_sharing_a_familys_words_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text", ["im so tired of everything. forever", "estoy harta de todo, para siempre"]
)
def test_distress_made_final_is_ideation(text: str) -> None:
    assert risk(text) is Risk.HIGH
    assert "tired_of_everything_for_good" in names(text)


def test_finality_alone_is_routine() -> None:
    assert risk("i'll love you forever mom") is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "the knife is right here and im thinking about it",
        "tengo la pistola de mi esposo y estoy pensando en eso",
    ],
)
def test_a_means_with_thinking_about_it_pages(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_thinking_about_it_alone_asks() -> None:
    assert risk("i keep thinking about it") is Risk.POSSIBLE


@pytest.mark.parametrize("text", ["me fui al puente", "llegué a las vías"])
def test_going_to_a_place_in_spanish_pages(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    ["im not going anywhere near the edge, i promise", "no voy a ir al techo"],
)
def test_going_to_a_place_denied_does_not_page(text: str) -> None:
    assert risk(text) is Risk.ROUTINE


def test_a_place_in_a_wish_while_laughing_asks_but_does_not_page() -> None:
    assert risk("that joke makes me want to jump off a roof lol") is Risk.POSSIBLE


def test_laughter_does_not_lower_being_at_a_place() -> None:
    assert risk("im on the roof lol") is Risk.HIGH


def test_english_he_is_someone_else_spanish_he_is_the_patient() -> None:
    assert risk("my brother said he wants to die, i am scared for him") is Risk.POSSIBLE
    assert risk("he estado pensando en matarme") is Risk.HIGH


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("ojala me muera dormida", "wants_to_die"),  # a subjunctive the lemmatiser leaves
        ("would be nice to just not exist", "passive_death_wish"),
        ("everyone would be better off", "better_off_without_me"),
        ("todos estarían mejor", "better_off_without_me"),
        ("le haría un favor a todos si me muero", "better_off_without_me"),
        ("sometimes i think about not being here", "thinking_about_not_being"),
        ("pienso en ya no estar", "thinking_about_not_being"),
        ("cansado de estar vivo", "done_with_life"),
    ],
)
def test_more_members_of_the_families_page(text: str, family: str) -> None:
    assert risk(text) is Risk.HIGH
    assert family in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "everyone would be better off with a 4 day week",
        "i dont want to be here at this party",
        "no quiero estar aqui en el trabajo",
        "tired of being sick with this cold",
        "whats the point of this homework",
    ],
)
def test_everyday_talk_near_the_new_members_does_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    ["no way im jumping off anything, just venting", "i no longer want to die"],
)
def test_no_way_and_no_longer_are_denials(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "my husband's rifle is in the closet and i keep looking at it",
        "i'm holding a bottle of oxy",
        "me siento en peligro conmigo misma",
        "no me puedo controlar esta noche",
        "no estoy bien, tengo miedo de hacer una locura",
        "me acabé las pastillas de mi mamá",
    ],
)
def test_means_at_hand_and_not_being_safe_page_in_more_words(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "tengo una pistola de agua para mi hijo jaja",
        "me tomé una pastilla para dormir como siempre",
        "i'm cutting vegetables for dinner",
        "regalé mi ropa vieja a la iglesia",
    ],
)
def test_toys_habits_cooking_and_donations_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text", ["i wnt to die so bad", "deleted all my socials and wrote my note"]
)
def test_a_typed_short_want_and_my_note_page(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    ["i left my note on the fridge for my roommate", "dejé mi nota en la oficina del maestro"],
)
def test_everyday_notes_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "no puedo con esto, tengo miedo de mí misma",
        "no me dejen sola esta noche por favor",
        "please dont let me be alone tonight",
        "i can't be alone right now i'll do something",
        "siento que me voy a hacer algo",
        "sitting with the pills",
        "i feel like dying",
    ],
)
def test_fear_of_oneself_and_not_being_left_alone_page(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "me voy a hacer algo de comer",
        "tengo miedo de mi jefe",
        "i cant be alone with the kids tonight",
        "dont let me be alone at the party lol",
        "i feel like dying of embarrassment",
        "sitting with my meds organizer sorting the week",
    ],
)
def test_their_everyday_twins_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "me muero por un café",
        "me mataron de risa",
        'that song "i want to die" is so sad but i love it',
        'en la canción dice "me quiero morir" y la canto a gritos',
        "tenía pensamientos de suicidio en la prepa, ya no",
    ],
)
def test_idioms_quoted_works_and_the_past_in_school_do_not_page(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text", ['my mom says "i want to die"', "listening to sad songs. i want to die"]
)
def test_only_a_quotation_from_a_work_is_the_works_words(text: str) -> None:
    assert risk(text) is Risk.HIGH
