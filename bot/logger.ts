// pino, built once. In the terminal chat, logs go to a file so they don't interleave with
// the conversation.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import type { Logger } from '../handlers/ports.ts';

export function createLogger(level: string, destination?: string): Logger {
  if (destination) {
    mkdirSync(dirname(destination), { recursive: true });
    return pino({ level }, pino.destination({ dest: destination, sync: false, mkdir: true }));
  }
  return pino({ level });
}
