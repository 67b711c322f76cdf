import { MemoryBudget } from './memory-budget';
import { TargetDocs, type CachedDoc } from './target-docs';

const doc = (id: string, lastPosition: number): CachedDoc => ({ id, lastPosition });

/** A rebuild's target with a budget large enough that only the test evicts. */
const rebuildTarget = (): { docs: TargetDocs; budget: MemoryBudget } => {
  const budget = new MemoryBudget(64 * 2 ** 20);
  return { docs: new TargetDocs(true, Infinity, budget), budget };
};

const evict = (docs: TargetDocs, before: number): string[] => docs.evictOlderThan(before).map(([collection, written]) => `${collection}/${written.id}@${written.lastPosition}`);

describe("a rebuild's held documents", () => {
  it('evicts the least recently changed, however early a document was first written, and hands over their changes', () => {
    const { docs } = rebuildTarget();
    docs.write('leads', doc('a', 1));
    docs.write('leads', doc('b', 2));
    docs.write('deals', doc('c', 3));
    docs.write('leads', doc('a', 4));
    expect(evict(docs, 4).sort()).toEqual(['deals/c@3', 'leads/b@2']);
    expect(docs.get('leads', 'a')).toEqual(doc('a', 4));
    expect(docs.resident).toBe(1);
    expect(docs.hasChanges).toBe(true);
    // Written out, so no longer known to be absent: read back from the store when needed.
    expect(docs.get('leads', 'b')).toBeUndefined();
    expect(docs.get('deals', 'c')).toBeUndefined();
  });

  it('hands over each change once: what was written out or read back is not handed over again', () => {
    const { docs } = rebuildTarget();
    docs.write('leads', doc('a', 1));
    docs.write('leads', doc('b', 2));
    expect(evict(docs, 2)).toEqual(['leads/a@1']);
    docs.load('leads', 'a', doc('a', 1));
    docs.load('leads', 'z', null);
    docs.write('leads', doc('c', 5));
    expect(evict(docs, 5)).toEqual(['leads/b@2']);
    // The known absence and what was read back go too: only c, changed since, stays.
    expect(docs.resident).toBe(1);
    expect([...docs.takeChanges()].map(([, written]) => written.id)).toEqual(['c']);
    expect(docs.hasChanges).toBe(false);
    expect(evict(docs, Infinity)).toEqual([]);
  });

  it('counts what it drops off the budget', () => {
    const { docs, budget } = rebuildTarget();
    const empty = budget.heldBytes;
    for (let i = 0; i < 1_000; i++) docs.write('leads', doc(`lead-${i}`, i + 1));
    const full = budget.heldBytes - empty;
    evict(docs, 501);
    expect(docs.resident).toBe(500);
    expect((budget.heldBytes - empty) / full).toBeCloseTo(0.5, 1);
    evict(docs, Infinity);
    expect(docs.resident).toBe(0);
    expect(budget.heldBytes - empty).toBeCloseTo(0, 6);
  });
});
