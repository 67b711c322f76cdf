import type { ChangeStream, Db } from 'mongodb';

/** The server's answer to a change stream outside a replica set: watching will never work there. */
const NO_REPLICA_SET_CODE = 40573;
const NO_REPLICA_SET_MESSAGE = 'only supported on replica sets';
/** Reopening a stream that failed for another reason (a step-down, a network blip): doubled per failure up to the max. */
const REOPEN_MIN_MS = 100;
const REOPEN_MAX_MS = 10_000;
/** Only what tells that a batch was stored, and nothing of the documents. */
const PIPELINE = [{ $match: { operationType: { $in: ['insert', 'update', 'replace'] } } }, { $project: { _id: 1 } }];

/**
 * `watchCheckpoints` on MongoDB: one change stream on `_checkpoints`, opened at the first listener
 * (the API's ReadModels, as it starts) and kept, so an API process hears at once that a projector (in
 * any process) stored a batch. Change streams need a replica set (which `writeBatch`'s transactions
 * need too); where the server refuses one, this says so once and listeners are left to their polls.
 * Any other failure, or the stream closing, tells every listener (a batch may have gone unheard, so
 * they look again), and the stream is opened again after a backoff; readers poll quickly meanwhile
 * (`live` is false).
 */
export class MongoCheckpointWatch {
  private readonly listeners = new Set<() => void>();
  private stream: ChangeStream | null = null;
  private reopening: NodeJS.Timeout | null = null;
  private reopenMs = REOPEN_MIN_MS;
  private unavailable = false;
  private warnedOfFailure = false;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  /** Whether a stream is open now: listeners hear of every process's batches. */
  get live(): boolean {
    return this.stream !== null;
  }

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.stream === null && this.reopening === null && !this.unavailable && !this.closed) this.open();
    // The stream stays once opened: readers come and go with every request, and a stream opens
    // asynchronously, so one opened per wait could miss the very batch it waits for.
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    if (this.reopening !== null) clearTimeout(this.reopening);
    this.reopening = null;
    this.closeStream();
  }

  private open(): void {
    let stream: ChangeStream;
    try {
      stream = this.db.collection('_checkpoints').watch(PIPELINE);
    } catch (error) {
      this.failed(error);
      return;
    }
    stream.on('change', () => {
      this.reopenMs = REOPEN_MIN_MS;
      this.warnedOfFailure = false;
      this.tellAll();
    });
    stream.on('error', (error: unknown) => {
      if (this.stream === stream) this.failed(error);
    });
    stream.on('close', () => {
      if (this.stream === stream) this.failed(new Error('the change stream closed'));
    });
    this.stream = stream;
  }

  private failed(error: unknown): void {
    this.closeStream();
    const message = error instanceof Error ? error.message : String(error);
    if (isNoReplicaSet(error)) {
      this.unavailable = true;
      this.warn(`Read store: no change stream on _checkpoints (${message}); readers poll for the projector's progress`);
    } else if (!this.warnedOfFailure) {
      this.warnedOfFailure = true;
      this.warn(`Read store: the change stream on _checkpoints failed (${message}); reopening it, readers poll meanwhile`);
    }
    this.tellAll();
    if (this.unavailable || this.closed) return;
    this.reopening = setTimeout(() => {
      this.reopening = null;
      if (!this.closed) this.open();
    }, this.reopenMs);
    this.reopening.unref();
    this.reopenMs = Math.min(REOPEN_MAX_MS, this.reopenMs * 2);
  }

  private tellAll(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private closeStream(): void {
    const stream = this.stream;
    this.stream = null;
    void stream?.close().catch(() => undefined);
  }
}

const isNoReplicaSet = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === NO_REPLICA_SET_CODE || (typeof message === 'string' && message.includes(NO_REPLICA_SET_MESSAGE));
};
