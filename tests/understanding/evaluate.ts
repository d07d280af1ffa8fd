// Runs the understanding over the labelled corpus: per label, what it was taken for. Shared
// by the test (targets) and `npm run bench -- words` (figures).
import { createFeatures } from '../../handlers/features.ts';
import { createI18n } from '../../handlers/i18n.ts';
import { createUnderstander, type Understander } from '../../handlers/understanding/intents.ts';
import { corpus, type Labelled } from './corpus.ts';

export interface Verdict {
  item: Labelled;
  /** 'distress', an intent's name, 'unsure' (asked back), or 'none'. */
  taken: string;
}

export async function createCorpusUnderstander(): Promise<Understander> {
  const features = createFeatures({ i18n: await createI18n() });
  return createUnderstander(features.flatMap((f) => f.intents ?? []));
}

export function takenFor(understander: Understander, item: Labelled): string {
  const understood = understander.understand(item.text, item.chat ?? 'group');
  switch (understood.kind) {
    case 'distress':
      return 'distress';
    case 'intent':
      return understood.intent.name;
    case 'unsure':
      return 'unsure';
    default:
      return 'none';
  }
}

export interface Scores {
  verdicts: Verdict[];
  /** Per label other than 'none': precision (of what was taken for it) and recall. */
  perLabel: Map<string, { precision: number; recall: number; support: number; taken: number }>;
  distressRecall: number;
  /** Messages that are not distress, answered as distress. */
  falseAlarmRate: number;
  unsureRate: number;
}

export function score(understander: Understander, items: Labelled[] = corpus): Scores {
  const verdicts = items.map((item) => ({ item, taken: takenFor(understander, item) }));
  const labels = [...new Set(items.map((i) => i.label))].filter((l) => l !== 'none').sort();
  const perLabel = new Map<
    string,
    { precision: number; recall: number; support: number; taken: number }
  >();
  for (const label of labels) {
    const support = verdicts.filter((v) => v.item.label === label).length;
    const taken = verdicts.filter((v) => v.taken === label).length;
    const right = verdicts.filter((v) => v.taken === label && v.item.label === label).length;
    perLabel.set(label, {
      precision: taken === 0 ? 1 : right / taken,
      recall: support === 0 ? 1 : right / support,
      support,
      taken,
    });
  }
  const notDistress = verdicts.filter((v) => v.item.label !== 'distress');
  return {
    verdicts,
    perLabel,
    distressRecall: perLabel.get('distress')?.recall ?? 1,
    falseAlarmRate: notDistress.filter((v) => v.taken === 'distress').length / notDistress.length,
    unsureRate: verdicts.filter((v) => v.taken === 'unsure').length / verdicts.length,
  };
}
