// Command names: each command has a French and an English name, and both work in every
// chat. Names are matched without case or accents (`/paramètres` = `/parametres`).
import type { CommandSpec } from './feature.ts';
import type { Locale } from './i18n.ts';

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
