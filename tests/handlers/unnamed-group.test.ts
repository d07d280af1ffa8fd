// A group with neither a name nor a title: each sentence that names a group has a form of its
// own for it (groupInSentence / groupOf, i18next's `unnamed` context), and the printed kits
// say "the neighbours of your building" in a sentence of their own. Before, the stand-in
// "o seu grupo" / "grubunuz" was filled into "de {{group}}" / "{{group}} grubundan".
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, type I18n } from '../../handlers/i18n.ts';
import { loadKits } from '../../handlers/kits/load-kits.ts';
import { createKitDocumentRenderer } from '../../handlers/kits/render-kit-document.ts';
import { groupOf, printedGroupName } from '../../handlers/reach.ts';
import { readPdf } from './kits/pdf/read-pdf.ts';

const unnamed = { name: null, title: null };
const named = { name: null, title: 'Les Lilas' };
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

describe('a sentence about a group with no name', () => {
  it('has its own words in Portuguese and Turkish', () => {
    const pt = i18n.t('pt');
    const tr = i18n.t('tr');
    expect(pt('aid.ask_volunteer', groupOf(unnamed))).toBe(
      'Alguém do seu grupo precisa de uma ajuda:',
    );
    expect(pt('aid.ask_volunteer', groupOf(named))).toBe(
      'Alguém do grupo «Les Lilas» precisa de uma ajuda:',
    );
    expect(tr('aid.ask_volunteer', groupOf(unnamed))).toBe(
      'Grubunuzdan birinin yardıma ihtiyacı var:',
    );
    expect(tr('aid.ask_volunteer', groupOf(named))).toBe(
      'Les Lilas grubundan birinin yardıma ihtiyacı var:',
    );
    expect(tr('watch.forget_watching', { ...groupOf(unnamed), count: 2, backup: '' })).toMatch(
      /^Grubunuzda 2 komşuya/,
    );
    expect(pt('watch.forget_watching', { ...groupOf(unnamed), count: 2, backup: '' })).toContain(
      'no seu grupo',
    );
  });

  it('treats a blank name as no name', () => {
    expect(groupOf({ name: '  ', title: null })).toEqual({ context: 'unnamed' });
    expect(printedGroupName({ name: null, title: ' ' })).toBeUndefined();
    expect(printedGroupName(named)).toBe('Les Lilas');
  });
});

describe('a printed kit for a group with no name', () => {
  it('says whose it is in a sentence of its own', async () => {
    const render = createKitDocumentRenderer(i18n);
    const kit = loadKits().get('fete-des-voisins', 'pt');
    const poster = (await readPdf(await render({ kind: 'poster', kit, locale: 'pt' }))).text;
    expect(poster).toContain('Organizado pelos vizinhos do seu prédio');
    expect(poster).not.toContain('de o seu');
    const tips = (await readPdf(await render({ kind: 'tips', kit, locale: 'pt' }))).text;
    expect(tips).toContain('Para os vizinhos do seu prédio');
  });
});
