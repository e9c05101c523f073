"""High on their own: explicit or euphemistic ideation."""

from __future__ import annotations

from policies.cues.classes import Entry

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
