import { randomBytes, randomUUID } from 'node:crypto';
import { RuleViolation } from '@crm/domain';
import type { NewEvent, RecordedEvent } from '@crm/event-store';
import { KeyRing, MasterKey, SqliteKeyStore } from '@crm/key-store';
import { ENVELOPE_KEY, PersonalDataCodec } from './personal-data-codec';

const metadata = { actor: 'rep-1', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z' };
const captured = (id = randomUUID()): NewEvent => ({
  id,
  type: 'LeadCaptured',
  data: { leadId: 'l1', subjectId: 's', firstName: 'Wilhelmina', lastName: 'Brouwer', email: 'w@x.nl', phone: null, companyName: 'X B.V.', source: 'WEB_FORM' },
  metadata,
});
const updated: NewEvent = { id: randomUUID(), type: 'LeadDetailsUpdated', data: { leadId: 'l1', changes: { email: 'new@x.nl', companyName: 'Y B.V.' } }, metadata };
/** As the store returns it: a copy of its own, which opening changes in place. */
const recorded = (event: NewEvent): RecordedEvent => ({ ...structuredClone(event), streamName: 'lead-l1', revision: 0, position: 1n, recordedAt: new Date() });

describe('personal data codec', () => {
  let store: SqliteKeyStore;
  let codec: PersonalDataCodec;
  let subjectId: string;
  let master: MasterKey;
  beforeEach(async () => {
    store = new SqliteKeyStore({ path: ':memory:' });
    master = new MasterKey(randomBytes(32));
    codec = new PersonalDataCodec(new KeyRing(store, master, { batchSize: 4 }));
    subjectId = await codec.keys.newSubject();
  });
  afterEach(() => store.close());

  it('replaces exactly the personal fields with one envelope, in data or in the object that holds them', async () => {
    const [sealed, sealedUpdate] = await codec.seal([captured(), updated], subjectId);
    expect(Object.keys(sealed.data).sort()).toEqual(['companyName', 'leadId', ENVELOPE_KEY, 'phone', 'source', 'subjectId']);
    expect(sealed.data.phone).toBeNull();
    expect(JSON.stringify(sealed)).not.toMatch(/Wilhelmina|Brouwer|w@x\.nl/);
    expect(sealed.data[ENVELOPE_KEY]).toMatchObject({ subjectId, fields: ['firstName', 'lastName', 'email'] });
    expect(sealedUpdate.data.changes).toMatchObject({ companyName: 'Y B.V.', [ENVELOPE_KEY]: { fields: ['email'] } });
    expect(codec.hasPlainFields(sealed)).toBe(false);
    expect(codec.hasPlainFields(captured())).toBe(true);
  });

  it('opens what it sealed, and seals the same event the same way twice (the chain hash depends on it)', async () => {
    const event = captured();
    const [once] = await codec.seal([event], subjectId);
    const [twice] = await codec.seal([event], subjectId);
    expect(twice).toEqual(once);
    expect(codec.open(recorded(once)).data).toEqual(event.data);
    const [other] = await codec.seal([{ ...event, data: { ...event.data, firstName: 'Mina' } }], subjectId);
    expect((other.data[ENVELOPE_KEY] as { nonce: string }).nonce).not.toBe((once.data[ENVELOPE_KEY] as { nonce: string }).nonce);
  });

  it('seals nothing when every personal field is null: a cleared field says nothing about anyone', async () => {
    const cleared: NewEvent = { id: randomUUID(), type: 'LeadDetailsUpdated', data: { leadId: 'l1', changes: { phone: null, jobTitle: null } }, metadata };
    expect(await codec.seal([cleared], subjectId)).toEqual([cleared]);
    expect(codec.hasPlainFields(cleared)).toBe(false);
  });

  it('opens an event another process sealed, from its ciphertext', async () => {
    const [sealed] = await codec.seal([captured()], subjectId);
    const elsewhere = new PersonalDataCodec(new KeyRing(store, master));
    await elsewhere.keys.load([subjectId]);
    expect(elsewhere.open(recorded(sealed)).data).toMatchObject({ firstName: 'Wilhelmina', lastName: 'Brouwer', email: 'w@x.nl', phone: null });
  });

  it('refuses to open an envelope moved to another event', async () => {
    const [sealed] = await codec.seal([captured()], subjectId);
    expect(() => codec.open(recorded({ ...sealed, id: randomUUID() }))).toThrow();
  });

  it('reads an erased subject as nulls, and refuses to seal anything more about them', async () => {
    const [sealed] = await codec.seal([captured()], subjectId);
    codec.keys.forget(subjectId);
    expect(codec.open(recorded(sealed)).data).toMatchObject({ firstName: null, lastName: null, email: null, phone: null, companyName: 'X B.V.' });
    await expect(codec.seal([captured()], subjectId)).rejects.toBeInstanceOf(RuleViolation);
  });

  it('leaves events without personal data as they are, and refuses personal data without a subject', async () => {
    const opened: NewEvent = { id: randomUUID(), type: 'OpportunityOpened', data: { opportunityId: 'o1', name: 'Deal' }, metadata };
    expect(await codec.seal([opened], null)).toEqual([opened]);
    await expect(codec.seal([captured()], null)).rejects.toThrow(/no data subject/);
  });
});
