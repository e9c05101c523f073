"""High on their own: not being able to stay safe."""

from __future__ import annotations

from policies.cues.classes import Entry

_EVERYDAY_URGES = (
    "smoke smoking drink drinking eat eating vape vaping pee shop shopping sleep fumar comer "
    "beber tomar dormir comprar"
)

CANT_STAY_SAFE: tuple[Entry, ...] = (
    (
        "might_act",
        "might|may|could|afraid|scared|worried|miedo * do|hacer|haga * something|anything|algo * "
        "stupid|dangerous|drastic|dumb|regret|tonight|irreversible|estupido|peligroso|hoy",
    ),
    ("cant_stay_safe", "cant|cannot|unable|not|dont ** keep|stay|be|remain ** safe"),
    (
        "cant_stay_safe",
        "im|i|feel|am not|dont|no * safe|unsafe",
        "home house roommate neighborhood",
    ),
    ("cant_stay_safe", "unsafe"),
    # a doubt or a denial over being able to keep safe: "i no longer believe i can keep myself
    # safe", "no me veo capaz de mantenerme a salvo", "not sure i can stay safe"
    (
        "cant_stay_safe",
        "no|not|dont|never|nunca|doubt|dudo * believe|think|sure|creo|veo|capaz|segura|seguro|siento ** "
        "keep|stay|remain|mantenerme|mantener|quedarme|estar ** safe|salvo|salva",
    ),
    # "no respondo de mí": I cannot answer for what I will do
    ("cant_stay_safe", "no * respondo|responder * de * mi|misma|mismo"),
    # a safety plan followed and failing: "did every step of my safety plan and i still want to"
    (
        "safety_plan_failing",
        "safety|seguridad|plan ** still|sigo|todavia|aun|anyway|igual ** want|wanna|ganas|quiero|"
        "urge|urges|thoughts|pensando|hacerlo|do",
    ),
    ("cant_stay_safe", "dont|not|cant * trust myself"),
    ("cant_stay_safe", "no * puedo|pueda|poder * mantenerme|estar|quedarme * salvo|segura|seguro"),
    ("cant_stay_safe", "no * siento|estoy|sentir|estar * segura|seguro|salvo"),
    ("cant_stay_safe", "no * confio|confiar * en * mi|misma|mismo"),
    # afraid of oneself; not to be left alone (Stanley-Brown: a warning sign, ask for company)
    ("scared_of_myself", "scared|afraid|terrified|miedo * of|de * myself|misma|mismo"),
    (
        "cant_be_alone",
        "cant|cannot|shouldnt|no * be|stay|estar|quedarme * alone|sola|solo ** tonight|now|rn|noche|"
        "ahorita|ahora",
        "kids baby dog cat house ninos bebe perro gato casa",
    ),
    (
        "cant_be_alone",
        "dont * let|leave * me * be * alone|sola|solo",
        "party fiesta kids baby dog cat house",
    ),
    ("cant_be_alone", "no * me * dejen|dejes|deje * sola|solo"),
    (
        "might_act",
        "me * voy|vaya|puedo|pueda * a * hacer * algo",
        "comer cenar cena comida desayuno almuerzo pelo cabello unas nuevo bonito rico sandwich de",
    ),
    # a danger to oneself: "me siento en peligro conmigo misma", "i'm a danger to myself"
    (
        "cant_stay_safe",
        "peligro|danger|dangerous|peligrosa|peligroso ** conmigo|myself|misma|mismo",
    ),
    (
        "cant_stop_myself",
        "no * me * puedo|podia|pude * controlar|detener|contener",
        "eating eat sweets snacking spending shopping texting comer compras dulces risa",
    ),
    (
        "cant_stay_safe",
        "cant|cannot|wont|not|dont|no * promise|prometer|prometo ** safe|segura|seguro|salvo|hurt|dano|bien|ok|okay|fine|alright|alive|vivo|viva",
    ),
    (
        "scared_of_what_ill_do",
        "scared|afraid|terrified|miedo|asustada|asustado ** what|lo|que ** do|hacer|might",
    ),
    (
        "wont_make_it",
        "not|dont|wont|no|cant * make|get|survive|llegar|llegue|sobrevivir|aguantar ** through|night|tonight|morning|tomorrow|manana|noche|amanecer",
        "appointment session class work meeting cita clase trabajo group grupo party",
    ),
    (
        "wont_make_it",
        "dont|not|no|idk * know|sure|se|seguro|segura|idea * if|si|whether|whether ** make|survive|last|"
        "llegar|sobrevivir|aguantar|resistir ** through|night|tonight|morning|tomorrow|manana|noche|amanecer",
        "appointment session class work meeting cita clase trabajo group grupo party",
    ),
    (
        "wont_make_it",
        "cant|cannot|wont|no * promise|prometer|prometo ** make|llegar|sobrevivir|aguantar",
        "appointment session class work meeting cita clase trabajo group grupo party",
    ),
    ("cant_stay_safe", "cant|cannot|shouldnt|not * be * trusted"),
    ("cant_stay_safe", "no * puedo|pueda|poder * cuidar|cuidarme"),
    ("cant_stay_safe", "cant|cannot|unable|not * take * care * myself"),
    (
        "cant_stop_myself",
        "cant|cannot|unable|no * stop|keep|control|controlar|detener|detenerme|contenerme * myself|me|from",
        "eating eat sweets snacking spending shopping texting comer compras dulces",
    ),
    (
        "scared_of_what_ill_do",
        "scared|afraid|terrified|miedo|asustada|asustado ** do|hacer ** stupid|dumb|tonto|tonteria|drastic|malo|"
        "locura|locuras|crazy|pendejada",
    ),
    (
        "scared_of_what_ill_do",
        "scared|afraid|terrified|miedo ** do|hacer ** something|algo|anything * tonight|noche|myself|rn|now|ahorita",
    ),
    (
        "might_do_something",
        "might|going|gonna|about|voy|puedo|could * do|hacer * something|algo|anything * stupid|dumb|tonto|tonteria|bad|malo|drastic",
    ),
    # Not safe with the subject dropped, as texts drop it ("not safe rn"); urges too strong.
    (
        "cant_stay_safe",
        "^ not|no|unsafe * safe|seguro|segura|salvo|salva",
        "drive driving manejar home house casa roommate neighborhood barrio food comida",
    ),
    (
        "scared_of_what_ill_do",
        "scared|afraid|terrified|miedo ** =hacerme|=hacerle * algo|dano|something",
    ),
    (
        "urges_too_strong",
        "urge|urges|ganas|impulse|impulses|impulsos ** too|so|muy|demasiado * strong|fuertes|fuerte",
        _EVERYDAY_URGES,
    ),
    (
        "urges_too_strong",
        "cant|cannot|no * fight|resist|control|resistir|controlar|aguantar ** urge|urges|ganas|impulsos|them",
        _EVERYDAY_URGES,
    ),
    ("might_act", "something|algo ** cant|irreversible|no * take|undo|deshacer * back"),
    # triage7: needing to be kept safe from oneself; a doubt over stopping oneself; not knowing
    # what one will do to oneself; urges rated near the top of the scale a DBT diary card uses.
    (
        "safe_from_myself",
        "safe|protect|protected|salvo|salva|proteger|protegerme * from|de * myself|misma|mismo",
    ),
    (
        "cant_stop_myself",
        "dont|not|doubt|no * think|sure|know|believe ** can|could|able * stop|control * myself",
        "eating eat sweets snacking spending shopping texting laughing",
    ),
    (
        "cant_stop_myself",
        "no * creo|se|se|siento * que * pueda|puedo|podre|voy ** detenerme|controlarme|contenerme|aguantarme",
        "comer compras dulces risa",
    ),
    (
        "dont_know_what_ill_do",
        "dont|not|idk * know ** what * ill|i|id|might|will|would ** do * myself|me|tonight|now|rn",
    ),
    (
        "dont_know_what_ill_do",
        "no * se|sabe * que|lo * me * hago|haga|hare|voy",
        "poner ponerme ropa vestido comer cenar desayunar pelo regalo regalar disfraz pasa paso",
    ),
    (
        "wont_make_it",
        "aguante|aguantar|aguanto|llegar|llegue|make|last|hold ** sin|without * hacerme|hurting|harming|"
        "doing|lastimarme|cortarme|hacer",
    ),
    (
        "urges_rated_high",
        "urge|urges|ganas|impulse|impulses|impulsos * at|en|a|are|estan|is|son|of|de * %8",
        _EVERYDAY_URGES,
    ),
    (
        "urges_too_strong",
        "cant|cannot|no * ride|surf|tolerate|sit|wait ** urge|urges|them|out",
        _EVERYDAY_URGES,
    ),
    # triage8: not to be left on one's own, in any wording ("i cant be by myself right now")
    ("cant_be_alone", "cant|cannot|shouldnt|no * be|stay|estar|quedarme * by|on * myself|my"),
    # not trusting what one's own hands will do, nor that one is still here by the morning
    (
        "not_trusting_what_i_do",
        "dont|not|cant|no * trust|confio|confiar * what|lo|my|mis * hands|do|manos|hacer|haga|hare",
    ),
    (
        "unsure_to_see_the_morning",
        "cant|cannot|not|dont|no * guarantee|promise|sure|garantizar|prometer ** still|be|seguir "
        "* here|alive|around|aqui|viva|vivo",
    ),
    ("unsure_to_see_the_morning", "no * se|sabe * si * voy|vaya|va * a * amanecer|despertar"),
)

# An absence that is a trip or a day off ("i won't be around this weekend").
