import type { RecordedEvent } from '@crm/event-store';
import { inCurrentShape } from '../core/current-shape';
import type { PersonalDataCodec } from './personal-data-codec';

/** Events read ahead at a time: their subjects' keys are loaded in one key-store read. */
const CHUNK = 512;

/**
 * Reads a source of stored events and serves them opened, in today's shape. It reads ahead a chunk and loads the keys
 * the chunk needs at once; events are served from the current chunk with resolved promises (an
 * async generator would cost several promise hops per event on a rebuild's path). Decrypting on a
 * worker thread while the chunk before is applied was measured slower here (0.71x against 0.79x of
 * a plain rebuild, seven rounds each): the second core is busy with garbage collection already.
 */
export class OpenedReader implements AsyncIterator<RecordedEvent> {
  private chunk: RecordedEvent[] = [];
  private index = 0;
  private exhausted = false;
  private refreshed = false;

  constructor(
    private readonly source: AsyncIterator<RecordedEvent>,
    private readonly codec: PersonalDataCodec,
  ) {}

  next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.index < this.chunk.length) return Promise.resolve({ value: this.chunk[this.index++], done: false });
    return this.refill();
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    this.exhausted = true;
    this.chunk = [];
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  private async refill(): Promise<IteratorResult<RecordedEvent>> {
    if (!this.refreshed) {
      // Once per read: a key another process destroyed since this one last asked is not used.
      await this.codec.keys.refresh();
      this.refreshed = true;
    }
    if (this.exhausted) return { value: undefined, done: true };
    this.chunk = await this.readChunk();
    this.index = 0;
    return this.index < this.chunk.length ? { value: this.chunk[this.index++], done: false } : { value: undefined, done: true };
  }

  private async readChunk(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    while (!this.exhausted && events.length < CHUNK) {
      const result = await this.source.next();
      if (result.done) this.exhausted = true;
      else events.push(result.value);
    }
    await this.loadKeys(events);
    for (let i = 0; i < events.length; i++) events[i] = inCurrentShape(this.codec.open(events[i]));
    return events;
  }

  private async loadKeys(events: readonly RecordedEvent[]): Promise<void> {
    const subjects: string[] = [];
    for (const event of events) {
      const subjectId = this.codec.subjectOf(event);
      if (subjectId !== null && !this.codec.keys.has(subjectId)) subjects.push(subjectId);
    }
    if (subjects.length > 0) await this.codec.keys.load(subjects);
  }
}
