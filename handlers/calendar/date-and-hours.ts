// A date and an hour typed together are both checked before either is refused: "/fete 31/02
// 25h" names both as wrong (December 2026 tryout: it named the date only, and the hour was
// refused once the date was fixed).
import { UserFacingError } from '../errors.ts';

const BAD = ['dates.bad_date', 'dates.bad_time'] as const;

/**
 * What `read` reads; when it refuses a date (or an hour) that cannot exist, `other` reads the
 * hour (or the date) of the same text: refused too, the answer names both.
 */
export function withBothChecked<T>(read: () => T, other: () => unknown): T {
  try {
    return read();
  } catch (error) {
    const which = error instanceof UserFacingError ? BAD.indexOf(error.key as never) : -1;
    if (which < 0) throw error;
    try {
      other();
    } catch (second) {
      if (second instanceof UserFacingError && second.key === BAD[1 - which]) {
        throw new UserFacingError('dates.bad_date_and_time');
      }
    }
    throw error;
  }
}
