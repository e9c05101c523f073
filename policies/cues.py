"""What triage listens for, by clinical category, in English and Spanish (policies.triage).

Clinical data: clinicians own this file. Entries are written as lemmas, the dictionary form of
a word ("die", "take", "colgar", "matar"); triage lemmatises the text (simplemma), so "dying",
"died", "me colgué", "colgarme" and "me voy a colgar" all reach the same entry, and it forgives
typos (rapidfuzz). Accents, case, apostrophes and stretched letters
do not matter. Removing an entry makes triage less sensitive: do that only with a clinical
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

Entry = tuple[str, str] | tuple[str, str, str]

# --- word classes ---------------------------------------------------------------------------

SEDATIVES = (
    "xanax alprazolam tafil klonopin clonazepam rivotril valium diazepam ativan lorazepam "
    "benzo benzos ambien zolpidem seroquel quetiapine quetiapina trazodone gabapentin "
    "oxy oxycodone oxycontin percocet perc percs hydrocodone vicodin norco fentanyl fenta "
    "morphine morfina heroin codeine codeina tramadol methadone opioid opioids opiate "
    "sleeping somniferos benadryl nyquil"
)
ALCOHOL = (
    "alcohol vodka whiskey whisky tequila rum ron gin wine vino beer beers cerveza cervezas "
    "chelas pisto booze liquor drinks drunk borracha borracho mezcal shots everclear "
    "aguardiente guaro fifth pisco chicha"
)
CLASSES: dict[str, str] = {
    "PILLS": (
        "pill pills tablet tablets tabs capsule capsules meds med medication medications "
        "medicine medicines pastilla pastillas pastis tableta tabletas capsula capsulas "
        "pildora pildoras medicamento medicamentos medicina medicinas syrup jarabe gotas patch "
        "patches parche parches insulin insulina " + SEDATIVES
    ),
    "DOSE": "dose doses dosis supply prescription",
    "CONTAINER": (
        "bottle bottles box boxes pack packet strip blister frasco frascos bote caja cajas "
        "paquete tira cabinet botiquin sleeve"
    ),
    "ALL": (
        "all whole entire every rest bunch handful lot lots several everything todo toda "
        "todos todas entero entera completo completa puno punado monton varias varios "
        "muchas muchos demasiadas demasiados resto mitad ton tons load loads bunches heap "
        "chingo chingos madral worth supply doble double triple twice"
    ),
    "SEDATIVE": SEDATIVES,
    "ALCOHOL": ALCOHOL,
    "GUN": "gun guns pistol handgun rifle shotgun revolver glock firearm pistola arma escopeta",
    "ROPE": "rope noose cord ligature belt extension soga cuerda lazo mecate cinturon",
    "BLADE": (
        "blade blades razor razors razorblade razorblades knife knives boxcutter cutter "
        "navaja navajas cuchilla cuchillas cuchillo gillette rastrillo"
    ),
    "PLACE": (
        "bridge roof rooftop tracks railroad railway ledge cliff cliffs overpass railing "
        "bluff bluffs quarry gorge canyon "
        "parapet dam skyway lookout overlook viewpoint "
        "puente azotea techo vias barranco cornisa acantilado precipicio barandal borde "
        "presa mirador tower torre viaduct viaducto vacio desnivel"
    ),
    # someone else who may have swallowed something
    "OTHER": (
        "son daughter kid kids child toddler baby babies brother sister friend roommate "
        "nephew niece grandson granddaughter cousin sobrino sobrina nieto nieta primo prima "
        "mom dad mother father husband wife partner boyfriend girlfriend he she "
        "hijo hija nino nina bebe amigo amiga hermano hermana novio novia mama papa esposo "
        "esposa roomie grandma grandpa grandmother grandfather abuela abuelo uncle aunt tio tia "
        "nena nene chiquita chiquito cipote cipota guagua "
        "stepdad stepmom padrastro madrastra"
    ),
    "INGESTED": (
        "=took =taken =swallowed =swallow =downed =popped =ate =eaten =chugged =ingested "
        "=tome =trague =meti =tomado =tragado =tomando"
    ),
    "INTEND": (
        "going gonna about will want wanna plan planning ready voy ir quiero querer pienso "
        "pensar ganas acabo acaba"
    ),
    "TAKE": "take swallow =tomar =tomarme =tragar =tragarme =tomarmelas =tomarmelos",
    "FIRST_PERSON": "i im ive id ill me my myself yo mi mis estoy voy tengo",
    "AT_HAND": (
        "have has got get hands holding hold bought loaded load lap hand mouth head next "
        "here with against desk bed table out ready pocket tengo tener mano cargada cargado "
        "lista listo conmigo aqui compre agarre junto contra backpack bag purse pocket car "
        "mochila bolsa bolso bolsillo carro traer traigo"
    ),
    "POSSESSIONS": (
        "cat dog cats dogs stuff things money car guitar clothes jewelry plants savings "
        "perro gato perros gatos cosas dinero carro coche ropa joyas plantas ahorros"
    ),
    # open water a patient may walk into ("at the river, thinking about walking in")
    "WATER": (
        "river creek lake ocean sea water bay pier beach canal surf waves current "
        "rio lago mar oceano playa agua arroyo muelle olas corriente"
    ),
    "LETHAL": (
        "bullet bullets ammo bleach antifreeze poison cleaner exhaust monoxide charcoal "
        "helium plastic cloro lejia veneno raticida monoxido carbon balas bala"
    ),
    "BODY": (
        "wrist wrists arm arms thigh thighs leg legs skin veins stomach hip hips chest throat "
        "neck cuello garganta "
        "muneca munecas brazo brazos pierna piernas piel venas panza abdomen"
    ),
    # times of life a past attempt or a past thought is placed in ("in college", "en la prepa")
    "LIFE_PERIOD": (
        "college university uni highschool school rehab hospital teens twenties army "
        "freshman sophomore junior senior middle grad prepa secundaria universidad facultad "
        "colegio escuela preparatoria adolescencia juventud carrera"
    ),
    "MONTH": (
        "january february march april may june july august september october november "
        "december jan feb mar apr jun jul aug sep sept oct nov dec enero febrero marzo abril "
        "mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    "PRESENT_AT": (
        "on at onto by under near top up atop climbed climbing standing sitting parked along "
        "beside alongside "
        "en al junto sobre encima arriba subi subir parada parado sentada sentado "
        # going there: "me fui a las vías", "llegué al puente", "ando en el techo"
        "fui ir vine llegue llegar ando camino caminando manejando maneje hasta"
    ),
}

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
_EVERYDAY_ABSENCES = (
    "weekend week monday tuesday wednesday thursday friday saturday sunday tomorrow today "
    "morning afternoon evening office town city trip vacation call session appointment meeting "
    "fin semana lunes martes miercoles jueves viernes sabado domingo manana ciudad viaje "
    "vacaciones cita sesion llamada"
)

# Tasks and plans that "do it" and "a plan" are about ("i'm finally going to do it: the taxes").
_EVERYDAY_TASKS = (
    "homework assignment project paper essay taxes laundry dishes chores form forms paperwork "
    "email application interview exam test workout gym run presentation diet puzzle code job "
    "tarea proyecto trabajo ensayo impuestos ropa trastes quehacer examen ejercicio gimnasio "
    "dieta entrevista solicitud tramite pago cita"
)
_EVERYDAY_PLANS = (
    "safety treatment meal payment phone data workout diet study business birthday trip "
    "vacation dinner party weekend wedding move moving seguridad tratamiento pago datos comidas "
    "ejercicio dieta estudio negocio cumpleanos viaje vacaciones cena fiesta finde boda mudanza"
)
# Absent tomorrow from somewhere ("tomorrow i won't be at work"), not from life.
_EVERYDAY_ABSENT_FROM = (
    "work office class school session appointment meeting call group home town city trip "
    "vacation shift gym trabajo oficina clase escuela sesion cita junta llamada grupo casa "
    "ciudad viaje vacaciones turno gimnasio"
)

IDEATION: tuple[Entry, ...] = (
    (
        "wants_to_die",
        "want|wanna|wish|ready|rather|prefer|deserve|hope|need|going|gonna|plan|let * die|dead|death",
    ),
    ("wants_to_die", "better|would * off|be * dead"),
    ("wants_to_die", "feel|feeling * like * dying|die"),
    (
        "wants_out",
        "want|wanna|need|quiero|quisiera * out|salir * of|de * this|my|esta|mi * life|world|vida|mundo",
    ),
    (
        "wants_to_die",
        "want|wanna|wish|quiero|quisiera|ojala * not|stop|no|dejar|never * exist|existing|existir",
    ),
    ("kill_myself", "kill|killing|killed myself|self|meself|myslf"),
    ("kill_myself", "kms"),
    (
        "kill_myself",
        "hang|hanged|hanging|shoot|shot|shooting|drown|drowning|suffocate|suffocating|strangle|strangling|poison|poisoning|gas|electrocute|overdose|off|offing myself",
    ),
    (
        "end_it",
        "end|ending|ended * it|everything|things|life|myself",
        "with relationship boyfriend girlfriend him her contract lease call meeting",
    ),
    ("end_it", "take|taking my * own|life"),
    (
        "suicide",
        "suicide|suicidal|suicidality|unalive|unaliving|sewerslide|suicidio|suicida|suicidar|suicidarme|suicidandome",
        "prevention hotline awareness walk documentary podcast movie film show class book article video pelicula clase libro serie series episode prevencion concientizacion trabajo tarea ensayo essay paper fuentes sources",
    ),
    ("not_wake_up", "not|never|dont|no|stop * wake|waking|despertar|despierte"),
    ("not_wake_up", "sleep|dormir|dormirme * forever"),
    ("not_wake_up", "sleep|dormir|dormirme ** para siempre"),
    ("nobody_would_miss_me", "nobody|noone|one * would|will|gonna|even ** miss|notice|care"),
    (
        "nobody_would_miss_me",
        "nadie ** =extranaria|=extranarian|=extranara|=extranaran|=notaria|=notarian|=notara|"
        "=notaran|=importaria|=importara|=lloraria|=llorarian|=llorara|=lloraran|=echaria|=echara",
    ),
    ("nobody_would_miss_me", "nadie * va|van * a * extranar|notar|importar|llorar|echar"),
    ("nobody_would_miss_me", "nadie * =daria|=darian|=dara|=daran * cuenta"),
    (
        "better_off_without_me",
        "better|mejor|fine|happier|ok|okay|bien|felices ** without|sin * me|mi",
    ),
    ("wont_be_alive", "be * gone * soon|forever|tomorrow|pronto"),
    (
        "better_off_without_me",
        "better|happier|easier|mejor|felices * if|when|sin|si * i|me|yo * gone|dead|died|wasnt|werent|disappeared|muero|muriera|fuera|muerta|muerto",
    ),
    ("better_off_without_me", "mejor * muerta|muerto"),
    (
        "wont_be_alive",
        "not|dont|wont|no * be|estar|estare|llegar * alive|here|around|viva|vivo ** tomorrow|morning|long|manana|week|semana",
    ),
    (
        "researching_a_method",
        "looked|look|googled|google|searched|search|searching|researching|research|busque|buscando|investigue|investigando ** how|ways|lethal|letal|dosis|pills|many|much|painless|formas|como",
    ),
    (
        "thinking_how",
        "think|thinking|thought|pienso|pensando|planning|planeando ** how|como|way|forma ** do|end|kill|die|hacerlo|morir|matarme",
    ),
    ("off_myself", "off|offing myself"),
    ("no_reason_to_live", "nothing|nada * to|por|para|que * live|vivir"),
    ("no_reason_to_live", "not|isnt|aint|no|nothing ** worth * living|live|vivir"),
    ("no_reason_to_live", "no * tengo|hay * por|para * que * vivir"),
    (
        "no_reason_to_live",
        "no|nothing|nada|not|sentido|vale * reason|point|worth|live|razon|sentido|pena ** live|living|alive|vivir",
    ),
    (
        "doesnt_want_to_live",
        "dont|not|no|never * want|wanna|querer|quiero ** live|alive|exist|here|vivir|existir|seguir|aqui|estar",
        "work job class school party meeting office trabajo escuela clase fiesta junta reunion oficina",
    ),
    ("stop_existing", "stop|dejar * exist|existing|existir|living|live|vivir|breathing|respirar"),
    ("disappear_forever", "disappear|desaparecer|gone * forever|siempre"),
    ("done_with_life", "done|tired|finished|cansada|cansado ** life|living|alive|vivir|vivo|viva"),
    # The others spared: "everyone would be better off", "todos estarían mejor".
    (
        "better_off_without_me",
        "everyone|everybody|family|familia|kids|hijos|world|mundo|theyd|todos ** better|happier off",
        "if we move moved plan insurance cheaper week day schedule policy with new",
    ),
    (
        "better_off_without_me",
        "everyone|everybody|familia|hijos|mundo|todos ** =estarian|=estaria|=vivirian|=serian ** "
        "mejor|felices|tranquilos",
        "mudamos mudar mudarnos casa plan seguro semana dia horario",
    ),
    (
        "better_off_without_me",
        "favor ** not|no|never * being|here|exist|estar|existir|alive|around|aqui",
        "ask asking pedir pido",
    ),
    (
        "better_off_without_me",
        "favor ** gone|dead|die|died|morir|desaparecer|kill|matarme",
        "ask asking pedir pido",
    ),
    # Thinking of not being: "sometimes i think about not being here", "pienso en ya no estar".
    (
        "thinking_about_not_being",
        "think|thinking|thought|pienso|pensando|pense|pensar ** not|no|never * being|be|here|"
        "existing|exist|alive|estar|existir|vivir|despertar|waking|wake",
        _EVERYDAY_ABSENCES + " work job class party trabajo clase fiesta",
    ),
    (
        "want_it_over",
        "want|wish|need|quiero * it|everything|all|todo * over|end|ends|termine|acabe",
    ),
    ("leave_this_world", "leave|irme|ir|dejar * this|este * world|mundo"),
    (
        "jump",
        "going|gonna|want|wanna|about|will|plan|voy|quiero|ir * jump|saltar|aventar|aventarme|tirarme|lanzarme",
    ),
    ("jump", "jump|throw|step|walk * off|front|into|under"),
    ("jump", "throw|threw|throwing * myself"),
    (
        "kill_myself",
        "me ** matar|suicidar|colgar|ahorcar|envenenar|disparar|aventar|tirar|lanzar|morir",
        "telefono llamada celular ropa cuadro basura",
    ),
    (
        "kill_myself",
        "=matarme|=colgarme|=ahorcarme|=envenenarme|=dispararme|=aventarme|=tirarme|=lanzarme|=morirme|=matandome|=quitarme",
    ),
    (
        "wants_to_die",
        "querer|quiero|quisiera|ganas|prefiero|preferir|lista|listo|voy|pienso|pensar|ojala * morir|morirme|muerta|muerto|muerte",
    ),
    ("kill_myself", "quitar|quitarme * la * vida"),
    ("end_it", "acabar|terminar * con * todo|vida|esto"),
    ("stop_existing", "dejar * de * vivir|existir|respirar"),
    ("kill_myself", "plan|plans|planning|plan ** kill|die|suicide|matarme|morir"),
    ("be_gone", "wanna|want|wish|rather be gone", "from job work school town city trabajo"),
    ("be_gone", "want|wish|rather to be gone", "from job work school town city trabajo"),
    ("be_gone", "wish i was|were gone"),
    (
        "thinking_about_dying",
        "thinking|think|thought|pensando|pienso ** dying|death|suicide|muerte|morir|morirme",
        "grief grieving died passed funeral loss duelo murio fallecio",
    ),
    (
        "leave_forever",
        "irme|ir|go|leave|away|gone * para|forever * siempre|forever",
        "ciudad city town pais country trabajo job school escuela",
    ),
    ("want_it_over", "quiero|quisiera|ojala * acabe|termine * todo"),
    (
        "last_night_alive",
        "my|mi|mis last|ultima|ultimo|ultimas|ultimos night|day|noche|dia|hours|horas",
        "work job office school class shift semester camp vacation trip term contract treatment "
        "trabajo chamba oficina escuela clase turno semestre campamento vacaciones viaje contrato "
        "tratamiento beca prepa uni facultad",
    ),
    # Why go on living (C-SSRS item 1 in lay words): "para qué sigo aquí", "why am i still alive".
    (
        "why_still_alive",
        "why * am|do * i * still * here|alive|living|around|exist",
        "work office job school class session waiting line hospital clinic store",
    ),
    (
        "why_still_alive",
        "para|por que * sigo|estoy|seguir ** vivo|viva|aqui|viviendo|existiendo",
        "trabajo oficina escuela clase esperando fila hospital clinica tienda",
    ),
    ("never_born", "wish|ojala ** never|no|nunca ** born|nacido|nacer|naciera"),
    ("never_born", "desearia|deseo|quisiera|quisiese ** no|nunca ** nacido|nacer|naciera"),
    # C-SSRS: a plan and the intent to carry it out; euphemisms of death (heaven, "it ends").
    (
        "plan_and_intent",
        "have|got|made|tengo|hice * a|un|the|el|my|mi * plan ** do|carry|follow|hacerlo|cumplirlo * it|out|through",
    ),
    (
        "join_in_heaven",
        "be|go|join|estar|ir|reunirme|irme * with|con ** in|en * heaven|cielo|paradise|paraiso",
    ),
    ("join_in_heaven", "@INTEND * go|ir|irme * to|al * heaven|cielo"),
    ("it_ends_tonight", "tonight|today|hoy|noche ** se * acaba|termina * todo"),
    ("it_ends_tonight", "todo * se * acaba|termina ** hoy|noche"),
    (
        "it_ends_tonight",
        "it|everything|all * ends|over * tonight|today",
        "sale oferta promo deadline discount registration class season shift turno",
    ),
    (
        "no_reason_to_live",
        "whats|what|whys|why ** point ** living|life|alive|live|existing|vivir|vida",
        "insurance seguro coach coaching hack hacks",
    ),
    (
        "wont_be_alive",
        "wont|not|no * be|estar|estare * around|here|aqui ** anymore|longer|long|after|mas",
        _EVERYDAY_ABSENCES,
    ),
    ("wont_be_alive", "wont|not * be * around", _EVERYDAY_ABSENCES),
    # --- families of euphemistic and indirect ideation, as lemmas (every inflection alike) ---
    # C-SSRS item 1, the passive wish: "wish i wasnt here", "ojalá no existiera".
    (
        "passive_death_wish",
        "wish|ojala|quisiera|hope|nice|peaceful|rico * i|me|yo|could|to|just ** wasnt|werent|no|not * here|alive|around|"
        "exist|existed|aqui|vivo|viva|estar|existir|vivir",
        "work job class school party meeting office trabajo escuela clase fiesta oficina junta",
    ),
    (
        "passive_death_wish",
        "wish|ojala|quisiera|nice|peaceful|rico * no|not|never * estar|existir|vivir|alive|exist|existed|here|aqui|"
        "viva|vivo|despertar|wake",
        "work job class school party meeting office trabajo escuela clase fiesta oficina junta",
    ),
    # The wish to vanish: "quiero desaparecer", "i want to vanish", "ganas de desaparecer".
    (
        "wish_to_disappear",
        "want|wanna|wish|need|quiero|querer|quisiera|ganas|ojala * disappear|desaparecer|vanish|cease",
        "while bit rato blanket blankets covers netflix hole cave cobija cobijas serie weekend vacation trip cabin beach phone instagram tiktok social media party meeting "
        "vacaciones viaje playa fiesta redes fin semana",
    ),
    # Burden with absence: "they'd be relieved if i was gone", "estarían mejor si yo no estuviera".
    (
        "better_off_without_me",
        "better|happier|easier|relieved|relief|lighter|freer|peace|mejor|felices|tranquilos|"
        "tranquilas|tranquila|tranquilo|aliviados|aliviadas|descansar|descansarian ** if|when|once|si|"
        "cuando ** gone|dead|died|die|muriera|morir|desapareciera|desaparecer|faltara|muerta|muerto",
    ),
    (
        "better_off_without_me",
        "better|happier|easier|relieved|relief|lighter|freer|peace|mejor|felices|tranquilos|"
        "tranquilas|tranquila|tranquilo|aliviados|aliviadas|descansar|descansarian ** if|when|once|si|"
        "cuando ** wasnt|werent|no|not|didnt * here|around|alive|exist|existed|estar|existir|vivir|aqui",
    ),
    # Life itself unbearable or not worth it: "ya no aguanto la vida", "life isnt worth it".
    (
        "cant_bear_life",
        "cant|cannot|no|dont * take|stand|handle|bear|aguantar|soportar ** life|living|vida|vivir|"
        "existir|existing",
        "job work boss roommate class school trabajo jefe escuela clase",
    ),
    ("no_reason_to_live", "life|vida ** not|isnt|aint|no * worth|vale"),
    # Everything stopped (not a pain, not a noise): "i just want it all to stop".
    (
        "want_it_over",
        "want|wish|need|quiero|quisiera|ojala * everything|all|todo ** stop|stopped|parar|pare|"
        "detenga|acabara|terminara",
        "noise ruido music musica fighting pelea peleas arguing rain lluvia construction",
    ),
    # A crash chosen: "i keep thinking ill just drive into a tree", "estrellarme contra un poste".
    (
        "crash_on_purpose",
        "@INTEND|thinking|think|thought|keep|pienso|pensando|pense|should|could|just ** drive|"
        "driving|crash|crashing|swerve|swerving|steer|manejar|estrellar|estrellarme|chocar|"
        "aventar|aventarme ** into|off|contra|en|under ** tree|wall|pole|traffic|truck|semi|"
        "barrier|guardrail|bridge|road|pared|arbol|poste|barda|trafico|trailer|camion|muro",
        "almost nearly accident accidentally someone deer ice snow insurance casi accidente "
        "venado hielo seguro",
    ),
    # C-SSRS items 4 and 5, intent and a plan, with "it" for the act: "i think im actually
    # going to do it this time", "creo que esta vez sí lo voy a hacer", "i have a plan and a date".
    (
        "intent_to_act",
        "actually|really|finally|seriously|definitely|truly * going|gonna ** do|doing it",
        _EVERYDAY_TASKS,
    ),
    ("intent_to_act", "going|gonna|will|ill ** do|doing it ** this time|tonight", _EVERYDAY_TASKS),
    ("intent_to_act", "vez|noche|hoy|ahora ** lo * voy|vaya ** hacer", _EVERYDAY_TASKS),
    ("intent_to_act", "vez|noche|hoy|ahora ** lo * hago|hare", _EVERYDAY_TASKS),
    ("intent_to_act", "lo * voy|vaya ** hacer ** vez|hoy|noche", _EVERYDAY_TASKS),
    # How, worked out: "been figuring out how i would do it", "ya pensé cómo lo voy a hacer".
    (
        "thinking_how",
        "think|thinking|thought|figure|figuring|figured|plan|planning|planned|decide|decided|"
        "know|knowing|work|worked|working ** how|way|when * i|im|ill|id|ive ** do|doing it",
        _EVERYDAY_TASKS,
    ),
    (
        "thinking_how",
        "pensar|pense|pensando|pienso|planear|planeando|decidir|decidi|saber|se|tengo ** como|"
        "cuando|forma|manera * lo ** hacer|hare|haria|hago",
        _EVERYDAY_TASKS,
    ),
    (
        "has_a_plan",
        "have|got|made|make|tengo|tener|hice|hacer * a|un|my|mi * plan ** date|day|time|when|"
        "how|method|fecha|dia|hora|cuando|como|metodo|tonight|noche|hoy|ready|listo|set",
        _EVERYDAY_PLANS,
    ),
    # Weary of living: "ya me cansé de vivir", "sick of being alive", "harta de vivir".
    (
        "done_with_life",
        "cansar|canse|hartar|harta|harto|sick * of|de * being|estar * alive|vivo|viva",
    ),
    ("done_with_life", "cansar|canse|hartar|harta|harto|sick * of|de * vivir|living|life|vida"),
    (
        "doesnt_want_to_live",
        "no|not|sin|dont|never * tengo|have|tener|hay * ganas|fuerzas|strength|energy|will ** "
        "live|living|seguir|vivir|existir|aqui",
        "work job class school party meeting office trabajo escuela clase fiesta junta reunion "
        "oficina gym gimnasio cook cocinar dishes trastes",
    ),
    # Gone by tomorrow: "mañana ya no voy a estar", "tomorrow i wont be here".
    (
        "wont_be_alive",
        "tomorrow|manana ** wont|not|no|never ** be|estar|estare|around|here|aqui|alive|vivo|viva",
        _EVERYDAY_ABSENT_FROM,
    ),
    # triage7: resignation to dying ("might as well just die", "should just disappear"),
    # wanting out of being alive, hoping not to see the morning ("ojalá no amanezca").
    ("might_as_well_die", "might|may * as * well ** die|dead|disappear|kill|end"),
    ("should_just_die", "should|shld|better * just * die|disappear|dead"),
    ("want_out_of_life", "out * of * being * alive"),
    ("want_out_of_life", "out * of * living|existence|existing", "most best enjoy get lot more"),
    (
        "not_wake_up",
        "ojala|quisiera|espero|ojala * no * amanecer|amanezca|amaneciera|despierte|despertara",
    ),
)

# Talk around cutting that says it is not the body ("need to cut my hair").
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
