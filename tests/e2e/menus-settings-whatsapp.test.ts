// Menus and settings as typed on WhatsApp, where every choice is a number: every kit listed
// can be chosen by its number, a kit's poster asked for by name comes alone, and the second
// language is set in words as well as with "langue2".
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-12-07T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, mention } = createWhatsAppChat(h);

const documents = () =>
  h
    .client()
    .sentTo(wa.group)
    .filter((s) => s.kind === 'document')
    .map((s) => s.document?.filename);

describe('menus and settings on WhatsApp', () => {
  it('numbers every kit it lists, so that each can be chosen', async () => {
    const kits = await say(wa.bruno, '!kits');
    const numbered = kits.match(/^\*\d+\.\* .+$/gm) ?? [];
    expect(numbered).toHaveLength(12);
    // Nothing listed without a number.
    expect(kits).not.toMatch(/^• /m);
    expect(kits).toContain('De saison\u202f: Noël des voisins, Grand froid, Vacances.');
    // The last one, as any other, is chosen by its number.
    await say(wa.chloe, numberOf(kits, 'Rentrée des voisins'));
    expect(documents().some((f) => f?.startsWith('rentree-'))).toBe(true);
  });

  it('sends the poster alone when the poster is asked for', async () => {
    await mention(wa.bruno, "l'affiche canicule");
    expect(documents()).toEqual(['canicule-affiche.pdf']);
    await say(wa.bruno, '!kit canicule affiche');
    await say(wa.bruno, '!kit affiche grand froid');
    await mention(wa.bruno, 'the heatwave poster please');
    await mention(wa.bruno, 'el cartel de canicule');
    expect(documents()).toEqual([
      'canicule-affiche.pdf',
      'canicule-affiche.pdf',
      'grand-froid-affiche.pdf',
      'canicule-affiche.pdf',
      'canicule-affiche.pdf',
    ]);
    // The word is no place: nothing is said back about what the poster carries.
    expect(
      h
        .client()
        .sentTo(wa.group)
        .map((s) => s.text ?? '')
        .join('\n'),
    ).not.toContain('Lieu');
    // Asked for the kit, all its documents.
    await say(wa.bruno, '!kit canicule');
    expect(documents().slice(5)).toHaveLength(5);
  });

  it('sets the second language in words, as /parametres langue2 does', async () => {
    for (const typed of [
      'deuxieme langue ar',
      'deuxième langue arabe',
      'second language Arabic',
      'langue 2 ar',
    ]) {
      await say(wa.alice, '!parametres langue2 aucune');
      expect(await say(wa.alice, `!parametres ${typed}`), typed).toContain(
        'Deuxième langue (messages clés répétés brièvement)\u202f: العربية',
      );
    }
    expect(await say(wa.alice, '!parametres nom Résidence des Lilas')).toContain(
      'Résidence des Lilas',
    );
  });
});
