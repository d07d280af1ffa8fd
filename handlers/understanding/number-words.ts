// Small numbers written in words, in the bot's six languages, as the bare reading writes them
// (lower case, no accents; Arabic without hamza, ة as ه): "deux galettes", "seremos dos",
// "üç kişiyiz", "سنكون ثلاثة". One table for every reader (RSVP guests, bring-list
// quantities); a reader leaves out what is an ordinary word where it reads ("dos de
// cabillaud", "très bon" in an item's name). "one", "un", "on" (Turkish ten) and "neuf"
// (also "new") are not numbers here.

const WORDS: Record<string, number> = {
  // French.
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  dix: 10,
  douze: 12,
  // English.
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  ten: 10,
  twelve: 12,
  // Spanish.
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  diez: 10,
  doce: 12,
  // Portuguese.
  dois: 2,
  duas: 2,
  quatro: 4,
  sete: 7,
  oito: 8,
  dez: 10,
  doze: 12,
  // Turkish.
  iki: 2,
  uc: 3,
  dort: 4,
  bes: 5,
  alti: 6,
  yedi: 7,
  sekiz: 8,
  // Arabic.
  اثنين: 2,
  اثنان: 2,
  زوج: 2,
  ثلاثه: 3,
  ثلاث: 3,
  اربعه: 4,
  خمسه: 5,
  سته: 6,
};

/** The number a word names, if it is one of the table's. */
export function numberWord(word: string): number | undefined {
  return Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;
}
