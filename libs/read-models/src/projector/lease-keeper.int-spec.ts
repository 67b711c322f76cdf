import type { ReadStore } from '../store/read-store.port';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { LeaseKeeper } from './lease-keeper';

type Acquire = (name: string, owner: string, ttlMs: number) => Promise<boolean>;

/** The store with `acquireLease` going through `acquire`, which may hold an answer back or never give one. */
const withAcquire = (store: ReadStore, acquire: (real: Acquire, ...args: Parameters<Acquire>) => Promise<boolean>): ReadStore =>
  new Proxy(store, {
    get(target, property) {
      if (property === 'acquireLease') return (...args: Parameters<Acquire>) => acquire(target.acquireLease.bind(target), ...args);
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
};

describe('LeaseKeeper (SQLite read store)', () => {
  let store: SqliteReadStore;
  const keepers: LeaseKeeper[] = [];
  const keeper = (...args: ConstructorParameters<typeof LeaseKeeper>): LeaseKeeper => {
    const made = new LeaseKeeper(...args);
    keepers.push(made);
    return made;
  };
  /**
   * Renewals and expiries run on jest's clock, which moves only when a test says: the store and the
   * keeper read it through Date.now, so a ttl passes exactly when the test moves time past it, however
   * slowly a loaded machine runs the test.
   */
  const elapse = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms).then(() => undefined);
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    store = new SqliteReadStore({ filename: ':memory:' });
  });
  afterEach(async () => {
    await Promise.all(keepers.splice(0).map((made) => made.release()));
    await store.close();
    jest.useRealTimers();
  });

  it('counts the time held from the start of the acquire that took it, not from its answer', async () => {
    let clock = 1_000_000;
    const answer = deferred<void>();
    const slow = withAcquire(store, async (real, ...args) => {
      await answer.promise;
      return real(...args);
    });
    const lease = keeper(slow, 'projector', 'p1', 60_000, undefined, () => clock);
    const acquiring = lease.acquire();
    clock += 400;
    answer.resolve();
    expect(await acquiring).toBe(true);
    expect(lease.surelyHeldForMs()).toBe(60_000 - 400);
    clock += 59_599;
    expect(lease.isHeld).toBe(true);
    clock += 1;
    expect(lease.isHeld).toBe(false);
    expect(lease.surelyHeldForMs()).toBe(0);
  });

  it('keeps the lease while its renewals are answered', async () => {
    let acquires = 0;
    const counting = withAcquire(store, (real, ...args) => {
      acquires++;
      return real(...args);
    });
    const lease = keeper(counting, 'projector', 'p1', 1_500);
    expect(await lease.acquire()).toBe(true);
    // Renewed every third of the ttl: ten ttls later it was renewed thirty times and is still held.
    await elapse(15_000);
    expect(acquires).toBe(31);
    expect(lease.isHeld).toBe(true);
    expect(await store.leaseHolder('projector')).toBe('p1');
  });

  it('loses the lease when its time passes while a renewal hangs, and a late answer does not bring it back', async () => {
    const hung = deferred<boolean>();
    let acquires = 0;
    const hanging = withAcquire(store, (real, ...args) => (++acquires === 1 ? real(...args) : hung.promise));
    let lost = 0;
    let lostAt = 0;
    const lease = keeper(hanging, 'projector', 'p1', 300, () => {
      lost++;
      lostAt = Date.now();
    });
    const started = Date.now();
    expect(await lease.acquire()).toBe(true);
    await elapse(299);
    expect(lost).toBe(0);
    expect(lease.isHeld).toBe(true);
    await elapse(1);
    expect(lost).toBe(1);
    expect(lostAt).toBe(started + 300);
    expect(lease.isHeld).toBe(false);
    // One renewal at a time: those due while it hung were not started.
    expect(acquires).toBe(2);
    hung.resolve(true);
    await hung.promise;
    expect(lease.isHeld).toBe(false);
    expect(lost).toBe(1);
  });

  it('loses the lease at its next renewal when another owner took it', async () => {
    let lost = false;
    const lease = keeper(store, 'projector', 'p1', 90, () => {
      lost = true;
    });
    expect(await lease.acquire()).toBe(true);
    // It changed hands behind the keeper's back (as after a pause longer than the ttl).
    await store.releaseLease('projector', 'p1');
    expect(await store.acquireLease('projector', 'p2', 60_000)).toBe(true);
    expect(lost).toBe(false);
    await elapse(30);
    expect(lost).toBe(true);
    expect(lease.isHeld).toBe(false);
    expect(await store.leaseHolder('projector')).toBe('p2');
  });
});
