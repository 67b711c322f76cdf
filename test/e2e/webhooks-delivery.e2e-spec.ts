import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { signToken } from '@crm/application';
import { SqliteEventStore } from '@crm/event-store';
import { LoopbackReceiver, type ReceivedRequest } from '../../libs/application/src/webhooks/testing/loopback-receiver';
import { startProductProcess, type ProductProcess } from '../support/product-process';
import { waitUntil } from '../support/privacy-fixtures';
import { SECRET } from '../support/running-server';

const CREATE_WEBHOOK = 'mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }';
const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision } }';
const WORK = 'mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }';
const QUALIFY = 'mutation ($id: ID!) { qualifyLead(input: { leadId: $id }) { revision } }';
/** The request to the all-events endpoint left unanswered when the process is killed: an attempt in flight at the crash. */
const IN_FLIGHT_AT_CRASH = 25;

const idOf = (request: ReceivedRequest): string => String(request.headers['webhook-id']);
const positionOf = (request: ReceivedRequest): bigint => BigInt(JSON.parse(request.body).data.position);
/** What a receiver that deduplicates on webhook-id sees: each event's first arrival, in arrival order. */
const firstArrivals = (requests: readonly ReceivedRequest[]): ReceivedRequest[] => {
  const seen = new Set<string>();
  return requests.filter((request) => !seen.has(idOf(request)) && seen.add(idOf(request)));
};

describe('webhook delivery by the running product, across a crash (child process, SQLite)', () => {
  let dataDir: string;
  let all: LoopbackReceiver;
  let captures: LoopbackReceiver;
  let product: ProductProcess | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-webhooks-e2e-'));
    all = await LoopbackReceiver.start('/all');
    captures = await LoopbackReceiver.start('/captures');
  });
  afterAll(async () => {
    await product?.kill('SIGKILL');
    await all.close();
    await captures.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () => startProductProcess({
    dataDir,
    // A short delivery lease: the restarted process takes over from the killed one when it expires.
    env: {
      CRM_JWT_SECRET: SECRET, CRM_WEBHOOK_ALLOW_PRIVATE: '1', CRM_WEBHOOK_RETRY_SCHEDULE: '50ms,100ms', CRM_WEBHOOK_POLL_MS: '50',
      CRM_WEBHOOK_LEASE_TTL_MS: '6000', CRM_WEBHOOK_TIMEOUT_MS: '1500', LOG_LEVEL: 'warn',
    },
  });

  /** Captures, works and qualifies leads: three events each, personal data in the first. */
  const leads = async (process: ProductProcess, from: number, count: number): Promise<void> => {
    const token = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    for (let i = from; i < from + count; i++) {
      // The client's own id: right after a restart the read models may still wait for their leases, and the payload's lead with them.
      const leadId = randomUUID();
      const input = { id: leadId, firstName: 'Wilhelmina', lastName: `Brouwer${i}`, email: `wilhelmina${i}@brouwer.example`, companyName: `Zeep ${i} B.V.`, source: 'EVENT' };
      await process.gql(token, CAPTURE, { input });
      await process.gql(token, WORK, { id: leadId });
      await process.gql(token, QUALIFY, { id: leadId });
    }
  };

  it('delivers every event at least once and in log order per endpoint, though the process is killed in the middle of deliveries', async () => {
    product = await start();
    // Made as an admin makes them, with the secret each answer shows once.
    const admin = await signToken({ sub: 'admin-1', roles: ['admin'] }, SECRET);
    const create = async (url: string, eventTypes: string[]): Promise<string> => {
      const made = await product!.gql<{ createWebhook: { secret: string } }>(admin, CREATE_WEBHOOK, { input: { url, eventTypes } });
      return made.createWebhook.secret;
    };
    const secrets = { all: await create(all.url, []), captures: await create(captures.url, ['LeadCaptured', 'LeadQualified']) };

    // Every sixth request fails, so retries are under way too; the IN_FLIGHT_AT_CRASH-th is never answered by the first process.
    let crashed = false;
    all.answerWith(() => (all.requests.length === IN_FLIGHT_AT_CRASH && !crashed ? 'hang' : all.requests.length % 6 === 0 ? { status: 503 } : { status: 204 }));
    captures.answerWith(() => (captures.requests.length % 4 === 0 ? { status: 500 } : { status: 204 }));

    await leads(product, 0, 12);
    await all.arrived(IN_FLIGHT_AT_CRASH);
    const inFlight = idOf(all.requests[IN_FLIGHT_AT_CRASH - 1]);
    await product.kill('SIGKILL');
    crashed = true;

    product = await start();
    // The new process takes the delivery lease once the dead one's expires, and sends the attempt it left in flight again.
    await waitUntil('the attempt in flight at the crash is sent again', async () => all.requests.slice(IN_FLIGHT_AT_CRASH).some((request) => idOf(request) === inFlight), 60_000);
    await leads(product, 12, 8);

    const log = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
    try {
      const events: Array<{ type: string; position: bigint }> = [];
      for await (const event of log.readAll()) events.push({ type: event.type, position: event.position });
      expect(events).toHaveLength(60);
      const everything = events.map((event) => event.position);
      const capturedOrQualified = events.filter((event) => ['LeadCaptured', 'LeadQualified'].includes(event.type)).map((event) => event.position);
      await waitUntil('every event reached both receivers', async () =>
        firstArrivals(all.requests).length === everything.length && firstArrivals(captures.requests).length === capturedOrQualified.length, 60_000);
      expect(firstArrivals(all.requests).map(positionOf)).toEqual(everything);
      expect(firstArrivals(captures.requests).map(positionOf)).toEqual(capturedOrQualified);
    } finally {
      await log.close();
    }

    // Every attempt, the repeated ones too, is signed under the secret its endpoint's creation showed and carries no one's name or email.
    for (const [receiver, secret] of [[all, secrets.all], [captures, secrets.captures]] as const) {
      const bodies = new Map<string, string>();
      for (const request of receiver.requests) {
        expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
        expect(request.body).not.toMatch(/Wilhelmina|Brouwer|brouwer\.example/);
        expect(bodies.get(idOf(request)) ?? request.body).toBe(request.body);
        bodies.set(idOf(request), request.body);
      }
    }
    expect(all.requests.filter((request) => idOf(request) === inFlight).length).toBeGreaterThanOrEqual(2);
    expect(await product.stop()).toBe(0);
    product = null;
  }, 180_000);
});
