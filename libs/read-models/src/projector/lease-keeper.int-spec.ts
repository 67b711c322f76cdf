import type { ReadStore } from '../store/read-store.port';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { LeaseKeeper } from './lease-keeper';
import { waitUntil } from './testing/projector-fixtures';

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
  beforeEach(() => {
    store = new SqliteReadStore({ filename: ':memory:' });
  });
  afterEach(async () => {
    await Promise.all(keepers.splice(0).map((made) => made.release()));
    await store.close();
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
    // A ttl far longer than any pause of a loaded test process, so only a refused renewal could lose it.
    const lease = keeper(counting, 'projector', 'p1', 1_500);
    expect(await lease.acquire()).toBe(true);
    await waitUntil(async () => acquires >= 4);
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
    await waitUntil(async () => lost === 1);
    expect(lostAt).toBeGreaterThanOrEqual(started + 300);
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
    await waitUntil(async () => lost);
    expect(lease.isHeld).toBe(false);
    expect(await store.leaseHolder('projector')).toBe('p2');
  });
});
