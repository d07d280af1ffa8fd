// What in a need's words could tell the neighbours who wrote it (handlers/mutual-aid/needs.ts):
// a floor, a door or building code, a street number, the person's own first name.
import { describe, expect, it } from 'vitest';
import { identifyingWords } from '../../../handlers/mutual-aid/needs.ts';

describe('identifyingWords', () => {
  it.each([
    ['courses : du lait, 3e sans ascenseur', ['3e']],
    ['porte B au 2ème étage', ['2ème étage', 'porte B']],
    ['au 12 rue des Lilas', ['12 rue']],
    ['rez-de-chaussée, sonnez fort', ['rez-de-chaussée']],
    ['Bât C2, esc 3', ['Bât C2', 'esc 3']],
    ['Chloé a besoin de piles', ['Chloé']],
  ])('finds what identifies in %j', (text, expected) => {
    expect(identifyingWords(text, 'Chloé Martin')).toEqual(expected);
  });

  it.each([
    'du pain demain matin',
    '3 paquets de pâtes',
    'je ne peux pas porter de charges',
    'la porte de la cave coince',
    'une échelle à prêter',
  ])('finds nothing in %j', (text) => {
    expect(identifyingWords(text, 'Chloé')).toEqual([]);
  });
});
