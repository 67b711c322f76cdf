import { Command } from 'commander';
import type { ForecastPeriod, PipelineReports } from '@crm/application';
import type { PipelineDefinitionDoc, PipelineQuery } from '@crm/read-models';
import { currency, instant, month, oneOf, userId, uuid } from '../cli-arguments';
import { EXIT, processIo, type CliContext, type ExitCode } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { ReportHeading } from '../reports/report-heading';
import { renderForecast, renderMovement, REPORT_FORMATS, type ReportFormat } from '../reports/report-formats';
import { withPipelineReports } from '../reports/reports-app';

/** What both reports are about: one pipeline (the default one when not named), optionally narrowed. */
export interface ScopeOptions {
  pipeline?: string;
  owner?: string;
  currency?: string;
  closeFrom?: string;
  closeTo?: string;
  format: ReportFormat;
}

export interface MovementOptions extends ScopeOptions {
  from: Date;
  to: Date;
}

export interface ForecastOptions extends ScopeOptions {
  period: ForecastPeriod;
  from?: Date;
  to?: Date;
}

const queryOf = (options: ScopeOptions): PipelineQuery => ({
  pipelineId: options.pipeline ?? null,
  ownerId: options.owner ?? null,
  currency: options.currency ?? null,
  closeDateFrom: options.closeFrom ?? null,
  closeDateTo: options.closeTo ?? null,
});

const headingOf = (definition: PipelineDefinitionDoc, options: ScopeOptions): ReportHeading => ({
  pipeline: { id: definition.id, name: definition.name },
  ownerId: options.owner ?? null,
  currency: options.currency ?? null,
  closeFrom: options.closeFrom ?? null,
  closeTo: options.closeTo ?? null,
});

/** Checked before any store is opened: a wrong invocation costs no catch-up of the read model. */
const requireOrder = (from: Date | undefined, to: Date | undefined): void => {
  if (from !== undefined && to !== undefined && from.getTime() > to.getTime()) throw new UsageError('--from must not be after --to');
};

const report = async (ctx: CliContext, make: (reports: PipelineReports) => Promise<string>): Promise<ExitCode> =>
  withPipelineReports(ctx.io, async (reports) => {
    ctx.io.stdout.write(await make(reports));
    return EXIT.OK;
  });

export const runMovement = async (options: MovementOptions, ctx: CliContext): Promise<ExitCode> => {
  requireOrder(options.from, options.to);
  return report(ctx, async (reports) => {
    const { definition, ...movement } = await reports.movement(options.from, options.to, queryOf(options));
    return renderMovement(options.format, { ...headingOf(definition, options), from: options.from, to: options.to, report: movement });
  });
};

export const runForecast = async (options: ForecastOptions, ctx: CliContext): Promise<ExitCode> => {
  requireOrder(options.from, options.to);
  return report(ctx, async (reports) => {
    const from = options.from ?? null;
    const to = options.to ?? null;
    const { definition, rows } = await reports.forecast(queryOf(options), options.period, from, to);
    return renderForecast(options.format, { ...headingOf(definition, options), period: options.period, from, to, rows });
  });
};

/** The options both reports take, in the order `--help` lists them. */
const withScope = (command: Command): Command =>
  command
    .option('--pipeline <id>', 'the pipeline (uuid); the default pipeline when omitted', uuid)
    .option('--owner <id>', "only this owner's opportunities (a user id, a token's sub)", userId)
    .option('--currency <code>', 'only opportunities in this currency (ISO 4217)', currency)
    .option('--close-from <month>', 'only opportunities expected to close in or after this month (YYYY-MM or a date)', month)
    .option('--close-to <month>', 'only opportunities expected to close in or before this month (YYYY-MM or a date)', month)
    .option('--format <format>', REPORT_FORMATS.join(', '), oneOf(REPORT_FORMATS), 'table' as ReportFormat);

const movementCommand = (ctx: CliContext): Command =>
  withScope(
    new Command('movement')
      .description('why the pipeline changed between two instants, per currency: start, created, pulled in, increased, decreased, pushed out, won, lost, end')
      .requiredOption('--from <date>', 'the earlier instant (ISO 8601, or a date = 00:00 UTC)', instant)
      .requiredOption('--to <date>', 'the later instant (ISO 8601, or a date = 00:00 UTC)', instant),
  )
    .addHelpText('after', `
An opportunity is in the pipeline at an instant when it is open then (and matches the filters then).
Per currency, exactly: start + created + pulledIn + increased - decreased - pushedOut - won - lost = end.
The table signs each amount by the way it moves the pipeline; CSV gives it unsigned with an effect
column; JSON lists every opportunity's contribution to each bucket.

Examples:
  $ crm report movement --from 2026-01-01 --to 2026-04-01
  $ crm report movement --from 2026-01-01 --to 2026-04-01 --pipeline 0b3e5a2c-6f1d-4c8e-9a7b-2d4f6e8a0c11 --format csv`)
    .action(async (options: MovementOptions) => {
      ctx.exitCode = await runMovement(options, ctx);
    });

const forecastCommand = (ctx: CliContext): Command =>
  withScope(
    new Command('forecast')
      .description('open amounts (and weighted) by close period and forecast category, and what was won in each period')
      .option('--period <period>', 'month or quarter', oneOf(['MONTH', 'QUARTER'] as const), 'MONTH' as ForecastPeriod)
      .option('--from <date>', 'close and win dates from this instant on (ISO 8601, or a date = 00:00 UTC)', instant)
      .option('--to <date>', 'close and win dates before this instant (ISO 8601, or a date = 00:00 UTC)', instant),
  )
    .addHelpText('after', `
Open opportunities count in the period of their expected close date, in the forecast category of their
stage; won amounts in the period they were won. In CSV, count is the row's open opportunities in all
currencies together, repeated on each of its currency's records.

Examples:
  $ crm report forecast
  $ crm report forecast --period quarter --from 2026-01-01 --to 2027-01-01 --format json`)
    .action(async (options: ForecastOptions) => {
      ctx.exitCode = await runForecast(options, ctx);
    });

/** `crm report movement | forecast`: the pipeline through time, from the log, with or without a running server. */
export const reportCommand = (ctx: CliContext = { io: processIo(), exitCode: EXIT.OK }): Command =>
  new Command('report')
    .description('pipeline reports through time: movement between two instants, forecast by close period')
    .addCommand(movementCommand(ctx))
    .addCommand(forecastCommand(ctx));
