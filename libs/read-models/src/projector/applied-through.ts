/**
 * How far a live runner has applied everything of its own, from what its subscription says it has
 * handed over (`SubscribeOptions.onCaughtUp`). A projection whose events are rare (the accounts under
 * stage changes) stores no batch for the events it skips, so its checkpoint alone would leave a
 * read-your-writes wait on such an event to look in the store; this lets the runner tell, from memory,
 * that nothing of its own is left up to the log's head it last looked at.
 *
 * The subscription reports `through` only while its consumer waits for more, so every event it
 * handed over before is either applied or in the batch being gathered or applied: `through` counts
 * once as many events were applied as had been handed over when it was reported.
 */
export class AppliedThrough {
  private delivered = 0;
  private applied = 0;
  private waiting: { through: bigint; delivered: number } | null = null;

  constructor(private readonly tell: (through: bigint) => void) {}

  /** The events as the batches read them, counted as they are handed over. */
  counted<T>(source: AsyncIterable<T>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        const inner = source[Symbol.asyncIterator]();
        return {
          next: () => inner.next().then((result) => {
            if (result.done !== true) this.delivered += 1;
            return result;
          }),
          return: async () => (await inner.return?.()) ?? { value: undefined, done: true },
        };
      },
    };
  }

  /** The subscription's report: told now when nothing handed over is still unapplied, else after the batch that applies it. */
  caughtUp(through: bigint): void {
    if (this.applied === this.delivered) this.tell(through);
    else this.waiting = { through, delivered: this.delivered };
  }

  /**
   * After a batch of `size` events is stored: the position the runner may announce, the batch's own
   * `position` or a report it now covers, whichever is further.
   */
  batchApplied(size: number, position: bigint | null): bigint | null {
    this.applied += size;
    const waiting = this.waiting;
    if (waiting === null || this.applied < waiting.delivered) return position;
    this.waiting = null;
    return position === null || waiting.through > position ? waiting.through : position;
  }
}
