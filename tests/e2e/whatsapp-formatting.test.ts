// What people see on WhatsApp when what someone typed contains WhatsApp's formatting marks
// (`*`, `_`, `~`, backticks, `||`): the marks show as typed and format nothing, while the
// bot's own bold, italic and code still format. Through the real bot and the fake client;
// whatsAppView applies WhatsApp's formatting rules to what the client sent.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../handlers/events.ts';
import { whatsAppView } from '../fakes/whatsapp-formatting.ts';
import { createProbeCommand } from '../support/probe-command.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();

/** Greets the sender by name, in bold, with a little of each of our formats. */
const greeter = createProbeCommand('greeter-probe', { fr: 'salut', en: 'hello' }, async (ctx) => {
  const name = escapeHtml(ctx.person.displayName);
  await ctx.reply(
    `Bonjour ${name}, <i>bienvenue</i> ! Vous êtes <b>${name}</b>. Tapez <code>!aide</code>.`,
  );
});

const h = useWhatsAppHarness(database, { features: [greeter] });
const { sayPrivately, lastInGroup } = createWhatsAppChat(h);
/** A message in the group, from someone whose display name is `notifyName`. */
async function say(person: (typeof wa)['alice'], body: string, notifyName = person.name) {
  h.client().receiveGroupMessage({ group: wa.group, author: person.pn, body, notifyName });
  await h.settle();
}

describe('formatting marks typed by people, on WhatsApp', () => {
  it('shows a display name as typed, beside and inside the bot’s own formatting', async () => {
    const name = '*Jean* _le_ ~grand~ `x` ```y``` ||secret||';
    await say(wa.bruno, '!salut', name);
    expect(whatsAppView(lastInGroup())).toBe(
      `Bonjour ${name}, <i>bienvenue</i> ! Vous êtes <b>${name}</b>. Tapez <code>!aide</code>.`,
    );
  });

  it('does not let a lone mark pair with one of the bot’s own', async () => {
    await say(wa.bruno, '!salut', '_Jean');
    expect(whatsAppView(lastInGroup())).toBe(
      'Bonjour _Jean, <i>bienvenue</i> ! Vous êtes <b>_Jean</b>. Tapez <code>!aide</code>.',
    );
  });

  it('leaves marks inside a word alone, so an address or a name stays as it was typed', async () => {
    await say(wa.bruno, '!salut', 'jean_dupont@exemple.fr');
    expect(lastInGroup()).toContain('Bonjour jean_dupont@exemple.fr,');
    expect(whatsAppView(lastInGroup())).toContain('<b>jean_dupont@exemple.fr</b>');
  });

  it('does not let a group’s name format the settings', async () => {
    await say(wa.alice, '!parametres nom *Résidence* des _Lilas_');
    await say(wa.alice, '!parametres');
    const seen = whatsAppView(lastInGroup());
    expect(seen).toContain('<b>Paramètres du groupe</b>');
    expect(seen).toContain('Nom\u202f: *Résidence* des _Lilas_');
  });

  it('shows a need’s description as typed on its card in the group', async () => {
    await sayPrivately(wa.bruno, '!aide');
    await say(wa.bruno, '!besoin courses : *URGENT* du pain _vite_ ~svp~');
    // Shown to Bruno first, as the group will see it; "1" publishes it.
    await sayPrivately(wa.bruno, '1');
    const card = h
      .client()
      .sentTo(wa.group)
      .map((s) => whatsAppView(s.text ?? ''))
      .find((t) => t.startsWith("🙋 <b>Quelqu'un du voisinage cherche"));
    expect(card).toContain('«\u202f*URGENT* du pain _vite_ ~svp~\u202f»');
    expect(card).toContain('<b>Courses</b>');
  });
});

describe('the model of WhatsApp’s formatting used by these tests', () => {
  it('formats marks at word boundaries only, touching the text they mark', () => {
    expect(whatsAppView('*gras* _penché_ ~barré~ ```code``` ||caché||')).toBe(
      '<b>gras</b> <i>penché</i> <s>barré</s> <code>code</code> <spoiler>caché</spoiler>',
    );
    expect(whatsAppView('(*gras*), *_les deux_*')).toBe('(<b>gras</b>), <b><i>les deux</i></b>');
    expect(whatsAppView('2*3*4 a_b_c * pas * *ni\nça*')).toBe('2*3*4 a_b_c * pas * *ni\nça*');
  });
});
