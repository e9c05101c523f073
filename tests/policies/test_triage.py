"""How risky a text reads: triage only ever raises urgency, in English and Spanish."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies import wordlists
from policies.triage import CATEGORIES, Risk, Triage, triage

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
    "I can't go on like this",
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
    "ya no aguanto más",
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
        "I'm not going to kill myself",
        "I don't want to die, I promise",
        "no me voy a suicidar, tranquila",
        "I don't have a gun",
    ],
)
def test_negation_never_lowers_risk(text: str) -> None:
    assert risk(text) is Risk.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "i want to diiiiie",
        "KILLLL MYSELFFF",
        "i want to kil myself",
        "im so suicdal",
        "I think I overdoes",
        "kill myslef",
        "I WANT TO DIE!!!",
        "want   to\n\tdie",
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
    assert triage("⚰️ 💊").categories == ("method", "intent")
    assert risk("⚰️ 💊") is Risk.HIGH
    assert risk("💀💀 lol") is Risk.ROUTINE


def test_short_words_need_exact_spelling() -> None:
    # "dye" is a word of its own; words under five letters never match as typos
    assert risk("i want to dye") is Risk.ROUTINE
    assert risk("i want to die") is Risk.HIGH


def test_real_words_next_to_a_keyword_are_not_misspellings() -> None:
    assert triage("voy a matarte jaja").categories == ()
    assert triage("I feel alive again").categories == ()
    assert triage("quiero cortarte el pelo").categories == ()


def test_doubled_letters_that_change_the_word_are_kept() -> None:
    assert "method" not in triage("my nose hurts").categories
    assert "method" in triage("I tied the noose").categories
    assert "method" in triage("the nooooose is ready, I give up").categories


@pytest.mark.parametrize(
    "text",
    [
        "I took 30 pills",
        "took 6 xanax",
        "I just took a whole bottle",
        "a whole bottle of tylenol",
        "I took all my meds",
        "all my sertraline is gone, I took it",
        "20 tablets",
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
    assert "medication_overdose" in result.categories


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
    assert result.categories == ("medication",)


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
    # Rule: method words are everyday words; they page only with an intent cue.
    result = triage("I'm stuck on the bridge in traffic")
    assert result == Triage(Risk.ROUTINE, ("method",))
    assert risk("estoy en el puente, hay mucho tráfico") is Risk.ROUTINE


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
    assert "method" in result.categories


def test_categories_name_what_matched_and_never_the_text() -> None:
    result = triage("I want to die, I took 30 pills of tylenol from the bridge")
    assert result.risk is Risk.HIGH
    assert result.categories == (
        "self_harm",
        "method",
        "medication",
        "medication_overdose",
        "intent",
    )


def test_a_practice_phrase_is_high_on_its_own() -> None:
    phrases = ["code purple", "in the dark place"]
    assert triage("I'm in the dark place again", extra_phrases=phrases) == Triage(
        Risk.HIGH, ("practice_phrase",)
    )
    assert risk("Code Purpel!!") is Risk.ROUTINE
    assert triage("Code Purpel!!", extra_phrases=phrases).risk is Risk.HIGH
    assert triage("hello", extra_phrases=["", "  ", "!!"]).risk is Risk.ROUTINE


@pytest.mark.parametrize(
    "entry",
    [*wordlists.SELF_HARM, *wordlists.MEANS_ACCESS],
)
def test_every_listed_self_harm_and_means_phrase_is_high(entry: str) -> None:
    assert risk(entry) is Risk.HIGH


def test_every_listed_method_and_medicine_alone_is_routine() -> None:
    loud = [e for e in (*wordlists.METHOD, *wordlists.MEDICATION) if risk(e) is not Risk.ROUTINE]
    assert loud == []


def test_every_listed_method_and_medicine_with_intent_is_high() -> None:
    quiet = [
        entry
        for entry in (*wordlists.METHOD, *wordlists.MEDICATION)
        if risk(f"{entry}, I give up") is not Risk.HIGH
    ]
    assert quiet == []


HIGH_MESSAGES = st.sampled_from(
    HIGH_ENGLISH + HIGH_SPANISH + ["took 6 xanax", "me tomé todo el frasco", "razor in my hand"]
)


@PROPERTY_SETTINGS
@given(message=HIGH_MESSAGES, before=st.text(), after=st.text())
def test_more_words_never_make_a_high_text_routine(message: str, before: str, after: str) -> None:
    # Separated by a space: glued letters would change the word itself ("die" + "t").
    assert risk(f"{message} {after}") is Risk.HIGH
    assert risk(f"{before} {message}") is Risk.HIGH
    assert risk(f"{before} {message} {after}") is Risk.HIGH


@PROPERTY_SETTINGS
@given(text=st.text(), phrases=st.lists(st.text(max_size=20), max_size=3))
def test_practice_phrases_only_add(text: str, phrases: list[str]) -> None:
    plain = triage(text)
    with_phrases = triage(text, extra_phrases=phrases)
    assert set(plain.categories) <= set(with_phrases.categories)
    assert plain.risk is Risk.ROUTINE or with_phrases.risk is Risk.HIGH


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_reads_to_known_categories(text: str) -> None:
    result = triage(text)
    assert set(result.categories) <= set(CATEGORIES)
    assert list(result.categories) == sorted(result.categories, key=CATEGORIES.index)
    assert result.risk is Risk.ROUTINE or result.categories
