import { hostname } from 'node:os';
import * as application from '@crm/application';
import type { CrmConfig } from '@crm/application';
import * as domain from '@crm/domain';
import * as eventStore from '@crm/event-store';
import * as keyStore from '@crm/key-store';
import * as readModels from '@crm/read-models';
import { ALL_PROJECTIONS, besideThisFile, errorClassesOf, longestRebuildFirst, rebuildOnThreads, type RebuildProgress } from '@crm/read-models';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { progressBar } from '../cli-progress-bar';

/** The bar counts projections switched to their new copy, and names what the others are doing. */
const threadsProgress = (ctx: CliContext, names: readonly string[], threads: number): { onProgress(p: RebuildProgress): void; done(): void } => {
  const bar = progressBar(ctx.io, `rebuild --all on ${threads} threads`, names.length, ' projections');
  const latest = new Map<string, RebuildProgress>();
  return {
    onProgress: (progress) => {
      latest.set(progress.projections.join(','), progress);
      const states = [...latest.entries()];
      const switched = states.filter(([, { phase }]) => phase === 'switch' || phase === 'done').length;
      const running = states.filter(([, { phase }]) => phase !== 'switch' && phase !== 'done');
      bar.update(switched, { detail: running.map(([name, { phase, events }]) => `${name} ${phase} ${events.toLocaleString('en-US')}`).join(', ') });
    },
    done: () => bar.stop(),
  };
};

/**
 * `crm projections rebuild --all` on `config.rebuildThreads` threads, each opening the stores this
 * process was configured with and taking the projections one at a time, the longest first.
 */
export const rebuildAllOnThreads = async (ctx: CliContext, config: CrmConfig): Promise<ExitCode> => {
  const names = longestRebuildFirst(ALL_PROJECTIONS.map(({ name }) => name));
  const progress = threadsProgress(ctx, names, config.rebuildThreads);
  try {
    const result = await rebuildOnThreads(names, {
      threads: config.rebuildThreads,
      stores: { module: besideThisFile(__filename, '../projector-stores'), argument: ctx.io.env },
      memoryBudgetBytes: config.rebuildMemoryBudgetBytes,
      owner: `${hostname()}:${process.pid}`,
      preload: ctx.io.workerPreload,
      // A setting a thread refuses is a usage error here too (exit 2), as it would be in this thread.
      errorClasses: errorClassesOf(application, domain, eventStore, keyStore, readModels),
      onProgress: progress.onProgress,
      log: (_level, message) => writeLine(ctx.io.stderr, message),
    });
    progress.done();
    const each = result.rebuilt.map((rebuilt) => `${rebuilt.projections.join(', ')} ${rebuilt.events.toLocaleString('en-US')} events in ${rebuilt.seconds.toFixed(1)} s`);
    writeLine(ctx.io.stderr, `Rebuilt ${result.rebuilt.length} projections on ${result.threads} threads in ${result.seconds.toFixed(1)} s: ${each.join('; ')}`);
    return EXIT.OK;
  } finally {
    progress.done();
  }
};
