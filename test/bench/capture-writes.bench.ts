import { join } from 'node:path';
import { newId } from '@crm/application';
import type { RecordedEvent } from '@crm/event-store';
import { ALL_PROJECTIONS, physicalCollection, SqliteReadStore, type Doc, type Projection, type ProjectionDocs, type WriteOp } from '@crm/read-models';
import { tempDir, type BenchRow } from './bench-kit';
import { pagesByTree, walCommits, walMark } from './wal-frames';

/** Commits of each size measured, after WARM_UP captures so that every b-tree has its depth. */
const BATCHES = (process.env.BENCH_CAPTURE_BATCHES ?? '1,4,12').split(',').map(Number);
const WARM_UP = 3_000;
const ROUNDS = 300;

/** The projections a captureLead's event reaches: the leads projection, which also counts the lead funnel. */
const projections = ['leads'].map((name) => ALL_PROJECTIONS.find((p) => p.name === name) as Projection);

/** The event a captureLead records, as `npm run bench -- api` sends it (plain, as the projections see it). */
const captured = (position: number): RecordedEvent => {
  const leadId = newId();
  const at = new Date();
  return {
    position: BigInt(position), streamName: `lead-${leadId}`, category: 'lead', revision: 0, id: newId(), type: 'LeadCaptured', recordedAt: at,
    metadata: { occurredAt: at.toISOString() },
    data: {
      leadId, subjectId: newId(), firstName: 'Bench', lastName: 'Lead', email: 'bench@example.nl', phone: null, jobTitle: null, seniority: null,
      companyName: 'Bench B.V.', companyDomain: null, source: 'WEB_FORM', sourceDetail: null, ownerId: null,
    },
  } as unknown as RecordedEvent;
};

/**
 * What the read-model file's WAL takes per captureLead when the live projections commit `batch`
 * captures at a time, without the server, its load or its timing: the leads projection's documents
 * (the leads and the lead funnel) written through the SQLite read store as its live batches write
 * them (a batch and its checkpoint in one transaction), and every WAL page attributed to its
 * b-tree. The api suite's figure depends on how many requests share a commit, which the machine's load
 * decides; this one names the commit size.
 */
async function measure(batch: number): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-capture-writes-');
  const file = join(tmp.dir, 'read-models.sqlite');
  const store = new SqliteReadStore({ filename: file });
  const held = new Map<string, Doc>();
  let position = 0;
  try {
    for (const p of projections) {
      for (const [collection, indexes] of Object.entries(p.collections)) {
        const search = p.search?.[collection];
        await store.ensureCollection(physicalCollection(collection, p.version), indexes, search ? { search } : {});
      }
    }
    const commit = async (p: Projection, events: readonly RecordedEvent[]): Promise<void> => {
      const ops: WriteOp[] = [];
      const docs: ProjectionDocs = {
        get: <T extends Doc>(collection: string, id: string) => (held.get(`${collection}/${id}`) as T | undefined) ?? null,
        put: (collection, doc) => {
          held.set(`${collection}/${doc.id}`, doc);
          ops.push({ kind: 'upsert', collection: physicalCollection(collection, p.version), doc });
        },
      };
      for (const event of events) p.apply(event, docs);
      await store.writeBatch(ops, { name: `bench:${p.name}`, position: BigInt(position) });
    };
    const round = async (): Promise<void> => {
      const events = Array.from({ length: batch }, () => captured(++position));
      for (const p of projections) await commit(p, events);
    };
    for (let i = 0; i < Math.ceil(WARM_UP / batch); i++) await round();
    // An empty WAL to start from: the measured rounds then fit in it, short of the store's own checkpoints.
    await store.purgeFreedSpace();
    const mark = walMark(file);
    for (let i = 0; i < ROUNDS; i++) await round();
    const wal = walCommits(file, mark);
    if (wal === null) throw new Error('The read-model WAL was checkpointed during the measurement');
    const pages = wal.commits.reduce((sum, c) => sum + c.length, 0);
    const perTree = pagesByTree(wal.commits).map(([name, count]) => `${name.replace(/_v\d+/, '')} ${(count / ROUNDS).toFixed(1)}`);
    return [
      { name: `read models: WAL per captureLead, ${batch} per commit (leads + lead funnel)`, value: (pages * wal.frameBytes) / (ROUNDS * batch) / 1024, unit: 'KB' },
      { name: `  pages per ${batch} captures, by b-tree: ${perTree.join(', ')}`, value: pages / ROUNDS, unit: 'pages' },
    ];
  } finally {
    await store.close();
    tmp.cleanup();
  }
}

export async function benchCaptureWrites(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const batch of BATCHES) rows.push(...(await measure(batch)));
  return rows;
}
