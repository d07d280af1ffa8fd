// A feature of one hidden command, for a test that needs the bot to do something of its own
// (wait, hold a database call, answer with given formatting) when someone types it.
import type { CommandSpec, Feature } from '../../handlers/feature.ts';

export function createProbeCommand(
  name: string,
  names: CommandSpec['names'],
  run: CommandSpec['run'],
): Feature {
  return {
    name,
    commands: [{ names, descriptionKey: 'help.description', where: 'any', hidden: true, run }],
  };
}
