// Spanish, as typed on a phone: no accents, no opening ¿ ¡, "q" for "que", "xfa" for "por
// favor". Traps left alone: "me muero de risa", "se me cayó el móvil", "me cae bien",
// "la salida de emergencia", "fuegos artificiales".
import type { LanguageWords } from './language-words.ts';

/** A person who is not the writer. */
// "Él" and "ella" only just before what happened: "el móvil se cayó" is a phone.
const SOMEONE =
  '(?:(?:mi |mis |la |el |una |un |nuestra |nuestro |esta |este )?(?:vecin[oa]s?|senora|senor|sra|sr|dona|don|abuel[oa]|madre|padre|mama|papa|marido|esposa?|mujer|hij[oa]|herman[oa]|amig[oa]|nin[oa]|bebe|alguien|persona mayor|una persona|hombre|chic[oa])(?: [a-z0-9]+){0,4}|\\b(?:el|ella))';

export const spanish: LanguageWords = {
  language: 'es',
  distress: {
    suicide: [
      /\b(?:suicid(?:arme|io|a|arse)|me quiero morir|quiero morir(?:me)?|me voy a matar|quiero matarme|(?:no )?quiero (?:seguir )?vivir mas|no quiero vivir|no quiero seguir viviendo|acabar con mi vida|acabar con todo|quitarme la vida|hacerme dano|me corto las venas|me hago cortes|autolesion)\b/,
    ],
    fire: [
      /\b(?:incendio|hay fuego|fuego en|se esta quemando|se quema (?:la|el|mi)|huele (?:mucho |muy fuerte )?a gas|olor a gas|fuga de gas|escape de gas|humo (?:negro|en|por|por todas|saliendo)|sale (?:mucho )?humo)\b|^fuego$/,
    ],
    over: [/\b(?:ya estoy mejor|ya me siento mejor|ya paso|ya se me paso|estoy mejor)\b/],
    other: [
      new RegExp(
        `\\b${SOMEONE} (?:ya )?no (?:contesta|responde|abre|se mueve|reacciona|respira|despierta|se despierta)\\b(?! (?:a |al |a los |en el )?(?:mis |los |nuestros )?(?:mensajes|whatsapps?|grupo|mails|correos|chat))`,
      ),
      new RegExp(
        `\\b${SOMEONE} lleva (?:[a-z0-9]+ ){0,3}sin (?:contestar|responder|abrir|dar senales|salir)\\b`,
      ),
      new RegExp(
        `\\b${SOMEONE} (?:se (?:ha )?caido|se cayo|se desmayo|se ha desmayado|se desplomo|esta inconsciente|esta en el suelo|esta tirad[oa]|perdio el conocimiento|ha perdido el conocimiento|tiene convulsiones|esta convulsionando|esta sangrando|sangra mucho|le (?:ha )?dado un (?:infarto|ataque|ictus)|esta muy mal|se encuentra (?:muy )?mal|se (?:ha )?atragantado|se atraganto|se ahoga)\\b`,
      ),
      // The verb first: "se ha caído mi abuela".
      /\b(?:se (?:ha )?caido|se cayo|se (?:ha )?desmayado|se desmayo|se desplomo|no (?:contesta|responde|abre|se mueve|respira)) (?:mi|mis|la|el|una|un|nuestra|nuestro) (?:vecin[oa]s?|senora|senor|abuel[oa]|madre|padre|mama|papa|marido|esposa?|mujer|hij[oa]|herman[oa]|amig[oa]|nin[oa]|bebe|hombre)\b/,
      /^(?:y )?ya no (?:contesta|responde|se mueve|respira)\b|\bno respira\b|\b(?:grita|pide) (?:ayuda|auxilio|socorro)\b|\bnadie (?:la|lo|le) ha visto desde\b/,
    ],
    self: [
      /\b(?:me (?:siento|encuentro)|estoy|toy) (?:muy |fatal |super |bastante )*(?:mal|fatal|debil|mareado|mareada|fatal|malo|mala|malito|malita)\b(?! (?:aparcad[oa]|de dinero|de la cabeza|acostumbrad[oa]))/,
      /\bno me (?:siento|encuentro) (?:nada |muy )?bien\b|\b(?:no|n) (?:estoy|toy|ando) (?:nada |muy )?bien\b(?! (?:segur[oa]|informad[oa]|enterad[oa]))/,
      /\b(?:me mareo|mareos|me estoy mareando|mareandome|me voy a desmayar|me desmayo|me he desmayado|me estoy desmayando|la cabeza me da vueltas)\b/,
      /\b(?:me (?:he )?caido|me cai|estoy en el suelo|estoy tirad[oa] en el suelo)\b(?! (?:de (?:la )?risa|de sueno|bien))/,
      /\bno (?:puedo|me puedo|consigo) (?:levantarme|levantar|respirar|moverme)\b|\bme cuesta (?:respirar|mucho respirar)\b|\bme ahogo\b|\bme falta el aire\b/,
      // The chest or heart hurts ("me duele el pecho", "el pecho me duele", "opresión en el
      // pecho"); the head when it is bad ("me duele mucho la cabeza").
      /\bme duele(?:n)? (?:mucho |muchisimo |un monton |demasiado |bastante |horrores )?(?:el |mi )?(?:pecho|corazon|brazo izquierdo)\b|\b(?:pecho|corazon) me (?:duele|arde|aprieta|quema)\b|\b(?:dolor|opresion|presion|ardor|quemazon|peso|punzada) (?:[a-z]+ ){0,3}(?:en el|de|en mi) (?:pecho|corazon)\b/,
      /\bme duele (?:mucho|muchisimo|un monton|demasiado|horrores|fatal|tanto) (?:la |mi )?cabeza\b|\b(?:la |mi )?cabeza me duele (?:mucho|muchisimo|un monton|demasiado|horrores|fatal|tanto)\b|\b(?:dolor de cabeza|migrana) (?:horrible|terrible|insoportable|muy fuerte|fortisimo|fortisima)\b|\bme va a (?:estallar|explotar) la cabeza\b/,
      // Falling ("me estoy cayendo", "me voy a caer"), not asleep.
      /\bme (?:estoy cayendo|voy a caer)\b(?! (?:de (?:sueno|risa|cansancio|culo)|en la cuenta|bien|mal))/,
      // Dying, not of laughter, sleep or wanting ("me muero de risa").
      /\b(?:me voy a morir|me estoy muriendo|creo que me muero|siento que me muero)\b(?! (?:de (?:risa|hambre|sed|sueno|ganas|calor|verguenza|aburrimiento|envidia|celos|pena)|por))/,
      /\b(?:dolor (?:[a-z]+ ){0,3}(?:en el|de) pecho|me duele (?:mucho )?el pecho|ataque (?:al|de) corazon|infarto|ictus|derrame cerebral|convulsiones|estoy sangrando|sangro mucho|hemorragia|ataque de (?:panico|ansiedad|asma))\b/,
      /\b(?:socorr?o|auxilio|ayudenme|ayudame|ayuda me|necesito ayuda)\b(?! (?:a|para|con|pa) )|^ayuda$|\bayuda (?:urgente|rapido|por favor|xfa|porfa)$/,
      /\b(?:llamen|llamad|llama) (?:a )?(?:una ambulancia|la ambulancia|los bomberos|al 112|al 061|al 15|un medico)\b|\bambulancia\b/,
      /\b(?:emergencia|urgencia)\b(?<!(?:saida|salida|kit|numeros?|telefones?|telefonos?|plano|plan|estojo|botiquin|rota|ruta) de (?:emergencia|urgencia))(?! (?:kit|de mentira))/,
      /\b(?:me (?:he )?tomado|tome) (?:muchas|demasiadas|todas las) (?:pastillas|pildoras|medicinas)\b|\bsobredosis\b|\bintoxicad[oa]\b/,
    ],
  },
  intents: {
    'help.menu': {
      patterns: [
        /^(?:menu|comandos|opciones)$|\bque (?:puedes|sabes) hacer\b|\bcomo funcionas?\b|\bpara que sirves\b/,
      ],
    },
    'help.greeting': {
      patterns: [
        /^(?:hola|buenos dias|buenas tardes|buenas noches|buenas|que tal)(?: (?:a|todos|todas|vecinos|vecinas|bot|que|tal|como|estan|esta|amigos))*(?: [a-z]+)?$/,
      ],
    },
    'help.thanks': {
      patterns: [/^(?:(?:muchas |mil )?gracias|genial|perfecto|estupendo|muy amable)\b/],
    },
    'gatherings.next': {
      patterns: [
        /\b(?:cuando|a que hora|donde|que dia|cuantos|cuantas)\b.*\b(?:fiesta|comida|cena|merienda|barbacoa|aperitivo|encuentro|picnic|roscon)\b/,
        /\b(?:fiesta|comida|cena|merienda|barbacoa|aperitivo|picnic)\b.*\b(?:cuando|a que hora|donde|que dia|empieza)\b/,
        /\bcuantos (?:vamos a ser|seremos|somos|vienen)\b/,
      ],
      unless: [/\b(?:cartel|carteles|kit|folleto|invitaciones)\b/],
    },
    'gatherings.going': {
      patterns: [
        /^(?:si |yo )?(?:voy|vengo|ire)(?: (?:a la \w+|al \w+|con .+|seguro|si))?$/,
        /\b(?:cuenta conmigo|cuenten conmigo|contad conmigo|ahi estare|alli estare|ahi estaremos|alli estaremos|apuntame|(?:seremos|vamos a ser) (?:\d{1,2}|dos|tres|cuatro|cinco))\b/,
        // "yo y mi marido vamos", "mi marido y yo vamos", "confirmo mi asistencia".
        /^(?:yo y (?:mi|el|la) \w+|(?:mi|el|la) \w+ y yo) (?:vamos|iremos)(?: (?:a la|al) \w+)?$|\bconfirm(?:o|amos) (?:mi |nuestra )?asistencia\b/,
      ],
      unless: [/\bno\b/],
    },
    'gatherings.list': {
      patterns: [
        /\b(?:quien trae que|quien lleva que|que traemos|que llevamos|que traigo|que llevo|que hay que (?:traer|llevar)|que falta)\b/,
      ],
    },
    'gatherings.not_going': {
      patterns: [
        /\bno (?:puedo|podre|podemos|podremos|voy a poder) (?:ir|venir|estar|asistir)\b|^no (?:voy|vengo|iremos)\b/,
      ],
    },
    'aid.ask': {
      patterns: [
        /\b(?:alguien|algun vecino|alguna vecina) (?:me )?(?:puede|podria|pueda) (?:ayudarme|ayudar|echarme una mano|echar una mano|prestarme|llevarme|acompanarme|regar|cuidar|subir|cargar|dar de comer)\b/,
        /\bnecesito (?:ayuda|una mano|a alguien) (?:para|con|pa)\b|\bquien (?:puede|podria) ayudarme\b|\b(?:ayudenme|ayudame) (?:a|con) \w+/,
        // "Me gustaría que alguien me ayudara", "¿hay alguien que me pueda ayudar?", "¿me echáis una mano?".
        /\b(?:me gustaria|querria|quisiera|necesitaria|necesito) que (?:alguien|algun vecino|alguna vecina) (?:me )?(?:ayudara|ayudase|ayude|echara una mano|echase una mano|eche una mano|prestara|llevara|acompanara|regara)\b|\bhay (?:alguien|algun vecino|alguna vecina) que (?:me )?(?:pueda|podria|quiera) (?:ayudarme|ayudar|echarme una mano|prestarme|llevarme)\b|\b(?:me echais|me echas|me echan|me podeis echar|me puedes echar|me pueden echar|alguien me echa) una mano\b/,
        // "Nesecito ayuda con las compras" (spelt as heard), "¿quién me puede ayudar?",
        // "alguien que me ayude", "busco a alguien para…".
        /\b(?:ne[cs]{1,2}e[cs]{1,2}it(?:o|aba|aria)|queria|quisiera|me gustaria) (?:de )?(?:ayuda|una mano|a alguien|alguien) (?:para|con|pa|en)\b|\bquien (?:me )?(?:puede|podria) (?:ayudar(?:me)?|echar(?:me)? una mano)\b/,
        /\b(?:alguien|algun vecino|alguna vecina) (?:me )?(?:ayuda|echa una mano|ayudaria) (?:a|con|para)\b|\b(?:alguien|algun vecino|alguna vecina) (?:para|que) (?:me )?(?:ayudar(?:me)?|ayude|echar(?:me)? una mano|eche una mano)\b|\bbusco (?:a )?(?:alguien|algun vecino|alguna vecina) (?:para|que)\b/,
        /\b(?:necesitaria|me haria falta|me hace falta) (?:una mano|ayuda|un poco de ayuda|a alguien)\b|\bcomo (?:hago|puedo|se hace|podria|hacer)(?: para)? (?:conseguir|tener|pedir|encontrar|obtener|recibir) (?:ayuda|una mano|a alguien)\b/,
      ],
    },
    'aid.offer': {
      patterns: [
        /\b(?<!(?:alguien|vecino|vecina|quien|me|te) )(?:puedo|podria|quiero|me gustaria) (?:ayudar|echar una mano|hacer (?:la|las) compras?|prestar|regar|cuidar|acompanar)\b|\bestoy disponible para ayudar\b|\bofrezco (?:mi )?ayuda\b/,
      ],
    },
    'kits.kit': {
      patterns: [
        /\b(?:cartel|carteles|afiche|folleto|folletos|invitaciones|consejos|ficha|imprimir|pdf|kit)\b/,
      ],
    },
    'watch.vigilance': {
      patterns: [/\b(?:alerta|alertas|ola de calor|vigilancia|aviso (?:naranja|rojo|amarillo))\b/],
      unless: [/\b(?:cartel|kit|folleto|consejos|pdf)\b/],
    },
  },
};
