"""High on their own: self-harm; a means referred back to; the cues read across clauses."""

from __future__ import annotations

from policies.cues.classes import Entry
from policies.cues.places_means import EVERYDAY_CUTS_EARLY

EVERYDAY_CUTS = "hair bangs nails grass lawn hedge coupons carbs sugar sugars class classes onion onions paper cake wood fabric costs ties school team vegetables veggies dinner lunch cooking chicken meat fruit"

SELF_HARM: tuple[Entry, ...] = (
    (
        "hurt_myself",
        "cut|cutting|hurt|hurting|harm|harming|burn|burned|burnt|burning|hit|hitting|punch|punching|bang|banging|scratch|scratching|carve|carving|stab|stabbing|choke|choking|starve|starving|strangle|poison|poisoning|bruise|bleed * myself|self",
    ),
    ("hurt_myself", "self|selfharm|sh|selfharming harm|harming|injury|injuring|again|tonight"),
    (
        "urge_to_cut",
        "want|wanna|going|gonna|need|urge|urges|about|craving|tempted|plan * cut|cutting|harm|burn|sh",
        EVERYDAY_CUTS,
    ),
    (
        "cutting_now",
        "cut|cutting|=cortando|=cortandome again|tonight|rn|now|today|deep|otra|nuevo|hoy",
        EVERYDAY_CUTS + " pelo cabello fleco cebolla papel flequillo",
    ),
    ("cutting_now", "im|i * cutting", EVERYDAY_CUTS),
    ("cutting_now", "=cutting|=cortando|=cortandome * now|rn|ahorita|ahora", EVERYDAY_CUTS),
    ("cutting_now", "cutting|cortando|cortandome * all|toda * night|day|noche|dia|tarde"),
    (
        "cut_a_body_part",
        "cut|cutting|slit|slash|slashed|slice|sliced|carve|carved|burn|burned|burnt|scratch|scratched|cortar|corte|quemar|rasgar ** my|mis|mi|las|los|el|la ** @BODY",
    ),
    (
        "cut_too_deep",
        "cut|cutting|cortar|corte|cortada * too|so|really|muy|demasiado ** deep|profundo|hondo",
    ),
    (
        "on_purpose",
        "burn|burned|cut|hit|hurt|hurting|quemar|cortar|golpear|lastimar ** purpose|proposito|intentionally|adrede",
    ),
    ("relapsed", "relapsed|relapse|recai|recaida ** cut|cutting|harm|cortar|lastimar|hurt"),
    (
        "hurt_myself",
        "me ** cortar|lastimar|quemar|golpear|rasgunar|herir",
        "pelo cabello fleco dedo cocinando cocinar cebolla papel flequillo",
    ),
    (
        "hurt_myself",
        "=cortarme|=lastimarme|=quemarme|=golpearme|=herirme|=cortandome|=lastimandome",
    ),
    ("hurt_myself", "hacer|hacerme|hago|hice * dano"),
    ("hurt_myself", "autolesion|autolesionarme|autolesiones|selfharm|selfharming|selfharmed"),
    ("hurt_myself", "self injured|injure|injury|injuring"),
    ("until_it_bled", "until|till|til|hasta * bled|bleed|bleeding|sangrar|sangre|sangro"),
    # a cut that needs care, or cut again and again: "cut three times, i think it needs stitches"
    (
        "cut_needs_care",
        "cut|cuts|cutting|corte|cortes|cortado|cortada|cortarme|herida ** stitches|puntos|sutura|"
        "deep|deeper|hondo|honda|profundo|profunda",
        "finger fingers dedo dedos cooking cook cocinando cocina kitchen accident accidente fell "
        "cai caida hair pelo cabello paper papel glass vidrio dog perro",
    ),
    (
        "cut_again_and_again",
        "=cut|=corte|=cortado|=cortao ** two|three|four|five|several|many|dos|tres|cuatro|"
        "cinco|varias|muchas * times|veces",
        EVERYDAY_CUTS_EARLY,
    ),
    ("until_it_bled", "myself|me * bleed|bled|sangrar"),
    (
        "hurt_myself",
        "bang|banging|banged|hit|hitting|punch|punching|golpear|golpeando * my|mi|la * head|cabeza",
    ),
    ("hurt_myself", "hice|hacer|hago|hacerme * cortes|cortadas|cortaditas|quemaduras"),
    (
        "bleeding_from_my_arm",
        "bleeding|sangrando|sangra ** @BODY",
        "fell accident bit nosebleed cai accidente mordio",
    ),
    # triage7: cutting for a while now; hitting oneself (Spanish); a blade with blood ("🔪🩸").
    (
        "cutting_now",
        "been|=estado|llevo * cutting|cortando|cortandome|burning|quemandome ** for|por|hace|an|una|un|a "
        "hour|hours|hora|horas|minutes|minutos|rato|while",
        EVERYDAY_CUTS,
    ),
    ("hurt_myself", "me * =dando|=doy|=di ** golpes|cabezazos|punetazos"),
    ("cutting_now", "=cortandose|=lastimandose|=quemandose|=cortandote|=lastimandote"),
    (
        "blade_with_blood",
        "@BLADE ** blood|bleeding|sangre|sangrando",
        "cooking cook cocinando cocina kitchen dinner cena onion cebolla finger dedo accident accidente",
    ),
    # triage8: cutting or opening one's own arms, forearms or veins
    (
        "cut_my_body",
        "cut|sliced|slit|cortar|abrir|abrirme * my|mis|mi|los|las * forearm|forearms|antebrazo|antebrazos|@BODY",
    ),
    ("cut_my_body", "ganas|want|urge|urges|quiero * abrirme|cortarme * los|las|mis * @BODY"),
)

# Cues whose words may fall in two clauses of a text next to each other: "by the river. the
# water is high tonight. thinking of going in", "in the car in the garage, the engine is on".
# A means named in the text (whoever's it was), then referred to by a pronoun as in the
# patient's hands: "my dad keeps a pistol in his closet and i took it out, it's on the bed next
# to me", "traigo el revólver en la guantera y no dejo de verlo" (policies.triage_decide).
_EVERYDAY_MEANS = (
    "cooking cook cut cutting chop dinner lunch onion onions vegetables meat kitchen cocinar "
    "cocinando cortar picar cebolla verduras carne cocina hunting hunt range clean cleaning "
    "caza cazar limpiar limpiando work job trabajo police policia security seguridad"
)
REFERENCE: tuple[Entry, ...] = (
    ("it_taken_out", "took|take|taking|got|grabbed|grab * it|them * out|down", _EVERYDAY_MEANS),
    (
        "it_at_hand",
        "it|its|them|theyre ** next|lap|hand|hands|bed|pocket|beside|front",
        _EVERYDAY_MEANS,
    ),
    ("it_taken_out", "=sacarla|=sacarlo|=agarrarla|=agarrarlo", _EVERYDAY_MEANS),
    ("it_taken_out", "=la|=lo|=las|=los saque|saco|agarre|tengo|traigo", _EVERYDAY_MEANS),
    ("it_looked_at", "looking|staring|look|stare * at * it|them"),
    ("it_looked_at", "verlo|verla|mirarlo|mirarla|viendolo|viendola|mirandolo|mirandola"),
    # triage7: going back to a means named in the text, again and again ("i keep opening the
    # closet door", "sigo abriendo el cajón"): high with the means (policies.triage_decide).
    (
        "keeps_going_back",
        "keep|kept|keeps|sigo|seguir ** opening|checking|touching|grabbing|pacing|abriendo|revisando|tocando|agarrando",
        _EVERYDAY_MEANS,
    ),
    # Spanish "la cargué" is as often a phone: loaded only with it at hand ("está a mi lado")
    (
        "it_loaded",
        "ya * =la|=lo * cargue",
        "celular telefono cel bateria carro camioneta lavadora lavaplatos ropa mochila troca",
    ),
    (
        "it_at_hand",
        "^ esta|la|lo|tengo * a|al * mi * lado",
        "mama papa esposo esposa novio novia hijo hija perro gato",
    ),
    # "ya escribí la carta. ya está": with a letter named, a goodbye letter (triage_decide)
    ("done", "^ ya esta|estuvo|quedo"),
    ("done", "^ its|it|all * done|finished"),
    # an act named as given up, then done again (policies.triage_decide)
    ("did_it_again", "did|done * it * again"),
    ("did_it_again", "=hice|hacerlo|=hecho|hacer ** otra|de * vez|nuevo"),
    ("did_it_again", "lo * =volvi * a * hacer"),
)

ACROSS_CLAUSES = frozenset(
    {
        "into_the_water",
        "car_in_garage",
        "car_exhaust",
        "at_the_tracks",
        "pet_handed_on_with_its_things",
        "goodbye_scheduled",
    }
)
