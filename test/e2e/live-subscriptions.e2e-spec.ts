import WebSocket from 'ws';
import { LiveFeed } from '@crm/application';
import { startServer, type RunningServer } from '../support/running-server';
import { liveClient, liveUrlOf, Received } from '../support/live-client';
import { waitUntil } from '../support/privacy-fixtures';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { position lead { id } } }`;
const WORK = `mutation ($input: LeadRefInput!) { startWorkingLead(input: $input) { position } }`;
const QUALIFY = `mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { position } }`;
const ENTITY_CHANGED = `subscription ($filter: EntityChangeFilter, $after: String) {
  entityChanged(filter: $filter, after: $after) { type id revision position eventType occurredAt } }`;

interface Change { type: string; id: string; revision: number; position: string; eventType: string; occurredAt: string }
type Pushed = { entityChanged: Change };

const capture = async (server: RunningServer, token: string, lastName = 'Visser'): Promise<{ id: string; position: string }> => {
  const answer = await server.gql<{ captureLead: { position: string; lead: { id: string } } }>(token, CAPTURE, {
    input: { firstName: 'Eva', lastName, email: 'eva@visser-logistiek.nl', companyName: 'Visser Logistiek', source: 'WEB_FORM' },
  });
  expect(answer.errors).toBeUndefined();
  return { id: answer.data!.captureLead.lead.id, position: answer.data!.captureLead.position };
};

describe('entityChanged over graphql-ws against the running process', () => {
  let server: RunningServer;
  let rep: string;
  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep');
  });
  afterAll(async () => server.stop());

  it('pushes the events of the entities asked for, once the read model shows them', async () => {
    const lead = await capture(server, rep);
    const other = await capture(server, rep, 'Smit');
    const { client } = liveClient(server.url, { Authorization: `Bearer ${rep}` });
    try {
      // From the capture on: what happens between subscribing and the server starting to follow is not lost.
      const mine = new Received<Pushed>(client, ENTITY_CHANGED, { filter: { types: ['LEAD'], ids: [lead.id.toUpperCase()] }, after: lead.position });
      const others = new Received<Pushed>(client, ENTITY_CHANGED, { filter: { ids: [other.id] }, after: lead.position });
      await server.gql(rep, WORK, { input: { leadId: other.id } });
      const worked = await server.gql<{ startWorkingLead: { position: string } }>(rep, WORK, { input: { leadId: lead.id } });
      const qualified = await server.gql<{ qualifyLead: { position: string } }>(rep, QUALIFY, { input: { leadId: lead.id } });

      await mine.until((items) => items.length >= 2);
      expect(mine.items.map((item) => item.entityChanged)).toEqual([
        expect.objectContaining({ type: 'LEAD', id: lead.id, revision: 1, eventType: 'LeadWorkingStarted', position: worked.data!.startWorkingLead.position }),
        expect.objectContaining({ type: 'LEAD', id: lead.id, revision: 2, eventType: 'LeadQualified', position: qualified.data!.qualifyLead.position }),
      ]);
      const read = await server.gql<{ lead: { status: string; revision: number } }>(rep, `query ($id: ID!) { lead(id: $id) { status revision } }`, { id: lead.id });
      expect(read.data!.lead).toEqual({ status: 'QUALIFIED', revision: 2 });
      await others.until((items) => items.length >= 2);
      expect(others.items.map((item) => [item.entityChanged.id, item.entityChanged.eventType])).toEqual([[other.id, 'LeadCaptured'], [other.id, 'LeadWorkingStarted']]);
      expect(mine.errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('gives a client that reconnects with after exactly the changes it missed, in order, then live ones', async () => {
    const first = liveClient(server.url, { Authorization: `Bearer ${rep}` });
    const start = await capture(server, rep, 'Start');
    const before = new Received<Pushed>(first.client, ENTITY_CHANGED, { filter: { types: ['LEAD'] }, after: start.position });
    const seen = await capture(server, rep, 'Seen');
    await before.until((items) => items.some((item) => item.entityChanged.id === seen.id));
    await first.client.dispose();
    const lastSeen = before.items[before.items.length - 1].entityChanged.position;

    const missed: string[] = [];
    for (let i = 0; i < 20; i++) missed.push((await capture(server, rep, `Missed ${i}`)).id);

    const second = liveClient(server.url, { Authorization: `Bearer ${rep}` });
    try {
      const after = new Received<Pushed>(second.client, ENTITY_CHANGED, { filter: { types: ['LEAD'] }, after: lastSeen });
      await after.until((items) => items.length >= 20);
      const live = await capture(server, rep, 'Live');
      await after.until((items) => items.some((item) => item.entityChanged.id === live.id));
      expect(after.items.map((item) => item.entityChanged.id)).toEqual([...missed, live.id]);
      const positions = after.items.map((item) => BigInt(item.entityChanged.position));
      expect(positions.every((position, i) => position > BigInt(lastSeen) && (i === 0 || position > positions[i - 1]))).toBe(true);
    } finally {
      await second.client.dispose();
    }
  });

  it('refuses a socket without a valid token, and a subscription the role may not read', async () => {
    const anonymous = liveClient(server.url, {});
    await expect(anonymous.closed).resolves.toEqual({ code: 4401, reason: expect.stringContaining('bearer token is required') });
    const forged = liveClient(server.url, { Authorization: 'Bearer not-a-token' });
    await expect(forged.closed).resolves.toEqual({ code: 4401, reason: expect.stringContaining('refused') });

    const privacy = liveClient(server.url, { Authorization: `Bearer ${await server.token('privacy')}` });
    try {
      const refused = new Received<Pushed>(privacy.client, ENTITY_CHANGED, {});
      await refused.until((_, errors) => errors.length > 0);
      expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    } finally {
      await privacy.client.dispose();
    }
  });

  it('refuses bad input by field, and queries, which are sent over HTTP', async () => {
    const { client } = liveClient(server.url, { Authorization: `Bearer ${rep}` });
    try {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        [ENTITY_CHANGED, { after: 'twelve' }, 'after'],
        [ENTITY_CHANGED, { after: '99999999999999999' }, 'after'],
        [ENTITY_CHANGED, { filter: { ids: ['not-a-uuid'] } }, 'filter.ids'],
        [ENTITY_CHANGED, { filter: { types: ['INVOICE'] } }, 'filter.types'],
        ['query { __typename }', {}, 'query'],
      ];
      for (const [query, variables, field] of cases) {
        const refused = new Received<Pushed>(client, query, variables);
        await refused.until((_, errors) => errors.length > 0);
        const [error] = refused.errors as Array<{ extensions: { code: string; fields: Array<{ field: string }> } }>;
        expect(error.extensions.code).toBe('BAD_USER_INPUT');
        expect(error.extensions.fields.map((f) => f.field).join(' ')).toContain(field);
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('a slow subscriber', () => {
  const MAX_QUEUED = 20;
  const SUBSCRIPTIONS = 40;
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { CRM_LIVE_MAX_QUEUED: String(MAX_QUEUED) } });
  });
  afterAll(async () => server.stop());

  it('is cut off with 4413 while what the server holds for it stays bounded; a reader that keeps up is not', async () => {
    const rep = await server.token('rep');
    const feed = server.embedded.app.get(LiveFeed);
    const keepsUp = liveClient(server.url, { Authorization: `Bearer ${rep}` });
    const everything = new Received<Pushed>(keepsUp.client, ENTITY_CHANGED, { filter: { types: ['LEAD'] } });

    const slow = new WebSocket(liveUrlOf(server.url), 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => slow.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${rep}` } }));
    await new Promise((resolve) => slow.once('message', resolve));
    for (let i = 0; i < SUBSCRIPTIONS; i++) slow.send(JSON.stringify({ id: String(i), type: 'subscribe', payload: { query: ENTITY_CHANGED } }));
    await waitUntil('the slow socket\'s subscriptions are filed', async () => feed.stats().subscriptions >= SUBSCRIPTIONS + 1);
    // The client stops reading: what the server sends piles up in the kernel's buffers, then in the server.
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const captured: string[] = [];
    let mostQueued = 0;
    for (let round = 0; round < 300 && feed.stats().subscriptions > 1; round++) {
      captured.push(...(await Promise.all(Array.from({ length: 10 }, () => capture(server, rep, 'Busy')))).map((lead) => lead.id));
      mostQueued = Math.max(mostQueued, feed.stats().queued);
    }
    expect(feed.stats().subscriptions).toBe(1);
    expect(mostQueued).toBeLessThanOrEqual((SUBSCRIPTIONS + 1) * MAX_QUEUED);

    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    await expect(closed).resolves.toEqual({ code: 4413, reason: expect.stringContaining('too slow') });
    await everything.until((items) => captured.every((id) => items.some((item) => item.entityChanged.id === id)), 30_000);
    expect(feed.stats().subscriptions).toBe(1);
    await keepsUp.client.dispose();
    await waitUntil('every subscription is gone', async () => feed.stats().subscriptions === 0);
  });
});
