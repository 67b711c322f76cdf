import { Command } from 'commander';
import { EXIT, type CliContext, type CliIo, type ExitCode } from './cli-context';
import { reportError } from './cli-errors';
import { CLI_COMMANDS } from './commands/command-list';

/** Commander's defaults exit the process; here every command throws instead and writes to the context's streams. */
const configure = (command: Command, ctx: CliContext): void => {
  command
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.io.stdout.write(text), writeErr: (text) => ctx.io.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)');
  for (const sub of command.commands) configure(sub, ctx);
};

export const buildProgram = (ctx: CliContext): Command => {
  const program = new Command('crm')
    .description('Pipeline CRM command line: history, export, audit, pipeline reports, tokens and demo data')
    .addHelpText('after', `
Configuration (environment): CRM_DATA_DIR (default ./data), EVENT_STORE=sqlite|esdb, EVENTSTORE_URL,
CRM_JWT_SECRET. Exit codes: 0 success, 1 failure (something found wrong, or an error), 2 bad usage.`);
  for (const factory of CLI_COMMANDS) program.addCommand(factory(ctx));
  configure(program, ctx);
  return program;
};

/** Runs one invocation (arguments without the node and script names) and returns its exit code. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const ctx: CliContext = { io, exitCode: EXIT.OK };
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
};
