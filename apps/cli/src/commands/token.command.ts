import { Command } from 'commander';
import { loadConfig, loadOrCreateJwtSecret, ROLES, signToken, type Role } from '@crm/application';
import { duration, roles } from '../cli-arguments';
import { EXIT, writeLine, type CliContext, type ExitCode } from '../cli-context';
import { UsageError } from '../cli-errors';

export interface TokenOptions {
  role: Role[];
  sub: string;
  ttl: number;
}

/** Prints a signed HS256 JWT (claims sub and roles) on stdout, nothing else, so `$(crm token ...)` works. */
export const runToken = async (options: TokenOptions, ctx: CliContext): Promise<ExitCode> => {
  if (!options.role?.length) throw new UsageError(`--role is required (one or more of ${ROLES.join(', ')})`);
  const config = loadConfig(ctx.io.env);
  const secret = loadOrCreateJwtSecret(config.dataDir, ctx.io.env);
  writeLine(ctx.io.stdout, await signToken({ sub: options.sub, roles: options.role }, secret, options.ttl, config.tokenPolicy));
  return EXIT.OK;
};

export const tokenCommand = (ctx: CliContext): Command =>
  new Command('token')
    .description('print a signed access token (HS256 JWT with claims sub and roles) for the API')
    .option('-r, --role <role>', `role to grant, repeatable or comma-separated: ${ROLES.join(', ')}`, roles)
    .option('-s, --sub <id>', 'subject (user id) of the token', 'crm-cli')
    .option('--ttl <duration>', 'lifetime: seconds, or with s, m, h or d', duration, 8 * 3600)
    .addHelpText(
      'after',
      `
The secret is CRM_JWT_SECRET (at least 32 bytes) or, when unset, the one kept in
<CRM_DATA_DIR>/jwt-secret, created on first use (mode 0600) and shared with the server.
With CRM_JWT_ISSUER and CRM_JWT_AUDIENCE set, the token carries them as iss and aud,
as the server then requires.

Examples:
  $ crm token --role rep --sub anna.devries
  $ curl -H "Authorization: Bearer $(crm token --role auditor)" http://127.0.0.1:3000/graphql`,
    )
    .action(async (options: TokenOptions) => {
      ctx.exitCode = await runToken(options, ctx);
    });
