import type { RecordedEvent } from '@crm/event-store';
import { getPath } from '../store/doc-path';
import { documentWords, normalizeSearchFields } from '../store/search/search-fields';
import { matchesFilter } from '../projector/projection-target';
import { ALL_PROJECTIONS } from './projection-registry';
import type { Projection } from './projection';
import { ProjectionTestKit } from './testing/projection-test-kit';
import { workloadEvents } from './pipeline/workload-events.fixtures';
import { EventLog } from './testing/event-log.fixtures';
import { LEADS, leadsProjection } from './leads/leads.projection';
import { CONTACTS, contactsProjection } from './contacts/contacts.projection';

const events = workloadEvents(4000, 17);
const projected = (projection: Projection, log: readonly RecordedEvent[] = events): ProjectionTestKit => {
  const kit = new ProjectionTestKit(projection);
  const mine = matchesFilter(projection.filter);
  for (const event of log) if (mine(event)) kit.apply(event);
  return kit;
};

describe('searchable projections', () => {
  it('are the lead, contact, account and opportunity lists', () => {
    const searchable = ALL_PROJECTIONS.filter((projection) => projection.search !== undefined);
    expect(searchable.map((projection) => Object.keys(projection.search ?? {}))).toEqual([['leads'], ['contacts'], ['accounts'], ['opportunities']]);
  });

  it.each(ALL_PROJECTIONS.filter((projection) => projection.search !== undefined).map((projection) => [projection.name, projection] as const))(
    '%s declares fields its documents fill, with names weighing most',
    (_name, projection) => {
      const kit = projected(projection);
      for (const [collection, fields] of Object.entries(projection.search ?? {})) {
        expect(Object.keys(projection.collections)).toContain(collection);
        const docs = kit.docs(collection);
        expect(docs.length).toBeGreaterThan(10);
        for (const field of Object.keys(fields)) expect(docs.filter((doc) => typeof getPath(doc, field) === 'string').length).toBeGreaterThan(0);
        const heaviest = normalizeSearchFields(fields).fields[0][0];
        expect(heaviest).toMatch(/^(firstName|lastName|name)$/);
      }
    },
  );

  describe('an erased person gives the store none of their words', () => {
    const subjectId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
    const leadId = 'b0000000-0000-4000-8000-000000000001';
    const contactId = 'c0000000-0000-4000-8000-000000000001';
    const person = { firstName: 'Xanthippe', lastName: 'Quellwasser', email: 'xq@zeepziederij.nl', phone: '+31648217739', jobTitle: 'Owner' };
    const erasure = { subjectId, reason: 'DATA_SUBJECT_REQUEST', erasedAt: '2026-02-01T00:00:00.000Z' };
    const words = (projection: Projection, collection: string, id: string, kit: ProjectionTestKit): string[] =>
      [...documentWords(kit.doc(collection, id) ?? { id }, normalizeSearchFields(projection.search?.[collection]))].map(([word]) => word).sort();

    it('as a lead: only the company stays searchable', () => {
      const log = new EventLog();
      const captured = log.record({ type: 'LeadCaptured', data: {
        leadId, subjectId, ...person, seniority: null, companyName: 'Zeep B.V.', companyDomain: 'zeep.nl', source: 'WEB_FORM', sourceDetail: null, ownerId: null,
      } } as never);
      const before = projected(leadsProjection, [captured]);
      expect(words(leadsProjection, LEADS, leadId, before)).toEqual(['31648217739', 'b', 'nl', 'quellwasser', 'v', 'xanthippe', 'xq', 'zeep', 'zeepziederij']);
      const after = projected(leadsProjection, [captured, log.record({ type: 'PersonErased', data: { leadId, ...erasure } } as never)]);
      expect(words(leadsProjection, LEADS, leadId, after)).toEqual(['b', 'nl', 'v', 'zeep']);
    });

    it('as a contact: nothing stays searchable', () => {
      const log = new EventLog();
      const added = log.record({ type: 'ContactAdded', data: {
        contactId, subjectId, accountId: 'a0000000-0000-4000-8000-000000000001', ...person, relationship: 'EMPLOYEE', sourceLeadId: null,
      } } as never);
      const after = projected(contactsProjection, [added, log.record({ type: 'PersonErased', data: { contactId, ...erasure } } as never)]);
      expect(words(contactsProjection, CONTACTS, contactId, projected(contactsProjection, [added]))).toContain('quellwasser');
      expect(words(contactsProjection, CONTACTS, contactId, after)).toEqual([]);
    });
  });
});
