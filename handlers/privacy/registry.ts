// The privacy registry: every feature that keeps something about a person adds a section,
// so /mesdonnees shows all of it and /oublier erases all of it. A feature that stores
// personal data without a section here is a bug.
import type { Db, Tx } from '../../db/client.ts';
import type { Locale, T } from '../i18n.ts';

export interface PrivacyExport {
  /** Human-readable lines, already localised and escaped; empty when nothing is held. */
  lines: string[];
  /** The same, machine-readable, for the JSON copy. */
  data: unknown;
}

export interface PrivacySection {
  /** Locale key of the section's heading. */
  titleKey: string;
  export(personId: number, ctx: { db: Db; t: T; locale: Locale }): Promise<PrivacyExport>;
  /** Erases everything of this section about the person, inside the erasure transaction. */
  erase(personId: number, tx: Tx): Promise<void>;
}
