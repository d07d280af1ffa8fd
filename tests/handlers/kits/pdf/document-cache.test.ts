// The document cache, with a counting render in place of pdfkit: what is rendered, when,
// and what is kept. One test at the end goes through the real renderer.
import { describe, expect, it } from 'vitest';
import type { DocumentKind, Kit } from '../../../../handlers/kits/kit-schema.ts';
import { cacheKey, createDocumentCache } from '../../../../handlers/kits/pdf/document-cache.ts';
import type {
  DocumentLabels,
  Personalisation,
} from '../../../../handlers/kits/pdf/render-document.ts';
import { frenchLabels, personalisation, sampleKit } from './sample-documents.ts';

function countingRender(options: { failures?: number } = {}) {
  let failuresLeft = options.failures ?? 0;
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const render = (
    kind: DocumentKind,
    kit: Kit,
    p: Personalisation,
    _labels: DocumentLabels,
  ): Promise<Uint8Array> => {
    calls.push(`${kit.id}/${kind}/${p.groupName}`);
    return new Promise((resolve, reject) => {
      pending.push(() => {
        if (failuresLeft-- > 0) reject(new Error('pdfkit failed'));
        else resolve(new TextEncoder().encode(`%PDF ${kind} ${calls.length}`));
      });
    });
  };
  /** Lets every render started so far finish. */
  const settle = () => pending.splice(0).forEach((finish) => finish());
  return { render, calls, settle };
}

describe('createDocumentCache', () => {
  it('renders a document once and returns the same bytes afterwards', async () => {
    const fake = countingRender();
    const cache = createDocumentCache({ maxEntries: 10, render: fake.render });
    const first = cache.get('poster', sampleKit, personalisation, frenchLabels, 'fr');
    fake.settle();
    const bytes = await first;
    const again = await cache.get('poster', sampleKit, personalisation, frenchLabels, 'fr');
    expect(again).toBe(bytes);
    expect(fake.calls).toEqual(['fete-test/poster/Résidence des Lilas']);
  });

  it('shares one render between concurrent identical requests', async () => {
    const fake = countingRender();
    const cache = createDocumentCache({ maxEntries: 10, render: fake.render });
    const requests = Array.from({ length: 5 }, () =>
      cache.get('flyer', sampleKit, { ...personalisation }, { ...frenchLabels }, 'fr'),
    );
    fake.settle();
    const results = await Promise.all(requests);
    expect(fake.calls).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it('forgets a failed render, so the next request renders again', async () => {
    const fake = countingRender({ failures: 1 });
    const cache = createDocumentCache({ maxEntries: 10, render: fake.render });
    const failing = cache.get('tips', sampleKit, personalisation, frenchLabels, 'fr');
    const sharing = cache.get('tips', sampleKit, personalisation, frenchLabels, 'fr');
    fake.settle();
    await expect(failing).rejects.toThrow('pdfkit failed');
    await expect(sharing).rejects.toThrow('pdfkit failed');
    expect(cache.size).toBe(0);
    const retry = cache.get('tips', sampleKit, personalisation, frenchLabels, 'fr');
    fake.settle();
    expect(new TextDecoder().decode(await retry)).toBe('%PDF tips 2');
    expect(fake.calls).toHaveLength(2);
    expect(cache.size).toBe(1);
  });

  it('turns a render that throws into a rejected promise, not cached', async () => {
    let calls = 0;
    const cache = createDocumentCache({
      maxEntries: 10,
      render: () => {
        calls++;
        throw new Error('no font');
      },
    });
    await expect(
      cache.get('poster', sampleKit, personalisation, frenchLabels, 'fr'),
    ).rejects.toThrow('no font');
    await expect(
      cache.get('poster', sampleKit, personalisation, frenchLabels, 'fr'),
    ).rejects.toThrow('no font');
    expect(calls).toBe(2);
  });

  it('renders again for another kind, kit, group, label or locale', async () => {
    const fake = countingRender();
    const cache = createDocumentCache({ maxEntries: 10, render: fake.render });
    const other = { ...sampleKit, id: 'canicule' };
    const requests = [
      cache.get('poster', sampleKit, personalisation, frenchLabels, 'fr'),
      cache.get('flyer', sampleKit, personalisation, frenchLabels, 'fr'),
      cache.get('poster', other, personalisation, frenchLabels, 'fr'),
      cache.get(
        'poster',
        sampleKit,
        { ...personalisation, groupName: 'Rue Haute' },
        frenchLabels,
        'fr',
      ),
      cache.get('poster', sampleKit, { ...personalisation, time: '20 h' }, frenchLabels, 'fr'),
      cache.get('poster', sampleKit, personalisation, { ...frenchLabels, footer: 'Autre' }, 'fr'),
      cache.get('poster', sampleKit, personalisation, frenchLabels, 'en'),
    ];
    fake.settle();
    await Promise.all(requests);
    expect(fake.calls).toHaveLength(7);
  });

  it('drops the least recently used document beyond maxEntries', async () => {
    const fake = countingRender();
    const cache = createDocumentCache({ maxEntries: 2, render: fake.render });
    const get = (kind: DocumentKind) => {
      const result = cache.get(kind, sampleKit, personalisation, frenchLabels, 'fr');
      fake.settle();
      return result;
    };
    await get('poster');
    await get('flyer');
    await get('poster'); // poster is now the most recent
    await get('tips'); // evicts flyer
    expect(cache.size).toBe(2);
    await get('poster');
    expect(fake.calls.map((call) => call.split('/')[1])).toEqual(['poster', 'flyer', 'tips']);
    await get('flyer');
    expect(fake.calls).toHaveLength(4);
  });

  it('caches the real renderer’s PDFs', async () => {
    const cache = createDocumentCache({ maxEntries: 4 });
    const first = await cache.get('panneau', sampleKit, personalisation, frenchLabels, 'fr');
    expect(new TextDecoder().decode(first.subarray(0, 5))).toBe('%PDF-');
    expect(await cache.get('panneau', sampleKit, personalisation, frenchLabels, 'fr')).toBe(first);
  });
});

describe('cacheKey', () => {
  it('ignores the order of fields and fields left undefined', () => {
    const reordered: Personalisation = {
      qrCaption: personalisation.qrCaption,
      qrUrl: personalisation.qrUrl,
      place: personalisation.place,
      time: personalisation.time,
      date: personalisation.date,
      groupName: personalisation.groupName,
    };
    const key = cacheKey('poster', sampleKit, personalisation, frenchLabels, 'fr');
    expect(cacheKey('poster', sampleKit, reordered, frenchLabels, 'fr')).toBe(key);
    const { date: _date, ...withoutDate } = personalisation;
    expect(
      cacheKey('poster', sampleKit, { ...withoutDate, date: undefined }, frenchLabels, 'fr'),
    ).toBe(cacheKey('poster', sampleKit, withoutDate, frenchLabels, 'fr'));
    expect(key).toMatch(/^fete-test\/poster\/fr\/[\w-]{22}$/);
  });
});
