import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as readModels from '../index';
import { errorClassesOf, reviveError, type SerializedError } from '../threads/error-transport';
import { DEFAULT_REBUILD_MEMORY_BYTES } from './memory-budget';
import type { ProjectorLog, ProjectorOptions } from './projector';
import type { FromRebuildThread, RebuildThreadData, ToRebuildThread } from './rebuild-thread-messages';
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

/**
 * Rebuilds projections on several threads at once, each projection by itself (reading only the events
 * it takes), the largest first as `names` lists them: a second core shortens the rebuild where one
 * read of the log for all of them keeps one core busy. Every projection is switched as soon as it is
 * rebuilt. When one fails, the threads finish what they are rebuilding, start nothing more, and the
 * first failure is thrown; the projections rebuilt by then stay switched.
 */
export const rebuildOnThreads = async (names: readonly string[], options: RebuildThreadsOptions): Promise<ThreadedRebuildResult> => {
  if (!Number.isSafeInteger(options.threads) || options.threads < 1) throw new RangeError(`threads must be a whole number, at least 1, not ${options.threads}`);
  const threads = Math.min(options.threads, names.length);
  const queue = [...names];
  const rebuilt: RebuildResult[] = [];
  const failures: Error[] = [];
  const started = process.hrtime.bigint();
  const budget = threadMemoryBudget(options.memoryBudgetBytes ?? DEFAULT_REBUILD_MEMORY_BYTES, threads);
  const work: ThreadWork = {
    take: () => (failures.length > 0 ? undefined : queue.shift()),
    rebuilt: (result) => rebuilt.push(result),
    failed: (error) => failures.push(error),
  };
  const runs = Array.from({ length: threads }, (_, index) =>
    runThread(work, { ...options, data: { storesModule: options.stores.module, storesArgument: options.stores.argument, owner: `${options.owner}#${index + 1}`, memoryBudgetBytes: budget, projector: options.projector ?? {} } }).catch(work.failed),
  );
  await Promise.all(runs);
  if (failures.length > 0) throw failures[0];
  return {
    rebuilt,
    threads,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    evictions: rebuilt.reduce((sum, result) => sum + result.evictions, 0),
    collections: rebuilt.reduce((sum, result) => sum + result.collections, 0),
  };
};

interface ThreadWork {
  /** The next projection to rebuild; undefined when there is none, or when a rebuild has failed. */
  take(): string | undefined;
  rebuilt(result: RebuildResult): void;
  failed(error: Error): void;
}

/** This library's error classes, looked up when first needed: the index that exports them also exports this module. */
let errorClasses: ReturnType<typeof errorClassesOf> | undefined;
const revive = (serialized: SerializedError): Error => reviveError(serialized, (errorClasses ??= errorClassesOf(readModels)));

/** One thread: asks for projections until there are none, then closes its stores and ends. */
const runThread = (work: ThreadWork, options: RebuildThreadsOptions & { data: RebuildThreadData }): Promise<void> =>
  new Promise((resolve, reject) => {
    // Compiled, the entry is a .js file next to this one; from sources (tests), a .ts file the preload compiles.
    const entry = join(__dirname, `rebuild-thread.entry${extname(__filename)}`);
    const source = [options.preload, entry].filter((path) => path !== undefined).map((path) => `require(${JSON.stringify(path)});`).join('\n');
    const worker = new Worker(source, { eval: true, workerData: options.data });
    let inFlight = 0;
    let closing = false;
    let current: string | undefined;
    const post = (message: ToRebuildThread): void => worker.postMessage(message);
    const closeWhenIdle = (): void => {
      if (closing || inFlight > 0) return;
      closing = true;
      post({ kind: 'close' });
    };
    const next = (): void => {
      const name = work.take();
      if (name === undefined) return closeWhenIdle();
      inFlight += 1;
      current = name;
      post({ kind: 'rebuild', name });
    };
    worker.on('message', (message: FromRebuildThread) => {
      switch (message.kind) {
        case 'ready':
        case 'next':
          return next();
        case 'progress':
          return options.onProgress?.(message.progress);
        case 'log':
          return options.log?.(message.level, message.message);
        case 'rebuilt':
          inFlight -= 1;
          work.rebuilt(message.result);
          return closeWhenIdle();
        case 'failed':
          inFlight -= 1;
          work.failed(revive(message.error));
          return closeWhenIdle();
        case 'open-failed':
          closing = true;
          return reject(revive(message.error));
        case 'closed':
          closing = true;
          return resolve();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      // After 'closed' or a failed open this settles nothing: the promise is settled already.
      reject(new Error(`A rebuild thread ended (exit code ${code})${inFlight > 0 ? ` while rebuilding ${current}` : ''}`));
    });
  });
