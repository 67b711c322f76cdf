import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@crm/event-store';
import { KeyRing, MasterKey, SqliteKeyStore } from '@crm/key-store';
import { PersonalDataCodec } from '../../privacy/personal-data-codec';
import { webhookBody, webhookPayload } from './webhook-payload';

const metadata = { actor: 'rep-1', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-03-02T09:30:00.000Z' };
const person = { firstName: 'Wilhelmina', lastName: 'Brouwer', email: 'wilhelmina@brouwer.example', phone: '+31612345678', jobTitle: 'Head of Saponification', seniority: 'DIRECTOR', sourceDetail: 'Booth talk with Brouwer' };
const PERSONAL = /Wilhelmina|Brouwer|brouwer\.example|31612345678|Saponification|DIRECTOR|Booth/;

const recorded = (event: NewEvent, position = 41n): RecordedEvent => ({ ...structuredClone(event), streamName: 'lead-3f1c7f4e-1c52-4d7e-9f5b-2f4f0f0c9d11', revision: 0, position, recordedAt: new Date() });

describe('webhook payload', () => {
  let keys: SqliteKeyStore;
  let codec: PersonalDataCodec;
  let subjectId: string;
  beforeEach(async () => {
    keys = new SqliteKeyStore({ path: ':memory:' });
    codec = new PersonalDataCodec(new KeyRing(keys, new MasterKey(randomBytes(32))));
    subjectId = await codec.keys.newSubject();
  });
  afterEach(() => keys.close());

  const captured = (): NewEvent => ({
    id: randomUUID(),
    type: 'LeadCaptured',
    data: { leadId: 'lead-1', subjectId, ...person, companyName: 'Zeep B.V.', companyDomain: 'zeep.example', source: 'EVENT', ownerId: null },
    metadata,
  });

  it('sends a sealed LeadCaptured with its ids and company, and neither the person nor the envelope', async () => {
    const [sealed] = await codec.seal([captured()], subjectId);
    const event = recorded(sealed);
    const body = webhookBody(event);
    expect(body).not.toMatch(PERSONAL);
    expect(body).not.toMatch(/personal|ciphertext|nonce/);
    expect(JSON.parse(body)).toEqual({
      type: 'LeadCaptured',
      timestamp: '2026-03-02T09:30:00.000Z',
      data: {
        stream: event.streamName,
        revision: 0,
        position: '41',
        event: {
          id: event.id,
          type: 'LeadCaptured',
          occurredAt: '2026-03-02T09:30:00.000Z',
          data: { leadId: 'lead-1', subjectId, companyName: 'Zeep B.V.', companyDomain: 'zeep.example', source: 'EVENT', ownerId: null },
        },
      },
    });
  });

  it('leaves the stored event as it was (the log is read, not changed)', async () => {
    const [sealed] = await codec.seal([captured()], subjectId);
    const event = recorded(sealed);
    const before = structuredClone(event);
    webhookPayload(event);
    expect(event).toEqual(before);
  });

  it('takes the person out of the object that holds them (a conversion\'s contact)', async () => {
    const converted: NewEvent = {
      id: randomUUID(),
      type: 'LeadConverted',
      data: { leadId: 'lead-1', contact: { contactId: 'contact-1', subjectId, firstName: person.firstName, lastName: person.lastName, email: person.email, phone: null, jobTitle: null }, accountId: 'account-1' },
      metadata,
    };
    const [sealed] = await codec.seal([converted], subjectId);
    const data = webhookPayload(recorded(sealed)).data.event.data;
    expect(JSON.stringify(data)).not.toMatch(PERSONAL);
    expect(data).toEqual({ leadId: 'lead-1', contact: { contactId: 'contact-1', subjectId }, accountId: 'account-1' });
  });

  it('sends nothing personal from a log written in the clear either', () => {
    const body = webhookBody(recorded(captured()));
    expect(body).not.toMatch(PERSONAL);
    expect(JSON.parse(body).data.event.data).toMatchObject({ leadId: 'lead-1', companyName: 'Zeep B.V.' });
  });

  it('sends an event stored in an older shape in today\'s, and positions beyond 2^53 exactly', () => {
    const opened: NewEvent = { id: randomUUID(), type: 'OpportunityOpened', data: { opportunityId: 'o-1', accountId: 'a-1', stage: 'DISCOVERY' }, metadata };
    const payload = webhookPayload(recorded(opened, 2n ** 60n + 1n));
    expect(payload.data.event.data).toMatchObject({ opportunityId: 'o-1', pipelineId: expect.any(String) });
    expect(payload.data.position).toBe('1152921504606846977');
  });
});
