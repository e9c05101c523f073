"""Word classes that a pattern names with @ (CLASSES), and the entry type (policies.cues says how an
entry reads)."""

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
