// Turkish, as typed on a phone: with or without ı ş ğ ç ö ü (normalise.ts folds them, so
// "düştüm" and "dustum" read the same), suffixes stuck to words ("komşum", "komşumuz"),
// negation inside the verb ("açmıyor"). Traps left alone: "fiyatlar düştü", "telefon
// düştü", "acil çıkış", "yangın tatbikatı", "gülmekten öldüm", "ışık yanıyor".
import type { LanguageWords } from './language-words.ts';

/** A person who is not the writer, with the suffixes Turkish sticks to the word. */
const SOMEONE =
  '\\b(?:yan |ust |alt |yasli )?(?:komsu[a-z]*|annem|annesi|babam|babasi|esim|kocam|karim|oglum|kizim|ablam|abim|kardesim|arkadasim|teyze[a-z]*|amca[a-z]*|nine[a-z]*|dede[a-z]*|babaanne[a-z]*|anneanne[a-z]*|yasli (?:kadin|adam|bir)|bir (?:kadin|adam|cocuk|kisi|yasli)|biri|birisi|cocu[gk][a-z]*|bebe[gk][a-z]*|o)(?: [a-z0-9]+){0,3}';

export const turkish: LanguageWords = {
  language: 'tr',
  distress: {
    suicide: [
      /\b(?:intihar|olmek istiyorum|olsem|kendimi (?:oldur|asacagim|atacagim)[a-z]*|yasamak istemiyorum|canima kiy[a-z]*|hayatima son ver[a-z]*|kendime zarar ver[a-z]*)\b/,
    ],
    fire: [
      /\b(?:yangin(?! (?:tatbikat|merdiven|sondurucu|cikis|kapisi|sigorta))(?: var)?|gaz kokuyor|gaz kokusu|gaz kacagi|gaz kaciyor|duman (?:var|geliyor|cikiyor)|(?:ev|bina|mutfak|daire|apartman)[a-z]* yaniyor|itfaiye)\b/,
    ],
    over: [/\b(?:simdi iyiyim|daha iyiyim|iyilestim|gecti artik)\b/],
    other: [
      new RegExp(
        `${SOMEONE} (?:kapiyi |telefonu |telefonlari |kapi[a-z]* )?(?:acmiyor|cevap vermiyor|yanit vermiyor|kipirdamiyor|hareket etmiyor|nefes almiyor|uyanmiyor|tepki vermiyor|sesi gelmiyor)\\b(?<!(?:mesaj|mail)[a-z]* (?:acmiyor|cevap vermiyor|yanit vermiyor))`,
      ),
      new RegExp(
        `${SOMEONE} (?:dustu|dusmus|bayildi|bayilmis|yere yigildi|yigildi|fenalasti|fenalik gecir[a-z]*|kalp krizi gecir[a-z]*|felc gecir[a-z]*|kriz gecir[a-z]*|nobet gecir[a-z]*|havale gecir[a-z]*|bilincini kaybetti|baygin|yerde yatiyor|yerde|kaniyor|kan kaybediyor|bogul[a-z]*|iyi degil|cok kotu)\\b(?! (?:asik|fiyat))`,
      ),
      /\b(?:nefes almiyor|nefes almakta zorlaniyor|bilincini kaybetti|yardim (?:diye )?bagiriyor|imdat diye bagiriyor|gunlerdir (?:gormedim|gorulmuyor|ses yok))\b/,
    ],
    self: [
      /\bkendimi (?:cok |hic |biraz )?(?:kotu|iyi hissetmiyorum|fena)\b|\b(?:hic |cok )?iyi degilim\b|\bcok kotuyum\b|\b(?:cok )?kotu oldum\b|\bfenalik geciriyorum\b|\bfenalasiyorum\b|\bfenalastim\b/,
      /\b(?:basim donuyor|basim cok donuyor|bayiliyorum|bayilacagim|bayildim|bas donmesi)\b/,
      /\b(?:dustum|yere dustum|dusup kalkamiyorum|kalkamiyorum|ayaga kalkamiyorum|hareket edemiyorum)\b/,
      /\b(?:nefes almakta zorlan[a-z]*|nefes almakta guclu?k|nefes alamiyorum|nefes alamiyoruz|nefesim daraliyor|nefes darligi|boguluyorum|nefesim yetmiyor)\b/,
      // The chest or heart hurts ("göğsüm ağrıyor", "kalbim ağrıyor", "kalbim sıkışıyor");
      // the head when it is bad ("başım çok ağrıyor").
      /\b(?:gogsum|gogsumde|gogus|gogusum|kalbim|kalbimde|kalp|sol kolum|sol kolumda)(?: [a-z]+)?(?: cok| fena| asiri| feci| bayagi)? (?:agri[a-z]*|sanci[a-z]*|sikis[a-z]*|sikiyor|yaniyor|batiyor|aciyor)\b|\bbasim (?:cok|fena|asiri|feci|bayagi|inanilmaz) (?:agri[a-z]*|zonkluyor|catliyor)\b|\b(?:siddetli|korkunc|dayanilmaz|cok kotu) (?:bas agrisi|gogus agrisi|agri)\b/,
      // Dying, not of laughter, curiosity or boredom ("gülmekten öleceğim"). "Ölüyorum" is
      // left out: without its marks it is "oluyorum" ("I am becoming").
      /(?<!(?:gulmekten|sicaktan|acliktan|meraktan|heyecandan|utanctan|uykudan|sikintidan|ozlemden|kahkahadan) )\b(?:olecegim|olecem|olecekmisim gibi)\b/,
      /\b(?:hic |pek |cok )?iyi hissetmiyorum\b|\b(?:cok )?kotu hissediyorum\b/,
      /\b(?:gogsum(?:de)? (?:[a-z]+ )?agri[a-z]*|gogsum agriyor|gogus agrisi|gogsumde agri|kalp krizi|inme|felc|kriz geciriyorum|kaniyorum|cok kan kaybediyorum|panik atak)\b/,
      /\b(?:imdat|acil yardim|kurtarin beni|kurtarin)\b|^yardim(?: lutfen)?$/,
      // "Taşınmak için yardım edin" asks a hand, not rescue.
      /\b(?<!(?:icin|konusunda) )(?:yardi?m edi*n|yardim et)\b(?! (?:bana )?(?:[a-z]+ )?(?:tasi|icin|konusunda))/,
      /\b(?:ambulans|112 (?:yi )?ara[a-z]*|doktor cagirin)\b/,
      /\bacil\b(?! (?:cikis|durum kiti|kit|numara|telefon|degil|bir sey degil|toplanti))/,
      /\b(?:cok (?:fazla )?(?:ilac|hap) (?:ictim|aldim)|zehirlendim)\b/,
    ],
  },
  intents: {
    'help.menu': {
      patterns: [
        /^(?:menu|komutlar|yardim menusu)$|\bne (?:yapabilirsin|yapiyorsun|ise yariyorsun|ise yarar)\b|\bnasil (?:calisiyor|calisiyorsun|kullanilir)\b/,
      ],
    },
    'help.greeting': {
      patterns: [
        /^(?:merhaba|merhabalar|selam|selamlar|gunaydin|iyi aksamlar|iyi gunler|slm|mrb)(?: (?:herkese|komsular|komsularim|arkadaslar|bot|nasilsiniz))*(?: [a-z]+)?$/,
      ],
    },
    'help.thanks': {
      patterns: [
        /^(?:(?:yardiminiz|yardimin|yardimlariniz) icin )?(?:tesekkurler|tesekkur ederim|cok tesekkurler|cok tesekkur ederim|sagol|sag ol|sagolun|eyvallah|harika|super)\b/,
      ],
    },
    'gatherings.next': {
      patterns: [
        /\b(?:parti|senlik|yemek|piknik|bulusma|mangal|komsu gunu|etkinlik|kahvalti)[a-z]*\b.*\b(?:ne zaman|saat kacta|saat kac|nerede|kac kisi|hangi gun)\b/,
        /\b(?:ne zaman|saat kacta|nerede|hangi gun)\b.*\b(?:parti|senlik|yemek|piknik|bulusma|mangal|etkinlik)[a-z]*\b/,
        /\bkac kisi (?:olacagiz|geliyor|gelecek)\b/,
      ],
      unless: [/\b(?:afis|kit|brosur|davetiye)[a-z]*\b/],
    },
    'gatherings.going': {
      patterns: [
        /\b(?:geliyorum|gelecegim|gelirim|ben de varim|varim|katiliyorum|katilacagim|orada olacagim|geliyoruz|gelecegiz)\b|\b(?:\d{1,2}|iki|uc|dort|bes) kisi(?:yiz| gelecegiz| geliyoruz)\b/,
      ],
    },
    'gatherings.list': {
      patterns: [/\b(?:kim ne getiriyor|kim ne getirecek|ne getireyim|ne getirelim|ne eksik)\b/],
    },
    'gatherings.not_going': {
      patterns: [
        /\b(?:gelemem|gelemiyorum|gelemeyecegim|gelmeyecegim|gelmiyorum|katilamam|katilamayacagim|katilamiyorum|gelemeyiz|gelemeyecegiz)\b/,
      ],
    },
    'aid.ask': {
      patterns: [
        /\b(?:biri|birisi|kimse|bir komsu|komsulardan biri) (?:bana )?(?:[a-z]+ ){0,3}(?:yardim edebilir|yardim eder|yardimci olabilir|tasiyabilir|odunc verebilir|bakabilir|sulayabilir|goturebilir)[a-z]*\b/,
        /\b(?:icin|konusunda) yardima ihtiyacim var\b|^yardima ihtiyacim var$|\bkim (?:bana )?yardim edebilir\b|\b[a-z]+ (?:icin|konusunda) yardim lazim\b/,
        // "Birinin … yardım etmesini istiyorum", "nasıl yardım alabilirim", "el atabilecek var mı".
        /\bbirinin (?:bana )?(?:[a-z]+ ){0,3}yardim etmesini (?:istiyorum|isterim|rica ediyorum)\b|\bnasil (?:yardim|destek) (?:alabilirim|isteyebilirim|bulabilirim|alirim)\b|\b(?:biraz )?yardima ihtiyacim (?:olacak|olur)\b/,
        // "Poşetleri taşımak için yardım eder misiniz?", "alışveriş için yardım edebilir misiniz".
        /\b[a-z]+(?:mak|mek|ma|me|i|yi|u|yu) icin (?:bana )?yardim (?:eder|edebilir) mi(?:siniz|sin)\b|\byardim (?:eder|edebilir) mi(?:siniz|sin) [a-z]+ [a-z]+(?:mak|mek) icin\b/,
        /\b(?:birinin|bir komsunun) yardimina ihtiyacim (?:var|olacak)\b|\b(?:bana )?yardim ede(?:bilece|ce)k (?:biri|birisi|kimse|bir komsu) (?:var mi|yok mu)\b|\bel (?:atabilecek|atacak|uzatabilecek)(?: biri| birisi| kimse| bir komsu)? (?:var mi|yok mu)\b/,
      ],
    },
    'aid.offer': {
      patterns: [
        /\b(?:yardim edebilirim|yardim etmek istiyorum|yardimci olabilirim|yardimci olmak istiyorum|alisveris yapabilirim|yardim ederim)\b/,
      ],
    },
    'kits.kit': {
      patterns: [
        /\b(?:afis|afisi|afisler|brosur|davetiye|davetiyeler|ipuclari|tavsiyeler|pdf|kit|kiti|yazdir)\b/,
      ],
    },
    'watch.vigilance': {
      patterns: [
        /\b(?:uyari|uyarisi|alarm|sicak hava dalgasi|asiri sicak|turuncu kod|kirmizi kod)\b/,
      ],
      unless: [/\b(?:afis|kit|brosur|pdf|yangin)\b/],
    },
  },
};
