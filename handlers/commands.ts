// Command names: each command has a French and an English name, and both work in every
// chat. Names are matched without case or accents (`/paramètres` = `/parametres`).
import type { CommandSpec } from './feature.ts';
import type { Locale } from './i18n.ts';
import { editDistance } from './kits/find-kit.ts';

export function normaliseCommandName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function createCommandTable(specs: CommandSpec[]): Map<string, CommandSpec> {
  const table = new Map<string, CommandSpec>();
  for (const spec of specs) {
    for (const name of [spec.names.fr, spec.names.en, ...(spec.aliases ?? [])]) {
      const key = normaliseCommandName(name);
      const taken = table.get(key);
      if (taken && taken !== spec) {
        throw new Error(
          `command name "${name}" is used twice (${taken.names.fr}, ${spec.names.fr})`,
        );
      }
      table.set(key, spec);
    }
  }
  return table;
}

/** The commands a person sees in a language, in declaration order. */
export function listVisibleCommands(specs: CommandSpec[], locale: Locale) {
  return specs
    .filter((spec) => !spec.hidden)
    .map((spec) => ({ name: spec.names[locale], descriptionKey: spec.descriptionKey, spec }));
}

/**
 * What an unknown command most likely meant: `/jeviens2` is `/jeviens 2` (digits stuck to the
 * name: run), `/jevien` or `/parametre` is close to one name (typo: offered, not run).
 */
export function nearestCommand(
  table: Map<string, CommandSpec>,
  typed: string,
): { spec: CommandSpec; name: string; args?: string; exact: boolean } | undefined {
  const name = normaliseCommandName(typed).replace(/[-_]/g, '');
  const stuck = /^(\D+?)(\d{1,3})$/.exec(name);
  if (stuck) {
    const spec = table.get(stuck[1]!);
    if (spec) return { spec, name: stuck[1]!, args: stuck[2]!, exact: true };
  }
  const direct = table.get(name);
  if (direct) return { spec: direct, name, exact: true };
  if (name.length < 4) return undefined;
  let best: { spec: CommandSpec; name: string; distance: number } | undefined;
  for (const [candidate, spec] of table) {
    if (spec.hidden) continue;
    const distance = editDistance(name, candidate);
    if (!best || distance < best.distance) best = { spec, name: candidate, distance };
  }
  const allowed = name.length >= 8 ? 2 : 1;
  return best && best.distance <= allowed
    ? { spec: best.spec, name: best.name, exact: false }
    : undefined;
}
