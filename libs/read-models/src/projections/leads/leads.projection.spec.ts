import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { LEADS, leadsProjection } from './leads.projection';

const leadId = '2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f';
let revision = 0;
const recorded = (type: string, data: Record<string, unknown>, occurredAt = '2025-05-14T09:30:00.000Z'): RecordedEvent =>
  ({ id: `e${revision}`, type, data: { leadId, ...data }, metadata: { occurredAt }, streamName: `lead-${leadId}`, revision: revision++, position: BigInt(revision), recordedAt: new Date(occurredAt) }) as unknown as RecordedEvent;

const subjectId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const captured = () => recorded('LeadCaptured', {
  subjectId, firstName: 'Zoë', lastName: 'de Vries', email: 'zoe@acme.nl', phone: null, jobTitle: null, seniority: null,
  companyName: 'Acme B.V.', companyDomain: 'acme.nl', source: 'WEB_FORM', sourceDetail: null, ownerId: 'rep-2',
});

const kitOf = (events: RecordedEvent[]): ProjectionTestKit => {
  const kit = new ProjectionTestKit(leadsProjection);
  for (const event of events) kit.apply(event);
  return kit;
};
const fold = (events: RecordedEvent[]): Doc | null => kitOf(events).doc(LEADS, leadId);

describe('leads projection', () => {
  beforeEach(() => {
    revision = 0;
  });

  it('captures a NEW lead', () => {
    expect(fold([captured()])).toEqual({
      id: leadId, subjectId, erased: false, status: 'NEW', firstName: 'Zoë', lastName: 'de Vries', email: 'zoe@acme.nl', phone: null, jobTitle: null, seniority: null,
      companyName: 'Acme B.V.', companyDomain: 'acme.nl', source: 'WEB_FORM', sourceDetail: null, ownerId: 'rep-2',
      disqualificationReason: null, disqualificationNotes: null, convertedAccountId: null, convertedContactId: null, convertedOpportunityId: null,
      capturedAt: '2025-05-14T09:30:00.000Z', qualifiedAt: null, disqualifiedAt: null, convertedAt: null,
      fullName: 'Zoë de Vries', emailKey: 'zoe@acme.nl', updatedAt: '2025-05-14T09:30:00.000Z', revision: 0, funnel: {},
    });
  });

  it('records disqualification and forgets it when the lead is reopened', () => {
    const disqualified = fold([captured(), recorded('LeadDisqualified', { reason: 'NO_BUDGET', notes: 'later', from: 'NEW' }, '2025-05-15T10:00:00.000Z')]);
    expect(disqualified).toMatchObject({ status: 'DISQUALIFIED', disqualificationReason: 'NO_BUDGET', disqualificationNotes: 'later', disqualifiedAt: '2025-05-15T10:00:00.000Z', updatedAt: '2025-05-15T10:00:00.000Z' });
    revision = 0;
    const reopened = fold([captured(), recorded('LeadDisqualified', { reason: 'NO_BUDGET', notes: null, from: 'NEW' }), recorded('LeadReopened', { from: 'DISQUALIFIED', to: 'WORKING', previousReason: 'NO_BUDGET' })]);
    expect(reopened).toMatchObject({ status: 'WORKING', disqualificationReason: null, disqualificationNotes: null, disqualifiedAt: null, revision: 2 });
  });

  it('applies only the changed details and keeps derived fields in step', () => {
    const doc = fold([captured(), recorded('LeadDetailsUpdated', { changes: { lastName: 'Jansen', email: null } })]);
    expect(doc).toMatchObject({ lastName: 'Jansen', email: null, companyName: 'Acme B.V.', fullName: 'Zoë Jansen', revision: 1 });
  });

  it('follows owner, work and qualification', () => {
    const doc = fold([
      captured(),
      recorded('LeadAssigned', { ownerId: 'rep-7', previousOwnerId: 'rep-2' }),
      recorded('LeadWorkingStarted', { from: 'NEW' }),
      recorded('LeadQualified', { from: 'WORKING' }, '2025-05-16T08:00:00.000Z'),
    ]);
    expect(doc).toMatchObject({ ownerId: 'rep-7', status: 'QUALIFIED', qualifiedAt: '2025-05-16T08:00:00.000Z', revision: 3 });
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

  it('prefetches the lead document the event names', () => {
    expect(leadsProjection.prefetch(captured())).toEqual([{ collection: LEADS, id: leadId }]);
  });

  it('changes nothing when the events are applied again', async () => {
    const events = [captured(), recorded('LeadDetailsUpdated', { changes: { firstName: 'Zoe' } }), recorded('LeadWorkingStarted', { from: 'NEW' })];
    const once = kitOf(events).snapshot();
    const again = await kitOf(events).run(events);
    expect(again.snapshot()).toEqual(once);
  });

  it('leaves nothing of an erased person, search text included, and keeps the lead\'s facts', () => {
    const doc = fold([
      captured(),
      recorded('LeadDisqualified', { reason: 'NO_NEED', notes: 'Zoë moves abroad', from: 'NEW' }),
      recorded('PersonErased', { subjectId, reason: 'DATA_SUBJECT_REQUEST', erasedAt: '2025-06-01T00:00:00.000Z' }, '2025-06-01T00:00:00.000Z'),
    ]);
    expect(doc).toMatchObject({
      erased: true, firstName: null, lastName: null, fullName: null, email: null, phone: null, jobTitle: null, seniority: null,
      sourceDetail: null, disqualificationNotes: null, emailKey: null, status: 'DISQUALIFIED', disqualificationReason: 'NO_NEED',
      companyName: 'Acme B.V.', subjectId, revision: 2, funnel: { disqualified: true },
    });
    expect(JSON.stringify(doc)).not.toMatch(/zo[eë]|vries/i);
  });

  it('stamps a lifted suppression without changing the erased lead', () => {
    const erasedDoc = fold([captured(), recorded('PersonErased', { subjectId, reason: 'RETENTION', erasedAt: '2025-06-01T00:00:00.000Z' })]);
    revision = 0;
    const lifted = fold([
      captured(),
      recorded('PersonErased', { subjectId, reason: 'RETENTION', erasedAt: '2025-06-01T00:00:00.000Z' }),
      recorded('SuppressionLifted', { subjectId, kind: 'EMAIL', reason: 'consent' }),
    ]);
    expect(lifted).toEqual({ ...erasedDoc, revision: 2 });
  });
});
