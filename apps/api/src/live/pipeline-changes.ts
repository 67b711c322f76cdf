import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LiveFeed, type EntityChange } from '@crm/application';
import type { PipelineQuery } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { CurrentPipeline } from '../pipeline/current-pipeline';
import type { Pipeline } from '../pipeline/pipeline.types';
import { LatestValue } from './latest-value';

/** At most one new pipeline per question per second, however fast deals move. */
export const PIPELINE_PUSH_INTERVAL_MS = 1_000;

/** Everyone watching one question (pipeline and filter): it is answered once for all of them. */
interface Watched {
  query: PipelineQuery;
  watchers: Set<LatestValue<Pipeline>>;
  /** What was last pushed, as JSON: an answer equal to it is not pushed again. */
  last: string;
  lastAnsweredAt: number;
  timer: NodeJS.Timeout | null;
  answering: boolean;
  /** A change arrived since the last answer began. */
  stale: boolean;
}

const movesPipelines = (change: EntityChange): boolean => change.type === 'OPPORTUNITY' || change.type === 'PIPELINE';

/**
 * `pipelineChanged`: when the live feed publishes an opportunity's or a pipeline's change (the read
 * models show it by then), each question being watched is answered again, at most once a second,
 * and pushed to its watchers if the answer changed. A change inside the second is answered when
 * the second is over, so the last change is never lost. A pipeline holds no personal data, so one
 * answer serves every caller allowed to read it.
 */
@Injectable()
export class PipelineChanges implements OnModuleDestroy {
  private readonly logger = new Logger('PipelineChanges');
  private readonly watched = new Map<string, Watched>();
  /** Listening to the feed only while a question is watched: an unheard feed reads nothing. */
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly current: CurrentPipeline,
    private readonly feed: LiveFeed,
  ) {}

  /** The pipeline now, then each different answer while it changes; refused (NOT_FOUND) for an unknown pipeline. */
  async watch(request: RequestContext, query: PipelineQuery): Promise<AsyncIterableIterator<Pipeline>> {
    const first = await this.current.answer(request, query);
    const key = JSON.stringify(query);
    let entry = this.watched.get(key);
    if (entry === undefined) {
      entry = { query, watchers: new Set(), last: JSON.stringify(first), lastAnsweredAt: Date.now(), timer: null, answering: false, stale: false };
      this.watched.set(key, entry);
      this.stopListening ??= this.feed.onPublished((changes) => {
        if (changes.some(movesPipelines)) for (const watched of this.watched.values()) this.schedule(watched);
      });
      // The feed hears only what is published after it files the listener, a moment after `first` was
      // read: answering once more a second later covers whatever changed in between.
      this.schedule(entry);
    }
    const watching = entry;
    const watcher = new LatestValue<Pipeline>(() => this.unwatch(key, watching, watcher));
    watching.watchers.add(watcher);
    watcher.offer(first);
    return watcher;
  }

  onModuleDestroy(): void {
    this.stopListening?.();
    this.stopListening = null;
    for (const entry of this.watched.values()) for (const watcher of [...entry.watchers]) void watcher.return();
  }

  private unwatch(key: string, entry: Watched, watcher: LatestValue<Pipeline>): void {
    entry.watchers.delete(watcher);
    if (entry.watchers.size > 0 || this.watched.get(key) !== entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.watched.delete(key);
    if (this.watched.size === 0) {
      this.stopListening?.();
      this.stopListening = null;
    }
  }

  private schedule(entry: Watched): void {
    entry.stale = true;
    if (entry.timer !== null || entry.answering) return;
    const wait = Math.max(0, entry.lastAnsweredAt + PIPELINE_PUSH_INTERVAL_MS - Date.now());
    entry.timer = setTimeout(() => void this.answer(entry), wait);
  }

  private async answer(entry: Watched): Promise<void> {
    entry.timer = null;
    entry.stale = false;
    entry.answering = true;
    entry.lastAnsweredAt = Date.now();
    try {
      const pipeline = await this.current.answer(freshRequest(), entry.query);
      const json = JSON.stringify(pipeline);
      if (json !== entry.last) {
        entry.last = json;
        for (const watcher of entry.watchers) watcher.offer(pipeline);
      }
    } catch (error) {
      this.logger.warn(`The pipeline ${entry.query.pipelineId} could not be answered again: ${String(error)}`);
    } finally {
      entry.answering = false;
      if (entry.stale && entry.watchers.size > 0) this.schedule(entry);
    }
  }
}

/** Definitions are read once per request; each answer is a request of its own. */
const freshRequest = (): RequestContext => ({ user: null, authProblem: null, correlationId: randomUUID(), loaders: new Map() });
