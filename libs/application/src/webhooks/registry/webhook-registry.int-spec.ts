import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@crm/domain';
import { MasterKey } from '@crm/key-store';
import { SqliteReadStore } from '@crm/read-models';
import { RegisterAccountCommand } from '../../accounts/register-account.command';
import { Clock } from '../../core/clock';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../../testing/application-harness';
import { context } from '../../testing/commands';
import { WebhookSecrets, webhookDeliveryId } from '../webhook-secret';
import { WebhookStore } from '../webhook-store';
import type { WebhookDeliveryDoc } from '../webhook.docs';
import { WebhookRegistry } from './webhook-registry';

const DELIVERER = 'test-deliverer';

/** A second passes between any two readings: endpoints made one after the other have different times. */
class TickingClock extends Clock {
  private at = Date.parse('2026-11-02T09:00:00Z');
  now(): Date {
    this.at += 1000;
    return new Date(this.at);
  }
}

/** A delivery as the deliverer records it, at log position `position`. */
const delivery = (webhookId: string, position: number): WebhookDeliveryDoc => {
  const eventId = randomUUID();
  return {
    id: webhookDeliveryId(webhookId, eventId), webhookId, eventId, eventType: 'AccountRegistered', stream: `account-${randomUUID()}`, revision: 0,
    position: String(position).padStart(20, '0'), status: 'PENDING', attempts: 1, createdAt: new Date(1_700_000_000_000 + position).toISOString(),
    lastAttemptAt: null, nextAttemptAt: null, lastResponseStatus: 500, lastError: 'HTTP 500', deliveredAt: null, redeliverRequestedAt: null,
  };
};

/** What a call was refused with: its class and fields, or a failure when it succeeded. */
const refusal = async (call: Promise<unknown>): Promise<ValidationError | NotFoundError> => {
  const outcome = await call.then(() => null, (error: unknown) => error);
  if (outcome instanceof ValidationError || outcome instanceof NotFoundError) return outcome;
  throw new Error(`expected a ValidationError or NotFoundError, got ${String(outcome)}`);
};

describe('the webhook registry over the SQLite read store', () => {
  const events = tempEventStoreFile();
  const dir = mkdtempSync(join(tmpdir(), 'crm-webhooks-'));
  const masterKey = new MasterKey(randomBytes(32));
  let app: RunningApplication;
  let readStore: SqliteReadStore;
  let registry: WebhookRegistry;
  let store: WebhookStore;

  /** Every byte of the read store's files (database and write-ahead log). */
  const readStoreBytes = (): Buffer => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));

  beforeAll(async () => {
    app = await startApplication(events.open());
    await app.commands.execute(new RegisterAccountCommand({ accountId: randomUUID(), name: 'Receiver B.V.', kind: 'COMPANY' }, context()));
    readStore = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
    registry = new WebhookRegistry(readStore, app.store, masterKey, new TickingClock(), { allowPrivate: false });
    store = new WebhookStore(readStore);
    expect(await store.acquireLease(DELIVERER, 60_000)).toBe(true);
  });
  afterAll(async () => {
    await readStore.close();
    await app.close();
    events.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an endpoint that starts after the log head, its secret sealed and never stored in the clear', async () => {
    const head = await app.store.headPosition();
    const { webhook, secret } = await registry.create(
      { url: 'HTTPS://93.184.216.34:443/crm', eventTypes: ['OpportunityWon', 'LeadCaptured', 'OpportunityWon'], description: '  Finance  sync ' }, 'admin-1',
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook).toMatchObject({
      url: 'https://93.184.216.34/crm', eventTypes: ['OpportunityWon', 'LeadCaptured'], description: 'Finance sync', active: true, createdBy: 'admin-1',
      startAfter: head?.toString(), failingSince: null, deactivatedAt: null, deactivatedReason: null,
    });
    const stored = await store.endpoint(webhook.id);
    expect(stored).toEqual(webhook);
    expect(new WebhookSecrets(masterKey).open(webhook.id, stored!.sealedSecret)).toBe(secret);
    const bytes = readStoreBytes();
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(secret.slice('whsec_'.length))).toBe(false);
    expect(bytes.includes(Buffer.from(secret.slice('whsec_'.length), 'base64'))).toBe(false);
    expect(bytes.includes(stored!.sealedSecret)).toBe(true);
  });

  it('refuses bad input on each field at once and stores nothing', async () => {
    const before = await registry.list();
    const refused = await refusal(registry.create({ url: 'http://169.254.169.254/latest/meta-data', eventTypes: ['LeadCaptured', 'Nope'], description: 'x'.repeat(501) }, 'admin-1'));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.map((f) => f.field)).toEqual(['url', 'eventTypes[1]', 'description']);
    expect(await registry.list()).toEqual(before);
  });

  it('lists endpoints newest first, finds one, and refuses an unknown one', async () => {
    const older = (await registry.create({ url: 'https://93.184.216.34/a', eventTypes: [] }, 'admin-1')).webhook;
    const newer = (await registry.create({ url: 'https://93.184.216.34/b', eventTypes: [], description: '   ' }, 'admin-1')).webhook;
    const ids = (await registry.list()).map((webhook) => webhook.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(newer.description).toBeNull();
    expect(await registry.get(older.id)).toEqual(older);
    expect(await registry.find(randomUUID())).toBeNull();
    expect(await refusal(registry.get(randomUUID()))).toBeInstanceOf(NotFoundError);
  });

  it('deletes an endpoint with its sealed secret and its checkpoint, keeping its delivery log', async () => {
    const { webhook } = await registry.create({ url: 'https://93.184.216.34/gone', eventTypes: [] }, 'admin-1');
    await store.record(webhook.id, { deliveries: [delivery(webhook.id, 7)] }, 7n, { owner: DELIVERER });
    expect(await store.checkpoint(webhook.id)).toBe(7n);
    await registry.delete(webhook.id);
    expect([await store.endpoint(webhook.id), await store.checkpoint(webhook.id)]).toEqual([null, null]);
    expect(await registry.countDeliveries(webhook.id)).toBe(1);
    expect(await refusal(registry.redeliver(webhookDeliveryId(webhook.id, (await store.deliveries(webhook.id, {})).items[0].eventId)))).toMatchObject({ entity: 'Webhook' });
    expect(await readStore.purgeFreedSpace()).toBe(true);
    expect(readStoreBytes().includes(webhook.sealedSecret)).toBe(false);
    expect(await refusal(registry.delete(webhook.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(registry.deliveries(webhook.id, {}))).toBeInstanceOf(NotFoundError);
  });

  it("pages an endpoint's deliveries newest first, with cursors of that endpoint only", async () => {
    const { webhook } = await registry.create({ url: 'https://93.184.216.34/paged', eventTypes: [] }, 'admin-1');
    const other = (await registry.create({ url: 'https://93.184.216.34/other', eventTypes: [] }, 'admin-1')).webhook;
    await store.record(webhook.id, { deliveries: [3, 1, 5, 2, 4].map((position) => delivery(webhook.id, position)) }, null, { owner: DELIVERER });
    await store.record(other.id, { deliveries: [delivery(other.id, 9)] }, null, { owner: DELIVERER });
    const positions = (page: { items: WebhookDeliveryDoc[] }) => page.items.map((item) => Number(item.position));

    const first = await registry.deliveries(webhook.id, { first: 2 });
    expect([positions(first), first.hasNextPage, first.cursors.at(-1)]).toEqual([[5, 4], true, first.endCursor]);
    const second = await registry.deliveries(webhook.id, { first: 2, after: first.endCursor });
    expect([positions(second), second.hasNextPage]).toEqual([[3, 2], true]);
    const last = await registry.deliveries(webhook.id, { after: second.endCursor });
    expect([positions(last), last.hasNextPage, last.totalCount]).toEqual([[1], false, null]);
    expect(await registry.countDeliveries(webhook.id)).toBe(5);

    const othersCursor = (await registry.deliveries(other.id, { first: 1 })).endCursor;
    for (const after of [othersCursor!, 'not-a-cursor', Buffer.from('{"webhook":1}').toString('base64url')]) {
      expect(await refusal(registry.deliveries(webhook.id, { after }))).toMatchObject({ fields: [{ field: 'after' }] });
    }
    for (const size of [-1, 501, 1.5]) {
      expect(await refusal(registry.deliveries(webhook.id, { first: size }))).toMatchObject({ fields: [{ field: 'first' }] });
    }
    expect(await refusal(registry.deliveries(randomUUID(), {}))).toBeInstanceOf(NotFoundError);
  });

  it('records a redelivery request for the deliverer, and refuses an unknown delivery', async () => {
    const { webhook } = await registry.create({ url: 'https://93.184.216.34/again', eventTypes: [] }, 'admin-1');
    const failed = delivery(webhook.id, 11);
    await store.record(webhook.id, { deliveries: [failed] }, null, { owner: DELIVERER });
    const requested = await registry.redeliver(failed.id);
    expect(requested).toEqual({ ...failed, redeliverRequestedAt: expect.any(String) });
    expect(await store.delivery(failed.id)).toEqual(requested);
    expect((await store.redeliveryRequests()).map((request) => request.deliveryId)).toContain(failed.id);
    expect(await refusal(registry.redeliver(webhookDeliveryId(webhook.id, randomUUID())))).toMatchObject({ entity: 'WebhookDelivery' });
  });
});
