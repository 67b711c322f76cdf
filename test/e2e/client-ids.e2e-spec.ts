import { randomUUID } from 'node:crypto';
import { derivedUuid, newId, uuidV7Time } from '@crm/application';
import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision position replayed lead { id firstName } } }';
const QUALIFY = 'mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { revision replayed lead { id status } } }';
const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { replayed lead { status } account { id } contact { id } opportunity { id } } }`;

const capture = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  firstName: 'Sanne', lastName: 'de Boer', email: `${randomUUID()}@bakkerij-jansen.nl`, companyName: 'Bakkerij Jansen B.V.', source: 'WEB_FORM', ...overrides,
});
const upper = (id: string): string => id.toUpperCase();

/** Ids and idempotency keys as a GraphQL client sends them, over real HTTP against the running process. */
describe('ids and idempotency keys a GraphQL client can rely on', () => {
  let server: RunningServer;
  let rep: string;
  let auditor: string;
  const run = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await server.gql<Data>(token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep');
    auditor = await server.token('auditor');
  });
  afterAll(async () => server.stop());

  describe('an id in upper case is the same id', () => {
    const leadId = randomUUID();
    const accountId = randomUUID();
    beforeAll(async () => {
      await run(rep, CAPTURE, { input: capture({ id: upper(leadId) }) });
      await run(rep, 'mutation ($id: ID!) { registerAccount(input: { id: $id, name: "Jansen B.V.", kind: COMPANY }) { revision } }', { id: upper(accountId) });
    });

    it('answers the write that used it with the entity, stored under the lower-case id', async () => {
      const other = randomUUID();
      const captured = (await run(rep, CAPTURE, { input: capture({ id: upper(other) }) })).captureLead;
      expect(captured.lead).toEqual({ id: other, firstName: 'Sanne' });
      const qualified = (await run(rep, QUALIFY, { input: { leadId: upper(other) } })).qualifyLead;
      expect(qualified.lead).toEqual({ id: other, status: 'QUALIFIED' });
    });

    it('finds the entity by it, in a variable or written in the query', async () => {
      expect((await run(rep, 'query ($id: ID!) { lead(id: $id) { id } }', { id: upper(leadId) })).lead).toEqual({ id: leadId });
      expect((await run(rep, `{ lead(id: "${upper(leadId)}") { id } }`)).lead).toEqual({ id: leadId });
      expect((await run(rep, `{ account(id: "${upper(accountId)}") { id } }`)).account).toEqual({ id: accountId });
    });

    it('filters by it', async () => {
      const added = (await run(rep, `mutation ($a: ID!) { addContact(input: { accountId: $a, firstName: "Fatima", lastName: "El Amrani",
        email: "${randomUUID()}@jansen.nl", relationship: EMPLOYEE }) { replayed contact { id accountId } } }`, { a: upper(accountId) })).addContact;
      expect(added.contact.accountId).toBe(accountId);
      const contacts = (await run(rep, 'query ($a: ID) { contacts(filter: { accountId: $a }) { totalCount } }', { a: upper(accountId) })).contacts;
      expect(contacts.totalCount).toBe(1);
      await run(rep, `mutation ($a: ID!) { openOpportunity(input: { accountId: $a, name: "Ovens", amount: "100.00", currency: "EUR", expectedCloseDate: "2027-01-31" }) { revision } }`, { a: upper(accountId) });
      expect((await run(rep, `{ opportunities(filter: { accountId: "${upper(accountId)}" }) { totalCount } }`)).opportunities.totalCount).toBe(1);
    });

    it('reads history and as-of by it', async () => {
      const history = (await run(auditor, `{ history(stream: { type: LEAD, id: "${upper(leadId)}" }) { totalCount edges { node { type } } } }`)).history;
      expect(history.edges.map((edge: Data) => edge.node.type)).toEqual(['LeadCaptured']);
      const asOf = (await run(auditor, 'query ($id: ID!, $t: DateTime) { lead(id: $id, asOf: $t) { id status } }', { id: upper(leadId), t: new Date().toISOString() })).lead;
      expect(asOf).toEqual({ id: leadId, status: 'NEW' });
    });
  });

  describe('a commandId is an idempotency key', () => {
    it.each([['a version 4', randomUUID], ['a version 7', newId]])(
      'answers the first write with replayed false and a retry with replayed true, writing nothing more, for %s commandId',
      async (_version, commandId) => {
        const input = capture({ commandId: commandId() });
        const first = (await run(rep, CAPTURE, { input })).captureLead;
        const head = await server.embedded.headPosition();
        const retry = (await run(rep, CAPTURE, { input })).captureLead;
        expect(first.replayed).toBe(false);
        expect(retry).toEqual({ ...first, replayed: true });
        expect(await server.embedded.headPosition()).toBe(head);
      },
    );

    it('takes the same input sent twice without a commandId as two writes: the server makes a new key each time', async () => {
      const input = capture();
      const first = (await run(rep, CAPTURE, { input })).captureLead;
      const second = (await run(rep, CAPTURE, { input })).captureLead;
      expect([first.replayed, second.replayed]).toEqual([false, false]);
      expect(second.lead.id).not.toBe(first.lead.id);
      expect(BigInt(second.position)).toBeGreaterThan(BigInt(first.position));
    });

    it('is the same key in upper case', async () => {
      const commandId = randomUUID();
      const input = capture({ commandId: upper(commandId) });
      const first = (await run(rep, CAPTURE, { input })).captureLead;
      expect((await run(rep, CAPTURE, { input: { ...input, commandId } })).captureLead).toEqual({ ...first, replayed: true });
    });

    it.each([['a version 4', randomUUID], ['a version 7', newId]])(
      'refuses %s key sent again with another input as CONFLICT IDEMPOTENCY_KEY_REUSED, writing nothing',
      async (_version, commandId) => {
        const input = capture({ commandId: commandId() });
        await run(rep, CAPTURE, { input });
        const head = await server.embedded.headPosition();
        const reused = await server.gql(rep, CAPTURE, { input: { ...input, lastName: 'de Vries' } });
        expect(reused.status).toBeLessThan(500);
        expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', commandId: input.commandId });
        expect(reused.data).toBeNull();
        expect(await server.embedded.headPosition()).toBe(head);
      },
    );

    it('answers a conversion sent again after it completed as replayed, with the same account, contact and opportunity', async () => {
      const leadId = (await run(rep, CAPTURE, { input: capture() })).captureLead.lead.id;
      await run(rep, QUALIFY, { input: { leadId } });
      const input = { leadId, commandId: randomUUID(), account: { kind: 'COMPANY' }, opportunity: { name: 'Ovens', amount: '48000.00', currency: 'EUR' } };
      const first = (await run(rep, CONVERT, { input })).convertLead;
      const head = await server.embedded.headPosition();
      const retry = (await run(rep, CONVERT, { input: { ...input, leadId: upper(leadId) } })).convertLead;
      expect(first).toMatchObject({ replayed: false, lead: { status: 'CONVERTED' } });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await server.embedded.headPosition()).toBe(head);
      const reused = await server.gql(rep, CONVERT, { input: { ...input, opportunity: null } });
      expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await server.embedded.headPosition()).toBe(head);
    });
  });

  describe('ids the server makes', () => {
    const HISTORY = 'query ($id: ID!) { history(stream: { type: LEAD, id: $id }) { edges { node { id type commandId } } } }';
    const capturedBy = async (input: Data) => {
      const lead = (await run(rep, CAPTURE, { input })).captureLead.lead;
      const [event] = (await run(auditor, HISTORY, { id: lead.id })).history.edges.map((edge: Data) => edge.node);
      return { leadId: lead.id as string, event };
    };

    it('are version 7, derived from a version 7 commandId it made, and sort in the order they were made', async () => {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await capturedBy(capture()));
      for (const { leadId, event } of made) {
        expect(uuidV7Time(event.commandId)).not.toBeNull();
        expect(leadId).toBe(derivedUuid(event.commandId, 'lead'));
        expect(uuidV7Time(leadId)).toBe(uuidV7Time(event.commandId));
        expect(uuidV7Time(event.id)).toBe(uuidV7Time(event.commandId));
      }
      const leadIds = made.map((m) => m.leadId);
      const eventIds = made.map((m) => m.event.id);
      expect([...leadIds].sort()).toEqual(leadIds);
      expect([...eventIds].sort()).toEqual(eventIds);
    });

    it('are still the version 5 ids derived from a caller\'s own version 4 commandId', async () => {
      const commandId = randomUUID();
      const { leadId, event } = await capturedBy(capture({ commandId }));
      expect(leadId).toBe(derivedUuid(commandId, 'lead'));
      expect(leadId[14]).toBe('5');
      expect(event.id[14]).toBe('5');
    });
  });
});
