import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { docKey } from '../projection';
import { LEADS, leadsProjection } from './leads.projection';

const leadId = '2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f';
let revision = 0;
const recorded = (type: string, data: Record<string, unknown>, occurredAt = '2025-05-14T09:30:00.000Z'): RecordedEvent =>
  ({ id: `e${revision}`, type, data: { leadId, ...data }, metadata: { occurredAt }, streamName: `lead-${leadId}`, revision: revision++, position: BigInt(revision), recordedAt: new Date(occurredAt) }) as unknown as RecordedEvent;

const captured = () => recorded('LeadCaptured', {
  firstName: 'Zoë', lastName: 'de Vries', email: 'zoe@acme.nl', phone: null, jobTitle: null, seniority: null,
  companyName: 'Acme B.V.', companyDomain: 'acme.nl', source: 'WEB_FORM', sourceDetail: null, ownerId: 'rep-2',
});

const fold = (events: RecordedEvent[]): Doc | null =>
  events.reduce<Doc | null>((doc, event) => leadsProjection.apply(event, new Map([[docKey(LEADS, leadId), doc]])).get(docKey(LEADS, leadId)) ?? null, null);

describe('leads projection', () => {
  beforeEach(() => {
    revision = 0;
  });

  it('captures a NEW lead with a lowercased, accent-free search text', () => {
    expect(fold([captured()])).toMatchObject({ id: leadId, status: 'NEW', fullName: 'Zoë de Vries', searchText: 'zoe de vries zoe@acme.nl acme b.v.', capturedAt: '2025-05-14T09:30:00.000Z', revision: 0 });
  });

  it('records disqualification and forgets it when the lead is reopened', () => {
    const disqualified = fold([captured(), recorded('LeadDisqualified', { reason: 'NO_BUDGET', notes: 'later', from: 'NEW' }, '2025-05-15T10:00:00.000Z')]);
    expect(disqualified).toMatchObject({ status: 'DISQUALIFIED', disqualificationReason: 'NO_BUDGET', disqualifiedAt: '2025-05-15T10:00:00.000Z' });
    revision = 0;
    const reopened = fold([captured(), recorded('LeadDisqualified', { reason: 'NO_BUDGET', notes: null, from: 'NEW' }), recorded('LeadReopened', { from: 'DISQUALIFIED', to: 'WORKING', previousReason: 'NO_BUDGET' })]);
    expect(reopened).toMatchObject({ status: 'WORKING', disqualificationReason: null, disqualifiedAt: null, revision: 2 });
  });

  it('applies only the changed details and keeps derived fields in step', () => {
    const doc = fold([captured(), recorded('LeadDetailsUpdated', { changes: { lastName: 'Jansen', email: null } })]);
    expect(doc).toMatchObject({ lastName: 'Jansen', email: null, companyName: 'Acme B.V.', fullName: 'Zoë Jansen', searchText: 'zoe jansen acme b.v.' });
  });

  it('names the account, contact and opportunity a converted lead became', () => {
    const conversion = { from: 'QUALIFIED', source: 'WEB_FORM', account: { accountId: 'a1' }, contact: { contactId: 'c1' }, opportunity: null };
    expect(fold([captured(), recorded('LeadQualified', { from: 'NEW' }), recorded('LeadConverted', conversion)])).toMatchObject({
      status: 'CONVERTED', convertedAccountId: 'a1', convertedContactId: 'c1', convertedOpportunityId: null,
    });
  });

  it('refuses an event for a lead it never saw (the projector parks it)', () => {
    expect(() => fold([recorded('LeadQualified', { from: 'NEW' })])).toThrow(/does not exist/);
  });
});
