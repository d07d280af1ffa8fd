// Command names: each command has a French and an English name, and both work in every
// chat. Names are matched without case or accents (`/paramètres` = `/parametres`, Turkish
// "ı" as "i"). Other languages add aliases (locales/<lng>/commands.json, `aliases.<French
// name>`: "a, b"): the names their speakers guess (`/ayuda`, `/festa`, `/dil`), understood in
// every chat. They are not shown: menus and help show the French name in every language but
// English, the name every text, poster and neighbour of a French group uses (a menu saying
// `/fiesta` under answers that say `/fete` would teach two names for one thing). Telegram
// accepts only a-z, 0-9 and _.
import type { CommandSpec } from './feature.ts';
import type { Locale, T } from './i18n.ts';
import { editDistance } from './kits/find-kit.ts';

export function normaliseCommandName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i');
}

/** French command name → the language's own names for it, in each language that has some. */
export type CommandAliases = Partial<Record<Locale, Record<string, string[]>>>;

export function createCommandTable(
  specs: CommandSpec[],
  languageAliases: CommandAliases = {},
): Map<string, CommandSpec> {
  const table = new Map<string, CommandSpec>();
  for (const spec of specs) {
    const translated = Object.values(languageAliases).flatMap((a) => a[spec.names.fr] ?? []);
    for (const name of [
      spec.names.fr,
      spec.names.en,
      ...(spec.aliases ?? []),
      ...new Set(translated),
    ]) {
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

/** The name a command is shown under in a language: English in English, else French. */
export function commandName(spec: CommandSpec, locale: Locale): string {
  return locale === 'en' ? spec.names.en : spec.names.fr;
}

/** The commands a person sees in a language, in declaration order. */
export function listVisibleCommands(specs: CommandSpec[], locale: Locale) {
  return specs
    .filter((spec) => !spec.hidden)
    .map((spec) => ({
      name: commandName(spec, locale),
      descriptionKey: spec.descriptionKey,
      spec,
    }));
}

/**
 * A command's line in /aide and in Telegram's menu: its description, and what of it is for the
 * group's admins ("(🔑 administrateurs)", "(🔑 administrateurs : créer, changer, annuler)").
 */
export function describeCommand(spec: CommandSpec, t: T): string {
  const mark = spec.organiserUsesKey
    ? t(spec.organiserUsesKey)
    : spec.organiserOnly
      ? t('help.organisers_only')
      : undefined;
  return mark ? `${t(spec.descriptionKey)} (${mark})` : t(spec.descriptionKey);
}

/** The aliases a language's texts give (`commands.aliases`), each a valid command name. */
export function toCommandAliases(resource: unknown): Record<string, string[]> {
  const aliases = (resource as { commands?: { aliases?: Record<string, unknown> } } | undefined)
    ?.commands?.aliases;
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(aliases ?? {})) {
    if (typeof list !== 'string') continue;
    const names = list
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    const bad = names.find((a) => !/^[a-z0-9_]{1,32}$/.test(a));
    if (bad) {
      throw new Error(
        `commands.aliases.${name}: "${bad}" is not a command name (1-32 of a-z, 0-9, _)`,
      );
    }
    if (names.length > 0) out[name] = names;
  }
  return out;
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
