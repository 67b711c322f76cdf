import { Command } from 'commander';
import { verifyChains, type ChainReport } from '@crm/application';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { progressBar } from '../cli-progress-bar';
import { lastAssignedPosition, withEventStore } from '../cli-stores';

/** Checks every stream's hash chain; exit code 1 and the first broken link when the log was altered. */
export const runAuditVerify = async (options: { json?: boolean }, ctx: CliContext): Promise<ExitCode> =>
  withEventStore(ctx.io, 'read', async ({ stored: store, sqlitePath }) => {
    const head = await store.headPosition();
    const bar = progressBar(ctx.io, 'verify', head === null ? 0 : Number(head));
    let report: ChainReport;
    try {
      report = await verifyChains(store, {
        gaplessPositions: sqlitePath !== null,
        lastAssignedPosition: sqlitePath ? lastAssignedPosition(sqlitePath) : null,
        onProgress: (checked, position) => bar.update(Number(position), { detail: `${checked} events` }),
      });
    } finally {
      bar.stop();
    }
    if (options.json) writeLine(ctx.io.stdout, JSON.stringify({ ok: report.breakCount === 0, ...report }, null, 2));
    else printReport(ctx, report);
    return report.breakCount === 0 ? EXIT.OK : EXIT.FAILURE;
  });

const printReport = (ctx: CliContext, report: ChainReport): void => {
  const checked = `${report.eventsChecked} event(s) in ${report.streamsChecked} stream(s)`;
  if (report.breakCount === 0) {
    writeLine(ctx.io.stdout, `OK: ${checked}, every hash chain intact`);
    return;
  }
  writeLine(ctx.io.stdout, `BROKEN: ${report.breakCount} broken link(s) in ${checked}`);
  writeLine(ctx.io.stdout, `First broken link: ${report.breaks[0].message}`);
  for (const found of report.breaks.slice(1)) writeLine(ctx.io.stdout, `  also: ${found.message}`);
  if (report.breakCount > report.breaks.length) writeLine(ctx.io.stdout, `  ... and ${report.breakCount - report.breaks.length} more`);
};

export const auditCommand = (ctx: CliContext): Command => {
  const verify = new Command('verify')
    .description("check every stream's hash chain and name the first broken link")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `
Every event written by the application carries metadata.hash, a sha256 link to the previous event of
its stream (the first to the stream's name). Found: an edited event (hash mismatch), removed events
inside a stream (revision gap), events without a hash, and on the embedded SQLite store removed rows
anywhere (a gap in the log's positions, which are assigned without gaps), including a stream's last
event, which no chain can show. Exit code 0: intact; 1: broken (or unreadable); 2: bad usage.`)
    .action(async (options: { json?: boolean }) => {
      ctx.exitCode = await runAuditVerify(options, ctx);
    });
  return new Command('audit').description('tamper evidence for the event log').addCommand(verify);
};
