import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { SqliteEventStore } from '@crm/event-store';
import { ALL_PROJECTIONS } from '../projections/projection-registry';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { collectGarbage } from './collect-garbage';
import { oldGenerationBytes } from './heap-ceiling';
import { Projector } from './projector';
import { appendWorkload, openEvents, snapshot, tempDir } from './testing/projector-fixtures';

const root = join(__dirname, '../../../..');
const quiet = { log: () => undefined, dropGraceMs: 0 };

describe("a rebuild's memory budget", () => {
  let tmp: ReturnType<typeof tempDir>;
  let events: SqliteEventStore;
  let store: SqliteReadStore;
  beforeAll(async () => {
    tmp = tempDir();
    events = openEvents(tmp.dir);
    store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    await appendWorkload(events, 6_000, 17);
  });
  afterAll(async () => {
    await store.close();
    await events.close();
    tmp.cleanup();
  });

  it('written out and read back many times, leaves every projection as the rebuild that holds everything, never holding more than the budget', async () => {
    const whole = await new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: Infinity }).rebuild();
    const held = await snapshot(store, ALL_PROJECTIONS);
    // Several times smaller than this log's model: reached again and again.
    const budget = 2 ** 20;
    const bounded = await new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: budget }).rebuild();
    expect(whole.evictions).toBe(0);
    expect(bounded.evictions).toBeGreaterThanOrEqual(10);
    expect(bounded.peakHeldBytes).toBeGreaterThan(budget / 2);
    expect(bounded.peakHeldBytes).toBeLessThanOrEqual(budget);
    expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(held);
  });

  // Documents replaced and evicted and the events read are garbage: the rebuild collects after an
  // eviction that frees at least a step of the heap's growth, and whenever the old generation has grown
  // by the budget (or by a step past what last survived). A budget this small frees less than a step.
  it('keeps the heap within the budget of what it held when it started plus a step, collecting as the heap grows', async () => {
    const budget = 2 ** 20;
    const step = 8 * 2 ** 20;
    collectGarbage();
    const start = oldGenerationBytes();
    let highest = start;
    const projector = new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: budget, rebuildBatchSize: 100 });
    const result = await projector.rebuild(undefined, ({ phase }) => {
      if (phase === 'replay') highest = Math.max(highest, oldGenerationBytes());
    });
    expect(result.evictions).toBeGreaterThanOrEqual(10);
    // One when it starts and those the heap's growth forced, not one per eviction.
    expect(result.collections).toBeGreaterThanOrEqual(1);
    expect(result.collections).toBeLessThan(result.evictions);
    // What survives (the documents held, the batch, the rebuild's own state) a few MiB above the start, plus a step.
    expect(highest - start).toBeLessThan(budget + step + 4 * 2 ** 20);
  });

  // Measured with the log let go, so the strings documents share with their events count as theirs (~1.0x here).
  it('estimates what its documents weigh to within a quarter of what they take on the heap', async () => {
    const child = spawn(process.execPath, ['--expose-gc', '-r', join(root, 'test/support/ts-register.js'), join(__dirname, 'testing/held-memory-child.ts'), '20000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const { estimated, grown, held } = JSON.parse(out) as { estimated: number; grown: number; held: number };
    expect(held).toBeGreaterThan(20_000);
    expect(grown / estimated).toBeGreaterThan(0.75);
    expect(grown / estimated).toBeLessThan(1.25);
  });
});
