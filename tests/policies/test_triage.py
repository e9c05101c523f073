"""How risky a text reads, in English and Spanish: high, possibly unsafe, or routine.

Issue 8 changed three rules, and the tests here say so where they do: a negation, the past,
a question about a dose, an idiom or laughter now lower the cue they scope (a denial never
cancels another cue); distress without a method asks whether the patient is safe (POSSIBLE)
instead of paging; and an amount of medicine pages only when it is swallowed. Medicines,
amounts, methods and the word lists are in test_triage_amounts.py; the figures on the
evaluation set are in test_triage_eval.py.
"""

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from policies.triage import CATEGORIES, Cue, Risk, triage

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def risk(text: str) -> Risk:
    return triage(text).risk


HIGH_ENGLISH = [
    "I want to kill myself",
    "i just want to die",
    "I wanna die tonight",
    "going to end it all",
    "I hurt myself again",
    "I cut myself",
    "there's no reason to live",
    "everyone would be better off without me",
    "I feel suicidal",
    "thinking about suicide",
    "I think I overdosed",
    "goodbye forever",
    "I've been self-harming",
    "I'm gonna jump",
    "I have a gun",
    "I've been saving my pills",
]
HIGH_SPANISH = [
    "quiero matarme",
    "ya no quiero vivir",
    "me quiero morir",
    "quiero morir",
    "voy a suicidarme",
    "tengo ganas de hacerme daño",
    "me volví a cortar anoche",
    "creo que tomé una sobredosis",
    "estarían mejor sin mí",
    "adiós para siempre",
    "tengo la soga lista",
]
ROUTINE_ENGLISH = [
    "Hi, can I move my appointment to Thursday?",
    "Can you call me back when you get a chance",
    "I had a fight with my mom and I'm really upset",
    "Thank you for the session today, it really helped",
    "My meds are making me dizzy, is that normal?",
    "Running late, the train is delayed",
    "this homework is killing me",
    "I want to dye my hair",
    "my nose is bleeding",
    "",
    "   ",
    "😀🙏",
]
ROUTINE_SPANISH = [
    "¿Tengo cita mañana?",
    "estoy en el metro, llego tarde",
    "me duele la cabeza, ¿puedo tomar paracetamol?",
    "voy a matarte jaja",
    "¿puedes contarme qué dijo la doctora?",
    "al menos tomé 3 pastillas hoy, como siempre",
]


@pytest.mark.parametrize("text", HIGH_ENGLISH + HIGH_SPANISH)
def test_self_harm_statements_are_high_on_their_own(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize("text", ROUTINE_ENGLISH + ROUTINE_SPANISH)
def test_everyday_texts_stay_routine(text: str) -> None:
    assert risk(text) is Risk.ROUTINE


@pytest.mark.parametrize(
    "text",
    [
        "I can't go on like this",
        "ya no aguanto más",
        "what's the point anymore",
        "nada tiene sentido",
    ],
)
def test_distress_without_a_method_asks_whether_the_patient_is_safe(text: str) -> None:
    # Issue 8: these paged before; now the reply asks "Are you safe right now?"
    assert risk(text) is Risk.POSSIBLE


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to kill myself",
        "I don't want to die, I promise",
        "no me voy a suicidar, tranquila",
    ],
)
def test_a_denied_thought_is_asked_about_not_paged(text: str) -> None:
    # Issue 8: negation within the clause lowers ideation to the safety check (it was HIGH).
    result = triage(text)
    assert result.risk is Risk.POSSIBLE
    assert {cue.lowered_by for cue in result.cues} == {"negation"}


@pytest.mark.parametrize(
    "text",
    [
        "not going to hurt myself, just need to talk",
        "I don't have a gun",
        "i didnt take anything, im ok",
        "no tengo pensamientos de hacerme daño",
    ],
)
def test_a_denied_method_is_not_paged(text: str) -> None:
    assert risk(text) is not Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "i'm not suicidal but i took 30 of my pills",
        "I don't want to die. I have the gun in my lap",
        "no quiero morir pero me tome 15 pastillas",
        "im not going to hurt myself\nbut im on the bridge",
    ],
)
def test_a_denial_never_cancels_a_method_place_or_ingestion(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "i want to diiiiie",
        "KILLLL MYSELFFF",
        "i want to kil myself",
        "im so suicdal",
        "kill myslef",
        "I WANT TO DIE!!!",
        "want   to \t die",  # a line break now ends a clause: "not suicidal\ntook 30 pills"
        "want...to...die",
        "kill my self",
        "i want to just die",
        "want 2 die",
        "QUIERO MORIIIIR!!!",
        "kiero morir",
        "quiero morír",
        "quero morir",
        "no kiero vivir",
        "Hacerme Daño",
        "hacerme dano",
        "sobredósis",
        "ｋｉｌｌ ｍｙｓｅｌｆ",
        "💔 want to die 💔",
        "I don´t want to live",
        "I OD'd on xanax",
        "took 30 seroquil",
        "took 20 ibuprophen",
    ],
)
def test_spelling_case_accents_spacing_and_stretching_are_forgiven(text: str) -> None:
    assert risk(text) is Risk.HIGH


def test_a_few_emoji_read_as_words() -> None:
    assert triage("⚰️ 💊").categories == ("ingestion", "farewell", "mention")
    assert risk("⚰️ 💊") is Risk.HIGH
    assert risk("💊💊💊💊 bye") is Risk.HIGH
    assert risk("💀💀 lol") is Risk.ROUTINE  # a skull is laughter


def test_short_words_need_exact_spelling() -> None:
    # "dye" is a word of its own; words under five letters never match as typos
    assert risk("i want to dye") is Risk.ROUTINE
    assert risk("i want to die") is Risk.HIGH


def test_real_words_next_to_a_keyword_are_not_misspellings() -> None:
    assert triage("voy a matarte jaja").categories == ()
    assert triage("I feel alive again").categories == ()
    assert triage("quiero cortarte el pelo").categories == ()


def test_doubled_letters_that_change_the_word_are_kept() -> None:
    assert triage("my nose hurts").categories == ()
    assert "means" in triage("I tied the noose").categories
    assert "means" in triage("the nooooose is ready, I give up").categories


def test_categories_name_what_matched_and_never_the_text() -> None:
    result = triage("I want to die, I took 30 pills of tylenol from the bridge")
    assert result.risk is Risk.HIGH
    assert result.categories == ("ingestion", "ideation", "mention")
    assert Cue("ingestion", "swallowed_a_count", Risk.HIGH) in result.cues
    assert Cue("ideation", "wants_to_die", Risk.HIGH) in result.cues
    words = {word for cue in result.cues for word in cue.name.split("_")}
    assert not words & {"tylenol", "bridge", "30"}


def test_a_farewell_after_an_earlier_method_mention_is_high() -> None:
    earlier = ["i have my pills here", "thinking about it"]
    assert risk("ok bye") is Risk.ROUTINE
    result = triage("ok bye", context=earlier)
    assert result.risk is Risk.HIGH
    assert Cue("ingestion", "goodbye_after_pills", Risk.HIGH, None, True) in result.cues
    assert triage("adiós", context=["estoy en el puente"]).risk is Risk.HIGH
    # earlier texts never raise a text on their own, nor does a denied method
    assert triage("can we talk tomorrow", context=["i have the gun"]).risk is Risk.ROUTINE
    assert triage("bye", context=["i dont have a gun anymore"]).risk is Risk.ROUTINE


def test_a_practice_phrase_is_high_on_its_own() -> None:
    phrases = ["code purple", "in the dark place"]
    result = triage("I'm in the dark place again", extra_phrases=phrases)
    assert (result.risk, result.categories) == (Risk.HIGH, ("practice_phrase",))
    assert risk("Code Purpel!!") is Risk.ROUTINE
    assert triage("Code Purpel!!", extra_phrases=phrases).risk is Risk.HIGH
    assert triage("hello", extra_phrases=["", "  ", "!!"]).risk is Risk.ROUTINE


HIGH_MESSAGES = st.sampled_from(
    HIGH_ENGLISH + HIGH_SPANISH + ["took 6 xanax", "me tomé todo el frasco", "razor in my hand"]
)
# Words from another clause lower nothing here, unless they laugh ("lol") or tell of recovery
# ("8 months clean"): those read the whole text. Letters only, so no digits make a count.
OTHER_CLAUSE = st.text(alphabet=st.characters(categories=["L", "Zs", "So"]), max_size=40).filter(
    lambda text: not triage(text).cues
)


@PROPERTY_SETTINGS
@given(message=HIGH_MESSAGES, before=OTHER_CLAUSE, after=OTHER_CLAUSE)
def test_more_words_never_make_a_high_text_routine(message: str, before: str, after: str) -> None:
    # Issue 8: a negation in the same clause may lower a cue now, so the words added here
    # are another clause (after a full stop and a line break).
    assume(not any(_LAUGHING.search(text.casefold()) for text in (before, after)))
    assert risk(f"{message}.\n{after}") is Risk.HIGH
    assert risk(f"{before}.\n{message}") is Risk.HIGH
    assert risk(f"{before}.\n{message}.\n{after}") is Risk.HIGH


_LAUGHING = re.compile(r"lo+l|lmf?ao|rofl|haha|jaja|jeje|jiji|jsjs|xd")


@PROPERTY_SETTINGS
@given(text=st.text(), phrases=st.lists(st.text(max_size=20), max_size=3))
def test_practice_phrases_only_add(text: str, phrases: list[str]) -> None:
    plain = triage(text)
    with_phrases = triage(text, extra_phrases=phrases)
    assert set(plain.categories) <= set(with_phrases.categories)
    assert plain.risk is not Risk.HIGH or with_phrases.risk is Risk.HIGH


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_reads_to_known_categories(text: str) -> None:
    result = triage(text)
    assert set(result.categories) <= set(CATEGORIES)
    assert list(result.categories) == sorted(result.categories, key=CATEGORIES.index)
    assert result.risk is Risk.ROUTINE or result.categories
    assert all(cue.category in CATEGORIES for cue in result.cues)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=200), earlier=st.lists(st.text(max_size=80), max_size=3))
def test_earlier_texts_only_add(text: str, earlier: list[str]) -> None:
    alone = triage(text)
    together = triage(text, context=earlier)
    assert set(alone.cues) <= set(together.cues)
    assert alone.risk is not Risk.HIGH or together.risk is Risk.HIGH
