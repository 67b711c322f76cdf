import { Command } from 'commander';
import type { CrmConfig } from '@crm/application';
import { Projector, type ProjectionStatus, type RebuildProgress } from '@crm/read-models';
import { EXIT, processIo, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { projectionName } from '../cli-arguments';
import { UsageError } from '../cli-errors';
import { progressBar, type Progress } from '../cli-progress-bar';
import { openProjectorStores } from '../projector-stores';
import { rebuildAllOnThreads } from './rebuild-on-threads';

const withProjector = async <T>(ctx: CliContext, work: (projector: Projector, config: CrmConfig) => Promise<T>): Promise<T> => {
  const stores = await openProjectorStores(ctx.io.env);
  try {
    const log = (_level: string, message: string): void => writeLine(ctx.io.stderr, message);
    return await work(new Projector(stores.events, stores.store, { log, rebuildMemoryBudgetBytes: stores.config.rebuildMemoryBudgetBytes }), stores.config);
  } finally {
    await stores.close();
  }
};

const COLUMNS = ['name', 'version', 'position', 'head', 'lag', 'state', 'parked'] as const;

const statusRow = (s: ProjectionStatus): string[] => [
  s.name, `v${s.version}${s.generation !== null && s.generation > 1 ? `.g${s.generation}` : ''}`, String(s.position ?? '-'),
  String(s.headPosition ?? '-'), String(s.lag), s.rebuildPosition !== null && s.state === 'REBUILDING' ? `REBUILDING@${s.rebuildPosition}` : s.state, String(s.parked),
];

export const runStatus = async (ctx: CliContext, json: boolean): Promise<ExitCode> =>
  withProjector(ctx, async (projector) => {
    const rows = await projector.status();
    if (json) {
      writeLine(ctx.io.stdout, JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2));
      return EXIT.OK;
    }
    const table = [[...COLUMNS], ...rows.map(statusRow)];
    const widths = COLUMNS.map((_, i) => Math.max(...table.map((row) => row[i].length)));
    table.forEach((row) => writeLine(ctx.io.stdout, row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()));
    return EXIT.OK;
  });

const progressReporter = (ctx: CliContext): { onProgress(p: RebuildProgress): void; done(): void } => {
  let bar: Progress | null = null;
  return {
    onProgress: (p) => {
      bar ??= progressBar(ctx.io, `rebuild ${p.projections.join(',')}`, Number(p.head ?? 0n));
      bar.update(Number(p.position ?? 0n), { detail: `${p.phase} ${p.events.toLocaleString('en-US')} events, ${Math.round(p.eventsPerSecond).toLocaleString('en-US')} events/s` });
    },
    done: () => bar?.stop(),
  };
};

export const runRebuild = async (ctx: CliContext, name: string | undefined, all: boolean): Promise<ExitCode> => {
  if (all === (name !== undefined)) throw new UsageError('name one projection, or pass --all');
  return withProjector(ctx, async (projector, config) => {
    // The stores opened here first: a setting or a data folder that cannot work fails before any thread starts.
    if (all && config.rebuildThreads > 1) return rebuildAllOnThreads(ctx, config);
    const progress = progressReporter(ctx);
    try {
      const result = await projector.rebuild(all ? undefined : [name as string], progress.onProgress);
      progress.done();
      writeLine(ctx.io.stderr, `Rebuilt ${result.projections.join(', ')}: ${result.events.toLocaleString('en-US')} events in ${result.seconds.toFixed(1)} s (${Math.round(result.eventsPerSecond).toLocaleString('en-US')} events/s), up to position ${result.position ?? '-'}`);
      return EXIT.OK;
    } finally {
      progress.done();
    }
  });
};

/** `crm projections status | rebuild <name>|--all | parked <name>`. */
export const projectionsCommand = (ctx: CliContext = { io: processIo(), exitCode: EXIT.OK }): Command => {
  const command = new Command('projections').description('read models: status, blue-green rebuild, parked events');
  command
    .command('status')
    .description('name, version, position, head of the log, lag, state and parked events of every projection')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      ctx.exitCode = await runStatus(ctx, options.json === true);
    });
  command
    .command('rebuild')
    .description('rebuild into a new copy while the current one keeps serving, then switch readers to it')
    .argument('[name]', 'projection to rebuild', projectionName)
    .option('--all', 'rebuild every projection (on CRM_REBUILD_THREADS threads, default 2; with 1, in one read of the log)')
    .action(async (name: string | undefined, options: { all?: boolean }) => {
      ctx.exitCode = await runRebuild(ctx, name, options.all === true);
    });
  command
    .command('parked')
    .description('events a projection could not apply, with their error')
    .argument('<name>', 'projection', projectionName)
    .action(async (name: string) => {
      ctx.exitCode = await withProjector(ctx, async (projector) => {
        for (const parked of await projector.parked(name)) writeLine(ctx.io.stdout, `${parked.position}  ${parked.stream}@${parked.revision}  ${parked.type}  ${parked.error}`);
        return EXIT.OK;
      });
    });
  return command;
};
