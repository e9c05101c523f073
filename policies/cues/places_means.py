"""High on their own: being at or heading to a place, means in hand or at hand."""

from __future__ import annotations

from policies.cues.classes import Entry

# --- high on their own ----------------------------------------------------------------------

# Talk around a place that says it is an ordinary visit ("stuck on the bridge in traffic").
EVERYDAY_PLACES = (
    "traffic late delayed commute bus fixing fix repair repairing leak gutter shingles cat dog "
    "camion autobus colectivo micro uber taxi ride raite laundry ropa tendiendo tender antena "
    "antenna tinaco "
    "snow meet tour view photo photos party club bar restaurant across crossed beautiful "
    "deck birthday book reading movie show documentary painting picture pictures garden "
    "concert trip vacation visit visited stars sunset sunrise "
    "fiesta trafico tarde arreglando arreglar gato perro foto fotos cruzamos pasamos cruzar "
    "estrellas cumpleanos libro pelicula paseo vacaciones atardecer amanecer "
    "groceries shopping store buy comprar tienda tortillas mandado super supermercado "
    "office oficina appointment fireworks fuegos artificiales festival parade desfile picnic "
    "validate validar validan "
    "race carrera marathon bike bici "
    "doctor medico dentista clinica consulta terapia therapy dentist clinic"
)

# Talk around open water that says it is an ordinary outing ("at the lake with the kids").
EVERYDAY_WATER = (
    EVERYDAY_PLACES + " fishing fish kayak kayaking boat boating canoe paddle sunscreen surfing "
    "swimsuit lifeguard kids pescar pesca lancha bote traje nadar nadando"
)

PLACE: tuple[Entry, ...] = (
    # triage9 (set 11): heading to water to jump; legs over a balcony or a ledge
    (
        "to_jump",
        "river|lake|ocean|sea|bay|rio|mar|lago * to|a * jump|tirarme|aventarme|saltar",
        "pool alberca piscina swim nadar dock muelle",
    ),
    (
        "legs_over",
        "balcon|balcony|ledge|railing|roof|bridge|piso|floor ** leg|legs|pierna|piernas * "
        "over|afuera|fuera|colgando",
    ),
    (
        "legs_over",
        "leg|legs|pierna|piernas * over|afuera|fuera|colgando ** "
        "balcon|balcony|ledge|railing|roof|bridge|edge|borde|barandal|cornisa",
    ),
    (
        "at_a_height",
        "on|at|to|near|toward|towards|top|heading|standing|sitting * @PLACE",
        EVERYDAY_PLACES,
    ),
    (
        "at_a_height",
        "on|at|to|near|toward|towards|top|heading the|a|this|that @PLACE",
        EVERYDAY_PLACES,
    ),
    ("at_the_edge", "on|at|near|to the edge|ledge", "seat chair bed sanity " + EVERYDAY_PLACES),
    ("at_the_edge", "edge of the|this|a @PLACE|building|platform|roof"),
    (
        "at_a_height",
        "top|last|highest * floor|level|story|of * building|garage|parking|tower|bridge|roof|structure|"
        "dorm|stairwell|hotel|hospital",
    ),
    (
        "at_a_height",
        "@PRESENT_AT ** @PLACE",
        EVERYDAY_PLACES,
    ),
    ("at_a_height", "ultimo|ultima * piso|nivel|azotea"),
    # triage8: the roof of a parking structure, whatever is named between ("the hospital parking deck")
    (
        "at_a_height",
        "roof|rooftop|top * of * the|a ** parking|garage|structure|deck",
        "fix fixing repair repairing antenna gutter shingles snow work working car job office "
        "validate validation ticket pay appointment session oficina cita",
    ),
    (
        "into_the_water",
        "@WATER ** walk|walking|wade|wading|swim|jump|jumping|go|going|step|sink|drown|drowning "
        "* in|into|under|out|off|away|down|myself",
        EVERYDAY_WATER,
    ),
    (
        "into_the_water",
        "walk|walking|wade|wading|swim|jump|jumping|go|going|step|sink|drown * in|into|under|off "
        "* the|a|this|that ** @WATER",
        EVERYDAY_WATER,
    ),
    ("into_the_water", "drown|drowning|ahogarme|ahogar|ahogandome * myself|me|ahi|alli|there"),
    (
        "into_the_water",
        "meterme|meter|aventarme|aventar|tirarme|tirar|hundirme|hundir|ahogarme|ahogar|caminar "
        "** @WATER",
        EVERYDAY_WATER,
    ),
    (
        "into_the_water",
        "@WATER ** meterme|meter|aventarme|aventar|tirarme|tirar|hundirme|hundir|ahogarme|ahogar",
        EVERYDAY_WATER,
    ),
    ("at_a_height", "golden gate", EVERYDAY_PLACES),
    (
        "at_a_height",
        "en|para|al|hacia|arriba|sobre|encima|del * @PLACE",
        EVERYDAY_PLACES,
    ),
    # Where a patient leans over the drop, or is at the top of a building ("arriba del edificio").
    (
        "at_the_edge",
        "leaning|hanging|lean|leaned * over|off * the|a|this|my * rail|railing|edge|ledge|side|barandal",
        EVERYDAY_PLACES,
    ),
    (
        "at_a_height",
        "arriba|encima|punta|cima|orilla * del|de * @PLACE|edificio|hospital|estacionamiento",
    ),
    ("at_a_height", "@PRESENT_AT ** train|railroad|railway|tren * crossing|cruce", EVERYDAY_PLACES),
    # triage7: stones in the pockets; at the train line or on the platform, not boarding
    (
        "weighted_at_water",
        "rocks|stones|piedras|weights|pesas ** pockets|pocket|bolsas|bolsillos|bolsa|bolsillo|backpack|mochila",
        "collect collecting collection coleccion garden jardin laundry lavadora washer wash "
        "kid kids son daughter hijo hija nino nina",
    ),
    (
        "at_the_tracks",
        "@PRESENT_AT ** linea|rieles|rails|riel|line * del|de|the * tren|train|ferrocarril",
        EVERYDAY_PLACES,
    ),
    (
        "at_the_tracks",
        "@PRESENT_AT ** anden|platform ** not|no|dont ** board|subirme|subir|get|take|tomar|pienso",
        EVERYDAY_PLACES,
    ),
)

# A gun that is a toy ("una pistola de agua para mi hijo").
EVERYDAY_CUTS_EARLY = (
    "hair bangs nails grass lawn hedge coupons carbs sugar class classes onion onions paper "
    "cake wood fabric costs ties school vegetables dinner lunch cooking pelo cabello unas "
    "papel cebolla clases"
)
_EVERYDAY_TASKS_EARLY = (
    "homework project paper taxes laundry dishes chores cooking dinner tarea proyecto comida "
    "cena cocinar trastes"
)
_TOY_GUNS = " agua water nerf toy toys juguete airsoft paintball"

MEANS: tuple[Entry, ...] = (
    # triage9 (set 11): a finger on the trigger, a gun taken out
    ("finger_on_trigger", "finger|fingers|dedo * trigger|gatillo"),
    (
        "gun_taken_out",
        "saque|saco|sacar|=grabbed|=pulled ** @GUN",
        "caza hunting range campo tiro limpiar cleaning clean season temporada",
    ),
    (
        "gun_at_hand",
        "have|has|got|get|holding|hold|bought|buy|load|loaded * @GUN",
        "hunting" + _TOY_GUNS,
    ),
    ("gun_at_hand", "@GUN * lap|hand|mouth|head|loaded|ready|next|out|mano|cargada|lista|conmigo"),
    (
        "gun_at_hand",
        "tener|tengo|comprar|compre|cargar|cargue|agarre * @GUN",
        "caza cazar trabajo guardia policia seguridad work job police security" + _TOY_GUNS,
    ),
    (
        "rope_ready",
        "have|got|bought|buy|tied|tie|made|hung|hang|ready|tener|comprar|amarrar|colgar * @ROPE",
        "camping tent clothesline boat climbing tender ropa campamento swing columpio backyard yard",
    ),
    (
        "rope_ready",
        "@ROPE * ready|tied|rod|beam|fan|ceiling|hook|lista|listo|viga|ventilador|up|set|hung",
        "camping tent clothesline boat climbing tender ropa campamento swing columpio backyard yard",
    ),
    ("blade_at_hand", "@BLADE * hand|next|lap|ready|out|mano|lista|listas|conmigo|aqui"),
    (
        "blade_at_hand",
        "have|got|holding|hold|tener|agarrar * @BLADE * out|ready|next|hand|aqui|listas|conmigo|mano",
    ),
    (
        "blade_at_hand",
        "holding|got|grabbed|here|with|sitting|have|has|con|aqui|tengo|tener * @BLADE",
        "cooking cook dinner onion onions cocinando cake pastel steak chop kitchen cocina sharpened vegetables "
        "work job warehouse trabajo boxes cajas set",
    ),
    (
        "gun_at_hand",
        "@AT_HAND ** @GUN",
        "hunting caza range work job guardia police policia security seguridad" + _TOY_GUNS,
    ),
    (
        "gun_at_hand",
        "@GUN ** @AT_HAND",
        "hunting caza range work job guardia police policia security seguridad" + _TOY_GUNS,
    ),
    (
        "blade_at_hand",
        "@BLADE ** against|contra|wrist|wrists|throat|skin|muneca|munecas|cuello|piel",
    ),
    (
        "means_at_hand",
        "have|got|bought|buy|holding|tengo|tener|compre|comprar|agarre|traigo * @LETHAL",
        "clean cleaning laundry pool garden yard lawn job work store limpiar limpiando limpieza "
        "lavar ropa alberca piscina jardin trabajo tienda",
    ),
    ("means_at_hand", "@LETHAL ** here|aqui|conmigo|next|front|enfrente|hand|mano|lap|ready|listo"),
    # Shut in with it: "grabbed the kitchen knife and locked myself in the bathroom", "agarré el
    # cuchillo y me encerré en el baño".
    (
        "shut_in_with_means",
        "@BLADE|@GUN|@ROPE|@LETHAL|@PILLS ** locked|lock|locking|shut|encerre|encerrar|encerrado|encerrada|"
        "encierro * myself|me|in",
    ),
    (
        "shut_in_with_means",
        "@BLADE|@GUN|@ROPE|@LETHAL|@PILLS ** me|nos encerrar|encerre|encierro|encerrado|encerrada",
    ),
    (
        "shut_in_with_means",
        "locked|lock|locking|shut|encerre|encerrar|encerrado|encerrada|encierro * myself|me|in ** "
        "with|con * @BLADE|@GUN|@ROPE|@LETHAL|@PILLS",
    ),
    (
        "pills_found",
        "found|stole|grabbed|encontre|robe|agarre * my|mis|his|her|sus|moms|dads|the|las ** @PILLS",
    ),
    ("pills_at_hand", "@CONTAINER ** @PILLS ** aqui|conmigo|here|next|front|lap|hand|mano"),
    ("pills_with_alcohol", "@PILLS ** @ALCOHOL|jack|jameson|bacardi|hennessy|titos"),
    ("pills_with_alcohol", "@ALCOHOL|jack|jameson|bacardi|hennessy|titos ** @PILLS"),
    (
        "pills_counted_out",
        "@PILLS ** saved|saving|stockpiled|hoarded|collected|juntas|juntado|guardadas|guardando|guarde|acumuladas|out",
    ),
    (
        "pills_counted_out",
        "#5 ** @PILLS ** saved|saving|stockpiled|hoarded|up|juntas|guardadas|guarde",
    ),
    (
        "pills_counted_out",
        "counted|count|lined|line|saved|saving|save|hoarding|hoard|stockpiling|stockpile|"
        "collecting|collected|juntar|guardar|contar|acumular ** @PILLS",
        "refill pharmacy money coupon insurance",
    ),
    (
        "pills_counted_out",
        "@PILLS ** lined|counted|ready|hand|contadas|contados|listas|mano|pile|piles|stack|montoncito",
    ),
    (
        "pills_counted_out",
        "have|got|tengo|tener ** #20 ** @PILLS",
        "left refill prescription until till supply month week quedan receta",
    ),
    (
        "enough_pills",
        "enough|suficiente|suficientes ** @PILLS|them|las|los ** to|para",
        "last till until refill hasta",
    ),
    ("car_in_garage", "garage|garaje|cochera ** running|engine|exhaust|prendido|encendido|motor"),
    ("car_in_garage", "running|engine|exhaust|prendido|encendido|motor ** garage|garaje|cochera"),
    (
        "car_exhaust",
        "hose|tube|manguera|tubo ** exhaust|tailpipe|escape",
        "repair fix fixed mechanic taller arreglar leak muffler",
    ),
    (
        "car_exhaust",
        "exhaust|tailpipe|escape ** hose|tube|manguera|tubo|window|ventana|inside|adentro",
        "repair fix fixed mechanic taller arreglar leak muffler",
    ),
    ("charcoal_sealed", "charcoal|carbon|monoxide|carbon ** taped|sealed|tape|windows|ventanas"),
    ("pills_at_hand", "emptied|poured|dumped|vacie|vaciar|saque ** @CONTAINER|@PILLS"),
    (
        "means_for_tonight",
        "@BLADE|@GUN|@ROPE ** tonight|noche|rn|now|ahorita|ahora",
        "party fiesta shave shaving afeitar rasurar hunting caza",
    ),
    (
        "means_for_tonight",
        "tonight|noche|rn|ahorita ** @BLADE|@GUN|@ROPE",
        "party fiesta shave shaving afeitar rasurar hunting caza",
    ),
    (
        "enough_to_do_it",
        "enough|suficiente|suficientes ** to|para * do|it|die|hacerlo|morir|matarme|end|kill",
    ),
    ("enough_pills", "@PILLS ** enough|suficientes ** to|para"),
    (
        "rope_ready",
        "@ROPE|scarf|sheet|sheets|bufanda|sabana|sabanas|cable ** rod|beam|fan|ceiling|hook|doorknob|barra|viga|ventilador|regadera",
        "swing columpio backyard patio yard camping tent",
    ),
    (
        "rope_ready",
        "@ROPE|scarf|sheet|cable|wire|bufanda|sabana ** around|round|alrededor|en * my|mi|el * "
        "neck|cuello|throat",
    ),
    ("gun_at_hand", "safety|seguro * off|quitado|quite|quitada"),
    ("gun_at_hand", "quite|quitar|quitado * el * seguro * @GUN|pistola|arma"),
    ("pills_in_front_of_me", "@PILLS ** front|enfrente|delante"),
    (
        "pills_at_hand",
        "sitting|here|sentada|sentado|aqui * with|con * the|my|mis|las|los * @PILLS",
        "organizer pastillero sort sorting week semana refill receta",
    ),
    ("pills_at_hand", "holding|clutching|sosteniendo|agarrando ** @CONTAINER ** @PILLS"),
    (
        "rope_ready",
        "@ROPE ** hanging|hung|colgando|colgada|tree|arbol|branch|rama",
        "swing columpio backyard patio yard camping tent hammock hamaca",
    ),
    ("pills_counted_out", "stash|stashed|hidden|hid|escondi|escondidas|reserva ** @PILLS"),
    # A means named with the intent to use it on oneself ("lo quiero usar en mí").
    (
        "means_to_use",
        "@BLADE|@GUN|@ROPE|@LETHAL ** @INTEND|thinking|think|pensando|pienso ** use|using|usar|usarla|usarlo|usarlas|usarlos",
        "range hunting caza cooking cook cocina cocinar kitchen practice target tiro",
    ),
    (
        "means_to_use",
        "@INTEND|thinking|pensando * use|usar ** @BLADE|@GUN|@ROPE|@LETHAL",
        "range hunting caza cooking cook cocina cocinar kitchen practice target tiro",
    ),
    (
        "means_for_the_act",
        "@PILLS|@LETHAL|@GUN|@ROPE|@BLADE ** to * do it",
        _EVERYDAY_TASKS_EARLY,
    ),
    (
        "means_for_the_act",
        "@PILLS|@LETHAL|@GUN|@ROPE|@BLADE ** para|pa * =hacerlo|=matarme",
        _EVERYDAY_TASKS_EARLY,
    ),
    (
        "means_for_myself",
        "@LETHAL|@GUN|@ROPE|@BLADE ** for|para * me|myself|mi",
        "cooking cook cocinar cocina kitchen gift regalo present christmas navidad birthday cumpleanos hunting caza"
        + _TOY_GUNS,
    ),
    (
        "rope_ready",
        "noose|nooses ** in|on|under|en * my|mi|the|el|la * closet|room|garage|bedroom|car|basement|attic|cuarto|cochera|recamara|carro|sotano|bag|mochila",
    ),
    (
        "pills_counted_out",
        "@ALL ** @PILLS ** table|mesa|counter|desk|bed|cama|floor|piso|front|enfrente|lap",
        "organizer pastillero sort sorting week semana",
    ),
    # Access to a locked gun is access (lethal-means counselling): the key, the code.
    (
        "gun_access",
        "key|keys|combo|combination|code|codigo|llave|llaves|clave ** @GUN * safe|case|cabinet|box|locker|caja|gabinete",
        "locksmith cerrajero",
    ),
    (
        "gun_access",
        "key|keys|combo|combination|code|codigo|llave|llaves|clave ** @GUN",
        "locksmith cerrajero",
    ),
    # triage7: a means in the patient's bed or under the pillow; all of a medicine in hand; a
    # gun loaded ("loaded it": the verb names the means).
    (
        "means_in_bed",
        "@BLADE|@GUN|@ROPE|@LETHAL ** under|debajo|bajo|on|en|in|encima ** pillow|almohada|bed|cama|lap|regazo",
        "cooking cook kitchen cocina hunting hunt range caza police policia security seguridad",
    ),
    (
        "pills_in_hand",
        "holding|hold|holds|have|got|tengo|traigo|sosteniendo ** @ALL ** @PILLS ** palm|hand|hands|fist|mano|manos|puno",
    ),
    (
        "pills_in_hand",
        "holding|hold|holds|have|got|tengo|traigo|sosteniendo ** #5 ** @PILLS ** palm|hand|hands|fist|mano|manos|puno",
    ),
    (
        "gun_loaded",
        "=loaded|load|loading it|one|mine",
        "dishwasher washer dryer car truck van trunk app page game groceries laundry photos "
        "pictures video camera printer stapler boat",
    ),
    # triage8: a firearm left unlocked, or unlocked (means restriction undone, Stanley-Brown)
    ("gun_unlocked", "@GUN ** is|was|left|sitting|stays * unlocked|loaded"),
    ("gun_unlocked", "unlocked|unlock|abri|abrir * the|my|el|mi * @GUN|safe|cabinet|caja|gabinete"),
)

# Too much coffee or sun is not an overdose (triage9, set 11).
