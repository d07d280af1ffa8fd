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
  /** The same figures per language ('fr·en' for French and English). */
  perLanguage: Map<string, LanguageScores>;
}

export interface LanguageScores {
  messages: number;
  distressRecall: number;
  falseAlarmRate: number;
  /** Of the messages the bot acted on as an intent, the share it got right. */
  intentPrecision: number;
  /** Of the messages labelled with an intent, the share it acted on rightly. */
  intentRecall: number;
}

/** The language of a message of the corpus. */
export const languageOf = (item: Labelled) => item.lang ?? 'fr·en';

function languageScores(verdicts: Verdict[]): LanguageScores {
  const distress = verdicts.filter((v) => v.item.label === 'distress');
  const notDistress = verdicts.filter((v) => v.item.label !== 'distress');
  const isIntent = (label: string) => !['distress', 'none', 'unsure'].includes(label);
  const acted = verdicts.filter((v) => isIntent(v.taken));
  const intents = verdicts.filter((v) => isIntent(v.item.label));
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    messages: verdicts.length,
    distressRecall: ratio(distress.filter((v) => v.taken === 'distress').length, distress.length),
    falseAlarmRate: notDistress.length
      ? notDistress.filter((v) => v.taken === 'distress').length / notDistress.length
      : 0,
    intentPrecision: ratio(acted.filter((v) => v.taken === v.item.label).length, acted.length),
    intentRecall: ratio(intents.filter((v) => v.taken === v.item.label).length, intents.length),
  };
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
  const languages = [...new Set(items.map(languageOf))];
  const perLanguage = new Map(
    languages.map((language) => [
      language,
      languageScores(verdicts.filter((v) => languageOf(v.item) === language)),
    ]),
  );
  return {
    perLanguage,
    verdicts,
    perLabel,
    distressRecall: perLabel.get('distress')?.recall ?? 1,
    falseAlarmRate: notDistress.filter((v) => v.taken === 'distress').length / notDistress.length,
    unsureRate: verdicts.filter((v) => v.taken === 'unsure').length / verdicts.length,
  };
}
