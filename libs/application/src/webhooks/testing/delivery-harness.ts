import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@crm/event-store';
import { KeyRing, MasterKey, SqliteKeyStore } from '@crm/key-store';
import { SqliteReadStore, type ReadStore } from '@crm/read-models';
import { PersonalDataCodec } from '../../privacy/personal-data-codec';
import type { WebhookDeliveryConfig } from '../delivery/delivery-config';
import { WebhookDeliverer, type WebhookDelivererOptions } from '../delivery/webhook-deliverer';
import { newWebhookSecret, WebhookSecrets } from '../webhook-secret';
import { WebhookStore } from '../webhook-store';
import type { WebhookEndpointDoc } from '../webhook.docs';

export const metadataAt = (occurredAt = new Date().toISOString()) => ({ actor: 'rep-1', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt });

/** Fast settings for tests: retries after 20 ms, a look at the store every 20 ms, loopback allowed. */
export const quickConfig = (over: Partial<WebhookDeliveryConfig> = {}): WebhookDeliveryConfig => ({
  retrySchedule: [20], deactivateAfterMs: 3_600_000, pollMs: 20, allowPrivate: true, leaseTtlMs: 36_000, attemptTimeoutMs: 10_000, ...over,
});

/**
 * Real SQLite stores in a temp folder, the way a process has them: the log as stored, the read store
 * that keeps webhooks, a master key and a key store to seal personal data with. Deliverers made here
 * are stopped by `close`.
 */
export class DeliveryHarness {
  readonly events: SqliteEventStore;
  readonly readStore: SqliteReadStore;
  readonly webhooks: WebhookStore;
  readonly masterKey = new MasterKey(randomBytes(32));
  readonly codec: PersonalDataCodec;
  private readonly keyStore = new SqliteKeyStore({ path: ':memory:' });
  private readonly deliverers: WebhookDeliverer[] = [];
  private readonly opened: SqliteReadStore[] = [];

  constructor(readonly dir = mkdtempSync(join(tmpdir(), 'crm-webhooks-'))) {
    this.events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    this.readStore = this.openReadStore();
    this.webhooks = new WebhookStore(this.readStore);
    this.codec = new PersonalDataCodec(new KeyRing(this.keyStore, this.masterKey));
  }

  /** Another connection to the same read-store file, as another process would have. */
  openReadStore(): SqliteReadStore {
    const store = new SqliteReadStore({ filename: join(this.dir, 'read-models.sqlite') });
    this.opened.push(store);
    return store;
  }

  /** Writes an endpoint as the registry does, its secret sealed under the master key; returns the secret. */
  async addEndpoint(url: string, over: Partial<WebhookEndpointDoc> = {}): Promise<{ id: string; secret: string }> {
    const id = over.id ?? randomUUID();
    const secret = newWebhookSecret();
    await this.webhooks.createEndpoint({
      id, url, eventTypes: [], description: null, active: true, createdAt: new Date().toISOString(), createdBy: 'admin-1', startAfter: null,
      sealedSecret: new WebhookSecrets(this.masterKey).seal(id, secret), failingSince: null, deactivatedAt: null, deactivatedReason: null, ...over,
    });
    return { id, secret };
  }

  /** Appends `count` events of `type`, each on a new lead stream; returns their positions in log order. */
  async append(count: number, type = 'LeadQualified'): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const leadId = randomUUID();
      const event: NewEvent = { id: randomUUID(), type, data: { leadId, from: 'NEW' }, metadata: metadataAt() };
      positions.push((await this.events.appendToStream(`lead-${leadId}`, [event], 'no_stream')).position);
    }
    return positions;
  }

  /** Appends a LeadCaptured with a person's fields sealed, as the write path stores it. */
  async captureSealed(person: Record<string, string>): Promise<bigint> {
    const leadId = randomUUID();
    const subjectId = await this.codec.keys.newSubject();
    const event: NewEvent = {
      id: randomUUID(), type: 'LeadCaptured', metadata: metadataAt(),
      data: { leadId, subjectId, ...person, phone: null, jobTitle: null, seniority: null, sourceDetail: null, companyName: 'Zeep B.V.', companyDomain: null, source: 'EVENT', ownerId: null },
    };
    const [sealed] = await this.codec.seal([event], subjectId);
    return (await this.events.appendToStream(`lead-${leadId}`, [sealed], 'no_stream')).position;
  }

  deliverer(options: WebhookDelivererOptions = {}, readStore: ReadStore = this.readStore): WebhookDeliverer {
    const deliverer = new WebhookDeliverer(this.events, readStore, this.masterKey, { config: quickConfig(), leaseTtlMs: 3_000, timeoutMs: 900, log: () => undefined, ...options });
    this.deliverers.push(deliverer);
    return deliverer;
  }

  async close(): Promise<void> {
    await Promise.all(this.deliverers.map((deliverer) => deliverer.stop()));
    await this.events.close();
    await Promise.all(this.opened.map((store) => store.close()));
    await this.keyStore.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until `probe` answers true; fails naming `what` when it does not within the time given. */
export const waitUntil = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
