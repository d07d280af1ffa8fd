// Walking a large table page by page (keyset pagination on increasing ids), for the jobs
// that visit every group: the planners of suggestions, summaries, rounds, announcements.

/** Every row a paged query gives, one page after the other, until a page comes back empty. */
export async function* inPages<T>(
  page: (after: number) => Promise<T[]>,
  idOf: (row: T) => number,
): AsyncGenerator<T> {
  for (let after = 0; ;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    for (const row of rows) {
      after = idOf(row);
      yield row;
    }
  }
}
