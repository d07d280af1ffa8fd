// The one health check (handlers/health-words.ts): what it finds, what it leaves alone, and
// what of a need is kept once the parts that speak of health are left out.
import { describe, expect, it } from 'vitest';
import {
  labelWithoutHealth,
  looksLikeHealthData,
  withoutHealthDetails,
} from '../../handlers/health-words.ts';

describe('health words', () => {
  it('finds health in words and in distress, in several languages', () => {
    for (const text of [
      'Mme Martin, diabétique',
      "j'ai de la fièvre et le covid",
      'je fais une dépression',
      'je suis tombée hier',
      'my wife is sick',
      'estou doente',
      'hastaneye gitmem lazım',
      // Got through in the December 2026 tryout.
      'je suis séropositif',
      'je suis enceinte',
      'ma jambe est cassée',
      'je suis déprimée',
      'je suis aveugle',
      "j'ai mal au dos",
      "j'ai été opérée de la hanche",
      "j'ai la crève",
      'I just had surgery',
      'i have the flu',
      'tengo fiebre',
      'ateşim var',
      'عندي السكري',
      // Mobility and hearing aids (December 2026 tryout).
      'elle marche avec un déambulateur',
      'il se déplace en fauteuil roulant',
      'avec sa canne, elle met du temps',
      'une canne blanche',
      'il est sur des béquilles',
      'personne à mobilité réduite',
      'elle marche difficilement',
      'il a du mal à marcher',
      'elle porte un appareil auditif',
      'she uses a walker',
      'he has a walking stick',
      'en silla de ruedas',
      'tekerlekli sandalyede',
    ]) {
      expect(looksLikeHealthData(text), text).toBe(true);
    }
  });

  it('leaves alone words that only look like it', () => {
    for (const text of [
      'je suis maladroite, une étagère à monter',
      'je suis enfermée dehors',
      'je viens avc mon fils',
      'aide pour le traitement de texte',
      'une enceinte pour la fête',
      'il y a une odeur de gaz',
      'du pain et du lait demain matin',
      'la machine à laver est cassée',
      'une opération de rangement de la cave',
      'Paul se sent un peu fatigué, il faut porter les chaises',
      'hasta el sábado',
      'des enceintes et une rallonge',
      'le flux de la rivière',
      "l'ascenseur marche mal",
      'le frigo ne marche plus',
      'prêter une canne à pêche',
      'des cannes en sucre pour le sapin',
      'la béquille de mon vélo est tordue',
      'Mme Walker, 3e droite',
      'une bonne qualité de son',
    ]) {
      expect(looksLikeHealthData(text), text).toBe(false);
    }
  });

  it('keeps what a need says besides health', () => {
    expect(withoutHealthDetails('je suis tombée hier, il me faut du pain')).toEqual({
      kept: 'il me faut du pain',
      withheld: true,
    });
    expect(withoutHealthDetails('du pain car je suis diabétique')).toEqual({
      kept: 'du pain',
      withheld: true,
    });
    expect(withoutHealthDetails("pour quelqu'un de malade")).toEqual({ kept: '', withheld: true });
    expect(withoutHealthDetails('du pain et du lait')).toEqual({
      kept: 'du pain et du lait',
      withheld: false,
    });
  });

  it('keeps a label up to where health begins, and nothing when it begins there', () => {
    for (const [typed, kept] of [
      ['quiche sans gluten pour mon diabète', 'quiche sans gluten'],
      ['une tarte (je suis diabétique)', 'une tarte'],
      ['une tarte (sans sucre) pour mon diabète, et des chips', 'une tarte (sans sucre)'],
      ['quiche - je suis cœliaque', 'quiche'],
      ['a gluten-free quiche for my diabetes', 'a gluten-free quiche'],
      ['una tarta sin azúcar para mi diabetes', 'una tarta sin azúcar'],
      ['mes médicaments', ''],
      ['pour ma chimio, un gâteau', ''],
      ['(je suis diabétique)', ''],
      // The December tryout: blood pressure and cholesterol got onto the list for the hall.
      ['jus pour ma tension', 'jus'],
      ['biscuits pour mon cholestérol', 'biscuits'],
      ['juice for my blood pressure', 'juice'],
    ]) {
      expect(labelWithoutHealth(typed!), typed).toEqual({ kept, withheld: true });
    }
    for (const typed of [
      'une enceinte',
      'une machine cassée',
      'gâteau pour 10 personnes',
      'une rallonge (baisse de tension)',
      'la tension électrique du barbecue',
    ]) {
      expect(labelWithoutHealth(typed), typed).toEqual({ kept: typed, withheld: false });
    }
  });
});
