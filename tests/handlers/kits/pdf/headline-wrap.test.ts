// A kit's name is kept on one line in its titles (blocks.ts keepTogether) as long as a line can
// hold it: a translated headline with the French name beside it is longer than a line at
// poster size, and pdfkit then cut it inside a word ("(Fêt" / "e des voisins)").
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { keepTogether } from '../../../../handlers/kits/pdf/blocks.ts';
import { loadFonts, registerFonts } from '../../../../handlers/kits/pdf/fonts.ts';
import { planText } from '../../../../handlers/kits/pdf/layout.ts';
import { readPdf } from './read-pdf.ts';

async function headline(text: string, width: number): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, font: '' });
  registerFonts(doc, await loadFonts());
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  planText(doc, text, width, { size: 40, weight: 'bold' }).draw(40, 40);
  doc.end();
  await done;
  return (await readPdf(new Uint8Array(Buffer.concat(chunks)))).text;
}

describe('a headline with the kit’s name kept together', () => {
  it('keeps the name on one line where it fits', async () => {
    const title = keepTogether('Vive la Fête des voisins !', 'Fête des voisins');
    expect(title).toContain('Fête\u00a0des\u00a0voisins');
    expect(await headline(title, 500)).toContain('Fête des voisins');
  });

  it('breaks between its words, never inside one, where a line cannot hold it', async () => {
    const name = 'Fiesta de los vecinos (Fête des voisins)';
    const text = await headline(keepTogether(`¡Es la ${name}!`, name), 300);
    for (const word of ['Fiesta', 'vecinos', '(Fête', 'voisins)!']) {
      expect(text.split(' ')).toContain(word);
    }
  });
});
