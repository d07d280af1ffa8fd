// Dates typed in Arabic (script and Latin letters), Portuguese, Spanish and Turkish. "today"
// is Thursday 26 November 2026; 28 May 2027 is a Friday.
import { describe, expect, it } from 'vitest';
import { findDateRange } from '../../../handlers/calendar/date-ranges.ts';
import { findDate, parseDateList } from '../../../handlers/calendar/french-dates.ts';
import { normalise } from '../../../handlers/understanding/normalise.ts';

const today = '2026-11-26';

function read(text: string) {
  const found = findDate(text, today);
  return found && { date: found.date, words: text.slice(found.start, found.end) };
}

describe('findDate in other languages', () => {
  it.each([
    // Spanish.
    ['el viernes 28 de mayo', '2027-05-28'],
    ['28 de mayo de 2027', '2027-05-28'],
    ['el viernes', '2026-11-27'],
    ['el viernes que viene', '2026-11-27'],
    ['el viernes siguiente', '2026-11-27'],
    ['sexta-feira que vem', '2026-11-27'],
    ['miércoles', '2026-12-02'],
    ['mañana', '2026-11-27'],
    ['pasado mañana', '2026-11-28'],
    ['hoy', '2026-11-26'],
    // Portuguese.
    ['sexta-feira', '2026-11-27'],
    ['na sexta', '2026-11-27'],
    ['sábado 28 de novembro', '2026-11-28'],
    ['amanhã', '2026-11-27'],
    ['depois de amanhã', '2026-11-28'],
    // Turkish, with and without its letters.
    ['cuma', '2026-11-27'],
    ['Cumartesi', '2026-11-28'],
    ['salı', '2026-12-01'],
    ['Persembe', '2026-12-03'],
    ['28 Mayıs', '2027-05-28'],
    ['yarın', '2026-11-27'],
    ['yarin', '2026-11-27'],
    ['öbür gün', '2026-11-28'],
    // Arabic script, with tashkeel or not, Eastern digits.
    ['الجمعة', '2026-11-27'],
    ['يوم السبت', '2026-11-28'],
    ['الجمعة الجاية', '2026-11-27'],
    ['غداً', '2026-11-27'],
    ['بعد غد', '2026-11-28'],
    ['28 ماي', '2027-05-28'],
    ['٢٨ مايو', '2027-05-28'],
    ['الاثنين', '2026-11-30'],
    // Maghrebi Arabic in Latin letters.
    ['ghedda', '2026-11-27'],
    ['ba3d ghedda', '2026-11-28'],
    ['nhar ssebt', '2026-11-28'],
    ['ljem3a', '2026-11-27'],
  ])('%s → %s', (text, date) => {
    expect(read(text)?.date).toBe(date);
  });

  it('gives the span inside a longer text, and leaves "tlata" (three) alone', () => {
    expect(read('la fiesta es el sábado a las 19h')).toEqual({
      date: '2026-11-28',
      words: 'el sábado',
    });
    expect(read('jina tlata')).toBeUndefined();
    expect(read('28 Mayıs 19:00')).toEqual({ date: '2027-05-28', words: '28 Mayıs' });
  });

  it('reads "siguiente", "que vem" after a weekday with it (never left for the place)', () => {
    for (const text of ['el viernes siguiente', 'sexta-feira que vem', 'el viernes que viene']) {
      expect(read(text)?.words).toBe(text);
    }
  });

  it('checks a weekday against its date in any language', () => {
    expect(() => findDate('el jueves 28 de mayo', today)).toThrow();
    expect(read('viernes 28 de mayo')?.date).toBe('2027-05-28');
  });

  it('reads lists of dates', () => {
    expect(parseDateList('viernes, sábado', today)).toEqual(['2026-11-27', '2026-11-28']);
    expect(parseDateList('cuma; cumartesi', today)).toEqual(['2026-11-27', '2026-11-28']);
    expect(parseDateList('الجمعة، السبت', today)).toEqual(['2026-11-27', '2026-11-28']);
    // "and" joined to the next date ("و5"), "or" with its hamza (أو), as Arabic is written.
    expect(parseDateList('29/05، 30/05 و5 يونيو', today)).toEqual([
      '2027-05-29',
      '2027-05-30',
      '2027-06-05',
    ]);
    expect(parseDateList('28 ماي أو 4 يونيو', today)).toEqual(['2027-05-28', '2027-06-04']);
    expect(parseDateList('الجمعة و السبت', today)).toEqual(['2026-11-27', '2026-11-28']);
  });
});

describe('findDateRange in other languages', () => {
  it.each([
    ['del 20 al 27 de diciembre', '2026-12-20', '2026-12-27'],
    ['de 20 a 27 de dezembro', '2026-12-20', '2026-12-27'],
    ['entre el 20 y el 27 de diciembre', '2026-12-20', '2026-12-27'],
    ['este fin de semana', '2026-11-28', '2026-11-29'],
    ['este fim de semana', '2026-11-28', '2026-11-29'],
    ['bu hafta sonu', '2026-11-28', '2026-11-29'],
    ['bu hafta', '2026-11-26', '2026-11-29'],
    ['هذا الأسبوع', '2026-11-26', '2026-11-29'],
  ])('%s → %s to %s', (text, from, until) => {
    expect(findDateRange(text, today)).toMatchObject({ from, until });
  });
});

describe('normalise, other scripts', () => {
  it('folds Arabic spellings and Turkish letters, and keeps French as it was', () => {
    expect(normalise('أَنَا مَرِيضَةٌ جِدًّا')).toBe('انا مريضه جدا');
    expect(normalise('النـــار في المبنى ١٥')).toBe('النار في المبني 15');
    expect(normalise('إسعاف، آمال، مسؤول، طوارئ')).toBe('اسعاف امال مسوول طواري');
    expect(normalise('KOMŞUM DÜŞTÜ, nefes alamıyor')).toBe('komsum dustu nefes alamiyor');
    expect(normalise('İMDAT')).toBe('imdat');
    expect(normalise('¿Alguien puede ayudarme?')).toBe('alguien puede ayudarme');
    expect(normalise("Jsuis tombé dans l'escalier !!!")).toBe('je suis tombe dans l escalier');
    expect(normalise('3ayan bzaaaf')).toBe('3ayan bzaf');
  });
});
