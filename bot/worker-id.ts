// Who holds a lease (a job, an inbox event, an outbox message): `host:pid:random`. A lease
// of a process that is known to be gone (same host, its pid no longer running) is taken over
// at once instead of when it runs out: after `kill -9` and a restart, nothing waits.
import { hostname } from 'node:os';

export function createWorkerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export function isDeadWorker(workerId: string): boolean {
  const [host, pidText] = workerId.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) {
    return false;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
