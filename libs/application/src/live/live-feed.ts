import { Logger } from '@nestjs/common';
import { ValidationError } from '@crm/domain';
import { WakeSignal, type EventStore, type RecordedEvent } from '@crm/event-store';
import { ALL_PROJECTIONS, type Projection, type ProjectorSignals, type ReadModels } from '@crm/read-models';
import { selectorOf } from './change-selector';
import { entityChangeOf, type EntityChange, type EntityChangeFilter } from './entity-change';
import { LiveSubscription, type LiveStream } from './live-subscription';
import { replayFromLog } from './log-replay';
import { ReadModelsGate } from './read-models-gate';
import { SubscriptionIndex } from './subscription-index';

export interface LiveFeedOptions {
  /** Most changes one subscription may have waiting; over it the subscription overflows (default 1,000; CRM_LIVE_MAX_QUEUED). */
  maxQueued?: number;
  /** How often the log is looked at when no news came (default 50 ms). */
  pollMs?: number;
  /** The projector's news in this process (embedded: relayed from the write worker): wake on a checkpoint. */
  signals?: ProjectorSignals;
  projections?: readonly Projection[];
  /** How long the read models may keep a page from being published before a warning is logged (default 5 s). */
  stallWarningMs?: number;
}

export interface LiveSubscribeOptions {
  /** The last position the subscriber has: what follows it is replayed from the log first. */
  after?: bigint | null;
  /** Called once when the subscription overflows, with how many changes it held (then dropped). */
  onOverflow?: (queued: number) => void;
}

/** Events read from the log and published at a time. */
const PAGE_SIZE = 500;

/**
 * Follows the stored log (sealed events: nothing is opened, nothing personal is published) from its
 * head at start, and publishes each page of events once the read models that read any of them have
 * stored it, so a subscriber that queries on a change sees it. Subscribers are filed by id and type
 * (SubscriptionIndex) and buffer what they have not taken yet up to a bound (LiveSubscription).
 */
export class LiveFeed {
  private readonly logger = new Logger('LiveFeed');
  private readonly index = new SubscriptionIndex();
  private readonly listeners = new Set<(changes: readonly EntityChange[]) => void>();
  private readonly wake = new WakeSignal();
  private readonly gate: ReadModelsGate;
  private readonly maxQueued: number;
  private readonly pollMs: number;
  private phase: 'new' | 'running' | 'stopped' = 'new';
  private published: bigint | null = null;
  /** A checkpoint came while the log was being read: read again before sleeping. */
  private news = false;
  private ready: Promise<void> | null = null;
  private open: () => void = () => undefined;
  private following: Promise<void> | null = null;
  private offSignals: (() => void) | null = null;
  /** Set while nobody listens: the follow loop sleeps on it instead of reading the log. */
  private parked: { resume: () => void } | null = null;
  /** Where the follow loop reads next; moved only by that loop, or while it is parked. */
  private cursor = 0n;
  /** The move to the log's head that the first listener after a quiet spell waits for. */
  private unparking: Promise<void> | null = null;
  /** One for all subscriptions: an idle subscription costs a few hundred bytes, a closure each would add a fifth. */
  private readonly detach = (subscription: LiveSubscription): void => this.index.remove(subscription);

  constructor(
    private readonly events: EventStore,
    readModels: ReadModels,
    private readonly options: LiveFeedOptions = {},
  ) {
    this.maxQueued = positive(options.maxQueued ?? 1_000, 'maxQueued');
    this.pollMs = positive(options.pollMs ?? 50, 'pollMs');
    const stallWarningMs = positive(options.stallWarningMs ?? 5_000, 'stallWarningMs');
    this.gate = new ReadModelsGate(readModels, options.projections ?? ALL_PROJECTIONS, { stallWarningMs, pollMs: this.pollMs, wake: this.wake });
  }

  /** Everything up to here was published; null before start (and until the read models show the log's head at start). */
  get publishedThrough(): bigint | null {
    return this.published;
  }

  /** Resolves once the log's head is known; publishing starts from there when the read models show it. */
  async start(): Promise<void> {
    if (this.phase !== 'new') return;
    this.phase = 'running';
    this.ready = new Promise((resolve) => (this.open = resolve));
    this.offSignals =
      this.options.signals?.onCheckpoint(() => {
        this.news = true;
        this.wake.notify();
      }) ?? null;
    let head: bigint;
    try {
      head = (await this.events.headPosition()) ?? 0n;
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (this.phase !== 'running') return;
    // Reads and waits recover by themselves; anything else would leave subscribers waiting for nothing.
    this.following = this.follow(head).catch((error: unknown) => {
      this.logger.error(`The live feed stopped: ${String(error)}`);
      void this.stop();
    });
  }

  /** Ends every open stream (their iterators return) and stops following the log. */
  async stop(): Promise<void> {
    if (this.phase !== 'stopped') {
      this.phase = 'stopped';
      this.parked?.resume();
      this.offSignals?.();
      this.offSignals = null;
      this.wake.notify();
      for (const subscription of this.index.all()) subscription.close();
      this.open();
    }
    await this.following;
  }

  /**
   * Live changes matching `filter`; with `after`, first every matching event after it from the log,
   * then live: nothing missed, nothing twice, in log order. `after` past the log's head is refused.
   */
  async subscribe(filter: EntityChangeFilter, options: LiveSubscribeOptions = {}): Promise<LiveStream> {
    const selector = selectorOf(filter);
    const after = options.after ?? null;
    if (after !== null && after < 0n) throw ValidationError.field('after', 'must be a position of the log (0 or more)');
    if (this.ready === null) throw new Error('LiveFeed.subscribe() was called before start()');
    await this.ready;
    await this.unpark();
    const subscription = new LiveSubscription(selector, {
      maxQueued: this.maxQueued,
      skipThrough: after,
      onOverflow: options.onOverflow,
      onDetach: this.detach,
    });
    if (this.phase !== 'running') {
      subscription.close();
      return subscription;
    }
    // Filed and bounded in one turn of the event loop, which is also how a page is published: every
    // change after `through` reaches its queue, every one up to it comes from the replay. A replay
    // holds the live changes back from the start and reads on past `through` to what is published
    // meanwhile, buffering live changes only once it is near the head (`goLive`, one synchronous step).
    this.index.add(subscription);
    this.parked?.resume();
    const through = this.published as bigint;
    if (after === null) return subscription;
    const replaying = after < through;
    if (replaying) subscription.holdLive();
    try {
      const head = (await this.events.headPosition()) ?? 0n;
      if (after > head) throw ValidationError.field('after', `is past the end of the log (position ${head})`);
    } catch (error) {
      subscription.close();
      throw error;
    }
    if (replaying) {
      const published = (): bigint => this.published as bigint;
      const goLive = (): bigint => {
        subscription.bufferLive();
        return published();
      };
      subscription.replayFirst(replayFromLog(this.events, selector, after, { published, goLive }));
    }
    return subscription;
  }

  /** Called after each published batch with its changes (all of them, unfiltered); returns an unsubscribe. */
  onPublished(listener: (changes: readonly EntityChange[]) => void): () => void {
    let removed = false;
    // Filed once the feed is at the head, as a subscription is: never handed changes from before it came.
    void this.unpark().then(
      () => {
        if (removed || this.phase !== 'running') return;
        this.listeners.add(listener);
        this.parked?.resume();
      },
      (error: unknown) => this.logger.error(`A listener of published changes could not be filed: ${String(error)}`),
    );
    return () => {
      removed = true;
      this.listeners.delete(listener);
    };
  }

  stats(): { subscriptions: number; queued: number } {
    const subscriptions = this.index.all();
    return { subscriptions: subscriptions.length, queued: subscriptions.reduce((sum, subscription) => sum + subscription.queued, 0) };
  }

  private readonly running = (): boolean => this.phase === 'running';

  private async follow(head: bigint): Promise<void> {
    if (!(await this.gate.untilShown(head, this.gate.everyProjection(), this.running))) return;
    this.published = head;
    this.cursor = head;
    this.open();
    while (this.phase === 'running') {
      if (!this.listened()) {
        await new Promise<void>((resume) => (this.parked = { resume }));
        this.parked = null;
        continue;
      }
      const cursor = this.cursor;
      const page = await this.readPage(cursor);
      if (page === null) continue;
      if (page.length === 0) {
        await this.idle();
        continue;
      }
      const last = page[page.length - 1].position;
      if (!(await this.gate.untilShown(last, this.gate.readersOf(page), this.running))) return;
      this.cursor = last;
      this.publish(page, last);
    }
  }

  /**
   * With nobody listening there is nothing to publish, so the loop parks instead of reading every
   * write from the log and waiting for the read models to show it (a cost every write would pay).
   * The first listener after a quiet spell moves the feed to the log's head, once the read models
   * show it, before it is filed: it receives what is recorded after that, and anything before it
   * through `after`, as always.
   */
  private unpark(): Promise<void> {
    if (this.parked === null || this.listened()) return this.unparking ?? Promise.resolve();
    this.unparking ??= (async () => {
      try {
        const head = (await this.events.headPosition()) ?? 0n;
        const shown = head > this.cursor && (await this.gate.untilShown(head, this.gate.everyProjection(), this.running));
        // Checked again after the wait: the loop may have moved on meanwhile, and a cursor never goes back.
        if (shown && this.parked !== null && head > this.cursor) {
          this.cursor = head;
          this.published = head;
        }
      } finally {
        this.unparking = null;
      }
    })();
    return this.unparking;
  }

  private listened(): boolean {
    return this.index.size > 0 || this.listeners.size > 0;
  }

  private async readPage(after: bigint): Promise<RecordedEvent[] | null> {
    this.news = false;
    try {
      const page: RecordedEvent[] = [];
      for await (const event of this.events.readAll({ after, maxCount: PAGE_SIZE })) page.push(event);
      return page;
    } catch (error) {
      if (this.phase === 'running') this.logger.error(`Reading the log after ${after} failed: ${String(error)}`);
      await this.wake.wait(this.pollMs);
      return null;
    }
  }

  private async idle(): Promise<void> {
    if (this.news) this.news = false;
    else await this.wake.wait(this.pollMs);
  }

  private publish(page: readonly RecordedEvent[], last: bigint): void {
    const changes: EntityChange[] = [];
    for (const event of page) {
      const change = entityChangeOf(event);
      if (change !== null) changes.push(change);
    }
    this.published = last;
    for (const change of changes) this.index.deliver(change);
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(changes);
      } catch (error) {
        this.logger.error(`A listener of published changes failed: ${String(error)}`);
      }
    }
  }
}

const positive = (value: number, name: string): number => {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`LiveFeed option ${name} must be a positive integer, got ${value}`);
  return value;
};
