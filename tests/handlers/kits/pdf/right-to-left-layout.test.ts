// Arabic documents laid out right to left beyond their text: a table's first column on the
// right (annuaire), the numbers box's labels on the right and its numbers on the left, the
// poster's first number cell on the right, the date/time/place strip's date on the right, a
// heading's QR code on the left and the group's name on the right, the panneau's "I need"
// column on the right with each row's name box on its right. Checked on the x-positions of the printed text
// (pdf.js, as read-pdf.ts reads it): the same French words set once left to right and once
// in a right-to-left layout (language "ar"), then a real Arabic tips sheet's numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../../../handlers/i18n.ts';
import { loadKits } from '../../../../handlers/kits/load-kits.ts';
import { PAGE } from '../../../../handlers/kits/pdf/layout.ts';
import { renderDocument } from '../../../../handlers/kits/pdf/render-document.ts';
import { createKitDocumentRenderer } from '../../../../handlers/kits/render-kit-document.ts';
import { readPlacedText, type PlacedText } from './read-pdf.ts';
import { frenchLabels, personalisation, sampleKit } from './sample-documents.ts';

const rightToLeft = { ...frenchLabels, language: 'ar' };
const middle = PAGE.width / 2;

async function placed(
  kind: 'annuaire' | 'tips' | 'poster' | 'panneau' | 'flyer',
  labels = frenchLabels,
): Promise<PlacedText[]> {
  return (await readPlacedText(await renderDocument(kind, sampleKit, personalisation, labels)))
    .items;
}
const find = (items: PlacedText[], text: string) => {
  const item = items.find((i) => i.text.trim() === text);
  expect(item, text).toBeDefined();
  return item!;
};

describe('a right-to-left document', () => {
  it("sets the annuaire's columns from the right, the first one rightmost", async () => {
    const headings = [frenchLabels.annuaireFirstName, frenchLabels.annuaireName];
    const ltr = await placed('annuaire');
    const rtl = await placed('annuaire', rightToLeft);
    const [firstLtr, secondLtr] = headings.map((h) => find(ltr, h));
    const [firstRtl, secondRtl] = headings.map((h) => find(rtl, h));
    expect(firstLtr!.left).toBeLessThan(secondLtr!.left);
    expect(firstLtr!.left).toBeLessThan(PAGE.margin + 20);
    expect(firstRtl!.left).toBeGreaterThan(secondRtl!.left);
    expect(firstRtl!.right).toBeGreaterThan(PAGE.width - PAGE.margin - 120);
  });

  it('puts the numbers box’s labels on the right and its numbers on the left', async () => {
    const ltr = await placed('tips');
    const rtl = await placed('tips', rightToLeft);
    for (const entry of sampleKit.numbers) {
      expect(find(ltr, entry.number).left, entry.number).toBeGreaterThan(middle);
      expect(find(rtl, entry.number).right, entry.number).toBeLessThan(middle);
    }
    const label = sampleKit.numbers[0]!.label;
    const labelRtl = rtl.filter((i) => label.startsWith(i.text.trim()) && i.text.trim() !== '');
    expect(Math.max(...labelRtl.map((i) => i.right))).toBeGreaterThan(middle);
  });

  it("puts a watch poster's first number cell on the right of the second", async () => {
    const kit = loadKits().get('canicule', 'fr');
    const [first, second] = kit.numbers; // 15 and 112, two to a row
    const cells = async (labels: typeof frenchLabels) =>
      (await readPlacedText(await renderDocument('poster', kit, personalisation, labels))).items;
    const ltr = await cells(frenchLabels);
    const rtl = await cells(rightToLeft);
    expect(find(ltr, first!.number).left).toBeLessThan(find(ltr, second!.number).left);
    expect(find(rtl, first!.number).left).toBeGreaterThan(find(rtl, second!.number).left);
  });
});

describe('a right-to-left heading and date strip', () => {
  const { date, time, place, qrCaption } = personalisation;
  const groupName = personalisation.groupName!;
  const right = PAGE.width - PAGE.margin;

  it.each(['tips', 'flyer'] as const)(
    '%s: the date first on the right, the name on the right, the QR code on the left',
    async (kind) => {
      const ltr = await placed(kind);
      const rtl = await placed(kind, rightToLeft);
      const [dateLtr, timeLtr, placeLtr] = [date!, time!, place!].map((t) => find(ltr, t));
      const [dateRtl, timeRtl, placeRtl] = [date!, time!, place!].map((t) => find(rtl, t));
      expect(dateLtr!.left).toBeLessThan(timeLtr!.left);
      expect(timeLtr!.left).toBeLessThan(placeLtr!.left);
      expect(dateRtl!.left).toBeGreaterThan(timeRtl!.left);
      expect(timeRtl!.left).toBeGreaterThan(placeRtl!.left);
      // Each value set against its cell's right side, the date's at the box's right.
      expect(dateRtl!.right).toBeGreaterThan(right - 20);
      expect(find(rtl, frenchLabels.date).right).toBeGreaterThan(right - 20);
      expect(find(ltr, groupName).left).toBeLessThan(PAGE.margin + 5);
      expect(find(rtl, groupName).right).toBeGreaterThan(right - 5);
      expect(find(ltr, qrCaption).left).toBeGreaterThan(middle);
      expect(find(rtl, qrCaption).right).toBeLessThan(middle);
    },
  );

  it("puts a poster's QR code on the right, its caption against it on the left", async () => {
    const ltr = find(await placed('poster'), qrCaption);
    const rtl = find(await placed('poster', rightToLeft), qrCaption);
    expect(ltr.left).toBeGreaterThan(PAGE.margin + 96);
    expect(rtl.right).toBeLessThan(right - 96);
    // The mirror image: it ends where the left-to-right one starts, counted from the right.
    expect(Math.abs(rtl.right - (PAGE.width - ltr.left))).toBeLessThan(1);
  });
});

describe('a right-to-left panneau', () => {
  const column = (PAGE.width - 2 * PAGE.margin - 16) / 2;
  const lefts = [PAGE.margin, PAGE.margin + column + 16];
  const rights = lefts.map((left) => left + column);
  const near = (value: number, edges: number[]) =>
    Math.min(...edges.map((edge) => Math.abs(value - edge)));

  it('has "I need" on the right and each name box on the right of its row', async () => {
    const ltr = await placed('panneau');
    const rtl = await placed('panneau', rightToLeft);
    expect(find(ltr, frenchLabels.need).left).toBeLessThan(find(ltr, frenchLabels.offer).left);
    expect(find(rtl, frenchLabels.need).left).toBeGreaterThan(find(rtl, frenchLabels.offer).left);
    const who = (items: PlacedText[]) => items.filter((i) => i.text === frenchLabels.panneauWho);
    expect(who(ltr).length).toBeGreaterThan(10);
    expect(who(rtl).length).toBe(who(ltr).length);
    for (const item of who(ltr)) expect(near(item.left, lefts)).toBeLessThan(8);
    for (const item of who(rtl)) expect(near(item.right, rights)).toBeLessThan(8);
  });
});

describe('an Arabic tips sheet', () => {
  let items: PlacedText[];
  beforeAll(async () => {
    const render = createKitDocumentRenderer(await createI18n());
    const kit = loadKits().get('canicule', 'ar');
    const pdf = await render({ kind: 'tips', kit, locale: 'ar', groupName: 'Les Lilas' });
    items = (await readPlacedText(pdf)).items;
  });

  it('has its useful numbers at the left end of their lines', () => {
    for (const number of ['15', '112', '114']) {
      const item = items.find((i) => i.text.trim() === number);
      expect(item, number).toBeDefined();
      expect(item!.right, number).toBeLessThan(middle);
    }
  });
});

describe('an Arabic poster whose title wraps', () => {
  it('keeps the bracketed French name on one line, its brackets on their sides', async () => {
    // "لوحة الجيران (Le panneau des voisins)" is wider than a poster's line at title size:
    // cut inside the brackets, each line's lone bracket was turned round by the bidi
    // algorithm ("Le panneau des) لوحة الجيران" over "(voisins").
    const render = createKitDocumentRenderer(await createI18n());
    const kit = loadKits().get('panneau-des-voisins', 'ar');
    expect(kit.title).toContain('(Le panneau des voisins)');
    const pdf = await render({ kind: 'poster', kit, locale: 'ar', groupName: 'Les Lilas' });
    const items = (await readPlacedText(pdf)).items.filter((i) => i.page === 1);
    const latin = items.filter((i) => /panneau|voisins\)|\(Le/.test(i.text));
    expect(latin.length).toBeGreaterThan(0);
    const line = latin.map((i) => i.text).join(' ');
    expect(line).toMatch(/\(Le panneau des voisins\)/);
    // One line: every piece of the French name on the same baseline.
    expect(new Set(latin.map((i) => Math.round(i.bottom))).size).toBe(1);
  });
});
