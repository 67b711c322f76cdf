import type { ChangeStream, Db } from 'mongodb';

/**
 * `watchCheckpoints` on MongoDB: one change stream on `_checkpoints`, opened while anyone listens, so
 * an API process hears at once that a projector (in any process) stored a batch. Change streams need
 * a replica set (which `writeBatch`'s transactions need too); where the server refuses one, this says
 * so once and listeners are left to their polls.
 */
export class MongoCheckpointWatch {
  private readonly listeners = new Set<() => void>();
  private stream: ChangeStream | null = null;
  private unavailable = false;

  constructor(
    private readonly db: Db,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.stream === null && !this.unavailable) this.open();
    // The stream stays once opened: readers come and go with every request, and a stream opens
    // asynchronously, so one opened per wait could miss the very batch it waits for.
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.listeners.clear();
    this.closeStream();
  }

  private open(): void {
    const stream = this.db.collection('_checkpoints').watch([], { fullDocument: 'default' });
    stream.on('change', () => {
      for (const listener of [...this.listeners]) listener();
    });
    stream.on('error', (error: Error) => {
      if (this.stream === stream) this.stream = null;
      void stream.close().catch(() => undefined);
      if (!this.unavailable) this.warn(`Read store: no change stream on _checkpoints (${error.message}); readers poll for the projector's progress`);
      this.unavailable = true;
    });
    this.stream = stream;
  }

  private closeStream(): void {
    const stream = this.stream;
    this.stream = null;
    void stream?.close().catch(() => undefined);
  }
}
