// "/fete 28/05 19h cour intérieure", as /kit's example writes a date, time and place: the
// fête is set on that date, at that time, in that place. It was read as a list of dates and
// refused ("Je ne reconnais pas de date dans « 28/05 cour intérieure »"). Through the real bot
// and the fake Bot API.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice } = people;
const { chat } = useLilasOnTelegram(database);
const { answerTo: said, cancel } = chat;

describe('/fete with one date and a place', () => {
  it('sets the fête on that date, at that time, in that place', async () => {
    const answer = await said(alice, '/fete 28/05/2027 19h cour intérieure');
    expect(answer).toContain('vendredi 28 mai 2027, 19 h, cour intérieure');
    expect(answer).not.toContain('Je ne reconnais pas');
  });

  it('keeps a place with a comma in it, and one without a time', async () => {
    expect(await said(alice, '/fete 28/05/2027 local vélo, près du 3')).toContain(
      'vendredi 28 mai 2027, local vélo, près du 3',
    );
  });

  it('still reads a list of dates as a poll, and refuses a place that speaks of health', async () => {
    expect(await said(alice, '/fete 28/05/2027, 29/05/2027')).toContain('choisissons la date');
    await cancel(alice, '/fete annuler');
    const refused = await said(alice, '/fete 28/05/2027 chez moi pour mon diabète');
    expect(refused).toContain('rien qui touche à la santé');
    expect(refused).not.toContain('diabète');
  });
});
