import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventMetadata, type EventStore } from '@crm/event-store';
import type { Doc, ReadStore } from '../../store/read-store.port';
import type { Projection } from '../../projections/projection';
import { crmWorkload } from '../../projections/testing/crm-workload';

export const tempDir = (): { dir: string; cleanup(): void } => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-projector-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

/** Metadata under fresh ids, as a command by the test's actor would write it now. */
export const testMetadata = (): EventMetadata => ({ actor: 'test', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() });

export const openEvents = (dir: string): SqliteEventStore => new SqliteEventStore({ path: join(dir, 'events.sqlite'), crossProcessPollMs: 20 });

/** Appends a generated workload, a few hundred events per group commit. */
export const appendWorkload = async (events: EventStore, count: number, seed: number): Promise<void> => {
  let group: Array<Promise<unknown>> = [];
  for (const { streamName, event } of crmWorkload({ events: count, seed })) {
    group.push(events.appendToStream(streamName, [event], 'any'));
    if (group.length >= 500) {
      await Promise.all(group);
      group = [];
    }
  }
  await Promise.all(group);
};

/** Every document of every collection of the projections, as readers see them (through the aliases). */
export const snapshot = async (store: ReadStore, projections: readonly Projection[]): Promise<Record<string, Doc[]>> => {
  const result: Record<string, Doc[]> = {};
  for (const projection of projections) {
    for (const logical of Object.keys(projection.collections)) {
      const physical = (await store.getAlias(logical)) ?? logical;
      const docs: Doc[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<ReadStore['find']>> = await store.find(physical, { first: 500, after });
        docs.push(...page.items);
        after = page.hasNextPage ? page.endCursor : null;
      } while (after !== null);
      result[logical] = docs;
    }
  }
  return result;
};

export const waitUntil = async (condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
