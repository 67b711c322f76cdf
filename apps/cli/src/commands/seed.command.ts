import { Command } from 'commander';
import { seedDemoData, startOfUtcDay, type SeedSummary } from '@crm/application';
import { instant, wholeNumber } from '../cli-arguments';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { UsageError } from '../cli-errors';
import { progressBar } from '../cli-progress-bar';
import { withEventStore } from '../cli-stores';

export interface SeedArgs {
  leads: number;
  seed: number;
  until?: Date;
  months: number;
  json?: boolean;
}

/**
 * The seed's page cache for the log: a batch of 2,000 stories (about 7,500 events) touches index
 * pages all over the file, and a page that stays cached is written once per batch, not spilled and
 * read back.
 */
const SEED_PAGE_CACHE_KIB = 64 * 1024;

/** Writes reproducible demo data; prints what it wrote on stdout. */
export const runSeed = async (args: SeedArgs, ctx: CliContext): Promise<ExitCode> => {
  const end = args.until ?? startOfUtcDay();
  if (end.getTime() > Date.now()) throw new UsageError('--until must not be in the future: seeded facts happened in the past');
  return withEventStore(ctx.io, 'write', async ({ store, personalData }) => {
    const started = Date.now();
    const bar = progressBar(ctx.io, 'seed', args.leads);
    let summary: SeedSummary;
    try {
      summary = await seedDemoData(store, personalData, {
        leads: args.leads, seed: args.seed, end, months: args.months,
        onProgress: ({ leads, events }) => bar.update(leads, { detail: `${events} events` }),
      });
    } finally {
      bar.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    const result = { ...summary, seed: args.seed, until: end.toISOString(), seconds };
    if (args.json) writeLine(ctx.io.stdout, JSON.stringify(result, null, 2));
    else printSummary(ctx, result);
    return EXIT.OK;
  }, { pageCacheKiB: SEED_PAGE_CACHE_KIB });
};

const printSummary = (ctx: CliContext, r: SeedSummary & { seed: number; until: string; seconds: number }): void => {
  const count = (type: string) => r.eventTypes[type] ?? 0;
  writeLine(ctx.io.stdout, `Seeded ${r.leads} leads (seed ${r.seed}, history until ${r.until}): ${r.events} events in ${r.seconds.toFixed(1)} s`);
  writeLine(ctx.io.stdout, `  leads: ${count('LeadWorkingStarted')} worked, ${count('LeadQualified')} qualified, ${count('LeadDisqualified')} disqualified, ${count('LeadConverted')} converted`);
  writeLine(ctx.io.stdout, `  customers: ${count('AccountRegistered')} accounts, ${count('ContactAdded')} contacts, ${count('OpportunityOpened')} opportunities`);
  writeLine(ctx.io.stdout, `  deals: ${count('OpportunityWon')} won, ${count('OpportunityLost')} lost, ${count('OpportunityStageChanged')} stage changes`);
};

export const seedCommand = (ctx: CliContext): Command =>
  new Command('seed')
    .description('write realistic, reproducible demo data (leads, accounts, contacts, opportunities)')
    .option('-n, --leads <n>', 'number of leads', wholeNumber(1, 10_000_000), 1000)
    .option('-s, --seed <int>', 'random seed: the same seed (and --until) gives the same data', wholeNumber(0, 2 ** 32 - 1), 1)
    .option('--until <instant>', 'the seeded history ends here (default: start of today, UTC)', instant)
    .option('--months <n>', 'length of the seeded history in months', wholeNumber(1, 120), 12)
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Every command is decided by the real domain rules and written with the same event ids, metadata and
hash chain as the API would write it, with business times (occurredAt) in the past. European
organisations (mostly Dutch) of all kinds, people with plausible names and roles, leads from every
source and a B2B funnel: about 55% worked, 30% qualified, 20% disqualified, 15% converted; of the
opportunities about a quarter won and a third lost. Three pipelines: Sales (the default one), Partners
(about a fifth of the deals, moved there after the conversion) and Renewals (a renewal for most won
deals, a year on). Seeding the same seed again writes nothing new.

Examples:
  $ crm seed --leads 100000 --seed 42
  $ CRM_DATA_DIR=/tmp/demo crm seed -n 500`)
    .action(async (options: SeedArgs) => {
      ctx.exitCode = await runSeed(options, ctx);
    });
