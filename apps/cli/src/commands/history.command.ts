import { Command } from 'commander';
import { STREAM_CATEGORY, type StreamType } from '@crm/domain';
import { HistoryService, plainState, type HistoryEntry } from '@crm/application';
import { instant, streamType, uuid } from '../cli-arguments';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { withEventStore } from '../cli-stores';

export interface HistoryArgs {
  type: StreamType;
  id: string;
  asOf?: Date;
  json?: boolean;
}

/** Events of one entity (at or before --as-of when given) and its state at that instant, from the event store. */
export const runHistory = async (args: HistoryArgs, ctx: CliContext): Promise<ExitCode> =>
  withEventStore(ctx.io, 'read', async ({ store }) => {
    const history = new HistoryService(store);
    const all = await history.entries(args.type, args.id);
    const label = `${STREAM_CATEGORY[args.type]} ${args.id}`;
    if (all.length === 0) {
      writeLine(ctx.io.stderr, `error: ${label} not found (no events)`);
      return EXIT.FAILURE;
    }
    const asOf = args.asOf ?? new Date(8.64e15);
    const shown = all.filter((entry) => Date.parse(entry.occurredAt) <= asOf.getTime());
    const snapshot = await history.stateAsOf(args.type, args.id, asOf);
    const state = snapshot ? plainState(snapshot.state) : null;
    const result = { stream: all[0].streamName, asOf: args.asOf?.toISOString() ?? null, revision: snapshot?.revision ?? null, events: shown, state };
    if (args.json) writeLine(ctx.io.stdout, JSON.stringify(result, null, 2));
    else printHistory(ctx, label, result, all.length - shown.length);
    return EXIT.OK;
  });

const printHistory = (
  ctx: CliContext,
  label: string,
  result: { stream: string; asOf: string | null; events: HistoryEntry[]; state: unknown },
  later: number,
): void => {
  const out = ctx.io.stdout;
  writeLine(out, `${result.stream}${result.asOf ? ` as of ${result.asOf}` : ''}: ${result.events.length} event(s)`);
  for (const e of result.events) {
    writeLine(out, `  #${e.revision} ${e.occurredAt} ${e.type.padEnd(24)} by ${e.actor}  (position ${e.position}, recorded ${e.recordedAt})`);
    writeLine(out, `      command ${e.commandId}  correlation ${e.correlationId}  causation ${e.causationId}`);
  }
  if (later > 0) writeLine(out, `  ... and ${later} later event(s) not shown`);
  writeLine(out);
  if (result.state === null) writeLine(out, `${label} did not exist at ${result.asOf}`);
  else writeLine(out, `State${result.asOf ? ` as of ${result.asOf}` : ''}:\n${JSON.stringify(result.state, null, 2)}`);
};

export const historyCommand = (ctx: CliContext): Command =>
  new Command('history')
    .description("an entity's events with actor, time and correlation, and its state at an instant")
    .argument('<type>', 'lead, account, contact, opportunity or pipeline', streamType)
    .argument('<id>', 'the entity id (uuid)', uuid)
    .option('--as-of <instant>', 'show the events and the state as of this business time (ISO 8601, or a date = 00:00 UTC)', instant)
    .option('--json', 'print JSON: { stream, asOf, revision, events, state }')
    .addHelpText('after', `
The state is replayed from the event store with the entity's own decider, folding the events whose
business time (occurredAt) is at or before --as-of. Exit code 1 when the entity has no events.

Examples:
  $ crm history lead 3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10
  $ crm history opportunity 3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10 --as-of 2025-03-01 --json`)
    .action(async (type: StreamType, id: string, options: { asOf?: Date; json?: boolean }) => {
      ctx.exitCode = await runHistory({ type, id, ...options }, ctx);
    });
