// Portuguese, European first (most Portuguese speakers in France) and Brazilian, as typed
// on a phone: no accents ("nao", "ajudem"), "vc", "pra", clitics with or without the hyphen
// ("sinto-me" and "me sinto"). Traps left alone: "a festa cai num sábado", "morrer de
// rir", "o telemóvel caiu", "saída de emergência", "fogo de artifício".
import type { LanguageWords } from './language-words.ts';

// "Ele" and "ela" only just before what happened: "o telemóvel dele caiu" is a phone.
const SOMEONE =
  '(?:(?:a minha |o meu |minha |meu |a |o |uma |um |nossa |nosso |esta |este )?(?:vizinh[oa]s?|senhora|senhor|sra|sr|dona|avo|avozinha|mae|pai|marido|mulher|esposa|filh[oa]|irmao|irma|amig[oa]|crianca|bebe|alguem|idos[oa]|pessoa idosa|uma pessoa|homem|rapaz|menin[oa])(?: [a-z0-9]+){0,4}|\\b(?:ele|ela))';

export const portuguese: LanguageWords = {
  language: 'pt',
  distress: {
    suicide: [
      /\b(?:suicid(?:ar|ar me|io|a)|me suicidar|quero morrer|vou me matar|vou matar me|matar me|me matar|nao quero (?:mais )?viver|acabar com (?:a minha vida|minha vida|tudo isto)|tirar a (?:minha )?vida|fazer me mal|me fazer mal|me cortar|cortar me)\b/,
    ],
    fire: [
      /\b(?:incendio|fogo (?:no|na|em|la)|ha fogo|tem fogo|esta a arder|pegou fogo|cheira (?:muito )?a gas|cheiro (?:a|de) gas|fuga de gas|vazamento de gas|muito fumo|fumo a sair|sai fumo|fumaca saindo|sai fumaca|fumo (?:preto|no|na)|fumaca (?:preta|no|na))\b|^fogo$/,
    ],
    over: [/\b(?:ja estou melhor|ja passou|estou melhor|sinto me melhor|ja me sinto melhor)\b/],
    other: [
      new RegExp(
        `\\b${SOMEONE} (?:ja )?nao (?:responde|atende|abre|se mexe|mexe|reage|respira|acorda)\\b(?! (?:as |aos |ao |no |nos )?(?:minhas |meus )?(?:mensagens|sms|mails|emails|whatsapp|grupo|chat))`,
      ),
      new RegExp(
        `\\b${SOMEONE} (?:caiu|desmaiou|esta desmaiad[oa]|esta inconsciente|perdeu os sentidos|perdeu a consciencia|esta no chao|esta caid[oa]|teve um (?:avc|ataque|enfarte|infarto)|esta (?:a ter|tendo|com) (?:um ataque|convulsoes)|esta a sangrar|esta sangrando|nao esta bem|esta muito mal|sentiu se mal|se sentiu mal|engasgou se|se engasgou|esta a sufocar)\\b(?! (?:na conversa|de amores|no conto))`,
      ),
      // The verb first: "caiu a minha vizinha".
      /\b(?:caiu|desmaiou|nao responde|nao atende|nao abre|nao se mexe|nao respira) (?:a minha|o meu|minha|meu|a|o|uma|um|nossa|nosso) (?:vizinh[oa]s?|senhora|senhor|avo|mae|pai|marido|mulher|esposa|filh[oa]|irmao|irma|amig[oa]|crianca|bebe|homem)\b/,
      /\b(?:nao respira|a pedir (?:ajuda|socorro)|pedindo (?:ajuda|socorro)|a gritar por (?:ajuda|socorro)|ninguem (?:a|o) ve desde)\b/,
    ],
    self: [
      /\b(?:sinto me|me sinto|estou a sentir me|estou me sentindo|to me sentindo|estou|to) (?:muito |mesmo |tao |bastante )*(?:mal|fraca?o?|tont[oa])\b(?! (?:estacionad[oa]|de dinheiro|humorad[oa]))/,
      // The negation and "estar" as typed: "não tô bem", "nao to nada bem", "n tou bem",
      // "num tô bem" (December 2026 tryout: only "não estou bem" was read).
      /\b(?:nao|n|nn|num) (?:me (?:sinto|to sentindo|estou a sentir|estou sentindo)|(?:estou|esto|tou|to|ando|estava|fico)(?: me sentindo| a sentir me)?) (?:nada |muito |la muito |mesmo |assim tao )?bem\b(?! (?:cert[oa]|segur[oa]|lembrad[oa]|informad[oa]|a ver|percebido))/,
      // The chest or heart hurts ("dói-me o peito", "meu peito dói", "aperto no peito"); the
      // head when it is bad ("dói-me muito a cabeça").
      /\b(?:doi me|me doi|doi|esta a doer me|esta a doer|ta doendo|esta doendo|doendo)(?: me)?(?: muito| tanto| imenso| demais| bastante| bue)? (?:o |a |no |na |meu |minha |o meu |a minha )?(?:peito|coracao)\b|\b(?:peito|coracao) (?:doi|doi me|me doi|esta a doer|ta doendo|esta doendo|doendo|a doer|aperta|apertado|queima|arde)\b|\b(?:dor(?:es)?|aperto|pressao|ardor|queimacao|queimor|peso|pontada)(?: [a-z]+){0,2} (?:no|do) (?:peito|coracao)\b/,
      /\b(?:doi me|me doi|doi|esta a doer me|esta a doer|ta doendo|esta doendo)(?: me)? (?:muito|tanto|imenso|demais|bue) (?:a |a minha |minha )?cabeca\b|\bcabeca (?:doi|doi me|me doi|esta a doer|ta doendo|esta doendo)(?: me)? (?:muito|tanto|imenso|demais|bue)\b|\bmuita dor de cabeca\b|\bdor de cabeca (?:horrivel|terrivel|insuportavel|fortissima|muito forte)\b/,
      // Falling ("estou a cair", "tô caindo", "vou cair"), not asleep nor for a trick.
      /\b(?:estou a cair|estou caindo|to caindo|tou a cair|vou cair)\b(?! (?:de (?:sono|cansaco|podre|maduro|rir)|nessa|nisso|na real|no conto|aos pedacos|em si|fora|para tras de rir))/,
      // Dying, not of laughter, hunger or longing ("morrer de rir").
      /\b(?:vou|acho que vou|sinto que vou) morrer\b(?! (?:de (?:rir|riso|fome|sede|sono|saudades?|vergonha|calor|tedio|inveja|ciumes|vontade)|a rir))|\b(?:estou a morrer|to morrendo|estou morrendo)\b(?! (?:de (?:rir|riso|fome|sede|sono|saudades?|vergonha|calor|tedio|inveja|ciumes|vontade)|a rir|por))/,
      /\b(?:(?:estou |to )?(?:passando|a passar|passei) mal|tonturas?|vou desmaiar|desmaiei|estou a desmaiar|a cabeca (?:a )?(?:andar|gira) a roda|a cabeca gira)\b/,
      /\bcai\b(?<=(?:^|(?:^| )(?:eu|acabei de|ja) )cai)(?! (?:num|numa|na real|bem))|\b(?:levei|dei|tive) uma queda\b|\bestou (?:caid[oa] )?no chao\b/,
      /\bnao (?:consigo|posso) (?:me )?(?:levantar|levantar me|respirar|mexer me|me mexer|mexer)\b|\bnao me consigo (?:levantar|mexer)\b|\bfalta de ar\b|\bcusta me respirar\b|\bestou a sufocar\b|\bsufocando\b/,
      /\b(?:dor(?:es)? (?:[a-z]+ ){0,2}no peito|ataque cardiaco|enfarte|infarto|(?:um|tive um|teve um|a ter um) avc|convulsoes|estou a sangrar|estou sangrando|sangro muito|hemorragia|ataque de (?:panico|ansiedade|asma))\b/,
      /\b(?:socorr?o|acudam|ajudem me|me ajudem|ajuda me|me ajuda)\b(?! (?:a|com|para|pra|no|na|nas|nos) )|^ajuda$|\bajuda (?:urgente|rapido|depressa|por favor|pf|pfv)$|\bpreciso de ajuda (?:urgente|ja|agora)\b/,
      /\b(?:chamem|chama|liguem (?:para|pro)) (?:uma ambulancia|a ambulancia|os bombeiros|o inem|o 112|o samu|o 15|um medico)\b|\bambulancia\b/,
      /\b(?:emergencia|urgencia)\b(?<!(?:saida|salida|kit|numeros?|telefones?|telefonos?|plano|plan|estojo|botiquin|rota|ruta) de (?:emergencia|urgencia))/,
      /\b(?:tomei|engoli) (?:muitos|demasiados|todos os) (?:comprimidos|remedios|medicamentos)\b|\boverdose\b|\bintoxicad[oa]\b/,
    ],
  },
  intents: {
    'help.menu': {
      patterns: [
        /^(?:menu|comandos|opcoes)$|\bo que (?:sabes|podes|consegues|voce pode|voce sabe|vc pode|vc sabe) fazer\b|\bcomo (?:e que )?funcionas?\b|\bpara que serves\b/,
      ],
    },
    'help.greeting': {
      patterns: [
        /^(?:ola|bom dia|boa tarde|boa noite|oi)(?: (?:a|todos|todas|pessoal|vizinhos|vizinhas|bot|tudo|bem|como|estao|esta|gente))*(?: [a-z]+)?$/,
      ],
    },
    'help.thanks': {
      patterns: [/^(?:(?:muito )?obrigad[oa]|(?:muito )?obg|brigad[oa]|valeu|otimo|perfeito)\b/],
    },
    'gatherings.next': {
      patterns: [
        /\b(?:quando|a que horas|que horas|onde|que dia|quantos|quantas)\b.*\b(?:festa|jantar|almoco|lanche|churrasco|piquenique|convivio|encontro)\b/,
        /\b(?:festa|jantar|almoco|lanche|churrasco|piquenique|convivio)\b.*\b(?:quando|a que horas|onde|que dia|comeca)\b/,
        /\bquantos (?:vamos ser|seremos|somos|vem)\b/,
      ],
      unless: [/\b(?:cartaz|cartazes|kit|folheto|convites)\b/],
    },
    'gatherings.going': {
      patterns: [
        // "vou", "eu vou na festa com meu marido" (Brazil: "ir na festa"), "vou sim".
        /^(?:sim )?(?:eu )?(?:vou|venho|irei)(?: (?:a|na|ao|no|pra|para a|para o) \w+)?(?: com .+)?(?: (?:sim|la))?$/,
        /\b(?:conta comigo|contem comigo|la estarei|estarei la|la estaremos|vamos ser (?:\d{1,2}|dois|duas|tres|quatro|cinco)|seremos (?:\d{1,2}|dois|duas|tres|quatro|cinco))\b/,
        // "eu e meu marido vamos", "confirmo presença na festa".
        /^(?:eu e|(?:o |a )?(?:meu|minha) \w+ e eu)(?: (?:o|a))?(?: (?:meu|minha) \w+)? (?:vamos|iremos)(?: (?:a|na|ao|no|pra) \w+)?(?: (?:sim|la))?$|\bconfirm(?:o|amos) (?:a )?(?:minha |nossa )?presenca\b/,
      ],
      unless: [/\bnao\b/],
    },
    'gatherings.list': {
      patterns: [
        /\b(?:quem (?:leva|traz) o que|o que (?:levamos|trazemos|levo|trago|falta)|que (?:levamos|trazemos|levo|trago)|o que e preciso levar)\b/,
      ],
    },
    'gatherings.not_going': {
      patterns: [
        /\bnao (?:posso|vou poder|poderei|podemos|vamos poder|consigo) (?:ir|vir|estar)\b|^nao vou\b/,
      ],
    },
    'aid.ask': {
      patterns: [
        /\b(?:alguem|algum vizinho|alguma vizinha) (?:me )?(?:pode|podia|poderia|consegue) (?:me )?(?:ajudar|dar uma (?:ajuda|ajudinha|mao|maozinha)|emprestar|levar|acompanhar|regar|cuidar|carregar|dar de comer)\b/,
        /\bpreciso de (?:ajuda|uma mao|alguem) (?:para|com|pra)\b|\bquem (?:pode|podia|poderia) (?:me )?ajudar\b|\b(?:ajudem me|me ajudem|me ajuda) (?:a|com|para|pra) \w+/,
        // "Gostava que alguém me ajudasse", "há alguém que me possa ajudar", "alguém me dá uma mão".
        /\b(?:gostava|gostaria|queria|precisava|preciso) (?:muito )?que (?:alguem|algum vizinho|alguma vizinha) (?:me )?(?:ajudasse|ajude|desse uma mao|desse uma ajuda|emprestasse|levasse|regasse|acompanhasse)\b|\b(?:ha|existe|tem) (?:alguem|algum vizinho|alguma vizinha) que (?:me )?(?:possa|pudesse|queira) (?:me )?(?:ajudar|dar uma mao|emprestar|levar|regar)\b|\b(?:alguem|algum vizinho|alguma vizinha) (?:me )?(?:da|dava|daria) (?:me )?uma (?:mao|maozinha|ajuda|ajudinha)\b/,
        // "Preciso ajuda com as compras", "queria ajuda para…", spelt as heard ("precisso",
        // "presiso"); "preciso de ajuda" alone; "alguém pra me ajudar", "quem me pode ajudar".
        /\b(?:pre[cs]{1,2}i[sz]{1,2}(?:o|ava|aria)|queria|gostaria de|gostava de) (?:de )?(?:ajuda|uma ajuda|uma ajudinha|uma mao|alguem) (?:para|com|pra|a|no|na|nas|nos|em)\b|^(?:(?:ola|bom dia|boa tarde|boa noite|oi) )?(?:eu )?pre[cs]{1,2}i[sz]{1,2}(?:o|ava) (?:de )?ajuda$/,
        /\b(?:alguem|algum vizinho|alguma vizinha) (?:pra|para|que) (?:me )?(?:ajudar|ajude|ajudasse|dar uma mao|de uma mao|levar|leve|carregar|carregue)\b|\bquem (?:me )?(?:pode|podia|poderia|consegue) (?:me )?ajudar\b|\bprocuro (?:alguem|um vizinho|uma vizinha) (?:para|pra|que)\b|\b(?:pode|podia|poderia) (?:alguem|algum vizinho|alguma vizinha) (?:me )?(?:ajudar|dar uma mao|levar|emprestar)\b/,
        /\b(?:preciso|precisava|precisaria) de (?:uma )?(?:maozinha|ajudinha|mao)\b|\bcomo (?:e que )?(?:faco|posso|consigo|se faz|fazer)(?: para| pra)? (?:ter|arranjar|conseguir|obter|pedir|encontrar) (?:ajuda|uma ajuda|uma mao|alguem)\b/,
      ],
    },
    'aid.offer': {
      patterns: [
        /\b(?<!(?:alguem|vizinho|vizinha|quem|me|te) )(?:posso|podia|poderia|quero|gostava de|gostaria de) (?:ajudar|dar uma mao|fazer (?:as )?compras|emprestar|regar|cuidar|acompanhar)\b|\bestou disponivel para ajudar\b/,
      ],
    },
    'kits.kit': {
      patterns: [
        /\b(?:cartaz|cartazes|folheto|folhetos|convites|conselhos|ficha|imprimir|pdf|kit)\b/,
      ],
    },
    'watch.vigilance': {
      patterns: [/\b(?:alerta|alertas|onda de calor|aviso (?:laranja|vermelho|amarelo))\b/],
      unless: [/\b(?:cartaz|kit|folheto|conselhos|pdf)\b/],
    },
  },
};
