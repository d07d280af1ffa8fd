// `/fete 31/02 25h` while the fête's date poll is open: the bot only repeated the poll's
// status, saying nothing of the impossible date; a good date got no word of what to type
// either, and a neighbour who is no organiser seemed heard. Through the real bot and the fake
// Bot API.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, djamel } = people;
const { chat } = useLilasOnTelegram(database);
const { answerTo: said, cancel } = chat;

describe('/fete with dates while the fête exists', () => {
  it('names an impossible date, says what sets a good one, and is the organisers’', async () => {
    expect(await said(alice, '/fete')).toContain('choisissons la date');

    expect(await said(alice, '/fete 31/02 25h')).toContain(
      "Cette date et cette heure n'existent pas",
    );
    expect(await said(alice, '/fete 99/99')).toContain("Cette date n'existe pas");
    expect(await said(alice, '/fete 30/02')).toContain("Cette date n'existe pas");
    expect(await said(alice, '/fete 28/05 25h cour')).toContain("Cette heure n'existe pas");

    const good = await said(alice, '/fete 28/05 19h cour');
    expect(good).toContain('Le sondage de dates de la fête des voisins est ouvert');
    expect(good).toContain('/fete date 28/05 19h');
    expect(good).toContain('/fete clore');
    expect(await said(alice, '/fete 28/05, 29/05')).toContain('/fete annuler');

    const refused = await said(djamel, '/fete 31/02 25h');
    expect(refused).toContain('seuls les administrateurs');
    expect(refused).not.toContain('sondage de dates est ouvert');

    // Set by the command it named: then a date typed says how to move it.
    expect(await said(alice, '/fete date 28/05 19h')).toContain('28 mai');
    const move = await said(alice, '/fete 04/06');
    expect(move).toContain('déjà fixée');
    expect(move).toContain('/fete date 04/06');
    await cancel(alice, '/fete annuler');
  });
});
