// The privacy registry: every feature that keeps something about a person adds a section,
// so /mesdonnees shows all of it and /oublier erases all of it. A feature that stores
// personal data without a section here is a bug.
//
// A section reads nothing itself: it gives a SQL fragment, and the privacy feature reads
// every section's data in one statement (db/queries/privacy-export.ts), then formats it.
import type { Tx } from '../../db/client.ts';
import type { Locale, T } from '../i18n.ts';
import type { Deps } from '../deps.ts';

export interface PrivacyExport {
  /** Human-readable lines, already localised and escaped; empty when nothing is held. */
  lines: string[];
  /** The same, machine-readable, for the JSON copy. */
  data: unknown;
}

export interface PrivacySection<Data = unknown> {
  /** The section's name in the JSON copy (English, stable: programs read that file). */
  key: string;
  /** Locale key of the section's heading. */
  titleKey: string;
  /**
   * A SQL expression that evaluates to everything the section holds about the person $1
   * (use `$1::bigint`) as json, e.g. a json_build_object of scalar subqueries. It lives
   * with the feature's queries in db/queries/ (see privacy-export.ts for the conventions).
   */
  dataSql: string;
  /** The parsed json of `dataSql` as the person reads it, and as the JSON copy holds it. */
  format(data: Data, ctx: { t: T; locale: Locale }): PrivacyExport;
  /** Erases everything of this section about the person, inside the erasure transaction. */
  erase(personId: number, tx: Tx): Promise<void>;
  /**
   * What someone else must take over before the person is erased (a referent's neighbours):
   * said in the confirmation question, and done before the erasure.
   */
  handover?: Handover;
}

export interface Handover {
  /**
   * Lines for the confirmation question, when someone must be asked to take over (absent:
   * nothing to ask, only done).
   */
  describe?(deps: Deps, personId: number, t: T): Promise<{ lines: string[]; backup: boolean }>;
  /** To the person's backup where they have one (`toBackup`), else to the organisers. */
  run(deps: Deps, personId: number, toBackup: boolean): Promise<void>;
}
