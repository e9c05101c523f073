"""Not high on their own: they read with each other and with the contact's recent texts; risk
colouring (asks, never pages)."""

from __future__ import annotations

from policies.cues.classes import Entry
from policies.cues.ingestion_preparatory import _EVERYDAY_LETTERS

# --- not high on their own: they read with each other and with the contact's recent texts -----

# Possible on its own: the safety check asks.
DISTRESS: tuple[Entry, ...] = (
    ("hopeless", "hopeless|hopelessness|worthless|helpless|esperanza|inutil"),
    ("whats_the_point", "whats|what|no|nothing|nada * point|sentido"),
    (
        "cant_go_on",
        "cant|cannot|can|no * do|take|go|keep|aguanto|aguantar|puedo|seguir ** anymore|on|going|this|mas",
    ),
    ("cant_go_on", "ya * no * puedo|aguanto|aguantar|soporto"),
    ("im_done", "im|am done", "with homework work class shift school eating dinner laundry"),
    (
        "tired_of_everything",
        "tired|done|sick|cansada|cansado|harta|harto * of|with|de * everything|all|it|todo",
    ),
    ("nobody_cares", "nobody|noone|nadie * cares|care|loves|quiere|importa|importo"),
    ("nobody_cares", "no one * cares|care|loves"),
    ("not_worth_it", "not|isnt * worth * it|living|anything"),
    ("not_worth_it", "no * vale * pena"),
    ("relapsed", "relapsed|relapse|recai|recaida"),
    ("cant_go_on", "no * puedo|quiero * seguir"),
    ("burden", "burden|carga"),
    # triage9 (set 11): why go on, how much more, pointless, no way out seen
    ("why_go_on", "why|para * bother|sigo|intentando|luchando"),
    (
        "cant_go_on",
        "much|longer|cuanto * more|longer|mas ** take|aguantar|aguanto|soportar|handle",
        "mg dose dosis pill pills pastilla pastillas tylenol advil ibuprofen melatonin",
    ),
    ("whats_the_point", "pointless|meaningless"),
    ("whats_the_point", "sin sentido"),
    ("no_way_out", "dont|cant|no * see|veo * way|salida", "calle callejon street road exit"),
    (
        "cant_stop_thinking",
        "keep|cant|stop|dejo|puedo * thinking|pensar|pensando * about|en * it|this|that|eso|esto|doing|hacerlo",
    ),
    ("nothing_to_lose", "nothing|nada * to|que * lose|perder"),
    ("hate_myself", "hate|hating|odio * myself"),
    ("hate_myself", "me odio"),
    ("give_up", "give|giving|gave * up"),
    ("give_up", "rindo|rendirme|rendir"),
    ("falling_apart", "falling|fall * apart"),
    ("want_the_pain_to_stop", "want|need|quiero * pain|dolor * stop|end|pare|termine"),
    ("trapped", "trapped|atrapada|atrapado"),
    (
        "thinking_about_it",
        "keep|cant|stop|just|been * looking|staring|stare|look * at * it|them",
    ),
    (
        "thinking_about_it",
        "dejo|dejar|puedo|sigo|quedo * de * ver|verlo|verla|verlas|verlos|mirar|mirarlo|mirarla|"
        "mirarlas|mirarlos|viendolo|viendola|mirandolo|mirandola",
    ),
    # Thinking of it, tempted: with a means named ("the gun is in the drawer and im thinking
    # about it") it is high (policies.triage_decide).
    (
        "thinking_about_it",
        "thinking|think|thought|tempted|pensando|pienso|tentada|tentado ** about|of|en * it|using|"
        "doing|usarla|usarlo|usarlas|usarlos|hacerlo|eso",
    ),
    ("no_future", "no|dont|cant|nunca * see|veo|future|futuro ** future|futuro|me|mi"),
    ("tired_of_fighting", "tired|cansada|cansado|done * of|de * fighting|trying|luchar|intentar"),
    (
        "let_go",
        "want|wanna|going|ready|quiero * let|soltarme * go",
        "past ex relationship grudge anger him her it this that",
    ),
    # triage7: the skills or the plan not working (DBT, Stanley-Brown); asked, not paged alone
    (
        "coping_failing",
        "skills|habilidades|coping|tools|herramientas ** not|arent|isnt|no|nothing|nada ** "
        "working|work|helping|help|funcionan|funcionando|sirven|sirviendo|ayudan|ayudando",
    ),
)

# The contact's own recent texts count: a farewell after a method or a means is high.
FAREWELL: tuple[Entry, ...] = (
    (
        "goodbye",
        "goodbye|bye|adios|adieu|farewell|despedida|coffin",
        "see tomorrow week monday tuesday wednesday thursday friday saturday later manana martes lunes miercoles jueves viernes sabado domingo vemos luego pronto session cita",
    ),
    ("sorry_for_everything", "sorry|perdon|perdonen|perdoname|forgive ** everything|todo|me|all"),
    ("thank_you_for_everything", "thank|thanks|gracias * for|por * everything|todo"),
    (
        "thank_you_for_trying",
        "thank|thanks|thx|gracias * for|por * trying|intentar|intentarlo|tratar",
        "appointment move reschedule fit call refill prescription fix schedule form insurance "
        "cita mover cambiar llamar receta arreglar horario seguro",
    ),
    ("love_you_all", "love|quiero * you|los|las * all|todos|todas"),
    ("tonight_is_the_night", "tonight|today|hoy * is|es * the|la * night|noche|day|dia"),
    ("this_is_it", "this|esto|so * is|es * it|todo"),
    (
        "its_time_to_go",
        "time|hora * to|de|for * go|irme|leave|me",
        "bed work school sleep home cama trabajo escuela dormir casa class clase",
    ),
    ("one_last_time", "one|una * last|ultima * time|vez"),
    # The decision taken ("ya tomé la decisión", "i've made my decision"), and absolving those
    # left ("none of this is your fault", "no es tu culpa"): what a farewell note says.
    (
        "decision_made",
        "made|make|tome|tomar|=took * my|the|la|mi|una * decision",
        "job work school college university trabajo escuela universidad carrera move mudanza "
        "apartment house casa car carro coche",
    ),
    ("decision_made", "ya * lo * decidi"),
    ("not_your_fault", "not|none|no|isnt|nada|nunca ** your|his|her|their|tu|su|sus * fault|culpa"),
    ("not_your_fault", "fault|culpa * tuya|suya|yours|de * nadie|ustedes|usted|ti"),
)

# Finality: with distress in the same text it is ideation ("i want it to stop. permanently",
# "quiero irme de una vez por todas").
FINALITY: tuple[Entry, ...] = (
    ("for_good", "permanently|permanent|forever|eternally|eternamente|permanentemente"),
    ("for_good", "for good"),
    ("for_good", "once and for all"),
    ("for_good", "para siempre"),
    ("for_good", "vez * por * todas"),
    ("for_good", "de una vez"),
    ("for_good", "no|never * coming * back"),
    ("for_good", "por si acaso"),
    ("for_good", "just in case"),
    ("for_good", "sin * regreso|volver"),
)

# A method, a means or a medicine named, with nothing else: routine, but it counts with a
# farewell or with distress, in this text or the contact's recent ones.
MENTION: tuple[Entry, ...] = (
    ("pills", "@PILLS"),
    ("gun", "@GUN"),
    ("rope", "@ROPE"),
    ("blade", "@BLADE"),
    ("place", "@PLACE|edge"),
    ("means", "@LETHAL"),
    ("letter", "note|notes|letter|letters|carta|cartas|nota|notas", _EVERYDAY_LETTERS),
    ("means", "escape * carro|coche|auto"),
    (
        "place",
        "window|building|train|subway|highway|freeway|river|lake|ocean|balcony|ventana|edificio|tren|metro|carretera|autopista|rio|mar|balcon",
        "late delayed traffic stuck work commute tarde retraso trafico",
    ),
)

# triage8: risk colouring. Not a cue of danger on its own, nor of distress: two of these, or one
# with a method, a means, a place or a farewell named (MENTION, FAREWELL), make a text that would
# read as routine one that is asked "are you safe right now?" (never paged). Scoping reads them as
# it reads any cue: a joke, a denial, the past or recovery lowers them.
# "tonight" colours a text, but not plans for the evening.
_TONIGHT_EVERYDAY = (
    "dinner game party show movie concert class shift work date plans fun call session "
    "appointment cena partido fiesta pelicula concierto clase turno trabajo cita planes"
)
COLOURING: tuple[Entry, ...] = (
    (
        "alone",
        "feel|feeling|felt|am|im|so|siento|sentir|estoy|tan * alone|lonely|sola|solita|solito",
    ),
    ("alone", "by * myself", "work working study studying live living eat eating"),
    (
        "nobody_would_notice",
        "nobody|noone|no|nadie|anyone|anybody * notice|noticed|notar|notaria|cuenta",
    ),
    (
        "afraid_of_myself",
        "scared|afraid|terrified|miedo|asusta * myself|me|what|lo|hacer|do|conmigo",
    ),
    ("not_trusting_myself", "trust|confio|confiar * myself|hands|mi|mis|manos|what|lo"),
    (
        "blood",
        "blood|bleeding|bleed|bled|sangre|sangrar|sangrando|sangra",
        "test tests draw drawn work lab labs level levels pressure sugar donate donation type "
        "analisis examen presion azucar donar nose nariz period regla",
    ),
    ("on_purpose", "purpose|proposito|intentionally|adrede"),
    ("still_here", "still|seguir|sigo|siga|seguire * here|alive|aqui|viva|vivo"),
    ("give_up", "give|giving|gave * up", "smoking drinking sugar soda coffee carbs caffeine"),
    ("give_up", "rendirme|rindo|rendir"),
    # one slot per word meant: "no way out", "no veo salida", "sin salida"
    ("no_way_out", "no|dont|cant * way * out"),
    ("no_way_out", "no|sin|ninguna * salida"),
    ("no_way_out", "trapped|atrapada|atrapado|stuck * in|en * my|mi * life|head|vida|cabeza"),
    ("a_burden", "burden|carga|estorbo"),
    (
        "empty",
        "empty|numb|vacia|vacio|hueca|hueco",
        "dishwasher trash garbage bin fridge tank stomach inbox gas lavaplatos basura refri "
        "tanque estomago gasolina",
    ),
    ("empty", "nothing|nada * left|inside|dentro|queda"),
    ("tired", "tired|cansada|cansado|harta|harto"),
    (
        "want_it_to_stop",
        "want|need|wish|quiero|necesito * it|this|everything|todo|esto * stop|stopped|pare|parar|termine",
    ),
    (
        "dark_thoughts",
        "thoughts|thinking|pensamientos|ideas * bad|dark|scary|feos|feas|oscuros|malos|malas|horribles",
    ),
    ("bad_thoughts", "bad|dark|scary|feos|oscuros|malos * thoughts|pensamientos|ideas"),
    ("done", "^ im|i|ya * done|estuvo"),
    ("crying", "crying|cry|cried|llorar|llorando|lloro * stop|parar|paro|all|todo|hours|horas"),
    ("crying", "cant|no stop|parar|paro|dejo * crying|llorar|llorando"),
    ("staring_at_a_means", "staring|stare|stared ** @PILLS|@GUN|@BLADE|@ROPE"),
    (
        "staring_at_a_means",
        "keep|quedo|sigo|dejo * looking|mirando|viendo|mirar|ver ** @PILLS|@GUN|@BLADE|@ROPE",
        "farmacia pharmacy store tienda precio price label etiqueta generic generico",
    ),
    ("tonight", "tonight|tonite|2am|3am", _TONIGHT_EVERYDAY),
    ("tonight", "esta|hoy * noche|madrugada", _TONIGHT_EVERYDAY),
    ("disappear", "disappear|desaparecer|desaparezco|vanish"),
    ("not_ok", "im|i|am|estoy|ya * not|no * ok|okay|bien"),
    ("not_ok", "no estoy|ando * bien"),
    (
        "at_a_loss",
        "dont|no|idk * know|se what|que * do|hacer",
        "insurance seguro form forms portal bill factura pharmacy farmacia appointment cita",
    ),
    ("dark", "everything|todo|all * dark|oscuro|negro"),
    (
        "might_do_something",
        "might|could|may|gonna|puedo|podria|voy * do|hacer * something|anything|algo|tonteria",
    ),
    ("to_be_found", "so|para * they|someone|que * can|could|will|me * find|encuentren|encuentre"),
    ("door_left_open", "left|leave|deje|dejar * the|my|la * door|puerta * unlocked|open|abierta"),
    (
        "pet_rehomed",
        "cat|dog|perro|gato|perrita|gatita ** new * home|owner|family|casa|dueno|duena|familia",
    ),
    (
        "its_time",
        "^ its|ya|es * time|hora",
        "bed sleep go leave class work eat dinner lunch cama dormir irme clase trabajo cita "
        "appointment session comer cenar",
    ),
)
