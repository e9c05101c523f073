"""Risk colouring (triage8): a text that would be routine, coloured by risk, asks the safety
question; never a page, and a joke, a denial or recovery keeps it routine."""

import pytest

from policies.triage import Risk, triage


def risk(text: str) -> Risk:
    return triage(text).risk


@pytest.mark.parametrize(
    "text",
    [
        "so tired today, long shift",
        "feeling kind of alone since my roommate moved out, can we talk thursday",
        "estoy cansada, mañana te marco",
    ],
)
def test_one_kind_of_colouring_alone_stays_routine(text: str) -> None:
    assert risk(text) is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "i feel so alone and i'm just tired of being tired",
        "me siento tan sola y ya me quiero rendir",
        "im scared of myself and i keep looking at the rope in the garage",
    ],
)
def test_colouring_twice_or_with_a_means_asks_the_safety_question(text: str) -> None:
    assert risk(text) is not Risk.ROUTINE


def test_colouring_never_pages_on_its_own() -> None:
    assert risk("i feel so alone and i'm just tired of being tired") is Risk.POSSIBLE


@pytest.mark.parametrize(
    "text",
    [
        "lol im so tired and alone at this party, my friends ditched me 😂",
        "two years since i felt that alone and empty, doing so much better",
    ],
)
def test_a_joke_or_recovery_keeps_colouring_routine(text: str) -> None:
    assert risk(text) is Risk.ROUTINE


def test_a_blood_test_is_not_blood() -> None:
    assert risk("do i need to fast for the blood draw") is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "i really cant be on my own tonight",
        "no sé si voy a despertar mañana",
        "the shotgun in the hall closet is unlocked",
        "injected all of my insulin",
        "me tomé una caja de clonazepam",
        "my friend took a bottle of advil at lunch",
    ],
)
def test_the_families_learned_from_set_10_page(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "i feel empty and alone",
        "so alone tonight",
        "no veo salida y estoy cansada",
    ],
)
def test_one_word_colouring_rows_colour_on_their_own_word(text: str) -> None:
    # triage9: "empty", "tonight" and "no veo salida" were written as two slots.
    assert risk(text) is Risk.POSSIBLE


@pytest.mark.parametrize(
    "text", ["empty the dishwasher tonight", "i feel empty", "dinner tonight at my moms"]
)
def test_one_word_colouring_alone_or_everyday_stays_routine(text: str) -> None:
    assert risk(text) is Risk.ROUTINE
