/**
 * The one error type domain code throws on purpose: something the person should be told,
 * carried as a locale key. The router answers it in the chat's language; any other error
 * is logged with its context and answered with a generic apology.
 */
export class UserFacingError extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, unknown> = {},
  ) {
    super(`user-facing: ${key}`);
    this.name = 'UserFacingError';
  }
}

/**
 * Something the bot depends on is unreachable for now (the platform's API, WhatsApp Web):
 * the event is handled again later, and no apology is sent for it. Adapters throw it for
 * failures that waiting cures; the database's own outages are recognised by
 * isTransientDatabaseError (db/client.ts).
 */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/**
 * Thrown by a job that cannot do its work yet and knows when it can (a send whose turn under
 * the platform's shared limits is further away than is worth waiting for): the job runs
 * again at `at`, without counting an attempt.
 */
export class JobDeferredError extends Error {
  constructor(readonly at: Date) {
    super(`deferred to ${at.toISOString()}`);
    this.name = 'JobDeferredError';
  }
}
