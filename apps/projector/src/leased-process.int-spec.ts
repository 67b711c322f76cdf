import { randomUUID } from 'node:crypto';
import { CheckpointedRunner, ReadStoreCheckpoints } from '@crm/application';
import { SqliteEventStore, type RecordedEvent } from '@crm/event-store';
import { SqliteReadStore } from '@crm/read-models';
import { LeasedProcess } from './leased-process';

const LEASE = 'process:recording';
const CATEGORY = 'recorded';
/** Short, so a takeover after a loss is quick. */
const SHORT_TTL_MS = 600;
/** Far longer than any stop may take: a stop that waited for a renewal or an expiry would show. */
const LONG_TTL_MS = 30_000;
const PROMPT_STOP_MS = 1_000;

/** What the background processes did, in order, across both LeasedProcess instances. */
class Timeline {
  readonly running = new Set<string>();
  readonly handled: Array<{ by: string; position: bigint }> = [];
  overlaps = 0;
  started(by: string): void {
    if (this.running.size > 0) this.overlaps++;
    this.running.add(by);
  }
}

/** A real runner over the log whose step only records who took it. */
class RecordingRunner extends CheckpointedRunner {
  constructor(readonly owner: string, events: SqliteEventStore, readStore: SqliteReadStore, private readonly timeline: Timeline) {
    super(events, new ReadStoreCheckpoints(readStore), { name: `Recording ${owner}`, checkpoint: LEASE, filter: { categories: [CATEGORY] } });
  }
  override start(mayContinue?: () => boolean): void {
    this.timeline.started(this.owner);
    super.start(mayContinue);
  }
  override async stop(): Promise<void> {
    await super.stop();
    this.timeline.running.delete(this.owner);
  }
  protected async complete(event: RecordedEvent): Promise<void> {
    this.timeline.handled.push({ by: this.owner, position: event.position });
  }
}

const until = async (what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const timed = async (work: () => Promise<void>): Promise<number> => {
  const started = Date.now();
  await work();
  return Date.now() - started;
};

describe('LeasedProcess: a background process run by one projector process at a time', () => {
  let events: SqliteEventStore;
  let readStore: SqliteReadStore;
  let timeline: Timeline;
  const quiet = (): void => undefined;
  const leased = (owner: string, ttlMs: number): LeasedProcess =>
    new LeasedProcess(readStore, LEASE, owner, ttlMs, new RecordingRunner(owner, events, readStore, timeline), quiet);
  const append = async (count: number): Promise<bigint> => {
    let position = 0n;
    for (let i = 0; i < count; i++) {
      const metadata = { actor: 'user-1', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() };
      ({ position } = await events.appendToStream(`${CATEGORY}-${randomUUID()}`, [{ id: randomUUID(), type: 'Recorded', data: { i }, metadata }], 'no_stream'));
    }
    return position;
  };
  const handledUpTo = (position: bigint): boolean => timeline.handled.some((step) => step.position === position);

  beforeEach(() => {
    events = new SqliteEventStore({ path: ':memory:' });
    readStore = new SqliteReadStore({ filename: ':memory:' });
    timeline = new Timeline();
  });
  afterEach(async () => {
    await events.close();
    await readStore.close();
  });

  it('runs in one instance; the other takes over from the checkpoint when the first stops; every event handled once', async () => {
    const a = leased('a', SHORT_TTL_MS);
    const b = leased('b', SHORT_TTL_MS);
    a.start();
    await until('a runs', () => a.isRunning);
    b.start();
    const first = await append(3);
    await until('a handled the first events', () => handledUpTo(first));
    expect(await timed(() => a.stop())).toBeLessThan(PROMPT_STOP_MS);
    await until('b took over', () => b.isRunning, 2 * SHORT_TTL_MS);
    const last = await append(2);
    await until('b handled the later events', () => handledUpTo(last));
    await b.stop();
    expect(timeline.overlaps).toBe(0);
    expect(timeline.handled.map((step) => step.by)).toEqual(['a', 'a', 'a', 'b', 'b']);
    expect(new Set(timeline.handled.map((step) => step.position)).size).toBe(5);
  });

  it('stops the process in the instance that lost its lease; the other runs it once it can take the lease', async () => {
    const a = leased('a', SHORT_TTL_MS);
    const b = leased('b', SHORT_TTL_MS);
    a.start();
    await until('a runs', () => a.isRunning);
    b.start();
    // Taken from under a (as by a process that saw it expire): a's next renewal fails.
    await readStore.releaseLease(LEASE, 'a');
    expect(await readStore.acquireLease(LEASE, 'elsewhere', LONG_TTL_MS)).toBe(true);
    await until('a stopped its process', () => !a.isRunning && !timeline.running.has('a'), 2 * SHORT_TTL_MS);
    await readStore.releaseLease(LEASE, 'elsewhere');
    await until('b took over', () => b.isRunning, 2 * SHORT_TTL_MS);
    const last = await append(2);
    await until('b handled the events', () => handledUpTo(last));
    expect(timeline.handled.every((step) => step.by === 'b')).toBe(true);
    expect(timeline.overlaps).toBe(0);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('stops at once: while taking the lease, while holding it, and while waiting for another to let it go', async () => {
    const a = leased('a', LONG_TTL_MS);
    a.start();
    expect(await timed(() => a.stop())).toBeLessThan(PROMPT_STOP_MS);
    a.start();
    await until('a runs', () => a.isRunning);
    const b = leased('b', LONG_TTL_MS);
    b.start();
    await until('b asked for the lease', () => timeline.running.size === 1 && !b.isRunning);
    expect(await timed(() => b.stop())).toBeLessThan(PROMPT_STOP_MS);
    expect(await timed(() => a.stop())).toBeLessThan(PROMPT_STOP_MS);
    expect(timeline.running.size).toBe(0);
  });

  it('stops a runner asked to stop while it reads its checkpoint', async () => {
    const runner = new RecordingRunner('a', events, readStore, timeline);
    runner.start();
    const stopped = runner.stop().then(() => 'stopped');
    const hung = new Promise((resolve) => setTimeout(() => resolve('hung'), PROMPT_STOP_MS).unref());
    expect(await Promise.race([stopped, hung])).toBe('stopped');
  });
});
