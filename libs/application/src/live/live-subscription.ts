import { Logger } from '@nestjs/common';
import type { ChangeSelector } from './change-selector';
import { ChangeQueue } from './change-queue';
import type { EntityChange } from './entity-change';
import { SlowSubscriberError } from './slow-subscriber.error';

/** What a subscriber iterates; `close()` (or leaving its for-await) ends it and frees it at once. */
export interface LiveStream extends AsyncIterable<EntityChange> {
  close(): void;
}

/** Pages of changes read from the log, oldest first, each pulled only when the one before was taken; null when done. */
export type ReplayPages = () => Promise<readonly EntityChange[] | null>;

export interface LiveSubscriptionOptions {
  maxQueued: number;
  /** Live changes at or before this position are not taken: the subscriber already has them (`after`). */
  skipThrough?: bigint | null;
  onOverflow?: (queued: number) => void;
  /** Called once, when the subscription stops taking changes (closed, ended or overflowed): it leaves every index. */
  onDetach?: (subscription: LiveSubscription) => void;
}

type State = 'open' | 'overflowed' | 'ended';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
const NOTHING: readonly EntityChange[] = Object.freeze([]);
const logger = new Logger('LiveFeed');

/**
 * One subscriber's stream: first the replayed pages (if any), then the live changes buffered since it
 * registered, in log order. The live buffer is bounded: a change that would put it over `maxQueued`
 * drops what it holds and ends the stream with SlowSubscriberError, so one slow reader costs a bounded
 * amount of memory and never slows the feed.
 */
export class LiveSubscription implements LiveStream, AsyncIterator<EntityChange> {
  private readonly queue = new ChangeQueue<EntityChange>();
  private state: State = 'open';
  private dropped = 0;
  private replay: ReplayPages | null = null;
  private replayed = NOTHING;
  private replayedIndex = 0;
  private wake: (() => void) | null = null;
  /** False while a replay catches up: live changes are left to it rather than buffered. */
  private buffering = true;

  constructor(
    readonly selector: ChangeSelector,
    private readonly options: LiveSubscriptionOptions,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Pages to serve before any live change; set right after registering, before anyone iterates. */
  replayFirst(pages: ReplayPages): void {
    if (this.state === 'open') this.replay = pages;
  }

  /**
   * Leaves live changes to the replay until `bufferLive()`: a subscriber far behind would otherwise
   * buffer live changes while it reads its backlog, and be cut off before it caught up.
   */
  holdLive(): void {
    this.buffering = false;
  }

  bufferLive(): void {
    this.buffering = true;
  }

  /** A live change the index found for this subscription. */
  offer(change: EntityChange): void {
    if (this.state !== 'open' || !this.buffering) return;
    const skipThrough = this.options.skipThrough;
    if (skipThrough !== undefined && skipThrough !== null && change.position <= skipThrough) return;
    if (this.queue.length >= this.options.maxQueued) return this.overflow();
    this.queue.push(change);
    this.wakeReader();
  }

  close(): void {
    if (this.state === 'ended') return;
    const wasOpen = this.state === 'open';
    this.state = 'ended';
    this.drop();
    if (wasOpen) this.options.onDetach?.(this);
    this.wakeReader();
  }

  [Symbol.asyncIterator](): AsyncIterator<EntityChange> {
    return this;
  }

  async next(): Promise<IteratorResult<EntityChange>> {
    for (;;) {
      if (this.state === 'overflowed') {
        this.state = 'ended';
        throw new SlowSubscriberError(this.dropped);
      }
      if (this.state === 'ended') return DONE;
      if (this.replayedIndex < this.replayed.length) return { value: this.replayed[this.replayedIndex++], done: false };
      if (this.replay !== null) {
        await this.pullReplay(this.replay);
        continue;
      }
      const change = this.queue.take();
      if (change !== undefined) return { value: change, done: false };
      await new Promise<void>((resolve) => {
        const earlier = this.wake;
        this.wake = earlier === null ? resolve : () => (earlier(), resolve());
      });
    }
  }

  async return(): Promise<IteratorResult<EntityChange>> {
    this.close();
    return DONE;
  }

  private async pullReplay(pages: ReplayPages): Promise<void> {
    let page: readonly EntityChange[] | null;
    try {
      page = await pages();
    } catch (error) {
      this.close();
      throw error;
    }
    if (this.replay !== pages) return; // closed or overflowed while the page was read
    if (page === null) this.replay = null;
    else {
      this.replayed = page;
      this.replayedIndex = 0;
    }
  }

  private overflow(): void {
    this.dropped = this.queue.length;
    this.state = 'overflowed';
    this.drop();
    this.options.onDetach?.(this);
    try {
      this.options.onOverflow?.(this.dropped);
    } catch (error) {
      // The feed is delivering to every other subscriber: one listener's failure must not stop it.
      logger.error(`A slow subscriber's overflow listener failed: ${String(error)}`);
    }
    this.wakeReader();
  }

  private drop(): void {
    this.queue.clear();
    this.replay = null;
    this.replayed = NOTHING;
    this.replayedIndex = 0;
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
