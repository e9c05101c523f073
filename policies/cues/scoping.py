"""What lowers a cue, and only the cue it scopes."""

from __future__ import annotations

# --- what lowers a cue, and only the cue it scopes ------------------------------------------

NEGATORS = (
    "not no never dont doesnt didnt wont wouldnt isnt arent aint nor havent hasnt hadnt cant "
    "cannot couldnt shouldnt wasnt werent nunca jamas tampoco ni sin ningun ninguna ninguno"
)
# A negation reaches this many words forward, and stops at these words.
NEGATION_REACH = 6
NEGATION_STOPS = "but just only though pero solo sino aunque lie lying know sure si se and y"
# Words that undo the negation before them: "no cap", "no lie", "can't stop", "no manches",
# "no es broma" say the rest is meant.
NEGATION_VOIDED_BY = (
    "cap lie lying joke joking kidding kid stop wait help quit resist exaggerating "
    "broma miento mentira manches mames mms exagero dejo puedo aguanto "
    # "sin esperanza", "sin salida": a want said, not a denial
    "esperanza esperanzas sentido salida rumbo fuerzas"
)
# The words a negation reaches through to the cue: auxiliaries, modals, pronouns, articles
# and the verbs of intending and thinking ("I don't have any thoughts of suicide", "no me voy a
# matar", "no tengo ganas de matarme"). Any other word ends its reach ("can't breathe gonna kms").
NEGATION_PATH = (
    "i me my im ive id am is are was were be been being do does did have has had having will "
    "would should could can may might must shall to of about any anything ever really even "
    "actually thoughts thought thinking think plans plan planning plans intention intent "
    "intentions urge urges going gonna wanna want wanted try tried trying ever going the a an "
    "that it this myself self ever feel feeling like "
    "yo me te lo la le mi mis no voy vas va a de en que estoy estaba he ha haber tengo tener "
    "tenia ganas quiero querer queria pienso pensando pensar pensado intentado intentar "
    "intente planeando plan planes ningun ninguna ningunos algun alguna para por el los las "
    "un una hacer hacerme hice nada ideas idea pensamientos intencion intenciones "
    "tenido tuve tenia hubo habido sentido pasado soy es eres somos sea "
    # going there, denied: "not going anywhere near the bridge", "no voy a ir al puente"
    "go anywhere near nowhere ir cerca acercarme volver back "
    # "no way im jumping", "i no longer want to die"
    "way longer"
)
# Besides @OTHER, who else may be the subject of a cue ("a guy who jumps off a bridge", "my dog
# chewed a rope"): the cue is then someone else's, unless the patient is in it ("without me").
OTHER_SUBJECTS = (
    "guy guys man men woman women girl girls boy boys someone somebody person people "
    "character characters they she who everyone everybody dog puppy cat kitten pet "
    "chico chica senor senora alguien gente persona personaje ellos ellas ella quien perro "
    "perrito perrita gato gatito mascota jefe jefa boss maestra maestro teacher "
    "muchacho muchacha chavo chava morro morra chamaco chamaca vato chaval chavala pibe piba "
    "hes shes theyre"
)
# Words of a wish or a condition: laughter over a place named in one ("this homework makes me
# want to jump off a cliff lmao") is hyperbole; the safety check asks.
HYPOTHETICAL = "want wanna makes make if si would rather ganas quiero prefiero"
# The patient in a cue's own words: it is then the patient's, whoever else is named.
SELF_IN_THE_CUE = "i im ive id me myself my mine yo mi mis conmigo"
# Spanish verbs of someone else between "me" and the act: "mi jefe me va a matar".
SOMEONE_ELSE_DOES_IT = "va van vas quiere quieren quieres mata matan matas iba iban"
# Swallowed, this many is beyond any dose ("#5" in the patterns above).
A_COUNT = 5
# A number after these is a time of day, not a count: "took my 9pm meds at 11", "a las 10".
TIME_OF_DAY = "at by around til till until before after since las desde hasta antes despues @"
# Company: at a place with others ("fuimos al puente con los niños"), an outing.
COMPANY: tuple[str, ...] = (
    "we|us|fuimos|vamos|estamos|estuvimos|nosotros|nosotras",
    "with|con * my|mis|mi|the|los|las|el|la|our|nuestros * @OTHER|family|familia|friends|amigos|amigas|kids|ninos|group|grupo|class|clase",
)
# A quotation right after a work named ("that song \"i want to die\"", "la canción dice \"me quiero
# morir\""): the words are the work's, and its ideation or self-harm is asked about, not paged.
QUOTED_WORKS = (
    "song songs lyrics lyric movie film show series book poem album track titled called "
    "cancion canciones letra rola pelicula serie libro poema disco titulo llama "
    "chorus line lines verse estribillo coro verso"
)
# Words that say a clause is now: the imperfect ("me cortaba") is then not the past.
NOW = "hoy ahorita ahora orita noche anoche tonight today now rn"
# A cue told as a work's story ("a movie about a guy who jumps off a bridge", "un libro sobre
# una chica que se corta"): the work's, unless the patient is in the cue.
WORKS = (
    QUOTED_WORKS + " documentary documental podcast article articulo video story stories historia "
    "news noticia noticias episode episodio novel novela play obra peli pelis memoir memoirs "
    "biography biografia docu docuserie movies films books novels"
)
ABOUT = "about sobre acerca where donde habla hablan hablaba trata tratan trataba talks"
# Right after a work, "of" and "de" say what it is about: "la noticia del muchacho que se tiró".
# triage7: "a documentary on ...", "the movie ended with him ..."
ABOUT_AFTER_A_WORK = (
    "of de del by says dice dicen said dijo on ended ends termina termino acaba acabo"
)
# Words that start a relative clause: a past marker after one of them is that clause's ("im at
# the cliffs where we used to go" is now).
RELATIVE = "where donde that which que"
# Words that split a text into clauses, besides punctuation.
CLAUSE_WORDS = "but pero though although aunque"

PAST: tuple[str, ...] = (
    "used to",
    "tried|attempted|was|were|did|thought|had|intente|intento|estaba|estuve|era|pense|tenia|tuve ** in|during|at|en|durante|de * @LIFE_PERIOD",
    "in|during|en|durante * @LIFE_PERIOD ** tried|attempted|was|were|did|intente|intento|estaba|estuve|era|"
    "wanted|felt|had|thought|queria|quise|sentia|pensaba|pense|tenia|tuve",
    # a season or a term gone by: "last winter", "el verano pasado"
    "last|past winter|summer|spring|fall|autumn|semester|term",
    "invierno|verano|otono|semestre|ano pasado",
    "primavera pasada",
    "hace ** ano|anos|mes|meses|semana|semanas",
    "when i was",
    "years ago",
    "year ago",
    "in the past",
    "back then",
    "as a teen|kid|teenager",
    "in high school",
    "history of",
    "last year",
    "talked * about",
    "when * i * tried",
    "cuando * intente",
    "in|en %1900",
    "was|were|got|been|me|la|lo hospitalized|hospitalised|admitted|hospitalizaron|internaron|ingresaron|hospitalizada|hospitalizado|internada|internado ** for|por|after|tras",
    "hablaron|hablamos|platicamos|platicaron * de|sobre",
    "cuando tenia|era",
    "hace * anos",
    "el ano pasado",
    "de nina|nino|chica|chico|joven|adolescente",
    "en el pasado",
    "solia",
    "antes",
    # triage7: "my old therapist got me through the time i wanted to die"
    "through|thru * the|that|those|a * time|times|period|phase|days",
)
RECOVERY: tuple[str, ...] = (
    "%1 day|days|week|weeks|month|months|year|years ** clean|free|sober",
    "clean|free|sober ** %1 day|days|week|weeks|month|months|year|years",
    "havent|hasnt|not ** in|for|since %1",
    "havent|hasnt|hadnt|not|no|sin|nunca ** since|desde * @MONTH|last|christmas|navidad|then|entonces|summer|verano|spring|fall|winter|invierno|primavera|otono",
    "%1 day|days|week|weeks|month|months|year|years|dia|dias|semana|semanas|mes|meses|ano|anos ** without|sin|free",
    "no * he|ha ** en|por|desde ** %1|dos|tres|un|una|meses|anos",
    "llevo * sin",
    # triage9: "90 days since i last overdosed", "90 dias desde mi ultima sobredosis"
    "%1 day|days|week|weeks|month|months|year|years|dia|dias|semana|semanas|mes|meses|ano|anos "
    "** since|desde ** last|ultima|ultimo|ultimas|ultimos|felt|senti|was|estuve",
    # a milestone kept: "hoy cumplo un año sin cortarme", "celebrating a year clean"
    "cumplo|cumple|cumplimos|llevo|lleva|celebrating|celebrate|celebro|marks ** un|una|one|a|%1 "
    "ano|anos|mes|meses|semana|semanas|year|years|month|months|week|weeks|day|days|dia|dias ** "
    "sin|without|clean|free|sober",
    "hace ** que no",
    "%1 dia|dias|semana|semanas|mes|meses|ano|anos ** limpia|limpio|sin",
)
# Idioms that contain a cue's words: "me muero de risa", "dying to see you".
IDIOMS: tuple[str, ...] = (
    "die|dying|died of|from|laughing|to|if embarrassment|laughter|boredom|shame|cringe|see",
    "could * die",
    "die|dying * of|from|laughing",
    "dying to",
    "morir|muero|moria * de|del * risa|hambre|sueno|calor|frio|ganas|amor|pena|verguenza|"
    "aburrimiento|cansancio|nervios|miedo|susto|gusto|coraje|celos|envidia|antojo",
    "morir|muero|moria * por * verte|ver|ir|saber|comer|conocer|probar|un|una|unos|unas",
    "matar|mataron|mato * de|del * risa|hambre|susto|sueno|calor|aburrimiento|verguenza",
    "me * esta|estan|estas * matando",
    "me mata|matan|matas",
    "me colgo|colgaron|cuelga|cuelgan",
    "killing me",
    "death of me",
    # Grooming, not the body: "me corté las uñas", "cortarme el pelo".
    "cortar|corte|corto|cortando|cortarme|cortaba las|mis|el|mi|los unas|una|pelo|cabello|fleco|"
    "flequillo|puntas|cuticulas|barba",
    "gun|guns|arma|armas|pistola safe|lock|locks|lockbox|cabinet|fuerte|candado",
    "live|vivir * with|in|at|near|there|here|together|alone|con|en|aqui|alla|juntos|sola|solo",
    "could * kill myself",
    # triage7: a thing called suicide ("career suicide", "ese examen fue un suicidio"), and
    # lying down on a sofa or a bed ("me tiré en el sofá").
    "career|social|political|professional|financial|commercial suicide",
    "suicide mission|squad|run|runs|drill|drills|sprint|sprints|doors",
    "fue|es|seria|was|is|be * un|una|a|total|pure|puro * suicidio|suicide",
    "tire|tiro|tirar|tirarme|tiraba|avente|aviento|eche|echo en|al|sobre * el|la|mi * sofa|sillon|cama|hamaca|colchon|couch|pasto",
    "segura|seguro|sure de|que|si|sobre|of|about|if",
)
# A question about a dose, a refill or a pharmacy.
LOGISTICS: tuple[str, ...] = (
    "can|could|should|may i|we",
    "is|it * ok|okay|safe|normal|bad|dangerous",
    "by|a * mistake|accident",
    "accidentally|accidently|accidentaly|mistakenly",
    "por * error|equivocacion|accidente",
    "sin querer",
    "how many|much",
    "what|whats * if|counts|dose|amount",
    "puedo|puede|debo|deberia|se * tomar|puede",
    "es * normal|malo|peligroso",
    "cuanto|cuantas|cuantos",
    "refill|pharmacy|prescription|pharmacist|insurance|farmacia|receta|surtir|surtio|farmaceutico",
)
# Means made safe, as a safety plan asks: "gave my gun to my brother to hold".
MEANS_MADE_SAFE: tuple[str, ...] = (
    "gave|give|giving|handed|locked|lock|lockbox|rid|removed|di|entregue|entregar|guarde|llave|deshice",
    "safety|seguridad plan",
    "plan * de * seguridad",
    "@OTHER ** keeps|holds|holding|has|guarda|guardan|tiene|tienen|cuida * my|mis|mi|me|them|las|los",
)

# A question reported ("my therapist asked if i've thought about suicide"): the cue is the
# question's, not the patient's saying so. Asked about, unless the patient's answer is told:
# "and i said no" makes it routine, "and i said yes" leaves the cue as it is.
ASKED = "ask asked asks asking preguntar pregunto preguntaron pregunta preguntan"
ASKED_WHAT = "if whether si"
ANSWERED_NO: tuple[str, ...] = (
    "said|told|answered|say|dije|conteste|respondi * no|nope|nah",
    "dije|conteste|respondi * que * no",
)
ANSWERED_YES: tuple[str, ...] = (
    "said|told|answered|dije|conteste|respondi * yes|yeah|yep",
    "dije|conteste|respondi * que * si",
)
# "X makes me want to die", "la tarea me da ganas de morir": a thing blamed for the wish is
# hyperbole (asked about, not paged), unless what is blamed is life itself, the pain, or
# nothing named at all ("it makes me want to die").
MAKES_ME = "makes make made making hace hacen hizo da dan dio"
WEIGHTY_CAUSES = (
    "life living alive everything all pain depression being existing myself it this that "
    "nothing anything feeling feelings thoughts loneliness i "
    "vida vivir todo dolor depresion existir esto eso nada soledad pensamientos yo"
)
