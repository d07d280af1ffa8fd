// Arabic documents laid out right to left beyond their text: a table's first column on the
// right (annuaire), the numbers box's labels on the right and its numbers on the left, the
// poster's first number cell on the right. Checked on the x-positions of the printed text
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
  kind: 'annuaire' | 'tips' | 'poster',
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
