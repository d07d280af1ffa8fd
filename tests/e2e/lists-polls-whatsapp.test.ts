// What people type to a gathering that the bot must refuse or read as they mean it, on
// WhatsApp where every answer is typed: RSVP counts and list quantities out of range, item
// numbers the list does not have, an item added twice under other words.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, mention, groupTexts } = createWhatsAppChat(h);

describe('a gathering on WhatsApp, with what people type wrong', () => {
  it('refuses RSVP counts out of range, with the range, and saves nothing', async () => {
    await say(wa.alice, '!evenement galette 10/01 16h salle commune');
    const refusal =
      'Indiquez combien de personnes vous accompagnent, en chiffres\u202f: un nombre entier de 0 à 20. Exemple\u202f: /jeviens 2';
    for (const typed of ['-3', '3.5', '1000', '21', 'beaucoup']) {
      expect(await say(wa.bruno, `!jeviens ${typed}`), typed).toBe(refusal);
    }
    const before = groupTexts().length;
    expect(await mention(wa.bruno, 'on sera 50')).toBe(refusal);
    expect(groupTexts()).toHaveLength(before + 1);
    // Nobody was counted.
    expect(await say(wa.chloe, '!jeviens 0')).toBe(
      "C'est noté, Chloé\u202f: vous venez (Galette).",
    );
    expect(groupTexts().join('\n')).not.toMatch(/Bruno\u202f: vous venez/);
  });

  it('refuses quantities and item numbers out of range, naming the numbers the list has', async () => {
    await say(wa.alice, '!evenement galette 10/01 16h salle commune');
    await say(wa.alice, '!liste ajouter 3 chaises');
    expect(await say(wa.bruno, '!japporte 2')).toBe(
      "Il n'y a pas de n°2 dans la liste\u202f: elle n'a que le n°1. Tapez /liste pour la voir.",
    );
    await say(wa.alice, '!liste ajouter une tarte');
    const badQuantity = 'La quantité doit être un nombre entier de 1 à 99.';
    for (const typed of ['1000 verres', '-3 verres', '2,5 quiches', 'verres x600']) {
      expect(await say(wa.alice, `!liste ajouter ${typed}`), typed).toBe(badQuantity);
    }
    expect(await say(wa.bruno, '!japporte 1 999')).toBe(badQuantity);
    const noSuch = (n: string) =>
      `Il n'y a pas de n°${n} dans la liste\u202f: ses numéros vont de 1 à 2. Tapez /liste pour les voir.`;
    expect(await say(wa.bruno, '!japporte 999')).toBe(noSuch('999'));
    expect(await say(wa.bruno, '!japporte 1000')).toBe(noSuch('1000'));
    expect(await say(wa.bruno, '!japportepas 7')).toBe(noSuch('7'));
    // A number too long to be one is cut, and says so; "-1" is no thing to bring (tryout).
    expect(await say(wa.bruno, '!japporte 999999999999999999999')).toBe(noSuch('999999…'));
    const noNumber =
      'Je ne trouve pas ce numéro dans la liste. Tapez /liste pour voir les numéros.';
    for (const typed of ['-1', '#3', '3.5', '...']) {
      expect(await say(wa.bruno, `!japporte ${typed}`), typed).toBe(noNumber);
    }
    // Nothing was added by all this: the list still has its two items.
    const list = await say(wa.bruno, '!liste');
    expect(list).toContain('1. chaises ×3 — il en manque 3');
    expect(list).toContain('2. une tarte — il en manque 1');
    expect(list).not.toMatch(/verres|quiches|1000|999/);
  });

  it('refuses what is too long before asking which gathering, without repeating it', async () => {
    await say(wa.alice, '!evenement galette 10/01 16h salle commune');
    await say(wa.alice, '!evenement apero 12/06 19h');
    const long = `${'des chaises pliantes '.repeat(30)}`.trim();
    expect(long.length).toBeGreaterThan(600);
    expect(await say(wa.alice, `!liste ajouter ${long}`)).toBe(
      "C'est trop long pour la liste (60 caractères au plus, note comprise).",
    );
    expect(await say(wa.bruno, '!jeviens -3')).toContain('un nombre entier de 0 à 20');
    expect(await say(wa.bruno, `!japporte ${long}`)).toBe(
      "C'est trop long pour la liste (60 caractères au plus, note comprise).",
    );
    expect(groupTexts().join('\n')).not.toContain('pliantes des chaises');
    // What is fine is asked about, repeated in the commands offered.
    expect(await say(wa.bruno, '!jeviens 2')).toContain('/jeviens galette 2');
  });

  it('says an item is already on the list, and who brings it, instead of adding it again', async () => {
    await say(wa.alice, '!evenement galette 10/01 16h salle commune');
    await say(wa.alice, '!liste ajouter 3 chaises');
    expect(await say(wa.chloe, '!liste ajouter des chaises')).toContain(
      [
        "C'est déjà sur la liste\u202f: n°1 chaises ×3. Je ne l'ajoute pas une deuxième fois.",
        'Il en manque encore 3\u202f: /japporte 1 pour en apporter.',
      ].join('\n'),
    );
    await say(wa.bruno, '!japporte 1 2');
    expect(await say(wa.chloe, '!liste ajouter Chaise')).toContain(
      [
        "C'est déjà sur la liste\u202f: n°1 chaises ×3. Je ne l'ajoute pas une deuxième fois.",
        "Qui l'apporte\u202f: Bruno.",
        "Il en manque encore 1\u202f: /japporte 1 pour l'apporter.",
      ].join('\n'),
    );
    // "J'apporte des chaises" is the chairs of the list.
    expect(await say(wa.chloe, '!japporte des chaises')).toContain(
      'Merci Chloé\u202f! Vous apportez\u202f: chaises.',
    );
    expect(await say(wa.alice, '!liste ajouter les Chaises')).toContain(
      "Qui l'apporte\u202f: Bruno, Chloé.",
    );
    await say(wa.alice, '!liste ajouter 2 gâteaux');
    expect(await say(wa.bruno, '!liste ajouter un Gateau')).toContain('n°2 gâteaux ×2');
    // Another item is another item.
    expect(await say(wa.alice, '!liste ajouter petites chaises')).toContain(
      'Ajouté à la liste\u202f: n°3 petites chaises.',
    );
    const list = await say(wa.bruno, '!liste');
    expect(list.match(/^\d+\. /gm)).toHaveLength(3);
  });
});
