import type { ContractContext } from './contract-context';

/** What a process waiting for another's lease, or for another's stored batches, is told by the store. */
export function describeLeaseWaitContract(ctx: ContractContext): void {
  describe('waiting for a lease', () => {
    it("tells how long the holder's lease has left, by the store's clock, and null once it is free or expired", async () => {
      expect(await ctx.store.leaseTimeLeft('projector:leads')).toBeNull();
      await ctx.store.acquireLease('projector:leads', 'p1', 60_000);
      const left = (await ctx.store.leaseTimeLeft('projector:leads'))!;
      expect(left).toBeGreaterThan(50_000);
      expect(left).toBeLessThanOrEqual(60_000);
      ctx.advanceClock(30_000);
      expect(await ctx.store.leaseTimeLeft('projector:leads')).toBeLessThanOrEqual(left - 30_000);
      ctx.advanceClock(30_000);
      expect(await ctx.store.leaseTimeLeft('projector:leads')).toBeNull();
      // Sleeping that long is enough: once it says null, the lease is there to take.
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(true);
      await ctx.store.releaseLease('projector:leads', 'p2');
      expect(await ctx.store.leaseTimeLeft('projector:leads')).toBeNull();
    });
  });

  describe('watching checkpoints', () => {
    it("calls a listener after a batch with a checkpoint is stored, until it stops watching", async () => {
      let calls = 0;
      const stop = ctx.store.watchCheckpoints(() => calls++);
      // A change stream starts listening a moment after it is asked for: batches go on until one is told.
      let position = 0n;
      await waitFor(async () => {
        await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a' } }], { name: 'projector:leads', position: ++position });
        return calls > 0;
      });
      stop();
      const seen = calls;
      // Told a moment later on a change stream: a second listener, told of the next batch, says when
      // the first would have been, had it still been watching.
      let later = 0;
      const stopLater = ctx.store.watchCheckpoints(() => later++);
      await waitFor(async () => {
        await ctx.store.writeBatch([], { name: 'projector:leads', position: ++position });
        return later > 0;
      });
      stopLater();
      expect(calls).toBe(seen);
    });
  });
}

/** A change stream tells a moment later; SQLite tells at once. */
const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('not told in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
