import { AppliedThrough } from './applied-through';

/** Hands over `count` events from an endless source, as a batch would read them. */
const handOver = async (events: AsyncIterator<number>, count: number): Promise<void> => {
  for (let i = 0; i < count; i++) await events.next();
};

const endless = (): AsyncIterable<number> => ({
  [Symbol.asyncIterator]: () => {
    let n = 0;
    return { next: async () => ({ value: n++, done: false }) };
  },
});

describe('AppliedThrough', () => {
  it('tells at once how far the subscription looked when nothing handed over is still unapplied', async () => {
    const told: bigint[] = [];
    const through = new AppliedThrough((position) => told.push(position));
    const events = through.counted(endless())[Symbol.asyncIterator]();
    await handOver(events, 2);
    expect(through.batchApplied(2, 7n)).toBe(7n);
    through.caughtUp(40n);
    expect(told).toEqual([40n]);
  });

  it('keeps a report made while a batch is gathered or applied until that batch is stored', async () => {
    const told: bigint[] = [];
    const through = new AppliedThrough((position) => told.push(position));
    const events = through.counted(endless())[Symbol.asyncIterator]();
    await handOver(events, 3);
    through.caughtUp(50n);
    expect(told).toEqual([]);
    // The first two events' batch does not hold the third, which the report counted.
    expect(through.batchApplied(2, 20n)).toBe(20n);
    expect(through.batchApplied(1, 30n)).toBe(50n);
    // Reported once: the next batch announces its own position.
    await handOver(events, 1);
    expect(through.batchApplied(1, 60n)).toBe(60n);
    expect(told).toEqual([]);
  });

  it('never announces less than the batch stored', async () => {
    const through = new AppliedThrough(() => undefined);
    const events = through.counted(endless())[Symbol.asyncIterator]();
    await handOver(events, 1);
    through.caughtUp(10n);
    expect(through.batchApplied(1, 12n)).toBe(12n);
  });
});
