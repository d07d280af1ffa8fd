// The service files (deploy/) pass systemd's own check, where systemd-analyze is installed
// (Debian: apt-get install systemd); the Dockerfile builds with the script CI runs
// (tests/build/) and runs as a non-root user with a health check. No Docker engine runs here:
// building the image is the manual check in the README.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/production-build.ts';

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find(existsSync);

describe.skipIf(!systemdAnalyze)('the systemd units', () => {
  it('pass systemd-analyze verify', async () => {
    const { stderr } = await promisify(execFile)(
      systemdAnalyze!,
      [
        'verify',
        '--man=no',
        './voisins-bot.service',
        './voisins-bot-backup.service',
        './voisins-bot-backup.timer',
      ],
      { cwd: `${repoRoot}/deploy` },
    );
    expect(stderr).toBe('');
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(`${repoRoot}/Dockerfile`, 'utf8');

  it('builds with scripts/build-production.sh and installs production dependencies only', () => {
    expect(dockerfile).toContain('RUN sh scripts/build-production.sh');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/^FROM base AS whatsapp$/m);
    expect(dockerfile).toContain('chromium');
  });
});

describe('the way production starts', () => {
  const { scripts } = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const startProd = scripts['start:prod']!.split(/\s+/);
  const node = startProd.indexOf('node');
  const flags = startProd.slice(node + 1);
  const environment = startProd.slice(0, node);
  const dockerfile = readFileSync(`${repoRoot}/Dockerfile`, 'utf8');
  const unit = readFileSync(`${repoRoot}/deploy/voisins-bot.service`, 'utf8');

  it('is the same in npm run start:prod, the systemd unit and the Docker image', () => {
    expect(environment).toContain('MALLOC_ARENA_MAX=2');
    expect(environment).toContain('MALLOC_MMAP_THRESHOLD_=65536');
    expect(flags.at(-1)).toBe('dist/bot/main.js');
    expect(unit).toContain(`ExecStart=/usr/bin/node ${flags.join(' ')}\n`);
    expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...flags]).replace(/,/g, ', ')}`);
    for (const setting of environment) {
      expect(unit).toContain(`Environment=${setting}\n`);
      expect(dockerfile).toMatch(new RegExp(`^ENV .*\\b${setting}\\b`, 'm'));
    }
  });
});
