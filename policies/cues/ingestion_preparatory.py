"""High on their own: ingestion beyond the dose, the patient's or someone else's, and
preparatory acts."""

from __future__ import annotations

from policies.cues.classes import Entry

_EVERYDAY_EXCESS = (
    "cafe coffee cafeina caffeine comida food tacos pizza pastel cake dulces candy sol sun "
    "tiempo time"
)
INGESTION: tuple[Entry, ...] = (
    ("swallowed_a_count", "@INGESTED ** #5"),
    ("swallowed_it_all", "me =acabe|=termine ** @ALL ** @PILLS|las|los"),
    (
        "swallowed_it_all",
        "me =acabe|=termine ** @PILLS|@CONTAINER",
        "receta farmacia surtir resurtir refill",
    ),
    (
        "swallowed_a_count",
        "@INGESTED ** %2 days|weeks|months|dias|semanas|meses|week|month|day ** worth|of|de",
    ),
    (
        "swallowed_it_all",
        "@INGESTED ** @PILLS ** at|de|all|todas|de ** once|golpe|juntas|=vez|mes|month|week|semana",
    ),
    ("pill_emoji", "pill pill pill"),
    ("swallowed_a_count", "@INTEND * @TAKE ** #5"),
    ("swallowed_it_all", "@INGESTED ** @ALL ** @PILLS|@DOSE|@CONTAINER|them|las|los|pill"),
    ("swallowed_it_all", "@INGESTED ** @ALL las|los|of"),
    ("swallowed_it_all", "me las|los @INGESTED @ALL", "dias mananas noches semana horario"),
    ("swallowed_it_all", "@INTEND * @TAKE ** @ALL ** @PILLS|@CONTAINER|them"),
    ("swallowed_a_container", "@INGESTED ** @CONTAINER", "water agua soda juice jugo"),
    ("swallowed_a_container", "@INTEND * @TAKE ** @CONTAINER", "water agua soda juice jugo"),
    ("too_many", "@INGESTED ** too many|much", _EVERYDAY_EXCESS),
    (
        "beyond_the_dose",
        "@INGESTED ** double|triple|quadruple|twice|thrice|doble|triple|cuadruple|extra ** "
        "@PILLS|@DOSE|my|mi|mis|de|the|el|la|of",
    ),
    ("beyond_the_dose", "@INGESTED ** %2 times|x|veces ** @PILLS|@DOSE|my|mi|mis|usual|normal"),
    ("beyond_the_dose", "@INGESTED ** and|y * some|then|unas|otras * more|mas"),
    (
        "beyond_the_dose",
        "@INGESTED ** @PILLS|@DOSE|@CONTAINER|them|las|los|more|mas ** "
        "purpose|proposito|intentionally|adrede",
    ),
    (
        "too_many",
        "@INGESTED ** way|more|mas ** than|de * dose|dosis|supposed|prescribed|debo|deberia",
    ),
    ("too_many", "@INGESTED ** demasiadas|demasiados|demasiado", _EVERYDAY_EXCESS),
    ("overdose", "=overdosed|=overdosing|=od|=empastille|=empastillarme|=empastillé"),
    ("overdose", "@INGESTED|=had|took|tomar * overdose|sobredosis|od"),
    ("overdose", "i|just|think|gonna|going|to|might|about|want|wanna overdose|od"),
    (
        "overdose",
        "sobredosis|overdose",
        "que cuanto como what how much counts prevention narcan naloxone signs symptoms "
        "senales sintomas folleto pamphlet brochure informacion information",
    ),
    (
        "swallowed_poison",
        "@INGESTED|drank|drink|beber|bebi|tomar|tome ** bleach|antifreeze|poison|cleaner|cloro|lejia|veneno|raticida|detergent|detergente|lysol|clorox|pinesol",
    ),
    # An aborted or interrupted ingestion (C-SSRS): "started taking the pills and stopped halfway".
    ("stopped_partway", "@PILLS ** stopped|stop|pare|deje ** halfway|half|mitad|partway"),
    ("sedatives_with_alcohol", "@SEDATIVE ** @ALCOHOL"),
    ("sedatives_with_alcohol", "@ALCOHOL ** @SEDATIVE"),
    ("pills_with_alcohol", "@INGESTED|drank|drink|mixed|mezcle|mix ** @PILLS ** @ALCOHOL|with|con"),
    ("pills_with_alcohol", "@INGESTED|drank|mixed|mezcle ** @ALCOHOL ** @PILLS"),
    ("swallowed_it_all", "drank|drink|bebi|beber|chugged ** @ALL|@CONTAINER ** @PILLS"),
    ("took_someone_elses_pills", "@INGESTED ** @OTHER|grandmas|moms|dads|abuela ** @PILLS"),
    ("took_someone_elses_pills", "@INGESTED ** @PILLS ** de * mi|my * @OTHER"),
    # triage7: another's medicine swallowed or drunk, the possessive without its apostrophe
    (
        "took_someone_elses_pills",
        "@INGESTED|=bebi|=drank ** husbands|wifes|boyfriends|girlfriends|sisters|brothers|roommates|"
        "partners|grandpas|moms|dads|abuela|abuelo ** @PILLS",
    ),
    ("took_someone_elses_pills", "@INGESTED|=bebi|=drank ** @PILLS ** de * mi|my * @OTHER"),
    # triage8: insulin injected beyond the dose, any medicine taken "on purpose", a container
    # of a medicine swallowed, everything swallowed from the medicine drawer
    (
        "insulin_beyond_the_dose",
        "inject|injected|inyectar|inyecte * @ALL * my|mi|la|the * insulin|insulina",
    ),
    (
        "taken_on_purpose",
        "take|took|swallow|inject|tomar|tragar|inyectar ** @PILLS|insulin|insulina ** purpose|proposito|adrede|intentionally",
    ),
    (
        "a_container_swallowed",
        "take|took|swallow|tomar|tragar * a|an|un|una|el * @CONTAINER * of|de * @PILLS",
    ),
    (
        "everything_swallowed",
        "swallow|swallowed|tragar|trague * @ALL ** @PILLS|@CONTAINER|cajon|drawer",
    ),
    (
        "everything_swallowed",
        "swallow|swallowed|tragar|trague * @ALL ** cajon|drawer|botiquin|cabinet * de|of * @PILLS",
    ),
)

# Another person (a child, a friend) swallowed something: 911 and poison control.
OTHER_INGESTION: tuple[Entry, ...] = (
    # triage9 (set 11): found unconscious beside the containers
    (
        "found_unresponsive",
        "unconscious|unresponsive|desmayada|desmayado|inconsciente ** @CONTAINER|@PILLS",
    ),
    (
        "someone_else_swallowed",
        "@OTHER ** swallow|ate|eat|drank|drink|take|got|get|tragar|comer|tomar|beber|agarrar "
        "** @PILLS|@CONTAINER|@DOSE|bleach|cloro|something|algo|cabinet|botiquin|battery|batteries|magnet|magnets|pila|pilas|iman|imanes|chemicals|quimicos|detergent|detergente|gummies|gummy|edibles|edible|thc|gomitas",
        "his her their own already su sus",
    ),
    ("someone_else_swallowed", "@OTHER ** overdose|overdosed|od|sobredosis"),
    # Found with the containers emptied: "found my mom on the floor next to empty pill bottles".
    (
        "found_with_empties",
        "found|find|encontre|encontrar|halle|hallar ** @OTHER ** @CONTAINER|@PILLS ** "
        "empty|empties|emptied|vacio|vacios|vacia|vacias",
    ),
    (
        "found_with_empties",
        "found|find|encontre|encontrar|halle|hallar ** @OTHER ** empty|emptied|vacio|vacios|vacia|vacias "
        "* @CONTAINER|@PILLS",
    ),
    # triage7: a child chewing a patch or a film, or putting a pill in the mouth
    (
        "someone_else_swallowed",
        "@OTHER ** chew|chewed|chewing|masticar|mastico|lick|licked|lamer|chupar|suck|sucking ** "
        "@PILLS|@CONTAINER|@DOSE|patch|patches|parche|parches|film|something|algo",
    ),
    (
        "someone_else_swallowed",
        "@OTHER ** meter|metio|puso|poner|put|stuck * a|en|in|into * la|su|his|her|the * boca|mouth ** @PILLS|algo|something",
    ),
    (
        "someone_else_swallowed",
        "@OTHER ** meter|metio|puso|poner|put|stuck ** @PILLS ** boca|mouth",
    ),
)

# A letter or a video for someone that is an occasion's ("wrote my mom a letter for her birthday").
_EVERYDAY_LETTERS = (
    "birthday anniversary christmas santa valentine valentines thank thanks recommendation "
    "reference school teacher class homework court landlord cumpleanos aniversario navidad "
    "gracias recomendacion escuela maestra maestro clase tarea juzgado tarjeta card mothers"
)

PREPARATORY: tuple[Entry, ...] = (
    # triage9 (set 11): a note left to be found; "by then it won't matter"
    (
        "note_to_be_found",
        "deje|left|dejar|leave ** nota|note|carta|letter ** encuentren|encuentre|find|found",
        "key keys llave llaves plumber plomero package paquete delivery door puerta school "
        "escuela teacher maestra",
    ),
    (
        "wont_matter",
        "by|para * then|entonces|manana|tomorrow ** wont|no|not * matter|importar|importara|importe",
    ),
    (
        "found_after",
        "find|finds|found|encuentre|encuentren|encontrar|hallar ** my|mi * body|cuerpo",
    ),
    (
        "goodbye_letters",
        "wrote|write|writing|left|leave|escribir|dejar ** goodbye|suicide|final|last|despedida",
    ),
    (
        "goodbye_letters",
        "wrote|write|writing|left|leave|escribir|dejar ** note|notes|letter|letters|carta|cartas|nota|notas ** everyone|family|kids|parents|todos|familia|hijos",
    ),
    # The one it is for named first: "left my kids a letter", "les dejé una carta a mis hijos".
    (
        "goodbye_letters",
        "wrote|write|writing|left|leave|recorded|record|dejar|deje|escribir|escribi|grabe|grabar ** "
        "@OTHER|everyone|family|kids|parents|todos|familia|hijos|les|le * a|an|una|unas|un|the|la|las "
        "note|notes|letter|letters|video|message|carta|cartas|nota|notas|mensaje",
        _EVERYDAY_LETTERS,
    ),
    ("goodbye_letters", "note|notes|letter|letters|carta|cartas ** goodbye|despedida"),
    # My note, left or written: "wrote my note", "ya dejé mi nota" (a letter is too often
    # a birthday's).
    (
        "goodbye_letters",
        "wrote|write|writing|left|leave|dejar|escribir ** my|mi|mis * note|notes|nota|notas",
        "landlord teacher school work doctor boss employer insurance cover recommendation fridge "
        "shopping grocery list leave absence maestra maestro trabajo escuela jefe doctora medico "
        "seguro recomendacion lista super renuncia resignation birthday cumpleanos santa christmas "
        "navidad thank gracias class clase homework tarea",
    ),
    ("goodbye_letters", "left|wrote|deje|escribi * notes|letters|cartas"),
    (
        "goodbye_letters",
        "left|wrote|write|leave|dejar|escribir ** note|letter|carta|nota ** mom|dad|parents|husband|wife|kids|sister|brother|mama|papa|papas|padres|esposo|esposa|hijos|hermana|hermano|familia|everyone|todos",
    ),
    (
        "giving_things_away",
        "gave|give|giving|given * away",
        "old baby outgrown couch sofa furniture donate donated donation goodwill church iglesia "
        "vieja viejo viejas viejos usada usado donar moving mudanza declutter decluttering sale",
    ),
    (
        "giving_things_away",
        "gave|give|giving|regalar|regale|dar * my|all|mis|mi * stuff|things|cosas|ropa|perro|gato|mascota|cat|dog",
        "old baby outgrown donate donated donation goodwill church iglesia vieja viejo viejas viejos "
        "usada usado donar moving mudanza declutter decluttering sale",
    ),
    ("giving_things_away", "regalar|regale|regalando * perro|gato|mascota|cosas|todo"),
    # a possession handed to someone, whatever the article: "gave the dog to the neighbors"
    (
        "giving_things_away",
        "gave|give|giving|regale|regalar|di|dar|entregue * the|our|el|la|los|las|nuestro * @POSSESSIONS ** to|a",
        "old baby outgrown donate donated donation goodwill church iglesia vieja viejo viejas viejos "
        "usada usado donar moving mudanza declutter decluttering sale vet veterinario bath bano "
        "walk paseo food comida treat weekend week trip vacation drive borrow groomer sitter "
        "school work fin semana viaje prestar prestado prestada manejar escuela trabajo "
        "mientras while until hasta",
    ),
    (
        "giving_things_away",
        "leave|leaving|dejar|dejando|dejarle|dejare ** my|mi|mis|all * @POSSESSIONS ** to|a",
    ),
    (
        "a_will",
        "wrote|write|writing|made|make|did|finished|updated|set|hice|hacer|escribi|arregle|arreglar * will|testamento",
        "lawyer attorney estate notary abogado notario our nuestro",
    ),
    (
        "who_gets_my_things",
        "who|quien ** gets|get|keeps|se|queda|quedara|takes ** my|mis|mi ** things|stuff|cosas|money|dinero|cat|dog|perro|gato|kids|hijos",
    ),
    (
        "when_im_gone",
        "when|after|once|cuando|para|despues ** im|i|am|no|me|yo ** gone|este|estoy|vaya|muera|die|dead|falte",
    ),
    ("affairs_in_order", "affairs|everything|todo ** in|arreglado|arreglados|listo|order|orden"),
    ("wont_need_them", "wont|not * need * them|anymore|any|anything|where|again|after|longer"),
    ("wont_need_them", "ya|no * lo|los|la|las|voy * necesitar|necesitare"),
    ("wont_need_them", "where|donde * im|voy * going|ir"),
    (
        "last_message",
        "last|final|ultimo|ultima * text|message|msg|mensaje|goodbye|letter|carta|note|nota",
    ),
    ("last_message", "goodbye|bye|adios|despedida * forever|siempre"),
    ("last_message", "this * is * goodbye"),
    ("last_message", "esto|este * es * despedida|adios"),
    ("goodbye_letters", "goodbye|suicide|farewell note|notes|letter|letters"),
    (
        "last_message",
        "goodbye|bye|adios ** everyone|everybody|all|todos|todas|world|mundo",
        "see tomorrow week monday tuesday wednesday thursday friday later manana vemos luego session group grupo clase",
    ),
    ("said_goodbye", "said|say|saying|deleted|delete * goodbye|accounts|everything * everyone|all"),
    (
        "said_goodbye",
        "said|say|saying|dije|despedi|despedirme|despidiendo * my|mis * goodbyes|goodbye|despedidas",
        "airport train bus party see aeropuerto fiesta",
    ),
    ("said_goodbye", "deleted|delete|borre|borrar * all|todas * accounts|cuentas"),
    (
        "tell_them_i_love_them",
        "tell|diganle|dile|digan|decirle * mom|dad|family|kids|sister|brother|mama|papa|familia|hijos|hermana|hermano ** love|sorry|quiero|perdon",
    ),
    (
        "said_goodbye",
        "despedir|despedirme|despidiendo * de * todos|todas|mi|mis",
        "fiesta aeropuerto trabajo",
    ),
    (
        "who_gets_my_things",
        "who|quien ** gets|get|keeps|queda|quedara|se * what|que",
        "christmas navidad gift gifts regalo regalos birthday cumpleanos chores",
    ),
    (
        "giving_things_away",
        "repartir|reparti|distribute|distributed|split|divided ** my|mis|mi|all|todo|todas * @POSSESSIONS",
    ),
    # The patient's own funeral planned or pictured; the day chosen.
    (
        "own_funeral",
        "my|mi|own|propio|propia funeral|velorio|entierro|obituary|eulogy|obituario",
        "home parlor director insurance funeraria seguro job work trabajo",
    ),
    (
        "picked_the_date",
        "picked|set|chose|chosen|choose|elegi|escogi|puse * the|a|la|el * date|day|fecha|dia",
        "wedding party appointment surgery boda fiesta cita cirugia move mudanza trip viaje shower graduation graduacion vacation vacaciones interview entrevista",
    ),
    # Someone to care for a pet or a child after: "found a home for my dog so someone will take
    # care of him after", "ya dejé quien cuide a mis gatos cuando no esté".
    (
        "care_arranged_after",
        "care|cuide|cuiden|cuidar|cuida|feed|alimente ** after|despues|cuando ** gone|no|ya|im",
        "surgery trip vacation work school shift appointment hospital procedure class session "
        "cirugia viaje vacaciones trabajo escuela turno cita hospital operacion clase sesion",
    ),
    (
        "care_arranged_after",
        "care|cuide|cuiden|cuidar|cuida|feed|alimente ** after|despues",
        "surgery trip vacation work school shift appointment hospital procedure class session "
        "cirugia viaje vacaciones trabajo escuela turno cita hospital operacion clase sesion "
        "tomorrow weekend manana finde",
    ),
    (
        "said_goodbye",
        "told|tell|telling|dije|decirle * @OTHER|everyone|everybody|todos|best ** goodbye|bye|adios",
        "airport train bus party see aeropuerto fiesta work school trabajo escuela",
    ),
    # triage7: goodbye said to everyone; affairs handed on (passwords, life insurance) for
    # someone; things arranged so that nobody has to deal with them after.
    (
        "goodbye_to_everyone",
        "goodbye|bye|goodbyes|despedida|despedirme|despedi|adios ** everyone|everybody|todos|todas|mundo",
        "party fiesta trip viaje move moving mudanza graduation graduacion work trabajo class clase "
        "job retirement jubilacion school escuela airport aeropuerto wedding boda vacation "
        "vacaciones camp leaving",
    ),
    (
        "goodbye_to_everyone",
        "texted|told|said|sent|mande|dije|escribi|messaged * everyone|everybody|todos|todas ** goodbye|bye|despedida|adios",
        "party fiesta trip viaje move moving mudanza graduation graduacion work trabajo class clase "
        "job retirement jubilacion school escuela airport aeropuerto wedding boda vacation "
        "vacaciones camp leaving",
    ),
    ("affairs_handed_on", "passwords|password|contrasenas|contrasena ** envelope|envelopes|sobre"),
    (
        "affairs_handed_on",
        "passwords|password|contrasenas|contrasena ** for|para * my|mi * @OTHER",
        "portal app reset login cuenta account bank banco",
    ),
    ("affairs_handed_on", "life insurance ** envelope|sobre|for|left|gave|where"),
    ("affairs_handed_on", "seguro * de * vida ** sobre|para|deje|di|donde"),
    (
        "affairs_handed_on",
        "papeles|poliza|polizas * del|de * seguro * de * vida ** sobre|para|deje|di|donde",
    ),
    # the amount that would be enough looked up (C-SSRS: preparatory behaviour)
    (
        "looked_up_enough",
        "busque|investigue|googled|googlee|looked|researched|searched ** cuantas|cuantos|many|much ** "
        "@PILLS ** suficientes|suficiente|enough|kill|lethal|letal|matar|morir|matarme",
    ),
    (
        "nothing_left_for_others",
        "nobody|noone|nadie ** deal|handle|worry|clean|preocuparse|preocupar|encargarse|lidiar|limpiar ** "
        "after|afterwards|despues",
        "trip vacation leave surgery cirugia viaje vacaciones party fiesta move mudanza maternity",
    ),
    # triage8: a pet handed on with its things ("dropped him off with his food and toys"), a
    # goodbye timed to reach people later, not needing a place to live any more
    (
        "pet_handed_on_with_its_things",
        "dog|cat|perro|gato|perrito|gatito|perrita|gatita ** with|con * his|her|its|su|sus * food|toys|bed|leash|comida|juguetes|cama|correa|cosas",
        "vet veterinario groomer weekend week trip vacation kennel daycare boarding sitter fin semana viaje vacaciones guarderia",
    ),
    (
        "goodbye_scheduled",
        "goodbye|bye|adios|despedida|despedirme|despidiendome ** scheduled|schedule|timed|queued|programado|programada|programe|programar",
        "party trip move moving retirement job work fiesta viaje mudanza jubilacion trabajo",
    ),
    (
        "wont_need_them",
        "wont|not|no * need|necesitar|necesitare|voy * a|my|mi|mis|el|la|un|una|any * place|home|apartment|clothes|stuff|casa|depa|ropa|cosas|lugar",
        "moving move new staying stay hotel ride rent tomorrow week bus weekend mudanza nueva nuevo quedarme manana semana",
    ),
)

# Urges that are not to hurt oneself ("the urge to smoke is so strong").
