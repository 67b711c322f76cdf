import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { auditCommand } from './audit.command';
import { exportCommand } from './export.command';
import { historyCommand } from './history.command';
import { privacyCommand } from './privacy.command';
import { projectionsCommand } from './projections.command';
import { reportCommand } from './report.command';
import { seedCommand } from './seed.command';
import { tokenCommand } from './token.command';

/** A command of the command line: built from the shared context, one file per command in this folder. */
export type CliCommandFactory = (ctx: CliContext) => Command;

/** Every command, in the order `crm --help` lists them. */
export const CLI_COMMANDS: readonly CliCommandFactory[] = [
  historyCommand,
  exportCommand,
  auditCommand,
  projectionsCommand,
  reportCommand,
  tokenCommand,
  seedCommand,
  privacyCommand,
];
