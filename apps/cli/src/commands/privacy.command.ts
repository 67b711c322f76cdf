import { Command, InvalidArgumentError, Option } from 'commander';
import { accessReport, derivedUuid, ErasePersonCommand, newId, type ErasureOutcome } from '@crm/application';
import { ERASURE_REASONS, type ErasureReason } from '@crm/domain';
import { instant, uuid } from '../cli-arguments';
import { EXIT, processIo, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { UsageError } from '../cli-errors';
import { withPrivacyApp, type PrivacyApp } from '../privacy-app';

/** Who the command line acts as: the operating system's user, as the events' actor. */
const actorOf = (ctx: CliContext): string => `cli:${ctx.io.env.USER ?? 'unknown'}`;

const erasureReason = (raw: string): ErasureReason => {
  const value = raw.trim().toUpperCase();
  if (!(ERASURE_REASONS as readonly string[]).includes(value)) throw new InvalidArgumentError(`"${raw}" is not one of ${ERASURE_REASONS.join(', ')}`);
  return value as ErasureReason;
};

const erase = async (app: PrivacyApp, ctx: CliContext, person: { leadId?: string; contactId?: string }, reason: ErasureReason, notes: string | null, commandId: string): Promise<ErasureOutcome> => {
  const outcome = await app.commands.execute(new ErasePersonCommand({ ...person, reason, notes }, { actor: actorOf(ctx), commandId }));
  if (!(await app.catchUp(outcome.position))) {
    writeLine(ctx.io.stderr, 'warning: the read models have not shown the erasure yet; they will once the projections run');
  }
  return outcome;
};

export const runErase = async (ctx: CliContext, args: { lead?: string; contact?: string; reason: ErasureReason; notes?: string }): Promise<ExitCode> => {
  if ((args.lead === undefined) === (args.contact === undefined)) throw new UsageError('name the person by exactly one of --lead and --contact');
  return withPrivacyApp(ctx.io, async (app) => {
    const outcome = await erase(app, ctx, { leadId: args.lead, contactId: args.contact }, args.reason, args.notes ?? null, newId());
    writeLine(ctx.io.stdout, JSON.stringify({ ...outcome, position: outcome.position?.toString() ?? null }, null, 2));
    return EXIT.OK;
  });
};

export const runExport = async (ctx: CliContext, args: { email?: string; phone?: string }): Promise<ExitCode> => {
  if (args.email === undefined && args.phone === undefined) throw new UsageError('give --email, --phone or both');
  return withPrivacyApp(ctx.io, async (app) => {
    // The report searches the read models: they must hold everything the log holds now.
    if (!(await app.catchUp(await app.stores.eventStore.headPosition()))) {
      writeLine(ctx.io.stderr, 'error: the read models did not catch up with the log; the report would be incomplete');
      return EXIT.FAILURE;
    }
    const subjects = await accessReport(app.documents, app.stores.eventStore, args);
    writeLine(ctx.io.stdout, JSON.stringify({ email: args.email ?? null, phone: args.phone ?? null, subjects }, null, 2));
    return EXIT.OK;
  });
};

/**
 * Erases every lead disqualified before the date and never converted (a reopened lead is not
 * disqualified any more). Each erasure's command id derives from the lead, so a run that stopped
 * part-way is completed by running it again, without erasing anyone twice.
 */
export const runRetention = async (ctx: CliContext, args: { disqualifiedBefore: Date; dryRun?: boolean }): Promise<ExitCode> =>
  withPrivacyApp(ctx.io, async (app) => {
    if (!(await app.catchUp(await app.stores.eventStore.headPosition()))) {
      writeLine(ctx.io.stderr, 'error: the read models did not catch up with the log; whom to erase cannot be told');
      return EXIT.FAILURE;
    }
    const due = (await app.documents.findAll('leads', { status: 'DISQUALIFIED', disqualifiedAt: { $lt: args.disqualifiedBefore.toISOString() } }))
      .filter((lead) => lead.erased !== true);
    const erased: { leadId: string; subjectId: string | null; disqualifiedAt: unknown }[] = [];
    for (const lead of due) {
      const leadId = String(lead.id);
      if (!args.dryRun) await erase(app, ctx, { leadId }, 'RETENTION', null, derivedUuid(leadId, 'retention'));
      erased.push({ leadId, subjectId: typeof lead.subjectId === 'string' ? lead.subjectId : null, disqualifiedAt: lead.disqualifiedAt });
    }
    const report = { disqualifiedBefore: args.disqualifiedBefore.toISOString(), dryRun: args.dryRun === true, count: erased.length, leads: erased };
    writeLine(ctx.io.stdout, JSON.stringify(report, null, 2));
    return EXIT.OK;
  });

/** `crm privacy erase | export | retention`: the data protection officer's tools. */
export const privacyCommand = (ctx: CliContext = { io: processIo(), exitCode: EXIT.OK }): Command => {
  const command = new Command('privacy').description("personal data (GDPR): erase a person, answer an access request, apply retention");
  command
    .command('erase')
    .description('forget a person for good: destroys their key, records PersonErased on their lead and contact')
    .option('--lead <id>', 'the person by their lead', uuid)
    .option('--contact <id>', 'the person by their contact', uuid)
    .addOption(new Option('--reason <reason>', `why: ${ERASURE_REASONS.join(', ')}`).argParser(erasureReason).makeOptionMandatory())
    .option('--notes <text>', 'kept with the erasure request in the key store, never in the log')
    .action(async (options: { lead?: string; contact?: string; reason: ErasureReason; notes?: string }) => {
      ctx.exitCode = await runErase(ctx, options);
    });
  command
    .command('export')
    .description('everything held about whoever has this email or phone, decrypted, as JSON (an access request)')
    .option('--email <email>', 'their email address')
    .option('--phone <phone>', 'their phone number')
    .action(async (options: { email?: string; phone?: string }) => {
      ctx.exitCode = await runExport(ctx, options);
    });
  command
    .command('retention')
    .description('erase the leads disqualified before a date and never converted, and report whom')
    .requiredOption('--disqualified-before <date>', 'ISO 8601 instant, or a date (00:00 UTC)', instant)
    .option('--dry-run', 'report whom it would erase, erase no one')
    .action(async (options: { disqualifiedBefore: Date; dryRun?: boolean }) => {
      ctx.exitCode = await runRetention(ctx, options);
    });
  return command;
};
