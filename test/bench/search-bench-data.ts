import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '@crm/read-models';
import { seededFakers } from '../../libs/application/src/seed/seed-fakers';
import { newOrganisation } from '../../libs/application/src/seed/seed-organisations';
import { newPerson } from '../../libs/application/src/seed/seed-people';
import { SeededRandom } from '../../libs/application/src/seed/seeded-random';
import { LEADS, leadsProjection } from '../../libs/read-models/src/projections/leads/leads.projection';

const STATUSES = ['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED'];

/**
 * Lead documents as the leads projection writes them, for the people the demo seed makes: names from
 * each organisation's country, work e-mail at its domain (else a free-mail one), valid phones; one to
 * five leads per organisation.
 */
export function leadDocs(count: number, seed = 11): Doc[] {
  const random = new SeededRandom(seed);
  const fakers = seededFakers(seed);
  const docs: Doc[] = [];
  let written: Doc | null = null;
  const docsOf = { get: () => null, put: (_collection: string, doc: Doc) => void (written = doc) };
  while (docs.length < count) {
    const organisation = newOrganisation(random, fakers);
    for (let colleagues = random.int(1, 5); colleagues > 0 && docs.length < count; colleagues--) {
      const n = docs.length;
      const person = newPerson(random, fakers, organisation);
      const leadId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const data = { leadId, subjectId: leadId, ...person, companyName: organisation.name, companyDomain: organisation.domain, source: 'WEB_FORM', sourceDetail: null, ownerId: `rep-${n % 20}` };
      const at = new Date(1_735_689_600_000 + n * 60_000).toISOString();
      const event = { type: 'LeadCaptured', data, metadata: { occurredAt: at }, revision: 0 } as unknown as RecordedEvent;
      leadsProjection.apply(event, docsOf);
      docs.push({ ...(written as unknown as Doc), status: STATUSES[n % STATUSES.length] });
    }
  }
  return docs;
}

export { LEADS };
