"""What triage listens for, by clinical category, in English and Spanish (policies.triage).

Clinical data: clinicians own these files (one module per family of cues). Entries are written
as lemmas, the dictionary form of a word ("die", "take", "colgar", "matar"); triage lemmatises
the text (simplemma), so "dying", "died", "me colgué", "colgarme" and "me voy a colgar" all
reach the same entry, and it forgives typos (rapidfuzz). Accents, case, apostrophes and
stretched letters do not matter. Removing an entry makes triage less sensitive: do that only with a clinical
reason, and run tests/policies/test_triage_eval.py before and after any change.

A pattern is a row of slots, each matching one word of the text:
- `want|wish`   any of these words (lemma, stem or typo);
- `=took`       exactly this form (for tense and person: "took", not "take");
- `@PILLS`      any word of that class (CLASSES below);
- `#5`          a count of five or more of something (not "50 mg", not "8 am");
- `%1`          any number, one or more ("8 months clean");
- `*` / `**`    up to three / up to six words of anything in between;
- `^`           the next slot is the first word of its clause ("^ not * safe").
Slots match within one clause of the text ("i'm not suicidal, but i took 30 pills" is two).
An entry is (cue name, pattern) or (cue name, pattern, everyday words): any of the everyday
words anywhere in the text reads the cue as everyday talk ("stuck on the bridge in traffic").
"""

from __future__ import annotations

from policies.cues.cant_stay_safe import (
    CANT_STAY_SAFE,
)
from policies.cues.classes import (
    ALCOHOL,
    CLASSES,
    SEDATIVES,
    Entry,
)
from policies.cues.ideation import (
    IDEATION,
)
from policies.cues.ingestion_preparatory import (
    INGESTION,
    OTHER_INGESTION,
    PREPARATORY,
)
from policies.cues.places_means import (
    EVERYDAY_CUTS_EARLY,
    EVERYDAY_PLACES,
    EVERYDAY_WATER,
    MEANS,
    PLACE,
)
from policies.cues.scoping import (
    A_COUNT,
    ABOUT,
    ABOUT_AFTER_A_WORK,
    ANSWERED_NO,
    ANSWERED_YES,
    ASKED,
    ASKED_WHAT,
    CLAUSE_WORDS,
    COMPANY,
    HYPOTHETICAL,
    IDIOMS,
    LOGISTICS,
    MAKES_ME,
    MEANS_MADE_SAFE,
    NEGATION_PATH,
    NEGATION_REACH,
    NEGATION_STOPS,
    NEGATION_VOIDED_BY,
    NEGATORS,
    NOW,
    OTHER_SUBJECTS,
    PAST,
    QUOTED_WORKS,
    RECOVERY,
    RELATIVE,
    SELF_IN_THE_CUE,
    SOMEONE_ELSE_DOES_IT,
    TIME_OF_DAY,
    WEIGHTY_CAUSES,
    WORKS,
)
from policies.cues.self_harm import (
    ACROSS_CLAUSES,
    EVERYDAY_CUTS,
    REFERENCE,
    SELF_HARM,
)
from policies.cues.together import (
    COLOURING,
    DISTRESS,
    FAREWELL,
    FINALITY,
    MENTION,
)

__all__ = [
    "ABOUT",
    "ABOUT_AFTER_A_WORK",
    "ACROSS_CLAUSES",
    "ALCOHOL",
    "ANSWERED_NO",
    "ANSWERED_YES",
    "ASKED",
    "ASKED_WHAT",
    "A_COUNT",
    "CANT_STAY_SAFE",
    "CLASSES",
    "CLAUSE_WORDS",
    "COLOURING",
    "COMPANY",
    "DISTRESS",
    "EVERYDAY_CUTS",
    "EVERYDAY_CUTS_EARLY",
    "EVERYDAY_PLACES",
    "EVERYDAY_WATER",
    "Entry",
    "FAREWELL",
    "FINALITY",
    "HYPOTHETICAL",
    "IDEATION",
    "IDIOMS",
    "INGESTION",
    "LOGISTICS",
    "MAKES_ME",
    "MEANS",
    "MEANS_MADE_SAFE",
    "MENTION",
    "NEGATION_PATH",
    "NEGATION_REACH",
    "NEGATION_STOPS",
    "NEGATION_VOIDED_BY",
    "NEGATORS",
    "NOW",
    "OTHER_INGESTION",
    "OTHER_SUBJECTS",
    "PAST",
    "PLACE",
    "PREPARATORY",
    "QUOTED_WORKS",
    "RECOVERY",
    "REFERENCE",
    "RELATIVE",
    "SEDATIVES",
    "SELF_HARM",
    "SELF_IN_THE_CUE",
    "SOMEONE_ELSE_DOES_IT",
    "TIME_OF_DAY",
    "WEIGHTY_CAUSES",
    "WORKS",
]
