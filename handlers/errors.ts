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
