/**
 * One SQLite commit for the batches asked for in the same turn of the event loop.
 *
 * Every live projection of a command commits its own batch with its own checkpoint (a captureLead:
 * the leads and lead funnel projections; a stage change: three opportunity projections). Each
 * commit appends the file's header page and the checkpoint table's page to the WAL again and pays
 * the commit's own work, so commits that land together are taken as one: each batch runs in a
 * savepoint of one IMMEDIATE transaction, which keeps every batch atomic on its own (a batch that
 * fails rolls back alone and only its caller sees the error) and the batches in the order asked.
 */
/** A batch's outcome in `WriteGroupCommit`'s answer when it was written; any other value is what rolled it back. */
export const WRITTEN = Symbol('written');

/** Runs the batches in one transaction and answers an outcome per batch; throws when the whole group failed. */
export type WriteGroupCommit<B> = (batches: readonly B[]) => unknown[];

interface Waiting<B> {
  batch: B;
  resolve(): void;
  reject(error: unknown): void;
}

export class SqliteWriteGroup<B> {
  private waiting: Waiting<B>[] = [];

  constructor(private readonly commit: WriteGroupCommit<B>) {}

  /** Settles once the batch is committed, or rejects with what rolled it (or the whole group) back. */
  write(batch: B): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // After the microtasks of this turn: projections woken by the same append ask within it.
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ batch, resolve, reject });
    });
  }

  /** Commits what waits now (the store's close does, so that no asked-for write is left unsettled). */
  flush(): void {
    const taken = this.waiting;
    if (taken.length === 0) return;
    this.waiting = [];
    let outcomes: unknown[];
    try {
      outcomes = this.commit(taken.map((w) => w.batch));
    } catch (error) {
      for (const w of taken) w.reject(error);
      return;
    }
    taken.forEach((w, i) => (outcomes[i] === WRITTEN ? w.resolve() : w.reject(outcomes[i])));
  }
}
