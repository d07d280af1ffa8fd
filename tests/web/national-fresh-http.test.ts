// A partner city created in the console: its page and the national page (which sums the
// départements) say the same at once, not after the hourly recount. Its own file: the
// national page keeps its figures a minute per console (NATIONAL_FIGURES_TTL_MS), which the
// other files' national pages must not share.
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  createPerson,
  loginOverHttp,
  seedGroup,
  useConsoleHarness,
} from './console-harness.ts';

const h = useConsoleHarness();

describe('a partner city created in the console, on the national page', () => {
  it('counts its département at once, as its own page does (tryout)', async () => {
    for (let i = 0; i < 3; i++) {
      await seedGroup(h, {
        name: `Rue ${i}`,
        insee: '69029',
        visibleToCity: false,
        departement: '69',
      });
    }
    await seedGroup(h, {
      name: 'Ailleurs',
      insee: '69266',
      visibleToCity: false,
      departement: '69',
    });
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const created = await session.post('/console/partenaires', { name: 'Bron', communes: '69029' });
    const id = created.headers.get('location')!.split('/').at(-1)!;
    const city = await (
      await session.get(`/console/villes/${id}/export/groupes.csv?annee=2026`)
    ).text();
    expect(city).toContain('Type non précisé;moins de 5;0');
    // The national page reads the départements: the Rhône's four groups are there too, at
    // once (it said 0 until the hourly recount).
    const national = await (
      await session.get('/console/national/export/departements.csv?annee=2026&indicateur=groupes')
    ).text();
    expect(national).toContain('Rhône (69);moins de 5;0');
  });
});
