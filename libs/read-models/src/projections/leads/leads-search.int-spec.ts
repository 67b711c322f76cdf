import fc from 'fast-check';
import type { DomainEvent } from '@crm/domain';
import { RELEVANCE, type Doc } from '../../store/read-store.port';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { foldText } from '../../store/search/search-words';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { LEADS, LEAD_SEARCH, leadsProjection } from './leads.projection';

/** Syllables with accents, letters no decomposition takes apart, and the joiners names have. */
const SYLLABLES = ['an', 'ne', 'ma', 'rie', 'jo', 'han', 'zo', 'ë', 'mül', 'ler', 'vri', 'es', 'øy', 'stein', 'łu', 'kasz', 'ß', 'é', 'co', 'bi'];
const part = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 4 }).map((s) => s.join(''));
const capitalized = fc.tuple(part, fc.boolean()).map(([word, upper]) => (upper ? word.charAt(0).toUpperCase() + word.slice(1) : word));
const firstName = fc.oneof(capitalized, fc.tuple(capitalized, capitalized).map(([a, b]) => `${a}-${b}`));
const lastName = fc.tuple(fc.constantFrom('', 'de ', 'van der ', "O'", "d'"), capitalized, fc.option(capitalized, { nil: undefined }))
  .map(([prefix, name, second]) => `${prefix}${name}${second === undefined ? '' : ` ${second}`}`);
const leadArbitrary = fc.record({ firstName, lastName, company: capitalized, n: fc.nat(999) });

const captured = (id: string, lead: { firstName: string; lastName: string; company: string; n: number }): DomainEvent => ({
  type: 'LeadCaptured',
  data: {
    leadId: id, subjectId: id, firstName: lead.firstName, lastName: lead.lastName, email: `lead${lead.n}@${foldText(lead.company).replace(/[^a-z]/g, '') || 'x'}.nl`,
    phone: null, jobTitle: null, seniority: null, companyName: lead.company, companyDomain: null, source: 'WEB_FORM', sourceDetail: null, ownerId: null,
  },
} as DomainEvent);

/** Each word of a name as people type it: as written, lowercased, uppercased, without its accents, or its first letters. */
const typings = (word: string, cut: number): string[] => [word, word.toLowerCase(), word.toUpperCase(), foldText(word), word.slice(0, Math.max(1, cut % word.length))];

describe('leads search, over the leads projection and the SQLite store', () => {
  let store: SqliteReadStore;
  let run = 0;
  beforeEach(() => {
    store = new SqliteReadStore({ filename: ':memory:' });
  });
  afterEach(() => store.close());

  const project = async (kit: ProjectionTestKit, collection: string): Promise<void> => {
    await store.writeBatch(kit.docs(LEADS).map((doc) => ({ kind: 'upsert' as const, collection, doc })));
  };
  const found = async (collection: string, text: string): Promise<string[]> =>
    (await store.find(collection, { filter: { $search: text }, sort: [{ field: RELEVANCE, direction: 'desc' }], first: 500 })).items.map((doc: Doc) => doc.id);

  it('finds every lead by each word of its name, however it is typed; an erased one by none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(leadArbitrary, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), async (leads, cut, pick) => {
        const collection = `leads_${run++}`;
        await store.ensureCollection(collection, leadsProjection.collections[LEADS], { search: LEAD_SEARCH });
        const log = new EventLog();
        const kit = new ProjectionTestKit(leadsProjection);
        const ids = leads.map((lead, i) => {
          const id = idOf('LEAD', i + 1);
          kit.apply(log.record(captured(id, lead)));
          return id;
        });
        await project(kit, collection);
        for (const [i, lead] of leads.entries()) {
          for (const word of `${lead.firstName} ${lead.lastName}`.split(/\s+/)) {
            for (const typed of typings(word, cut)) expect(await found(collection, typed)).toContain(ids[i]);
          }
        }
        const erased = pick % leads.length;
        kit.apply(log.record({ type: 'PersonErased', data: { leadId: ids[erased], subjectId: ids[erased], reason: 'DATA_SUBJECT_REQUEST', erasedAt: '2026-02-01T00:00:00.000Z' } } as DomainEvent));
        await project(kit, collection);
        const email = `lead${leads[erased].n}`;
        for (const text of [leads[erased].lastName, leads[erased].firstName, email]) expect(await found(collection, text)).not.toContain(ids[erased]);
        expect(await found(collection, leads[erased].company)).toContain(ids[erased]);
      }),
      { numRuns: 40, seed: 20250614 },
    );
  });
});
