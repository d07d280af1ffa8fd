// Cancelling a gathering asks first (December 2026 tryout: `/fete annuler` cancelled the fête
// for the whole building at once, with nothing to undo it). Through the real bot and the fake
// Bot API: the command, or the "which one?" button, only asks, naming the gathering and what
// will happen; "Non, garder" keeps it; "Oui, annuler" cancels it once, however often it is
// pressed; a forged confirm (a member who is no organiser, another group, a gathering past)
// changes nothing.
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jobs } from '../../db/schema.ts';
import { createTelegramChat, useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno, mallory } = people;

// Thursday 26 November 2026: 12 and 19 December 2026 are Saturdays.
const { chat, group, h, clock } = useLilasOnTelegram(database);
const { say, press, groupTexts, answerTo: said, confirmCancel } = chat;

/** The buttons of the bot's latest message in the group. */
const lastButtons = () => buttonsOf(h.sentTo(group.id).at(-1));
const dataOf = (label: string) => lastButtons().find((b) => b.text === label)?.callback_data;

async function pendingJobKeys(): Promise<string[]> {
  const rows = await database.db
    .select({ key: jobs.dedupeKey })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), like(jobs.dedupeKey, 'gathering:%')));
  return rows.map((r) => r.key).sort();
}

/** How many times the group was told the gathering is cancelled. */
const announcements = () =>
  groupTexts().filter((text) => /est annulée?\. Les rappels prévus/.test(text)).length;

describe('/fete annuler', () => {
  it('only asks, naming the fête and what will happen, with "yes" and "keep"', async () => {
    await say(alice, '/fete 29/05/2027 19h cour intérieure');
    const jobsBefore = await pendingJobKeys();
    expect(jobsBefore.length).toBeGreaterThan(0);

    const asked = await said(alice, '/fete annuler');
    expect(asked).toBe(
      '❓ Annuler la <b>fête des voisins 2027</b> (samedi 29 mai 2027, 19 h, cour intérieure) ?\n' +
        "Tout le groupe sera prévenu, les rappels s'arrêteront, et ceux qui l'ont dans leur agenda recevront l'annulation. On ne pourra pas revenir en arrière.",
    );
    expect(lastButtons().map((b) => [b.text, b.callback_data])).toEqual([
      ['❌ Oui, annuler', expect.stringMatching(/^gact:\d+:cancelok$/)],
      ['Non, garder', expect.stringMatching(/^gact:\d+:keep$/)],
    ]);
    expect(announcements()).toBe(0);
    expect(await pendingJobKeys()).toEqual(jobsBefore);
    expect(await said(bruno, '/fete')).toContain('samedi 29 mai 2027');
  });

  it('keeps it when "Non, garder" is pressed, and can still be cancelled afterwards', async () => {
    await say(alice, '/fete 29/05/2027');
    await say(alice, '/fete annuler');
    const keep = dataOf('Non, garder')!;
    const before = groupTexts().length;
    await press(alice, keep);
    expect(groupTexts().slice(before)).toEqual([
      "D'accord, rien n'est annulé\u202f: «\u202f<b>Fête des voisins 2027</b>\u202f» continue comme prévu.",
    ]);
    expect(announcements()).toBe(0);
    expect(await said(bruno, '/fete')).toContain('samedi 29 mai 2027');

    expect(await chat.cancel(alice, '/fete annuler')).toContain(
      'La <b>fête des voisins 2027</b> est annulée.',
    );
  });

  it('cancels once when "Oui, annuler" is pressed twice: one announcement', async () => {
    await say(alice, '/fete 28/05/2027, 29/05/2027');
    const asked = await said(alice, '/fete annuler');
    // A poll is open: it is the poll that closes.
    expect(asked).toContain('(date à choisir) ?');
    expect(asked).toContain('le sondage de dates sera clos');
    const yes = dataOf('❌ Oui, annuler')!;

    expect((await confirmCancel(alice)).join('\n')).toContain(
      'La <b>fête des voisins 2027</b> est annulée.',
    );
    expect(await pendingJobKeys()).toEqual([]);
    const before = groupTexts().length;
    await press(alice, yes);
    expect(h.lastNotice()).toBe('Cette sortie a été annulée.');
    expect(groupTexts().slice(before)).toEqual([]);
    expect(announcements()).toBe(1);
    // "Keep" pressed afterwards says so too, and brings nothing back.
    await press(alice, yes.replace(/cancelok$/, 'keep'));
    expect(h.lastNotice()).toBe('Cette sortie a été annulée.');
    expect(await said(bruno, '/jeviens')).toContain('Aucune sortie');
  });

  it('takes the buttons off the question once answered, keep or cancel', async () => {
    await say(alice, '/fete 29/05/2027');
    await say(alice, '/fete annuler');
    const question = h.sentTo(group.id).at(-1)!;
    const questionId = (question.result as { message_id: number }).message_id;
    const keep = dataOf('Non, garder')!;
    await press(alice, keep, group, questionId);
    const kept = h.fake.message(group.id, questionId)!;
    expect(kept.text).toContain('Annuler la <b>fête des voisins 2027</b>');
    expect(kept.reply_markup).toBeUndefined();

    await say(alice, '/fete annuler');
    const again = (h.sentTo(group.id).at(-1)!.result as { message_id: number }).message_id;
    expect(h.fake.message(group.id, again)!.reply_markup).toBeDefined();
    await confirmCancel(alice);
    expect(h.fake.message(group.id, again)!.reply_markup).toBeUndefined();
    expect(announcements()).toBe(1);
  });

  it('asks in English to an English group, with /party cancel', async () => {
    await say(alice, '/parametres langue en');
    await say(alice, '/party 29/05/2027');
    expect(await said(alice, '/party cancel')).toContain(
      "❓ Cancel <b>Neighbours' Day 2027</b> (Saturday 29 May 2027)?",
    );
    expect(lastButtons().map((b) => b.text)).toEqual(['❌ Yes, cancel it', 'No, keep it']);
    expect(announcements()).toBe(0);
  });
});

describe('/evenement annuler', () => {
  it('asks about the event named, with what tells it apart, and cancels only on "yes"', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement galette 19/12 15h cour');
    const asked = await said(alice, '/evenement annuler galette2');
    expect(asked).toContain(
      "❓ Annuler l'événement « <b>Galette — sam. 19 déc.</b> » (samedi 19 décembre 2026, 15 h, cour) ?",
    );
    expect(announcements()).toBe(0);
    expect((await confirmCancel(alice)).join('\n')).toContain(
      "L'événement «\u202f<b>Galette — sam. 19 déc.</b>\u202f» est annulé.",
    );
    const listed = await said(bruno, '/evenement');
    expect(listed).toContain('samedi 12 décembre 2026');
    expect(listed).not.toContain('19 décembre');
  });

  it('asks again after the "which one?" button: the button alone cancels nothing', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement apéro 19/12 19h cour');
    await say(alice, '/evenement annuler');
    const which = dataOf('❌ Apéro — sam. 19 déc.')!;
    expect(which).toMatch(/^gact:\d+:cancel$/);
    await press(alice, which);
    expect(groupTexts().at(-1)).toContain("❓ Annuler l'événement «\u202f<b>Apéro</b>\u202f»");
    expect(announcements()).toBe(0);
    expect(await said(bruno, '/evenement')).toContain('samedi 19 décembre 2026');
    await confirmCancel(alice);
    expect(announcements()).toBe(1);
    expect(await said(bruno, '/evenement')).not.toContain('19 décembre');
  });
});

describe('a forged or late confirm', () => {
  it('is refused from a member who is no organiser, and from another group', async () => {
    await say(bruno, '/aide');
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement annuler');
    const yes = dataOf('❌ Oui, annuler')!;

    await press(bruno, yes);
    expect(h.lastNotice()).toContain('seuls les administrateurs du groupe');
    // Mallory runs another building's group: the Lilas' galette is not hers to cancel.
    const tilleuls = groupChat(-100456, 'Les Tilleuls');
    const elsewhere = createTelegramChat(h, tilleuls);
    await elsewhere.organise(mallory, '/aide');
    await elsewhere.press(mallory, yes);
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(elsewhere.groupTexts().join('\n')).not.toContain('Galette');

    expect(announcements()).toBe(0);
    expect(await said(bruno, '/evenement')).toContain('samedi 12 décembre 2026');
  });

  it('is refused once the gathering is past', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement annuler');
    const yes = dataOf('❌ Oui, annuler')!;
    // Monday 14 December: the galette took place on Saturday.
    clock.set('2026-12-14T10:00:00Z');
    const before = groupTexts().length;
    await press(alice, yes);
    expect(h.lastNotice()).toBe("Cette sortie a déjà eu lieu\u202f: il n'y a plus rien à annuler.");
    expect(groupTexts().slice(before)).toEqual([]);
    expect(announcements()).toBe(0);
  });
});
