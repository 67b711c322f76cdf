import type { Worker } from 'node:worker_threads';
import * as projectionRegistry from '../projections/projection-registry';
import * as readStoreErrors from '../store/read-store.errors';
import { errorClassesOf, reviveError, type ErrorClass, type SerializedError } from '../threads/error-transport';
import { besideThisFile, startThread } from '../threads/start-thread';
import { DEFAULT_REBUILD_MEMORY_BYTES } from './memory-budget';
import type { ProjectorLog, ProjectorOptions } from './projector';
import { rebuildQueue, type RebuildQueue } from './rebuild-queue';
import type { FromRebuildThread, RebuildThreadData, ToRebuildThread } from './rebuild-thread-messages';
import * as rebuilder from './rebuilder';
import type { RebuildProgress, RebuildResult } from './rebuilder';

export interface RebuildThreadsOptions {
  /** How many threads rebuild at once; each takes the next projection as it finishes one. */
  threads: number;
  /** Where each thread opens its own stores: a `RebuildStoresModule`, and what it is called with (structured-cloneable). */
  stores: { module: string; argument?: unknown };
  /** What the documents held in memory may weigh, all threads together (see `threadMemoryBudget`). */
  memoryBudgetBytes?: number;
  /** Identifies this rebuild in leases; each thread adds its number. */
  owner: string;
  /** How each thread's projector lets readers off the old copies (as `Projector`'s own options). */
  projector?: Pick<ProjectorOptions, 'aliasTtlMs' | 'dropGraceMs'>;
  /** A module each thread requires first (a TypeScript loader when running from sources). */
  preload?: string;
  /** The classes the threads' errors come back as (default: this library's; the CLI adds every library's). */
  errorClasses?: ReadonlyMap<string, ErrorClass>;
  onProgress?(progress: RebuildProgress): void;
  log?: ProjectorLog;
}

export interface ThreadedRebuildResult {
  /** Each projection's own rebuild, in the order they finished. */
  rebuilt: RebuildResult[];
  threads: number;
  seconds: number;
  evictions: number;
  collections: number;
}

/**
 * Each thread's share of the budget: half of an even split. A thread's heap, connections and index
 * builds come on top of the documents it holds, and unlike one rebuild's lanes the threads do not share
 * them: at 3,000,000 events two threads holding a third of the budget each peaked at 531-549 MiB, where
 * one thread holding all of it peaks at ~470 MiB.
 */
export const threadMemoryBudget = (budgetBytes: number, threads: number): number => budgetBytes / (2 * threads);

const OWN_ERROR_CLASSES = errorClassesOf(projectionRegistry, readStoreErrors, rebuilder);
const ENTRY = besideThisFile(__filename, 'rebuild-thread.entry');

/**
 * Rebuilds projections on several threads at once, each projection by itself (reading only the events
 * it takes), in the order `names` lists them (the longest first finishes soonest: `longestRebuildFirst`).
 * A second core shortens the rebuild where one read of the log for all of them keeps one core busy.
 * Every projection is switched as soon as it is rebuilt. When one fails, the threads finish what they
 * are rebuilding, start nothing more, and the first failure is thrown; what was switched stays switched.
 */
export const rebuildOnThreads = async (names: readonly string[], options: RebuildThreadsOptions): Promise<ThreadedRebuildResult> => {
  if (!Number.isSafeInteger(options.threads) || options.threads < 1) throw new RangeError(`threads must be a whole number, at least 1, not ${options.threads}`);
  const threads = Math.min(options.threads, names.length);
  const queue = rebuildQueue(names);
  const started = process.hrtime.bigint();
  const memoryBudgetBytes = threadMemoryBudget(options.memoryBudgetBytes ?? DEFAULT_REBUILD_MEMORY_BYTES, threads);
  const data = (index: number): RebuildThreadData => ({
    storesModule: options.stores.module,
    storesArgument: options.stores.argument,
    owner: `${options.owner}#${index + 1}`,
    memoryBudgetBytes,
    projector: options.projector ?? {},
  });
  await Promise.all(Array.from({ length: threads }, (_, index) => runThread(queue, options, data(index)).catch((error: Error) => queue.failed(error))));
  if (queue.failures.length > 0) throw queue.failures[0];
  const rebuilt = [...queue.results];
  return {
    rebuilt,
    threads,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    evictions: rebuilt.reduce((sum, result) => sum + result.evictions, 0),
    collections: rebuilt.reduce((sum, result) => sum + result.collections, 0),
  };
};

/**
 * One thread: asks the queue for projections until it has none, then closes its stores and ends.
 * Settles once the thread is gone, with the error that ended it if any other than a rebuild's own.
 */
const runThread = (queue: RebuildQueue, options: RebuildThreadsOptions, data: RebuildThreadData): Promise<void> =>
  new Promise((resolve, reject) => {
    const worker = startThread(ENTRY, options.preload, data);
    const revive = (error: SerializedError): Error => reviveError(error, options.errorClasses ?? OWN_ERROR_CLASSES);
    const inFlight = new Set<string>();
    let closing = false;
    /** Set once the thread is being ended from here: its exit is then expected. */
    let ending = false;
    const post = (message: ToRebuildThread): void => worker.postMessage(message);
    const end = (error?: Error): void => {
      closing = true;
      ending = true;
      // Ended from here, so that nothing the stores module left open keeps the process alive.
      void worker.terminate().then(() => (error === undefined ? resolve() : reject(error)));
    };
    const closeWhenIdle = (): void => {
      if (closing || inFlight.size > 0) return;
      closing = true;
      post({ kind: 'close' });
    };
    const next = (): void => {
      const name = queue.take();
      if (name === undefined) return closeWhenIdle();
      inFlight.add(name);
      post({ kind: 'rebuild', name });
    };
    const settled = (name: string): void => {
      inFlight.delete(name);
      closeWhenIdle();
    };
    onMessages(worker, {
      next,
      progress: (progress) => options.onProgress?.(progress),
      log: (level, message) => options.log?.(level, message),
      rebuilt: (result) => {
        queue.rebuilt(result);
        settled(result.projections.join(','));
      },
      failed: (name, error) => {
        queue.failed(revive(error));
        settled(name);
      },
      openFailed: (error) => end(revive(error)),
      closed: (error) => end(error === undefined ? undefined : revive(error)),
    });
    const lost = (why: string): Error => new Error(`A rebuild thread ${why}${inFlight.size > 0 ? ` while rebuilding ${[...inFlight].join(', ')}` : ''}`);
    worker.on('error', (error) => reject(Object.assign(lost(`failed: ${error.message}`), { cause: error })));
    worker.on('messageerror', (error) => end(Object.assign(lost('sent a message that could not be read'), { cause: error })));
    worker.on('exit', (code) => ending || reject(lost(`ended (exit code ${code})`)));
  });

interface ThreadEvents {
  next(): void;
  progress(progress: RebuildProgress): void;
  log(level: 'log' | 'warn' | 'error', message: string): void;
  rebuilt(result: RebuildResult): void;
  failed(name: string, error: SerializedError): void;
  openFailed(error: SerializedError): void;
  closed(error: SerializedError | undefined): void;
}

const onMessages = (worker: Worker, on: ThreadEvents): void => {
  worker.on('message', (message: FromRebuildThread) => {
    switch (message.kind) {
      case 'ready':
      case 'next':
        return on.next();
      case 'progress':
        return on.progress(message.progress);
      case 'log':
        return on.log(message.level, message.message);
      case 'rebuilt':
        return on.rebuilt(message.result);
      case 'failed':
        return on.failed(message.name, message.error);
      case 'open-failed':
        return on.openFailed(message.error);
      case 'closed':
        return on.closed(message.error);
    }
  });
};
