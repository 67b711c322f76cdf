import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Command } from 'commander';
import { EXPORT_FORMATS, exportAuditLog, type ExportFormat, type ExportSummary } from '@crm/application';
import type { EventStore } from '@crm/event-store';
import { categories, exportFormat, instant } from '../cli-arguments';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { UsageError } from '../cli-errors';
import { progressBar } from '../cli-progress-bar';
import { withEventStore } from '../cli-stores';

export interface ExportArgs {
  category?: string[];
  from?: Date;
  to?: Date;
  format: ExportFormat;
  out?: string;
}

/** The audit log in log order, to --out or stdout, streamed: memory stays flat at any log size. */
export const runExport = async (args: ExportArgs, ctx: CliContext): Promise<ExitCode> => {
  if (args.from && args.to && args.from >= args.to) throw new UsageError('--from must be before --to');
  return withEventStore(ctx.io, 'read', async ({ store }) => {
    const summary = args.out ? await exportToFile(store, args, ctx) : await exportTo(store, ctx.io.stdout, args, ctx);
    const where = args.out ? ` to ${args.out}` : '';
    writeLine(ctx.io.stderr, `Exported ${summary.exported} of ${summary.scanned} event(s)${where}`);
    return EXIT.OK;
  });
};

const exportTo = async (store: EventStore, out: Writable, args: ExportArgs, ctx: CliContext): Promise<ExportSummary> => {
  const head = await store.headPosition();
  const bar = progressBar(ctx.io, 'export', head === null ? 0 : Number(head));
  try {
    return await exportAuditLog(store, out, {
      format: args.format, categories: args.category, from: args.from, to: args.to,
      onProgress: (exported, position) => bar.update(Number(position), { detail: `${exported} events` }),
    });
  } finally {
    bar.stop();
  }
};

/** Written beside the target and renamed at the end, so a failed export never leaves a file that looks complete. */
const exportToFile = async (store: EventStore, args: ExportArgs, ctx: CliContext): Promise<ExportSummary> => {
  const target = args.out as string;
  const partial = `${target}.partial`;
  const file = createWriteStream(partial);
  try {
    const summary = await exportTo(store, file, args, ctx);
    file.end();
    await finished(file);
    await rename(partial, target);
    return summary;
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
};

export const exportCommand = (ctx: CliContext): Command =>
  new Command('export')
    .description('export the audit log (every event, in log order) as NDJSON or CSV')
    .option('-c, --category <category>', 'only these streams: lead, account, contact, opportunity (repeatable, comma-separated)', categories)
    .option('--from <instant>', 'only events whose business time is at or after this instant', instant)
    .option('--to <instant>', 'only events whose business time is before this instant', instant)
    .option('-f, --format <format>', `output format: ${EXPORT_FORMATS.join(' or ')}`, exportFormat, 'ndjson')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addHelpText('after', `
NDJSON: one event per line: {"position","stream","revision","id","type","data","metadata","recordedAt"}
(position as a string). CSV: a header row, then one row per event with occurredAt and actor copied
out of metadata, and data and metadata as JSON text; quoted per RFC 4180.
A summary goes to stderr, with a progress bar when stderr is a terminal.

Examples:
  $ crm export --out audit.ndjson
  $ crm export --category lead --from 2025-01-01 --to 2025-04-01 --format csv > q1-leads.csv`)
    .action(async (options: ExportArgs) => {
      ctx.exitCode = await runExport(options, ctx);
    });
