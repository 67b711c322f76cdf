import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WriteOp } from '../read-store.port';
import { SqliteReadStore } from './sqlite-read-store';

export interface ReadStoreWriteBenchOptions {
  /** Total upserts measured (after a warm-up of one tenth). */
  upserts?: number;
  batchSize?: number;
  /** Also maintain two declared expression indexes (a status/date list and an owner lookup). Default false. */
  indexed?: boolean;
}

/**
 * Upserts of lead-like documents (~400 bytes) into a temp file, in writeBatch calls of
 * `batchSize` ops each with a checkpoint, as the projector writes. Without secondary indexes
 * this measures the store's own write path; each declared index adds SQLite B-tree work
 * (about a third of the throughput per index on a 2-core machine).
 */
export async function benchReadStoreWrites(options: ReadStoreWriteBenchOptions = {}): Promise<{ upsertsPerSecond: number }> {
  const upserts = options.upserts ?? 200_000;
  const batchSize = options.batchSize ?? 1_000;
  const dir = mkdtempSync(join(tmpdir(), 'crm-read-store-bench-'));
  const store = new SqliteReadStore({ filename: join(dir, 'bench.sqlite') });
  try {
    const indexes = [{ fields: [{ field: 'status' }, { field: 'capturedAt', direction: -1 as const }] }, { fields: [{ field: 'owner.id' }] }];
    await store.ensureCollection('leads_bench', options.indexed === true ? indexes : []);
    let position = 0n;
    const run = async (batches: WriteOp[][]): Promise<void> => {
      for (const ops of batches) {
        position += BigInt(ops.length);
        await store.writeBatch(ops, { name: 'leads_bench', position });
      }
    };
    await run(batches(upserts, Math.floor(upserts / 10), batchSize));
    const measured = batches(0, upserts, batchSize);
    const started = process.hrtime.bigint();
    await run(measured);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { upsertsPerSecond: Math.round(upserts / seconds) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const STATUSES = ['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'];

/** Built before timing: the projection's own work is not the store's. */
function batches(from: number, count: number, batchSize: number): WriteOp[][] {
  const out: WriteOp[][] = [];
  for (let start = 0; start < count; start += batchSize) out.push(batch(from + start, Math.min(batchSize, count - start)));
  return out;
}

function batch(from: number, size: number): WriteOp[] {
  return Array.from({ length: size }, (_, i): WriteOp => {
    const n = from + i;
    return {
      kind: 'upsert',
      collection: 'leads_bench',
      doc: {
        id: `lead-${n.toString(36).padStart(8, '0')}`,
        firstName: 'Ada',
        lastName: `Lovelace ${n}`,
        email: `ada.${n}@example.com`,
        companyName: `Analytical Engines ${n % 997}`,
        status: STATUSES[n % STATUSES.length],
        source: 'WEB_FORM',
        owner: { id: `user-${n % 50}`, name: `Owner ${n % 50}` },
        capturedAt: new Date(1_700_000_000_000 + n * 60_000).toISOString(),
        searchText: `ada lovelace ${n} analytical engines`,
        lastPosition: String(n),
        revision: n % 7,
      },
    };
  });
}
