import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { CONTACTS, contactsProjection } from './contacts.projection';

const contactId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const recorded = (type: string, data: Record<string, unknown>, revision: number): RecordedEvent =>
  ({ id: `e${revision}`, type, data: { contactId, ...data }, metadata: { occurredAt: `2025-05-1${revision}T09:00:00.000Z` }, streamName: `contact-${contactId}`, revision, position: BigInt(revision + 1), recordedAt: new Date() }) as unknown as RecordedEvent;

const subjectId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const added = recorded('ContactAdded', {
  subjectId, accountId: 'acc-1', firstName: 'Jan', lastName: 'Bakker', email: 'jan@acme.nl', phone: null, jobTitle: 'CFO', relationship: 'EMPLOYEE', sourceLeadId: null,
}, 0);

const kitOf = (events: RecordedEvent[]): ProjectionTestKit => {
  const kit = new ProjectionTestKit(contactsProjection);
  for (const event of events) kit.apply(event);
  return kit;
};
const fold = (events: RecordedEvent[]): Doc | null => kitOf(events).doc(CONTACTS, contactId);

describe('contacts projection', () => {
  it('adds an ACTIVE contact at its account', () => {
    expect(fold([added])).toEqual({
      id: contactId, subjectId, erased: false, accountId: 'acc-1', firstName: 'Jan', lastName: 'Bakker', email: 'jan@acme.nl', phone: null, jobTitle: 'CFO', relationship: 'EMPLOYEE',
      status: 'ACTIVE', sourceLeadId: null, createdAt: '2025-05-10T09:00:00.000Z', fullName: 'Jan Bakker', emailKey: 'jan@acme.nl',
      updatedAt: '2025-05-10T09:00:00.000Z', revision: 0,
    });
  });

  it('marks a contact who left, and re-activates them at the account they move to', () => {
    const left = recorded('ContactLeft', { accountId: 'acc-1' }, 1);
    expect(fold([added, left])).toMatchObject({ status: 'LEFT', accountId: 'acc-1' });
    const moved = recorded('ContactMoved', { fromAccountId: 'acc-1', toAccountId: 'acc-2', jobTitle: 'COO', relationship: 'ADVISOR', reactivated: true }, 2);
    expect(fold([added, left, moved])).toMatchObject({ status: 'ACTIVE', accountId: 'acc-2', jobTitle: 'COO', relationship: 'ADVISOR', revision: 2, updatedAt: '2025-05-12T09:00:00.000Z' });
  });

  it('applies only the changed details and keeps derived fields in step', () => {
    const updated = recorded('ContactDetailsUpdated', { changes: { firstName: 'Jannes', email: null } }, 1);
    expect(fold([added, updated])).toMatchObject({ firstName: 'Jannes', lastName: 'Bakker', email: null, jobTitle: 'CFO', fullName: 'Jannes Bakker', revision: 1 });
  });

  it('refuses an event for a contact it never saw (the projector parks it)', () => {
    expect(() => fold([recorded('ContactLeft', { accountId: 'acc-1' }, 1)])).toThrow(/does not exist/);
  });

  it('prefetches the contact document the event names', () => {
    expect(contactsProjection.prefetch(added)).toEqual([{ collection: CONTACTS, id: contactId }]);
  });

  it('changes nothing when the events are applied again', async () => {
    const events = [added, recorded('ContactLeft', { accountId: 'acc-1' }, 1)];
    const once = kitOf(events).snapshot();
    const again = await kitOf(events).run(events);
    expect(again.snapshot()).toEqual(once);
  });

  it('leaves nothing of an erased person, search text included, and keeps their role at the account', () => {
    const erased = recorded('PersonErased', { subjectId, reason: 'DATA_SUBJECT_REQUEST', erasedAt: '2025-05-11T09:00:00.000Z' }, 1);
    const doc = fold([added, erased]);
    expect(doc).toMatchObject({
      erased: true, firstName: null, lastName: null, fullName: null, email: null, phone: null, jobTitle: null, emailKey: null,
      accountId: 'acc-1', status: 'ACTIVE', relationship: 'EMPLOYEE', revision: 1,
    });
    expect(JSON.stringify(doc)).not.toMatch(/jan|bakker/i);
  });
});
