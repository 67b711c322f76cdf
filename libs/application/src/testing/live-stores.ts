import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@crm/event-store';
import { Projector, SqliteReadStore, type Doc } from '@crm/read-models';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { UpdateAccountDetailsCommand } from '../accounts/update-account-details.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { UpdateLeadDetailsCommand } from '../leads/update-lead-details.command';
import { startApplication, type RunningApplication } from './application-harness';
import { context, leadInput } from './commands';
import { readThrough } from './per-test';

/** The write side, the stored (sealed) log, a read store file and a running projector, in a temp folder. */
export interface LiveStores {
  /** The log as stored: what a LiveFeed follows. */
  stored: SqliteEventStore;
  app: RunningApplication;
  readStore: SqliteReadStore;
  projector: Projector;
  captureLead(leadId?: string): Promise<string>;
  updateLead(leadId: string, jobTitle: string): Promise<void>;
  registerAccount(accountId?: string): Promise<string>;
  renameAccount(accountId: string, name: string): Promise<void>;
  /** The read-model document readers see now, through the alias. */
  doc(logical: string, id: string): Promise<Doc | null>;
  close(): Promise<void>;
}

export const startLiveStores = async (): Promise<LiveStores> => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-live-'));
  const stored = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const app = await startApplication(stored);
  const readStore = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
  const projector = new Projector(app.store, readStore, { log: () => undefined });
  await projector.start();
  const run = (command: object) => app.commands.execute(command as never);
  return {
    stored, app, readStore, projector,
    captureLead: async (leadId = randomUUID()) => (await run(new CaptureLeadCommand(leadInput(leadId), context())), leadId),
    updateLead: async (leadId, jobTitle) => void (await run(new UpdateLeadDetailsCommand({ leadId, jobTitle }, context()))),
    registerAccount: async (accountId = randomUUID()) => (await run(new RegisterAccountCommand({ accountId, name: `Account ${accountId.slice(0, 8)}`, kind: 'COMPANY' }, context())), accountId),
    renameAccount: async (accountId, name) => void (await run(new UpdateAccountDetailsCommand({ accountId, name }, context()))),
    doc: async (logical, id) => readStore.get(await projector.readModels.collectionFor(logical), id),
    close: async () => {
      await projector.stop();
      await readStore.close();
      await app.close();
      await stored.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Every event recorded after `after`, in log order. */
export const eventsAfter = async (events: EventStore, after: bigint): Promise<RecordedEvent[]> => {
  const found: RecordedEvent[] = [];
  for await (const event of events.readAll({ after })) found.push(event);
  return found;
};

/** The next `count` values of an iterator (fewer if it ends). */
export const takeNext = async <T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> => {
  const taken: T[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
};

/**
 * The stores of one describe block: opened before its tests, closed after them. What it returns reads
 * through to them, so a block names it once instead of declaring, opening and closing its own.
 */
export const liveStoresForSuite = (): LiveStores => {
  let current: LiveStores | null = null;
  beforeAll(async () => {
    current = await startLiveStores();
  });
  afterAll(async () => current?.close());
  return readThrough(() => current, 'the live stores');
};

/** Resolves once `condition` holds; fails after `timeoutMs` rather than hang the suite. */
export const waitFor = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
