import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const WEBHOOK = 'id url eventTypes description active createdAt deactivatedAt deactivatedReason';
const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { ${WEBHOOK} } secret } }`;
const LIST = `{ webhooks { ${WEBHOOK} } }`;
const ONE = `query ($id: ID!) { webhook(id: $id) { ${WEBHOOK} } }`;
const DELIVERIES = 'query ($id: ID!, $first: Int, $after: String) { webhookDeliveries(webhookId: $id, first: $first, after: $after) { edges { cursor node { id position status } } pageInfo { hasNextPage endCursor } totalCount } }';
const DELETE = 'mutation ($id: ID!) { deleteWebhook(input: { id: $id }) { id deleted } }';
const REDELIVER = 'mutation ($id: ID!) { redeliverWebhookDelivery(input: { id: $id }) { delivery { id status } } }';
const UNKNOWN_ID = '7d2c5bb6-1c5a-4c8e-9a57-1f0c4f0e2b11';
/** A name that never resolves (RFC 6761): accepted at creation, and nothing can ever be sent to it. */
const RECEIVER = 'https://Receiver.example.invalid/crm';

/** Every file of the data folder, whole: the log, the read models and the keys, with their write-ahead logs. */
const dataFolderBytes = (dir: string): Buffer =>
  Buffer.concat(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => readFileSync(join(entry.parentPath, entry.name))));

const client = (server: () => RunningServer) => {
  const run = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await server().gql<Data>(token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const refusal = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await server().gql<Data>(token, query, variables);
    expect(result.errors).toHaveLength(1);
    return result.errors![0].extensions as Data;
  };
  return { run, refusal };
};

describe('webhooks, administered over HTTP', () => {
  let server: RunningServer;
  let admin: string;
  const { run, refusal } = client(() => server);
  const create = (input: Data) => run(admin, CREATE, { input });

  beforeAll(async () => {
    server = await startServer();
    admin = await server.token('admin', 'admin-ada');
  });
  afterAll(async () => server.stop());

  it('creates a webhook and answers its secret this once: no read shows it again, and no file of the data folder holds it', async () => {
    const { createWebhook } = await create({ url: RECEIVER, eventTypes: ['OpportunityWon', 'LeadCaptured', 'OpportunityWon'], description: 'Finance sync' });
    const { webhook, secret } = createWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: 'https://receiver.example.invalid/crm', eventTypes: ['OpportunityWon', 'LeadCaptured'],
      description: 'Finance sync', active: true, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), deactivatedAt: null, deactivatedReason: null,
    });
    const later = (await create({ url: RECEIVER, eventTypes: [] })).createWebhook.webhook;

    const reads = [await run(admin, LIST), await run(admin, ONE, { id: webhook.id })];
    expect(reads[0].webhooks.map((w: Data) => w.id).slice(0, 2)).toEqual([later.id, webhook.id]);
    expect(reads[1].webhook).toEqual(webhook);
    expect(JSON.stringify(reads)).not.toContain(secret.slice('whsec_'.length, 20));
    const fields = (await run(admin, '{ __type(name: "Webhook") { fields { name } } }')).__type.fields.map((f: Data) => f.name);
    expect(fields.sort()).toEqual(['active', 'createdAt', 'deactivatedAt', 'deactivatedReason', 'description', 'eventTypes', 'id', 'url']);

    const files = dataFolderBytes(server.dataDir);
    expect(files.includes(secret)).toBe(false);
    expect(files.includes(Buffer.from(secret.slice('whsec_'.length), 'base64'))).toBe(false);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/', 'http://[::1]/', 'http://localhost:1/', 'http://[::ffff:10.0.0.1]/', 'ftp://receiver.example.invalid/',
    'https://user:secret@receiver.example.invalid/', 'https://receiver.example.invalid/#fragment',
  ])('refuses %s as BAD_USER_INPUT on url, storing nothing', async (url) => {
    const [before, head] = [await run(admin, LIST), await server.embedded.headPosition()];
    expect(await refusal(admin, CREATE, { input: { url, eventTypes: ['LeadCaptured'] } })).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'url', message: expect.any(String) }] });
    expect([await run(admin, LIST), await server.embedded.headPosition()]).toEqual([before, head]);
  });

  it('refuses an unknown event type on its index, storing nothing', async () => {
    const before = await run(admin, LIST);
    expect(await refusal(admin, CREATE, { input: { url: RECEIVER, eventTypes: ['NoSuchEvent'] } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'eventTypes[0]' }] });
    expect(await refusal(admin, CREATE, { input: { url: RECEIVER, eventTypes: ['LeadCaptured', 'leadcaptured'] } }))
      .toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'eventTypes[1]' }] });
    expect(await run(admin, LIST)).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown webhook or delivery, and null when one is looked up', async () => {
    expect(await refusal(admin, DELIVERIES, { id: UNKNOWN_ID })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(admin, DELETE, { id: UNKNOWN_ID })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(admin, REDELIVER, { id: 'msg_7d2c5bb6-1c5a-4c8e-9a57-1f0c4f0e2b11' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await run(admin, ONE, { id: UNKNOWN_ID })).toEqual({ webhook: null });
  });

  it("pages a webhook's deliveries, refusing a cursor that is not one of its own and a page out of bounds", async () => {
    const { id } = (await create({ url: RECEIVER, eventTypes: ['PipelineDefined'] })).createWebhook.webhook;
    expect((await run(admin, DELIVERIES, { id, first: 10 })).webhookDeliveries).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    expect(await refusal(admin, DELIVERIES, { id, after: 'bm90LWEtY3Vyc29y' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    expect(await refusal(admin, DELIVERIES, { id, first: 501 })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
  });

  it('deletes a webhook: gone from every read, and deleting it again is NOT_FOUND', async () => {
    const { id } = (await create({ url: RECEIVER, eventTypes: [] })).createWebhook.webhook;
    expect(await run(admin, DELETE, { id })).toEqual({ deleteWebhook: { id, deleted: true } });
    expect((await run(admin, LIST)).webhooks.map((w: Data) => w.id)).not.toContain(id);
    expect(await run(admin, ONE, { id })).toEqual({ webhook: null });
    expect(await refusal(admin, DELETE, { id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['rep', 'manager', 'auditor', 'analyst', 'privacy'] as const)('refuses the %s role every webhook operation as FORBIDDEN, storing nothing', async (role) => {
    const token = await server.token(role);
    const existing = (await run(admin, LIST)).webhooks[0].id;
    const before = await run(admin, LIST);
    for (const [query, variables] of [
      [CREATE, { input: { url: RECEIVER, eventTypes: [] } }], [LIST, {}], [ONE, { id: existing }], [DELIVERIES, { id: existing }],
      [DELETE, { id: existing }], [REDELIVER, { id: 'msg_7d2c5bb6-1c5a-4c8e-9a57-1f0c4f0e2b11' }],
    ] as const) {
      expect(await refusal(token, query, variables)).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await run(admin, LIST)).toEqual(before);
  });
});

describe('webhooks with CRM_WEBHOOK_ALLOW_PRIVATE=1', () => {
  let server: RunningServer;
  let admin: string;
  const { run, refusal } = client(() => server);

  beforeAll(async () => {
    server = await startServer({ env: { CRM_WEBHOOK_ALLOW_PRIVATE: '1' } });
    admin = await server.token('admin', 'admin-ada');
  });
  afterAll(async () => server.stop());

  it.each(['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/', 'http://[::1]:8080/hook', 'http://localhost:1/'])('accepts %s', async (url) => {
    expect((await run(admin, CREATE, { input: { url, eventTypes: [] } })).createWebhook.webhook.url).toBe(url);
  });

  it('still refuses another scheme, and credentials in the URL', async () => {
    for (const url of ['ftp://10.0.0.1/', 'http://admin:admin@10.0.0.1/']) {
      expect(await refusal(admin, CREATE, { input: { url, eventTypes: [] } })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'url' }] });
    }
  });
});
