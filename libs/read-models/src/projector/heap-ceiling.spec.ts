import { HeapCeiling, oldGenerationBytes } from './heap-ceiling';

const MiB = 2 ** 20;

/** About `bytes` of small objects, kept alive long enough (several scavenges) to reach the old generation. */
const retain = (bytes: number): Array<{ id: number; name: string }> => {
  const kept: Array<{ id: number; name: string }> = [];
  for (let i = 0; i < bytes / 64; i++) kept.push({ id: i, name: `item ${i}` });
  return kept;
};

describe('HeapCeiling', () => {
  it('collects once the old generation has grown past the allowance since it was set, and only then', () => {
    const ceiling = new HeapCeiling(16 * MiB, 32 * MiB);
    expect(ceiling.collections).toBe(1);
    expect(ceiling.collectIfOver()).toBe(false);
    const kept = retain(64 * MiB);
    expect(oldGenerationBytes()).toBeGreaterThan(ceiling.startBytes + 16 * MiB);
    expect(ceiling.collectIfOver()).toBe(true);
    expect(ceiling.collections).toBe(2);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('after a collection that leaves more than the allowance alive, waits for a step of growth: never a collection per check', () => {
    const ceiling = new HeapCeiling(8 * MiB, 32 * MiB);
    const kept = retain(48 * MiB);
    expect(ceiling.collectIfOver()).toBe(true);
    const left = oldGenerationBytes();
    expect(left).toBeGreaterThan(ceiling.startBytes + 8 * MiB);
    expect(ceiling.collectIfOver()).toBe(false);
    // Garbage that reached the old generation while it was made: collected once past the step, and freed.
    retain(48 * MiB);
    expect(oldGenerationBytes()).toBeGreaterThan(left + 32 * MiB);
    expect(ceiling.collectIfOver()).toBe(true);
    expect(ceiling.collections).toBe(3);
    expect(oldGenerationBytes()).toBeLessThan(left + 16 * MiB);
    expect(kept.length).toBeGreaterThan(0);
  });
});
