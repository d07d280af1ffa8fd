// Contact details in a neighbour's own words (handlers/contacts.ts): phone numbers in figures
// of any script or spelled in words in the six languages (December 2026 tryout: "zéro six
// douze…" got onto a bring list), and notes saying whom to call or where to ring. Look-alikes
// (quantities, dates, a room number) pass.
import { describe, expect, it } from 'vitest';
import { hasContacts, hasReachDetails, maskContacts } from '../../handlers/contacts.ts';

describe('phone numbers spelled in words', () => {
  it('are found in each language', () => {
    for (const spelled of [
      'zéro six douze trente-quatre cinquante-six soixante-dix-huit',
      'appelez le zero six, douze, trente quatre, cinquante six, soixante dix huit',
      '06 douze trente-quatre cinquante-six 78',
      'call zero seven nine eight double seven six five four three',
      'ligue para zero seis doze trinta e quatro cinquenta e seis',
      'llama al cero seis doce treinta y cuatro cincuenta y seis',
      'sıfır beş yüz otuz iki kırk beş altmış yedi',
      'اتصل على صفر ستة اثنين عشرين ثلاثين خمسة وعشرين',
    ]) {
      expect(hasContacts(spelled), spelled).toBe(true);
    }
  });

  it('are masked where a need card shows the rest', () => {
    expect(maskContacts('du pain, appelez zéro six douze trente quatre cinquante six', '▒')).toBe(
      'du pain, appelez ▒',
    );
  });

  it('find figures of any script', () => {
    expect(hasContacts('٠٦ ١٢ ٣٤ ٥٦ ٧٨')).toBe(true);
    expect(hasContacts('06 12 34 56 78')).toBe(true);
  });

  it('leave quantities, dates and numbered places alone', () => {
    for (const text of [
      'deux ou trois chaises',
      'trois tables, quatre chaises, deux bancs',
      'un, deux, trois',
      '12/06, 13/06, 19/06',
      'salle 12, bâtiment B',
      'cour, le 06 12 on verra',
      'bir pasta, iki şişe su',
    ]) {
      expect(hasContacts(text), text).toBe(false);
    }
  });
});

describe('notes saying whom to call or where to ring', () => {
  it('are found in each language', () => {
    for (const note of [
      'appelez Chloé au 3e',
      'sonnez chez Paul, bât. B',
      '3e étage, porte gauche',
      'call Sam, 2nd floor',
      'ligue à Ana, 2.º andar',
      'llama a Pedro, piso 3',
      '3. kat, daire 5',
      'بالطابق الثاني',
    ]) {
      expect(hasReachDetails(note), note).toBe(true);
    }
  });

  it('leave dietary and practical notes alone', () => {
    for (const note of [
      'sans gluten',
      'sans lactose, sans oeufs',
      'fait maison',
      'pour 8',
      'végétarienne',
      'pliantes',
      'le matin',
      'vegan',
      'sin gluten',
      'glutensiz',
      'بدون سكر',
    ]) {
      expect(hasReachDetails(note), note).toBe(false);
    }
  });
});
